/**
 * One way to name the repository: an optional PATH argument, last, on every command that works on
 * one (validate, dev, add, publish, status, trigger *, events *). Any folder inside the repository
 * (or its connect.yaml) will do: the commands walk up to the nearest connect.yaml (src/spec/load.ts).
 * `--path`, which some commands took before, stays accepted but hidden, so existing scripts keep
 * working; it is not documented and cannot be combined with PATH.
 */
import { Args, Flags } from '@oclif/core';

import { ConnectError, ExitCode } from '../errors.js';
import { REPOSITORY_PATH_DESCRIPTION } from './flag-spec.js';

export const pathArg = Args.string({ description: REPOSITORY_PATH_DESCRIPTION });

/** The former `--path` flag: hidden, same meaning as PATH. */
export const legacyPathFlag = Flags.string({
  hidden: true,
  description: 'Same as the PATH argument (kept for existing scripts).',
});

/** The path given as PATH or as the former --path; a usage error when both are given. */
export function repositoryPath(arg: string | undefined, flag: string | undefined): string | undefined {
  if (arg !== undefined && flag !== undefined && arg !== flag) {
    throw new ConnectError('USAGE', `The repository is named twice: PATH ${arg} and --path ${flag}.`, {
      hint: 'pass the repository once, as the PATH argument',
      exitCode: ExitCode.Usage,
    });
  }
  return arg ?? flag;
}
