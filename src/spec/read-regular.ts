/**
 * Reads a file the user pointed validate at, but only a regular file and only up to a size: a
 * `package.json` that is a FIFO (nobody writes: a read blocks forever) or a link to /dev/zero
 * (never ends) must not hang `connect validate`.
 */
import { constants } from 'node:fs';
import { open } from 'node:fs/promises';

export class NotRegularFileError extends Error {
  constructor(
    readonly path: string,
    readonly kind: string,
  ) {
    super(`${path} is ${kind}, not a regular file`);
  }
}

export class FileTooLargeError extends Error {
  constructor(
    readonly path: string,
    readonly size: number,
    readonly limit: number,
  ) {
    super(`${path} is ${size} bytes (more than ${limit})`);
  }
}

function kindOf(stats: import('node:fs').Stats): string {
  if (stats.isFIFO()) return 'a FIFO (named pipe)';
  if (stats.isCharacterDevice() || stats.isBlockDevice()) return 'a device';
  if (stats.isSocket()) return 'a socket';
  if (stats.isDirectory()) return 'a folder';
  return 'not a file';
}

/** The file's bytes; throws NotRegularFileError, FileTooLargeError, or the system error (ENOENT...). */
export async function readRegularFile(path: string, maxBytes: number): Promise<Buffer> {
  // O_NONBLOCK: opening a FIFO for reading would otherwise wait for a writer.
  const handle = await open(path, constants.O_RDONLY | constants.O_NONBLOCK);
  try {
    const stats = await handle.stat();
    if (!stats.isFile()) throw new NotRegularFileError(path, kindOf(stats));
    if (stats.size > maxBytes) throw new FileTooLargeError(path, stats.size, maxBytes);
    return await handle.readFile();
  } finally {
    await handle.close();
  }
}
