/**
 * Finding and loading connect.yaml for commands that need a valid spec (dev, deploy, ...).
 * PATH may be the file or a directory holding it.
 */
import { readFile, stat } from 'node:fs/promises';
import { basename, dirname, join, relative, resolve } from 'node:path';

import { ConnectError, ExitCode } from '../errors.js';
import type { ConnectSpec } from './types.js';

export const SPEC_FILE_NAMES = ['connect.yaml', 'connect.yml'] as const;

export interface LoadedSpec {
  spec: ConnectSpec;
  /** Absolute path of connect.yaml. */
  file: string;
  /** The repository root (the folder holding connect.yaml). */
  root: string;
  /** The file's text, as read. */
  source: string;
}

/** Resolves PATH (file or directory, default cwd) to the connect.yaml it names. */
export async function findSpecFile(path: string = process.cwd()): Promise<string> {
  const absolute = resolve(path);
  const info = await stat(absolute).catch(() => undefined);
  if (info?.isFile()) return absolute;
  if (info?.isDirectory()) {
    for (const name of SPEC_FILE_NAMES) {
      const candidate = join(absolute, name);
      if ((await stat(candidate).catch(() => undefined))?.isFile()) return candidate;
    }
  }
  const looked = info?.isDirectory() ? join(absolute, 'connect.yaml') : absolute;
  throw new ConnectError('CONNECT_YAML_NOT_FOUND', `No connect.yaml found: looked for ${looked}.`, {
    hint: 'run the command in a Connect repository, pass its path, or create one with `connect init`',
    exitCode: ExitCode.Usage,
  });
}

/**
 * Loads connect.yaml and returns it typed, after the checks of `connect validate` on the document
 * itself (YAML, schema, rules, schedules) and, with `folders`, on the application folders (as
 * `connect validate` does: `connect dev` refuses exactly what it reports as errors). Fails with
 * CONNECT_YAML_INVALID naming the first problems and their count.
 */
export async function loadSpec(path?: string, options: { folders?: boolean } = {}): Promise<LoadedSpec> {
  const file = await findSpecFile(path);
  const bytes = await readFile(file);
  const { validateSource } = await import('./validate.js');
  const result = await validateSource(file, bytes, {
    folders: options.folders ?? false,
    root: dirname(file),
  });
  if (!result.spec || result.errorCount > 0) {
    const errors = result.diagnostics.filter((diagnostic) => diagnostic.severity === 'error');
    const shown = errors
      .slice(0, 3)
      .map(
        (diagnostic) =>
          `  ${relative(dirname(file), diagnostic.file) || basename(file)}:${diagnostic.line}:${diagnostic.column} ${diagnostic.message} [${diagnostic.code}]`,
      );
    const more = errors.length > 3 ? [`  ... and ${errors.length - 3} more`] : [];
    throw new ConnectError(
      'CONNECT_YAML_INVALID',
      [
        `${file} is not valid (${errors.length} error${errors.length === 1 ? '' : 's'}):`,
        ...shown,
        ...more,
      ].join('\n'),
      {
        hint: `run \`connect validate ${dirname(file)}\` for every problem with its fix`,
        details: { diagnostics: errors },
      },
    );
  }
  return { spec: result.spec, file, root: dirname(file), source: new TextDecoder().decode(bytes) };
}
