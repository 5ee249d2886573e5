import { resolve } from 'node:path';

import { ConnectError, ExitCode } from '../errors.js';
import { isEmptyDirectory } from './transaction.js';

/** DIRECTORY_NOT_EMPTY (a usage error, as FOLDER_EXISTS): `init` writes only into a new or empty directory. */
export async function assertEmptyTarget(directory: string): Promise<void> {
  const root = resolve(directory);
  // A file there is TARGET_NOT_A_DIRECTORY, reported by initRepository.
  if (await isEmptyDirectory(root).catch(() => true)) return;
  throw new ConnectError('DIRECTORY_NOT_EMPTY', `${root} is not empty.`, {
    hint: 'choose a new or empty directory, or pass --force to write into it (files of the same name are replaced)',
    exitCode: ExitCode.Usage,
  });
}
