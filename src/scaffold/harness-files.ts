/**
 * The files `connect init` writes at the root for testing and CI: a package.json whose `npm test`
 * runs the integration tests (node:test, `connect-cli/testing`), the integration tests, and a
 * GitHub Actions workflow (unless --no-ci). They come from templates/root/ and fit any set of
 * applications (the tests and the workflow find them at run time), so `connect add` keeps them
 * right.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

import { packageRoot } from '../package-root.js';

export const WORKFLOW_PATH = '.github/workflows/connect.yml';

export async function harnessFiles(options: {
  packageName: string;
  cliVersion: string;
  ci: boolean;
  templatesRoot?: string | undefined;
}): Promise<Array<[string, string]>> {
  const dir = join(options.templatesRoot ?? join(packageRoot, 'templates'), 'root');
  const files: Array<[string, string]> = [
    ['package.json', 'package.json'],
    ['integration/connector.test.mjs', 'integration/connector.test.mjs'],
    ...(options.ci ? ([[WORKFLOW_PATH, '_github/workflows/connect.yml']] as Array<[string, string]>) : []),
  ];
  return Promise.all(
    files.map(async ([target, source]): Promise<[string, string]> => {
      const text = await readFile(join(dir, source), 'utf8');
      // Only our two placeholders: the workflow's own ${{ ... }} expressions stay as they are.
      return [
        target,
        text
          .replaceAll('{{packageName}}', options.packageName)
          .replaceAll('{{cliVersion}}', options.cliVersion),
      ];
    }),
  );
}
