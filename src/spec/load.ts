/**
 * Finding and loading connect.yaml for commands that need a valid spec (dev, deploy, ...).
 * PATH may be the file or a directory holding it.
 */
import { readFile, stat } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';

import { parse } from 'yaml';

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
 * Loads connect.yaml and returns it typed. Fails with CONNECT_YAML_INVALID when the file does
 * not parse. (Full validation: src/spec/validate.ts, used by `connect validate`.)
 */
export async function loadSpec(path?: string): Promise<LoadedSpec> {
  const file = await findSpecFile(path);
  const source = await readFile(file, 'utf8');
  let spec: unknown;
  try {
    spec = parse(source);
  } catch (error) {
    throw new ConnectError(
      'CONNECT_YAML_INVALID',
      `${basename(file)} is not valid YAML: ${(error as Error).message}`,
      {
        hint: `run \`connect validate ${dirname(file)}\` for the details`,
      },
    );
  }
  if (!spec || typeof spec !== 'object' || !Array.isArray((spec as { deployAs?: unknown }).deployAs)) {
    throw new ConnectError('CONNECT_YAML_INVALID', `${file} has no deployAs list.`, {
      hint: `run \`connect validate ${dirname(file)}\` for the details`,
    });
  }
  return { spec: spec as ConnectSpec, file, root: dirname(file), source };
}
