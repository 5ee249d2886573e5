/**
 * Prompts, guarded: without a TTY (CI, pipes) no prompt is ever shown; the caller gets an
 * INPUT_REQUIRED error naming the flag to pass (exit code 4).
 */
import { ConnectError, ExitCode, inputRequired } from '../errors.js';

export function canPrompt(
  stdin: { isTTY?: boolean | undefined } = process.stdin,
  stdout: { isTTY?: boolean | undefined } = process.stdout,
): boolean {
  return stdin.isTTY === true && stdout.isTTY === true;
}

/** Throws INPUT_REQUIRED (exit 4) unless a prompt can be shown. */
export function requireTty(what: string, flag: string): void {
  if (!canPrompt()) throw inputRequired(what, flag);
}

/**
 * A prompt left with Ctrl-C (inquirer's ExitPromptError) or aborted, as a CANCELLED error;
 * undefined for any other error. Every prompt runs before its command changes anything.
 */
export function promptCancelled(
  error: unknown,
  message = 'Cancelled: nothing was changed.',
): ConnectError | undefined {
  if (error instanceof Error && (error.name === 'ExitPromptError' || error.name === 'AbortPromptError')) {
    return new ConnectError('CANCELLED', message, { exitCode: ExitCode.Interrupted });
  }
  return undefined;
}
