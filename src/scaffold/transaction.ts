/**
 * All-or-nothing writes: remembers what a scaffold created (and moves aside what --force
 * replaces), so that a failure or Ctrl-C midway removes it all and leaves the directory as
 * it was, never a half-made repository.
 */
import { existsSync } from 'node:fs';
import { mkdir, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';

import { ConnectError, ExitCode } from '../errors.js';
import { insideRoot } from './render.js';

/** Files that --force replaces wait in DIR/<prefix>-<pid>-<time>/ until the scaffold succeeds. */
export const BACKUP_PREFIX = '.connect-backup-';

export class Transaction {
  /** The first directory this transaction created on the way to root (removed on rollback). */
  private createdRoot: string | undefined;
  private readonly created: string[] = [];
  private readonly restoreText = new Map<string, string>();
  private backupDir: string | undefined;
  private readonly backedUp: string[] = [];

  constructor(readonly root: string) {}

  async ensureRoot(): Promise<void> {
    this.createdRoot = await makeDirectories(this.root);
  }

  /**
   * Claims the top-level entry PATH (relative to root) for writing: an existing one is moved
   * into a backup folder inside root, to be restored on rollback.
   */
  async claim(path: string): Promise<void> {
    const absolute = insideRoot(this.root, path);
    if (existsSync(absolute)) {
      this.backupDir ??= join(this.root, `${BACKUP_PREFIX}${process.pid}-${Date.now()}`);
      const backup = join(this.backupDir, path);
      await mkdir(dirname(backup), { recursive: true });
      await rename(absolute, backup);
      this.backedUp.push(path);
    }
    this.created.push(absolute);
  }

  /** Overwrites the text file PATH, remembering its old content for rollback. */
  async replaceText(path: string, oldText: string, newText: string): Promise<void> {
    const absolute = insideRoot(this.root, path);
    this.restoreText.set(absolute, oldText);
    await writeFile(absolute, newText);
  }

  async rollback(): Promise<void> {
    if (this.createdRoot !== undefined) {
      await rm(this.createdRoot, { recursive: true, force: true });
      return;
    }
    for (const path of [...this.created].reverse()) await rm(path, { recursive: true, force: true });
    for (const [path, text] of this.restoreText) await writeFile(path, text);
    if (this.backupDir !== undefined) {
      for (const path of this.backedUp) await rename(join(this.backupDir, path), join(this.root, path));
      await rm(this.backupDir, { recursive: true, force: true });
    }
  }

  async commit(): Promise<void> {
    if (this.backupDir !== undefined) await rm(this.backupDir, { recursive: true, force: true });
  }
}

/**
 * mkdir -p, one level at a time: Node's recursive mkdir loops forever (and ignores SIGTERM) on
 * a path under /proc, where mkdir answers ENOENT while the parent exists. Any error fails at once
 * with a clear message. Returns the first folder created (undefined: it existed).
 */
export async function makeDirectories(path: string): Promise<string | undefined> {
  const missing: string[] = [];
  let current = resolve(path);
  for (;;) {
    const info = await stat(current).catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return undefined;
      throw cannotCreate(path, error);
    });
    if (info?.isDirectory()) break;
    if (info)
      throw cannotCreate(path, Object.assign(new Error(`${current} is not a folder`), { code: 'ENOTDIR' }));
    missing.unshift(current);
    const parent = dirname(current);
    if (parent === current) break;
    current = parent;
  }
  for (const folder of missing) {
    await mkdir(folder).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'EEXIST') throw cannotCreate(path, error);
    });
  }
  return missing[0];
}

function cannotCreate(path: string, error: NodeJS.ErrnoException): ConnectError {
  return new ConnectError('TARGET_NOT_WRITABLE', `Cannot create ${path}: ${error.code ?? error.message}.`, {
    hint: 'choose a folder you can write to, e.g. `connect init ./my-connector`',
    exitCode: ExitCode.Usage,
  });
}

/** True when PATH does not exist or is an empty directory. */
export async function isEmptyDirectory(path: string): Promise<boolean> {
  const entries = await readdir(resolve(path)).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return [];
    throw error;
  });
  return entries.length === 0;
}
