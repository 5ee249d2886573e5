/**
 * Child processes of the emulator: each in its own process group (so the whole tree can be
 * stopped), with an explicit environment, registered with the guardian, output read line by
 * line. Used for application processes, builds and postDeploy/preUndeploy scripts.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { delimiter, dirname, join, relative } from 'node:path';
import { createInterface } from 'node:readline';

import type { Guardian } from './guardian.js';

export interface Spawned {
  child: ChildProcess;
  /** Resolves with the exit code (or 128 + signal number style: null code gives -1) when the process ends. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

export interface SpawnShellOptions {
  cwd: string;
  env: Record<string, string>;
  guardian?: Guardian | undefined;
  onLine(stream: 'stdout' | 'stderr', text: string): void;
  /**
   * Called with the port of each server the process starts listening on, as the preload reports
   * it through a pipe on file descriptor 3 (CONNECT_DEV_NOTIFY_FD).
   */
  onListening?: ((port: number) => void) | undefined;
}

/** The file descriptor of the readiness pipe in the child (see SpawnShellOptions.onListening). */
const NOTIFY_FD = 3;

/** Runs `sh -c command` in its own process group. */
export function spawnShell(command: string, options: SpawnShellOptions): Spawned {
  // dash does not exec the last command of `sh -c`: do it for simple commands, so the app's own
  // process is the group leader whose pid we show and whose exit we see.
  const simple = /^[^;&|<>()`$\n\\'"=*?]+$/.test(command.trim()) && !/^\s*exec\s/.test(command);
  const notify = options.onListening !== undefined;
  const child = spawn('/bin/sh', ['-c', simple ? `exec ${command.trim()}` : command], {
    cwd: options.cwd,
    env: notify ? { ...options.env, CONNECT_DEV_NOTIFY_FD: String(NOTIFY_FD) } : options.env,
    detached: true,
    stdio: notify ? ['ignore', 'pipe', 'pipe', 'pipe'] : ['ignore', 'pipe', 'pipe'],
  });
  options.guardian?.add(child.pid);
  for (const stream of ['stdout', 'stderr'] as const) {
    const source = child[stream];
    if (!source) continue;
    createInterface({ input: source, crlfDelay: Infinity }).on('line', (line) =>
      options.onLine(stream, line),
    );
  }
  const notices = notify ? child.stdio[NOTIFY_FD] : null;
  if (notices && options.onListening) {
    const onListening = options.onListening;
    createInterface({ input: notices as NodeJS.ReadableStream, crlfDelay: Infinity }).on('line', (line) => {
      const port = /^listening (\d+)$/.exec(line)?.[1];
      if (port !== undefined) onListening(Number(port));
    });
  }
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.once('error', () => resolve({ code: -1, signal: null }));
    // The leader is gone: whatever is left of its group goes too (it would hold the pipes open).
    child.once('exit', () => killGroup(child.pid, 'SIGKILL'));
    // 'close' waits for the output streams, so the last lines are read before we report.
    child.once('close', (code, signal) => {
      killGroup(child.pid, 'SIGKILL');
      options.guardian?.remove(child.pid);
      resolve({ code, signal });
    });
  });
  return { child, exited };
}

/** Sends a signal to a whole process group; false when the group no longer exists. */
export function killGroup(pgid: number | undefined, signal: NodeJS.Signals): boolean {
  if (!pgid) return false;
  try {
    process.kill(-pgid, signal);
    return true;
  } catch {
    return false;
  }
}

/** Stops a process group: SIGTERM, then SIGKILL after `graceMs`. Resolves when the leader exited. */
export async function stopGroup(spawned: Spawned, graceMs: number): Promise<void> {
  const { child, exited } = spawned;
  if (child.exitCode !== null || child.signalCode !== null) {
    killGroup(child.pid, 'SIGKILL');
    return;
  }
  killGroup(child.pid, 'SIGTERM');
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), graceMs);
  });
  const result = await Promise.race([exited, timeout]);
  clearTimeout(timer);
  if (result === 'timeout') {
    killGroup(child.pid, 'SIGKILL');
    await exited;
  }
  // Stragglers of the group (grandchildren that ignored SIGTERM) go too.
  killGroup(child.pid, 'SIGKILL');
}

export interface RunResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  output: string;
  durationMs: number;
  timedOut: boolean;
}

/** Runs a command to completion, collecting its output (stdout and stderr interleaved). */
export async function runShell(
  command: string,
  options: SpawnShellOptions & {
    timeoutMs?: number | undefined;
    /** Stops the command (SIGTERM to its group, SIGKILL after 2 s): the emulator is stopping. */
    signal?: AbortSignal | undefined;
  },
): Promise<RunResult> {
  const started = performance.now();
  const lines: string[] = [];
  const spawned = spawnShell(command, {
    ...options,
    onLine(stream, text) {
      lines.push(text);
      options.onLine(stream, text);
    },
  });
  let timedOut = false;
  let timer: NodeJS.Timeout | undefined;
  if (options.timeoutMs) {
    timer = setTimeout(() => {
      timedOut = true;
      void stopGroup(spawned, 2000);
    }, options.timeoutMs);
  }
  const abort = (): void => void stopGroup(spawned, 2000);
  if (options.signal?.aborted) abort();
  else options.signal?.addEventListener('abort', abort, { once: true });
  const { code, signal } = await spawned.exited;
  options.signal?.removeEventListener('abort', abort);
  clearTimeout(timer);
  return { code, signal, output: lines.join('\n'), durationMs: performance.now() - started, timedOut };
}

export interface PackageInfo {
  scripts: Record<string, string>;
  hasDependencies: boolean;
}

export async function readPackage(dir: string): Promise<PackageInfo | undefined> {
  try {
    const pkg = JSON.parse(await readFile(join(dir, 'package.json'), 'utf8')) as {
      scripts?: Record<string, string>;
      dependencies?: Record<string, string>;
      devDependencies?: Record<string, string>;
    };
    return {
      scripts: pkg.scripts ?? {},
      hasDependencies:
        Object.keys(pkg.dependencies ?? {}).length + Object.keys(pkg.devDependencies ?? {}).length > 0,
    };
  } catch {
    return undefined;
  }
}

/** PATH as `npm run` sets it: each node_modules/.bin from the app folder up to the repository root. */
export function scriptPath(dir: string, root: string, path: string | undefined): string {
  const bins: string[] = [];
  let current = dir;
  for (;;) {
    bins.push(join(current, 'node_modules', '.bin'));
    if (current === root || relative(root, current).startsWith('..')) break;
    const parent = dirname(current);
    if (parent === current) break;
    current = parent;
  }
  return [...bins, ...(path ? [path] : [])].join(delimiter);
}

/** The shell command `npm run <name>` would run, with its pre/post scripts. */
export function scriptCommand(scripts: Record<string, string>, name: string): string | undefined {
  const main = scripts[name];
  if (main === undefined) return undefined;
  const pre = scripts[`pre${name}`];
  const post = scripts[`post${name}`];
  if (pre === undefined && post === undefined) return main;
  return [pre, main, post]
    .filter((part): part is string => part !== undefined)
    .map((part) => `(${part})`)
    .join(' && ');
}
