/**
 * Helpers for the `connect dev` end-to-end tests: copy a fixture repository into a temp dir
 * (files named `dotenv` become `.env`, which Git ignores), start the built CLI on it, wait for
 * output, read `.connect/dev.json`, call the admin API, check processes.
 */
import { readFileSync } from 'node:fs';
import { cp, readdir, readFile, rename } from 'node:fs/promises';
import { join } from 'node:path';

import type { EmulatorStatus } from '../src/emulator/emulator.js';
import type { AppInfo } from '../src/emulator/types.js';
import { repoRoot, spawnCli, tempDir } from './helpers/cli.js';

export const fixturesDir = join(repoRoot, 'test', 'fixtures', 'dev');

async function renameDotenv(dir: string): Promise<void> {
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) await renameDotenv(path);
    else if (entry.name === 'dotenv') await rename(path, join(dir, '.env'));
  }
}

export async function copyFixture(name: string): Promise<{ path: string; cleanup: () => Promise<void> }> {
  const dir = await tempDir('connect-dev-');
  await cp(join(fixturesDir, name), dir.path, { recursive: true });
  await renameDotenv(dir.path);
  return dir;
}

export type DevProcess = ReturnType<typeof spawnCli> & {
  output(): { stdout: string; stderr: string };
  waitFor(pattern: RegExp, timeoutMs?: number, stream?: 'stdout' | 'stderr' | 'both'): Promise<void>;
};

/** Starts `connect dev` with the given arguments; its output is collected as it comes. */
export function startDev(
  args: string[],
  options: { cwd?: string; env?: Record<string, string> } = {},
): DevProcess {
  const child = spawnCli(['dev', ...args], {
    ...(options.cwd ? { cwd: options.cwd } : {}),
    env: { ...options.env },
    buffer: false,
  }) as DevProcess;
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  child.output = () => ({ stdout, stderr });
  child.waitFor = async (pattern, timeoutMs = 30_000, stream = 'both') => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const text = stream === 'stdout' ? stdout : stream === 'stderr' ? stderr : `${stdout}\n${stderr}`;
      if (pattern.test(text)) return;
      if (child.exitCode !== null || Date.now() > deadline) {
        throw new Error(`timed out waiting for ${pattern}\n--- stdout\n${stdout}\n--- stderr\n${stderr}`);
      }
      await sleep(50);
    }
  };
  return child;
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Retries `check` until it returns a truthy value or the time is up. */
export async function eventually<T>(
  check: () => Promise<T> | T,
  timeoutMs = 15_000,
  what = 'condition',
): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value) return value as NonNullable<T>;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline)
      throw new Error(`timed out waiting for ${what}${last ? `: ${String(last)}` : ''}`);
    await sleep(100);
  }
}

/** Admin tokens by admin origin, learned from the dev.json files read by adminUrl(). */
const adminTokens = new Map<string, string>();

export async function adminUrl(root: string): Promise<string> {
  const state = JSON.parse(await readFile(join(root, '.connect', 'dev.json'), 'utf8')) as {
    adminUrl: string;
    token?: string;
  };
  if (state.token) adminTokens.set(state.adminUrl, state.token);
  return state.adminUrl;
}

/** fetch() that sends the run's admin token to an admin URL read by adminUrl(). */
export function adminFetch(url: string, init: RequestInit = {}): Promise<Response> {
  const token = adminTokens.get(new URL(url).origin);
  const headers = new Headers(init.headers);
  if (token && !headers.has('authorization')) headers.set('authorization', `Bearer ${token}`);
  return fetch(url, { ...init, headers });
}

export async function getJson<T = unknown>(url: string, init?: RequestInit): Promise<T> {
  const response = await adminFetch(url, init);
  return (await response.json()) as T;
}

/** True when the process exists and is not a zombie waiting to be reaped. */
export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z';
  } catch {
    return true;
  }
}

/** Waits (a little: a SIGKILL is not instantaneous) until none of the processes is alive. */
export async function allGone(pids: number[], timeoutMs = 5000): Promise<number[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const left = pids.filter(alive);
    if (left.length === 0 || Date.now() > deadline) return left;
    await sleep(50);
  }
}

/** The applications of the emulator's status, by name (throws on an unknown name). */
export async function apps(admin: string): Promise<(name: string) => AppInfo> {
  const status = await getJson<EmulatorStatus>(`${admin}/__connect/api/status`);
  return (name) => {
    const app = status.applications.find((candidate) => candidate.name === name);
    if (!app) throw new Error(`no application ${name} in ${JSON.stringify(status)}`);
    return app;
  };
}

/** What the fixture apps answer. */
export interface AppAnswer {
  pid: number;
  env: Record<string, string | null>;
  message?: string;
}
