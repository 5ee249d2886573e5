/**
 * How a command's error reaches the user: a stable code and a hint (src/errors.ts), as one JSON
 * document with --json, and the exit code. For oclif's commands (BaseCommand.catch) and for the
 * fast start of `connect dev`, which runs without oclif.
 */
import { ConnectError, ExitCode, isConnectError } from '../errors.js';
import { errorJson, type Output } from '../ui/output.js';
import { promptCancelled } from '../ui/prompt.js';

/** Prints the error (JSON through writeJson when output.json) and returns the exit code. */
export function renderError(
  error: unknown,
  output: Output,
  writeJson: (value: unknown) => void = (value) => output.printJson(value),
): number {
  const shown = (error instanceof Error && (promptCancelled(error) ?? systemError(error))) || error;
  if (output.json) writeJson(errorJson(shown));
  else output.error(shown);
  if (process.env.CONNECT_DEBUG && !isConnectError(shown) && shown instanceof Error && shown.stack) {
    output.info(shown.stack);
  }
  return isConnectError(shown) ? shown.exitCode : ExitCode.Failure;
}

const SYSTEM_HINTS: Record<string, string> = {
  ENOENT: 'check the path',
  ENOTDIR: 'a part of the path is a file, not a directory: choose another path',
  EISDIR: 'give a file, not a directory',
  EACCES: 'check the permissions of the path, or choose another one',
  EPERM: 'check the permissions of the path, or choose another one',
  EEXIST: 'choose another path, or remove what is there',
  ENOSPC: 'free some disk space and try again',
  EROFS: 'choose a path on a writable file system',
};

/**
 * A file-system error no domain code anticipated (e.g. ENOTDIR) still gets a stable code (the
 * errno code) and a hint instead of a bare Node.js message.
 */
function systemError(error: Error): ConnectError | undefined {
  if (isConnectError(error)) return undefined;
  const { code, syscall } = error as NodeJS.ErrnoException;
  if (typeof code !== 'string' || syscall === undefined || !/^E[A-Z]+$/.test(code)) return undefined;
  return new ConnectError(code, error.message.replace(`${code}: `, ''), {
    hint: SYSTEM_HINTS[code] ?? 'check the path and try again',
    cause: error,
  });
}
