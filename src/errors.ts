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

/**
 * The exit-code table: one meaning per code, whatever the command or where the bad input came
 * from (a flag, the values file, connect.yaml). The README's table is rendered from it
 * (`npm run docs`; a test fails when they differ), and the test that walks every command reads
 * the README's table. A stable error code (`DUPLICATE_NAME`, ...) always exits with the same code
 * (src/errors.test.ts checks the sources).
 */
export const EXIT_CODE_TABLE: readonly {
  code: ExitCodeValue;
  name: keyof typeof ExitCode;
  meaning: string;
}[] = [
  {
    code: ExitCode.Ok,
    name: 'Ok',
    meaning:
      'Success. `validate`: no errors (warnings too with `--strict`). `connect dev` and `logs --follow` stopped with Ctrl-C also exit 0: that is how they end.',
  },
  {
    code: ExitCode.Failure,
    name: 'Failure',
    meaning:
      'The command ran and what it checked or did failed: connect.yaml or the configuration is invalid (from the values file or `--env` alike), a remote call failed, an application crashed or is stopped (`status`), a job run, extension call or delivery failed, the Git repository is not ready to publish (`GIT_*`), no `connect dev` is running.',
  },
  {
    code: ExitCode.Usage,
    name: 'Usage',
    meaning:
      'The command line cannot run as written: unknown command or flag, a missing, repeated or malformed argument or flag value, a flag that applies to nothing, a name already taken (`DUPLICATE_NAME`, `FOLDER_EXISTS` without `--force`), what it needs is missing: no connect.yaml (or an unreadable one) at PATH or above it, no credentials (`NOT_LOGGED_IN`).',
  },
  {
    code: ExitCode.InputRequired,
    name: 'InputRequired',
    meaning: 'An answer is needed and there is no terminal to ask on: pass the flag the message names.',
  },
  {
    code: ExitCode.Interrupted,
    name: 'Interrupted',
    meaning: 'Stopped by Ctrl-C (SIGINT) at a prompt or during a step; nothing is left half-done.',
  },
  { code: ExitCode.Terminated, name: 'Terminated', meaning: 'Stopped by SIGTERM during a step.' },
];

/** The table as Markdown (README.md, docs/commands.md). */
export function exitCodeMarkdown(): string {
  return [
    '| Exit code | Meaning |',
    '| --- | --- |',
    ...EXIT_CODE_TABLE.map((row) => `| ${row.code} | ${row.meaning} |`),
  ].join('\n');
}

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
