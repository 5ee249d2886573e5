/**
 * The base of every command: global flags (--json, --no-color), one Output decided before
 * anything prints, and error rendering with stable codes and exit codes (src/errors.ts).
 * Commands stay thin: parse flags, call one function of src/<domain>, render its result.
 */
import { Command, Errors, type Interfaces } from '@oclif/core';

import { ConnectError, ExitCode, isConnectError } from '../errors.js';
import { Output } from '../ui/output.js';
import { COLOR_FLAG } from './flag-spec.js';
import { closestId } from './hooks/command-not-found.js';
import { oclifFlags } from './oclif-flags.js';
import { renderError } from './render-error.js';

export type BaseFlags<T extends typeof Command> = Interfaces.InferredFlags<
  (typeof BaseCommand)['baseFlags'] & T['flags']
>;
export type BaseArgs<T extends typeof Command> = Interfaces.InferredArgs<T['args']>;

export abstract class BaseCommand<T extends typeof Command> extends Command {
  static override enableJsonFlag = true;

  static override baseFlags = oclifFlags({ color: COLOR_FLAG });

  protected flags!: BaseFlags<T>;
  protected args!: BaseArgs<T>;
  private outputInstance: Output | undefined;

  /** The output for this run; available after init(). */
  protected get output(): Output {
    this.outputInstance ??= new Output({ json: this.jsonEnabled(), color: true });
    return this.outputInstance;
  }

  public override async init(): Promise<void> {
    await super.init();
    const { args, flags } = await this.parse({
      flags: this.ctor.flags,
      baseFlags: (this.ctor as typeof BaseCommand).baseFlags,
      enableJsonFlag: this.ctor.enableJsonFlag,
      args: this.ctor.args,
      strict: this.ctor.strict,
    });
    this.flags = flags as BaseFlags<T>;
    this.args = args as BaseArgs<T>;
    this.outputInstance = new Output({
      json: this.jsonEnabled(),
      color: (flags as { color?: boolean }).color,
    });
  }

  protected override async catch(
    error: Error & { exitCode?: number; oclif?: { exit?: number } },
  ): Promise<unknown> {
    // oclif's own exits (help, version, parse errors) keep oclif's handling.
    if (error instanceof Errors.ExitError) throw error;
    // A wrong command line is a usage error like any other: stable code, a hint, exit 2, whatever
    // oclif's own exit code for that case. oclif marks every parse failure (its parse errors and a
    // flag value its parser refused) with this closing line.
    if (
      !isConnectError(error) &&
      (/\nSee more help with --help\s*$/.test(error.message) ||
        // The one parse error oclif raises without that line: a single-value flag given twice.
        /^Flag --[\w-]+ can only be specified once$/.test(error.message))
    ) {
      error = usageError(error.message, this.id, this.flagNames());
    }
    if (!isConnectError(error) && error instanceof Errors.CLIError) {
      const exit = error.oclif?.exit ?? ExitCode.Failure;
      if (this.jsonEnabled()) {
        this.writeJsonError({
          error: { code: exit === ExitCode.Usage ? 'USAGE' : 'FAILED', message: error.message },
        });
        this.exit(exit);
      }
      throw error;
    }
    // Before init() parsed the flags (a usage error), --no-color is only in argv.
    const output =
      this.outputInstance ??
      new Output({ json: this.jsonEnabled(), color: !this.argv.includes('--no-color') });
    this.exit(renderError(error, output, (value) => this.writeJsonError(value)));
  }

  /** The long names of the flags this command takes (for "did you mean" on a misspelt one). */
  private flagNames(): string[] {
    const ctor = this.ctor as typeof BaseCommand;
    const flags = { ...ctor.baseFlags, ...ctor.flags } as Record<
      string,
      { hidden?: boolean; allowNo?: boolean }
    >;
    const names = Object.entries(flags)
      .filter(([, flag]) => !flag.hidden)
      .flatMap(([name, flag]) => (flag.allowNo ? [name, `no-${name}`] : [name]));
    return ctor.enableJsonFlag ? [...names, 'json', 'help'] : [...names, 'help'];
  }

  /** JSON errors go to stdout so that `--json` consumers always get one JSON document. */
  protected writeJsonError(value: unknown): void {
    process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
  }

  /** oclif prints the return value of run() as JSON with --json; keep it on stdout, pretty. */
  protected override logJson(json: unknown): void {
    process.stdout.write(`${JSON.stringify(json, null, 2)}\n`);
  }
}

/** oclif's parse message, without its "See more help" line and tab indents, as a ConnectError. */
function usageError(message: string, id: string | undefined, flagNames: string[] = []): ConnectError {
  const text = message
    .replace(/\n?See more help with --help\s*$/, '')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !/^The following errors? occurred:$/.test(line))
    // oclif names a missing flag without its dashes.
    .map((line) => line.replace(/^Missing required flag ([\w-]+)$/, 'Missing required flag --$1'))
    .join('\n');
  const command = id === undefined ? 'connect' : `connect ${id.replaceAll(':', ' ')}`;
  // A misspelt flag gets the nearest one, as a misspelt command does (command-not-found.ts).
  const unknown = /^Nonexistent flags?: (.+)$/m.exec(text)?.[1]?.split(/,\s*/) ?? [];
  const suggestions = unknown.flatMap((flag) => {
    const match = /^--([\w-]+)/.exec(flag);
    const closest = match?.[1] === undefined ? undefined : closestId(match[1], flagNames);
    return closest === undefined ? [] : [{ flag: flag.replace(/=.*$/, ''), closest: `--${closest}` }];
  });
  const hint =
    suggestions.length > 0
      ? `did you mean ${suggestions
          .map(({ flag, closest }) =>
            suggestions.length === 1 ? `\`${closest}\`` : `\`${closest}\` for ${flag}`,
          )
          .join(', ')}? (see \`${command} --help\`)`
      : `see \`${command} --help\``;
  return new ConnectError('USAGE', text, { hint, exitCode: ExitCode.Usage });
}

export { ConnectError, ExitCode };
