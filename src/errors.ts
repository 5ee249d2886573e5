/**
 * The one error type of the CLI. Every failure a user can meet is a ConnectError with a
 * stable code, a message saying what is wrong, and a hint saying what to do next.
 * Domain code throws it; src/cli/base-command.ts renders it and picks the exit code.
 */
export const ExitCode = {
  /** Everything went well. */
  Ok: 0,
  /** The command ran and failed (invalid file, remote error, crashed app, ...). */
  Failure: 1,
  /** The command line itself is wrong (unknown flag, missing argument, no connect.yaml where told). */
  Usage: 2,
  /** An answer is needed but there is no TTY to ask on: pass the flag named in the message. */
  InputRequired: 4,
  /** Stopped by Ctrl-C (SIGINT) at a prompt or during a step: 128 + 2, as shells report it. */
  Interrupted: 130,
  /** Stopped by SIGTERM during a step: 128 + 15. */
  Terminated: 143,
} as const;

export type ExitCodeValue = (typeof ExitCode)[keyof typeof ExitCode];

export interface ConnectErrorOptions {
  /** What to do next; shown after "Try:". */
  hint?: string | undefined;
  exitCode?: ExitCodeValue | undefined;
  /** Extra machine-readable facts, included in --json output. */
  details?: Record<string, unknown> | undefined;
  cause?: unknown;
}

export class ConnectError extends Error {
  readonly code: string;
  readonly hint: string | undefined;
  readonly exitCode: ExitCodeValue;
  readonly details: Record<string, unknown> | undefined;

  constructor(code: string, message: string, options: ConnectErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'ConnectError';
    this.code = code;
    this.hint = options.hint;
    this.exitCode = options.exitCode ?? ExitCode.Failure;
    this.details = options.details;
  }

  toJSON(): Record<string, unknown> {
    return {
      code: this.code,
      message: this.message,
      ...(this.hint === undefined ? {} : { hint: this.hint }),
      ...(this.details === undefined ? {} : { details: this.details }),
    };
  }
}

/** A child process that failed: keeps its command, exit code and the tail of its output. */
export class ProcessError extends ConnectError {
  readonly command: string;
  readonly processExitCode: number | undefined;
  readonly outputTail: string;

  constructor(
    code: string,
    message: string,
    process: { command: string; exitCode?: number | undefined; output?: string | undefined },
    options: ConnectErrorOptions = {},
  ) {
    const outputTail = tail(process.output ?? '', 20);
    super(code, message, {
      ...options,
      details: { command: process.command, exitCode: process.exitCode, outputTail, ...options.details },
    });
    this.command = process.command;
    this.processExitCode = process.exitCode;
    this.outputTail = outputTail;
  }
}

/** The last `lines` lines of a text, without a trailing newline. */
export function tail(text: string, lines: number): string {
  const all = text.replace(/\s+$/, '').split(/\r?\n/);
  return all.slice(-lines).join('\n');
}

export function isConnectError(error: unknown): error is ConnectError {
  return error instanceof ConnectError;
}

/** Raised when an answer is required and stdin is not a terminal. */
export function inputRequired(what: string, flag: string): ConnectError {
  return new ConnectError('INPUT_REQUIRED', `${what} is required and there is no terminal to ask on.`, {
    hint: `pass ${flag}`,
    exitCode: ExitCode.InputRequired,
  });
}
