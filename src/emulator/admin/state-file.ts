/**
 * `.connect/dev.json`: where a running `connect dev` can be reached, and the admin API's token
 * of this run. Written (0600, in a 0700 folder) when the admin server listens, removed when
 * the emulator stops (only by the emulator that wrote it).
 */
import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

import { stateDir } from '../../config/paths.js';
import { ensurePrivateDir, tightenTree, writePrivateFile } from '../../config/private-files.js';

export interface DevState {
  pid: number;
  adminUrl: string;
  root: string;
  startedAt: string;
  version: string;
  /** The admin API's bearer token of this run (only the user can read this file). */
  token?: string;
}

export function devStateFile(root: string): string {
  return join(stateDir(root), 'dev.json');
}

export async function writeDevState(state: DevState): Promise<void> {
  const dir = stateDir(state.root);
  await ensurePrivateDir(dir);
  await tightenTree(dir);
  // The folder is local state: keep it out of Git even when the repository does not ignore it.
  await writeFile(join(dir, '.gitignore'), '*\n', { flag: 'wx', mode: 0o600 }).catch(() => undefined);
  await writePrivateFile(devStateFile(state.root), `${JSON.stringify(state, null, 2)}\n`);
}

export async function readDevState(root: string): Promise<DevState | undefined> {
  try {
    const data = JSON.parse(await readFile(devStateFile(root), 'utf8')) as Partial<DevState>;
    if (typeof data.pid !== 'number' || typeof data.adminUrl !== 'string') return undefined;
    return data as DevState;
  } catch {
    return undefined;
  }
}

/** Removes dev.json if it still names this process. */
export async function removeDevState(root: string, pid: number = process.pid): Promise<void> {
  const current = await readDevState(root);
  if (current && current.pid !== pid) return;
  await rm(devStateFile(root), { force: true });
}

export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
