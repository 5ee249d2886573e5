/**
 * `connect dev` refuses exactly what `connect validate` reports as errors, with the same count;
 * what validate only warns about (a `npm run X` whose X is missing: the platform accepts the
 * file, the script fails at deploy time) does not stop `connect dev`.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

import { afterEach, describe, expect, it } from 'vitest';

import { runCli, tempDir } from './helpers/cli.js';
import { startDev, type DevProcess } from './dev-helpers.js';

interface Validation {
  valid: boolean;
  errorCount: number;
  warningCount: number;
  diagnostics: { severity: string; code: string; line: number; column: number }[];
}

async function write(root: string, files: Record<string, string>): Promise<void> {
  for (const [path, text] of Object.entries(files)) {
    await mkdir(join(root, path, '..'), { recursive: true });
    await writeFile(join(root, path), text);
  }
}

const server = `require('node:http').createServer((q, s) => s.end('ok')).listen(8080);\n`;

describe('connect validate and connect dev agree', () => {
  let cleanup: (() => Promise<void>) | undefined;
  let dev: DevProcess | undefined;

  afterEach(async () => {
    dev?.kill('SIGTERM');
    await dev?.catch(() => undefined);
    dev = undefined;
    await cleanup?.();
  });

  it('refuses the errors validate reports, and says the same count', async () => {
    const dir = await tempDir('connect-agree-');
    cleanup = dir.cleanup;
    await write(dir.path, {
      'connect.yaml': `deployAs:
  - name: api
    applicationType: service
    endpoint: /api
    scripts:
      postDeploy: npm run register
  - name: ghost
    applicationType: event
    endpoint: /ghost
  - name: web
    applicationType: assets
  - name: nightly
    applicationType: job
    endpoint: /nightly
    properties:
      schedule: "0 3 * * *"
`,
      // No start script: an error of the folder checks, which dev used to skip.
      'api/package.json': JSON.stringify({ name: 'api', private: true, scripts: { register: 'node r.js' } }),
      // ghost/ does not exist: an error.
      // An assets app without a build script: an error.
      'web/package.json': JSON.stringify({ name: 'web', private: true }),
      'nightly/package.json': JSON.stringify({
        name: 'nightly',
        private: true,
        scripts: { start: 'node index.js' },
      }),
      'nightly/index.js': server,
    });
    const validate = await runCli(['validate', dir.path, '--json']);
    expect(validate.exitCode).toBe(1);
    const report = JSON.parse(validate.stdout) as Validation;
    const errors = report.diagnostics.filter((d) => d.severity === 'error').map((d) => d.code);
    expect(errors.sort()).toEqual(['missing-build-script', 'missing-folder', 'missing-start-script']);
    expect(report.errorCount).toBe(3);

    const run = await runCli(['dev', dir.path, '--admin-port', '0', '--no-watch'], { timeout: 60_000 });
    expect(run.exitCode).toBe(1);
    expect(run.stderr).toContain('CONNECT_YAML_INVALID');
    expect(run.stderr).toContain(`is not valid (${report.errorCount} errors)`);
    for (const code of errors) expect(run.stderr).toContain(`[${code}]`);
    // Each problem is named in the file it is in.
    expect(run.stderr).toMatch(/ api\/package\.json:\d+:\d+ .*\[missing-start-script\]/);
    expect(run.stderr).toMatch(/Try: run `connect validate/);
    // Nothing was started.
    expect(run.stdout).toBe('');
  }, 90_000);

  it('warns about `npm run X` with X missing, caret on `npm run X`, and dev runs the app', async () => {
    const dir = await tempDir('connect-agree-');
    cleanup = dir.cleanup;
    await write(dir.path, {
      'connect.yaml': `deployAs:
  - name: api
    applicationType: service
    endpoint: /api
    scripts:
      postDeploy: npm install && npm run connector:post-deploy
`,
      'api/package.json': JSON.stringify({
        name: 'api',
        private: true,
        scripts: { start: 'node index.js', 'connector:post-deploy-typo': 'node r.js' },
      }),
      'api/package-lock.json': JSON.stringify({
        name: 'api',
        lockfileVersion: 3,
        requires: true,
        packages: {},
      }),
      'api/index.js': server,
    });
    const validate = await runCli(['validate', dir.path, '--json']);
    expect(validate.exitCode).toBe(0);
    const report = JSON.parse(validate.stdout) as Validation;
    expect(report.errorCount).toBe(0);
    expect(report.diagnostics.filter((d) => d.code === 'missing-npm-script')).toEqual([
      expect.objectContaining({ severity: 'warning', code: 'missing-npm-script', line: 6, column: 34 }),
    ]);
    const human = await runCli(['validate', dir.path]);
    expect(human.stdout + human.stderr).toMatch(
      /postDeploy: npm install && npm run connector:post-deploy\n\s+\|\s{34}\^/,
    );

    dev = startDev([dir.path, '--admin-port', '0', '--no-watch']);
    await dev.waitFor(/1\/1 applications ready/, 60_000);
    // As on the platform: the deployment works, the script fails and is reported as a warning.
    await dev.waitFor(/api: postDeploy exited with 1; on the platform this is a Warning/, 60_000, 'stderr');
  }, 150_000);
});
