import { readFile } from 'node:fs/promises';

import { ConnectError, ExitCode } from '../../errors.js';

/** Reads a JSON file given with a flag; a clear usage error names the flag when it cannot. */
export async function readJsonFile(path: string, flag: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new ConnectError(
      'FILE_NOT_FOUND',
      `Cannot read ${path} (${flag}): ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}.`,
      {
        hint: `check the path given with ${flag}`,
        exitCode: ExitCode.Usage,
      },
    );
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new ConnectError(
      'FILE_INVALID_JSON',
      `${path} (${flag}) is not valid JSON: ${(error as Error).message}.`,
      {
        hint: `fix the JSON in ${path}`,
        exitCode: ExitCode.Usage,
      },
    );
  }
}
