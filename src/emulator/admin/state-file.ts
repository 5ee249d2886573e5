/**
 * `.connect/dev.json`: where a running `connect dev` can be reached. Written when the admin
 * server listens, removed when the emulator stops (only by the emulator that wrote it).
 */
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

import { stateDir } from '../../config/paths.js';

export interface DevState {
  pid: number;
  adminUrl: string;
  root: string;
  startedAt: string;
  version: string;
}

export function devStateFile(root: string): string {
  return join(stateDir(root), 'dev.json');
}

export async function writeDevState(state: DevState): Promise<void> {
  const dir = stateDir(state.root);
  await mkdir(dir, { recursive: true });
  // The folder is local state: keep it out of Git even when the repository does not ignore it.
  await writeFile(join(dir, '.gitignore'), '*\n', { flag: 'wx' }).catch(() => undefined);
  await writeFile(devStateFile(state.root), `${JSON.stringify(state, null, 2)}\n`);
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
