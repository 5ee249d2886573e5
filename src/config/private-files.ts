/**
 * Files only the user may read: everything under `.connect/` (the admin token, the saved
 * project with extension secrets, dead letters) and `--persist` folders. Folders are 0700,
 * files 0600, whatever the umask; an existing folder of an older run is tightened.
 * Writes are durable: a temporary file is fsynced, renamed over the target, and the folder is
 * fsynced, so a crash leaves either the old or the new content, never a torn file.
 */
import { randomBytes } from 'node:crypto';
import { constants } from 'node:fs';
import { chmod, lstat, mkdir, open, rename, rm, stat } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';

import { ConnectError, ExitCode } from '../errors.js';

export const PRIVATE_DIR_MODE = 0o700;
export const PRIVATE_FILE_MODE = 0o600;

/**
 * Creates `dir` (and its missing parents) as 0700 and tightens it when it exists. Below
 * `within` (e.g. the repository's `.connect/`), every folder between gets 0700 too.
 */
export async function ensurePrivateDir(dir: string, within?: string): Promise<void> {
  await mkdir(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
  const folders = [resolve(dir)];
  if (within) {
    const top = resolve(within);
    let current = resolve(dir);
    while (current !== top && !relative(top, current).startsWith('..') && dirname(current) !== current) {
      current = dirname(current);
      folders.push(current);
    }
  }
  for (const folder of folders) {
    const info = await stat(folder);
    if ((info.mode & 0o777) !== PRIVATE_DIR_MODE) await chmod(folder, PRIVATE_DIR_MODE);
  }
}

/** Writes `data` to `file` atomically and durably, mode 0600. */
export async function writePrivateFile(file: string, data: string | Uint8Array): Promise<void> {
  // Unique per call: two writes in the same millisecond (project.json and checkout.json of one
  // persist folder, or a scheduled and an explicit persist) must not share a temporary file.
  const temp = join(
    dirname(file),
    `.${process.pid}.${Date.now().toString(36)}.${randomBytes(6).toString('hex')}.tmp`,
  );
  const handle = await open(temp, 'w', PRIVATE_FILE_MODE);
  try {
    await handle.writeFile(data);
    await handle.sync();
  } catch (error) {
    await handle.close();
    await rm(temp, { force: true });
    throw error;
  }
  await handle.close();
  await chmod(temp, PRIVATE_FILE_MODE);
  await rename(temp, file);
  await syncDir(dirname(file));
}

/** fsyncs a folder so a rename in it survives a power cut (no-op where unsupported). */
export async function syncDir(dir: string): Promise<void> {
  try {
    const handle = await open(dir, constants.O_RDONLY);
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    // Some file systems refuse fsync on a folder; the rename is still atomic.
  }
}

/**
 * Refuses a `--persist` path that cannot be a folder (a file, a FIFO, below a file, under
 * /proc...) before anything starts, rather than failing (or hanging) at the first save.
 */
export async function assertUsableFolder(dir: string, flag: string): Promise<void> {
  const fail = (why: string): never => {
    throw new ConnectError('PERSIST_PATH_INVALID', `${flag} ${dir} cannot be used as a folder: ${why}.`, {
      hint: `pass a folder you can write to, e.g. ${flag} .connect/project`,
      exitCode: ExitCode.Usage,
    });
  };
  const absolute = resolve(dir);
  if (
    absolute === '/proc' ||
    absolute.startsWith('/proc/') ||
    absolute === '/sys' ||
    absolute.startsWith('/sys/')
  ) {
    fail('it is in a kernel file system');
  }
  try {
    const info = await lstat(absolute);
    if (info.isSymbolicLink()) {
      const target = await stat(absolute).catch(() => undefined);
      if (!target?.isDirectory()) fail('it is a link to something that is not a folder');
    } else if (!info.isDirectory()) {
      fail('it exists and is not a folder');
    }
  } catch (error) {
    if (error instanceof ConnectError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOTDIR') fail('a part of the path is a file');
    if (code !== 'ENOENT') fail(code ?? String(error));
  }
  try {
    await mkdir(absolute, { recursive: true, mode: PRIVATE_DIR_MODE });
    const probe = join(absolute, `.connect-probe-${process.pid}`);
    const handle = await open(probe, 'w', PRIVATE_FILE_MODE);
    await handle.close();
    await rm(probe, { force: true });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    fail(code === 'ENOTDIR' || code === 'EEXIST' ? 'a part of the path is a file' : (code ?? String(error)));
  }
}

/**
 * Tightens what an older run left under `dir` (0755 folders, 0644 files) to 0700/0600.
 * Links are left alone (chmod would follow them out of the folder).
 */
export async function tightenTree(dir: string): Promise<void> {
  const { readdir } = await import('node:fs/promises');
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch {
    return;
  }
  for (const entry of entries) {
    const path = join(dir, entry.name);
    try {
      if (entry.isDirectory()) {
        await chmod(path, PRIVATE_DIR_MODE);
        await tightenTree(path);
      } else if (entry.isFile()) {
        const info = await stat(path);
        if ((info.mode & 0o777) !== PRIVATE_FILE_MODE) await chmod(path, PRIVATE_FILE_MODE);
      }
    } catch {
      // gone meanwhile, or not ours: nothing to tighten
    }
  }
}
