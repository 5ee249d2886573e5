/**
 * Talking to a running `connect dev` from other commands (`connect status`, `connect trigger
 * ...`, the dashboard): find it from a repository path through `.connect/dev.json`, then call
 * its admin API. Errors of the API come back as ConnectError with the API's code and hint.
 */
import { existsSync, lstatSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

import { ConnectError, ExitCode } from '../../errors.js';
import { findSpecFile, SPEC_FILE_NAMES } from '../../spec/load.js';
import { devStateFile, processAlive, readDevState, type DevState } from './state-file.js';

/** The repository root for a path: the nearest folder (upwards) with .connect/dev.json or connect.yaml. */
export function repositoryRoot(path: string = process.cwd()): string {
  const start = resolve(path);
  let current =
    existsSync(start) && !SPEC_FILE_NAMES.some((name) => start.endsWith(name)) ? start : dirname(start);
  for (;;) {
    if (
      existsSync(devStateFile(current)) ||
      // lstat: a connect.yaml that is a broken link still marks the repository (and is reported).
      SPEC_FILE_NAMES.some((name) => lstatSync(join(current, name), { throwIfNoEntry: false }))
    ) {
      return current;
    }
    const parent = dirname(current);
    if (parent === current) return start;
    current = parent;
  }
}

function notRunning(root: string, why: string): ConnectError {
  return new ConnectError('EMULATOR_NOT_RUNNING', `No \`connect dev\` is running for ${root} (${why}).`, {
    hint: `start one with \`connect dev ${root}\``,
    exitCode: ExitCode.Failure,
  });
}

export class AdminClient {
  constructor(
    readonly adminUrl: string,
    readonly state?: DevState,
    /** The run's admin token (from `.connect/dev.json`, or `emulator.adminToken` in-process). */
    readonly token: string | undefined = state?.token,
  ) {}

  async request<T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> {
    const url = `${this.adminUrl}/__connect/api${path.startsWith('/') ? path : `/${path}`}`;
    let response: Response;
    try {
      response = await fetch(url, {
        method,
        headers: {
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          ...(this.token ? { authorization: `Bearer ${this.token}` } : {}),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        signal: AbortSignal.timeout(35 * 60_000),
      });
    } catch (error) {
      throw new ConnectError(
        'EMULATOR_UNREACHABLE',
        `Cannot reach the emulator at ${this.adminUrl}: ${(error as Error).message}.`,
        {
          hint: 'check that `connect dev` is still running',
        },
      );
    }
    const text = await response.text();
    let data: unknown;
    try {
      data = text === '' ? undefined : JSON.parse(text);
    } catch {
      data = undefined;
    }
    if (!response.ok) {
      const error = (data as { error?: { code?: string; message?: string; hint?: string } } | undefined)
        ?.error;
      throw new ConnectError(
        error?.code ?? 'EMULATOR_ERROR',
        error?.message ?? `${method} ${path} answered ${response.status}.`,
        {
          hint: error?.hint,
          exitCode: response.status === 404 || response.status === 400 ? ExitCode.Usage : ExitCode.Failure,
        },
      );
    }
    return data as T;
  }

  get<T>(path: string): Promise<T> {
    return this.request<T>('GET', path);
  }

  post<T>(path: string, body?: unknown): Promise<T> {
    return this.request<T>('POST', path, body ?? {});
  }
}

/** Finds the emulator running for the repository at `path`; fails with EMULATOR_NOT_RUNNING. */
export async function connectToEmulator(path?: string): Promise<AdminClient> {
  const root = repositoryRoot(path);
  const state = await readDevState(root);
  if (!state) {
    // Not a repository at all (or a broken connect.yaml): say that, not "not running".
    await findSpecFile(root);
    throw notRunning(root, `no ${devStateFile(root)}`);
  }
  if (!processAlive(state.pid)) throw notRunning(root, `process ${state.pid} is gone`);
  return new AdminClient(state.adminUrl, state);
}
