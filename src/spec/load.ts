/**
 * Finding and loading connect.yaml for commands that need a valid spec (dev, deploy, ...).
 * PATH may be the file or a directory holding it.
 */
import { constants } from 'node:fs';
import { access, lstat, readFile, stat } from 'node:fs/promises';
import { basename, dirname, join, relative, resolve } from 'node:path';

import { ConnectError, ExitCode } from '../errors.js';
import { shellWord } from '../ui/shell.js';
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

/**
 * Resolves PATH (file or directory, default cwd) to the connect.yaml it names. From a directory it
 * walks up to the nearest connect.yaml, as git finds `.git`, so every command works from any
 * subfolder of a repository. A connect.yaml that exists but cannot be read (a symlink loop, a
 * dangling link, no permission) is reported as such, not as missing.
 */
export async function findSpecFile(path: string = process.cwd()): Promise<string> {
  const absolute = resolve(path);
  const info = await stat(absolute).catch((error: unknown) => error as NodeJS.ErrnoException);
  if (!(info instanceof Error) && info.isFile()) return readable(absolute);
  if (info instanceof Error && SPEC_FILE_NAMES.some((name) => basename(absolute) === name)) {
    unreadable(absolute, info);
  }
  if (!(info instanceof Error) && info.isDirectory()) {
    for (let current = absolute; ; current = dirname(current)) {
      for (const name of SPEC_FILE_NAMES) {
        const candidate = join(current, name);
        const entry = await lstat(candidate).catch(() => undefined);
        if (entry === undefined) continue;
        const target = await stat(candidate).catch((error: unknown) => error as NodeJS.ErrnoException);
        if (target instanceof Error) unreadable(candidate, target);
        if (target.isFile()) return readable(candidate);
      }
      if (dirname(current) === current) break;
    }
  }
  const looked = !(info instanceof Error) && info.isDirectory() ? join(absolute, 'connect.yaml') : absolute;
  const where = !(info instanceof Error) && info.isDirectory() ? ' and in every parent folder' : '';
  throw new ConnectError('CONNECT_YAML_NOT_FOUND', `No connect.yaml found: looked for ${looked}${where}.`, {
    hint: 'run the command in a Connect repository (or any folder inside one), pass its path, or create one with `connect init`',
    exitCode: ExitCode.Usage,
  });
}

async function readable(file: string): Promise<string> {
  const error = await access(file, constants.R_OK).then(
    () => undefined,
    (caught: unknown) => caught as NodeJS.ErrnoException,
  );
  if (error) unreadable(file, error);
  return file;
}

/** CONNECT_YAML_UNREADABLE: the file is there, but following or reading it fails. */
function unreadable(file: string, error: NodeJS.ErrnoException): never {
  const why =
    error.code === 'ELOOP'
      ? 'is a symbolic link loop'
      : error.code === 'ENOENT'
        ? 'is a symbolic link to a file that does not exist'
        : error.code === 'EACCES' || error.code === 'EPERM'
          ? 'cannot be read: permission denied'
          : `cannot be read (${error.code ?? error.message})`;
  throw new ConnectError('CONNECT_YAML_UNREADABLE', `${file} ${why}.`, {
    hint:
      error.code === 'EACCES' || error.code === 'EPERM'
        ? `give yourself read permission: chmod u+r ${shellWord(file)}`
        : `replace the link with the file itself: ls -l ${shellWord(file)}`,
    exitCode: ExitCode.Usage,
    details: { file, errno: error.code },
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
    // Refused for its document errors, but reported as `connect validate` reports it (folders
    // included), so that both name the same problems and count the same number.
    const full = await validateSource(file, bytes, { folders: true, root: dirname(file) });
    const errors = full.diagnostics.filter((diagnostic) => diagnostic.severity === 'error');
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
        hint: `run \`connect validate ${shellWord(dirname(file))}\` for every problem with its fix`,
        details: { diagnostics: errors },
      },
    );
  }
  return { spec: result.spec, file, root: dirname(file), source: new TextDecoder().decode(bytes) };
}
