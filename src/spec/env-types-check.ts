/**
 * `connect validate`'s check of the declarations `connect types` wrote: one that no longer matches
 * connect.yaml is a warning (`stale-types`) on the application. Applications without one are
 * not checked (they do not use it).
 */
import { readFile } from 'node:fs/promises';
import { relative } from 'node:path';

import type { Diagnostic } from './diagnostics.js';
import { envTypes, envTypesInputs, envTypesPath, isGenerated } from './env-types.js';
import type { YamlSource } from './yaml-source.js';

export async function checkEnvTypes(
  source: YamlSource,
  document: unknown,
  root: string,
): Promise<Diagnostic[]> {
  const deployAs = (document as { deployAs?: Array<{ name?: unknown }> }).deployAs ?? [];
  const checks = envTypesInputs(document).map(async (input): Promise<Diagnostic[]> => {
    const file = envTypesPath(root, input.name);
    const text = await readFile(file, 'utf8').catch(() => undefined);
    if (text === undefined || !isGenerated(text)) return [];
    if (text.replaceAll('\r\n', '\n') === envTypes(input)) return [];
    const index = deployAs.findIndex((app) => app.name === input.name);
    return [
      source.diagnostic(
        'stale-types',
        'warning',
        `${relative(root, file)} no longer matches the configuration of "${input.name}" in connect.yaml: run \`connect types\``,
        ['deployAs', index, 'name'],
      ),
    ];
  });
  return (await Promise.all(checks)).flat();
}
