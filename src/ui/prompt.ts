/**
 * Prompts, guarded: without a TTY (CI, pipes) no prompt is ever shown; the caller gets an
 * INPUT_REQUIRED error naming the flag to pass (exit code 4).
 */
import { inputRequired } from '../errors.js';

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
