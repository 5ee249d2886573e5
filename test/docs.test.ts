/**
 * The generated documentation is current: docs/commands.md (from the commands' own help, via
 * oclif.manifest.json) and the README's exit-code table (from src/errors.ts). When this fails,
 * run `npm run docs` and commit the result.
 */
import { join } from 'node:path';

import { execa } from 'execa';
import { expect, it } from 'vitest';

import { repoRoot } from './helpers/cli.js';

it('docs/commands.md and the README exit-code table match the commands', async () => {
  const result = await execa(process.execPath, [join(repoRoot, 'scripts', 'docs.js'), '--check'], {
    cwd: repoRoot,
    reject: false,
  });
  expect(result.stderr, 'run `npm run docs`').toBe('');
  expect(result.exitCode).toBe(0);
});
