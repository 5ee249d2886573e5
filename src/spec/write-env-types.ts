/** `connect types`: writes (or, with check, compares) each application's declaration. */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, relative } from 'node:path';

import { ConnectError, ExitCode } from '../errors.js';
import { envTypes, envTypesInputs, envTypesPath, isGenerated } from './env-types.js';
import { loadSpec } from './load.js';

export interface EnvTypesResult {
  root: string;
  files: Array<{
    application: string;
    /** Relative to the repository root. */
    path: string;
    state: 'written' | 'updated' | 'unchanged' | 'missing' | 'stale';
  }>;
}

export async function writeEnvTypes(
  path: string | undefined,
  options: { check?: boolean; force?: boolean } = {},
): Promise<EnvTypesResult> {
  const { spec, root } = await loadSpec(path);
  const planned = await Promise.all(
    envTypesInputs(spec).map(async (input) => {
      const file = envTypesPath(root, input.name);
      const current = await readFile(file, 'utf8').catch(() => undefined);
      return { input, file, shown: relative(root, file), text: envTypes(input), current };
    }),
  );
  // Refused before anything is written.
  const foreign = planned.find(({ current }) => current !== undefined && !isGenerated(current));
  if (foreign && !options.force && !options.check) {
    throw new ConnectError(
      'FILE_EXISTS',
      `${foreign.shown} exists and was not written by \`connect types\`.`,
      {
        hint: 'move it away, or pass --force to replace it',
        exitCode: ExitCode.Usage,
      },
    );
  }
  const files: EnvTypesResult['files'] = [];
  for (const { input, file, shown, text, current } of planned) {
    const same = current?.replaceAll('\r\n', '\n') === text;
    if (options.check) {
      files.push({
        application: input.name,
        path: shown,
        state: same ? 'unchanged' : current === undefined ? 'missing' : 'stale',
      });
      continue;
    }
    if (!same) {
      await mkdir(dirname(file), { recursive: true });
      await writeFile(file, text);
    }
    files.push({
      application: input.name,
      path: shown,
      state: same ? 'unchanged' : current === undefined ? 'written' : 'updated',
    });
  }
  return { root, files };
}
