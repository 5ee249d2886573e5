/**
 * The integration tests a fresh scaffold ships (templates/root/integration/, written with
 * `connect-cli/testing`) pass with `npm test` at the scaffolded repository root: a TypeScript
 * repository with a service, an event app and a job, installed from the registry by `connect init`
 * (shared npm cache: test/helpers/scaffold.ts); connect-cli itself is linked to this build, as
 * `npm link` would. The same tests then pass under `connect dev --exec "npm test"`, as the
 * generated CI workflow runs them.
 */
import { mkdir, symlink } from 'node:fs/promises';
import { join } from 'node:path';

import { execa } from 'execa';
import { afterAll, beforeAll, expect, it } from 'vitest';

import { repoRoot, runCli, tempDir } from './helpers/cli.js';
import { npmEnv } from './helpers/scaffold.js';

let work: { path: string; cleanup: () => Promise<void> };
let root: string;

beforeAll(async () => {
  work = await tempDir('connect-integration-');
  root = join(work.path, 'connector');
});
afterAll(() => work.cleanup());

it('a fresh scaffold passes its integration tests with `npm test` at the root', async () => {
  const init = await runCli(
    [
      'init',
      root,
      '--language',
      'ts',
      '--app',
      'service',
      '--app',
      'event',
      '--app',
      'job',
      '--install',
      '--no-git',
    ],
    { env: npmEnv, timeout: 420_000 },
  );
  expect(init.exitCode, init.stderr).toBe(0);
  await mkdir(join(root, 'node_modules'), { recursive: true });
  await symlink(repoRoot, join(root, 'node_modules', 'connect-cli'), 'dir');

  const test = await execa('npm', ['test'], {
    cwd: root,
    env: { ...npmEnv, NO_COLOR: '1' },
    reject: false,
    all: true,
    timeout: 300_000,
  });
  expect(test.exitCode, test.all).toBe(0);
  expect(test.all).toContain('service: creating a cart calls the API Extension');
  expect(test.all).toContain('event: an order created is delivered and acknowledged');
  expect(test.all).toContain('job: a run answers 200');
  expect(test.all).toMatch(/# pass 3/);
  expect(test.all).toMatch(/# fail 0/);
}, 600_000);

it('the same tests pass under `connect dev --exec "npm test"` (the CI workflow’s step)', async () => {
  const result = await runCli(
    ['dev', '--admin-port', '0', '--exec', 'npm test', '--timeout', '300', '--json'],
    {
      cwd: root,
      env: npmEnv,
      timeout: 320_000,
    },
  );
  expect(result.exitCode, result.stderr).toBe(0);
  expect(result.stderr).toMatch(/# pass 3/);
  const summary = JSON.parse(result.stdout) as {
    extensionCalls: Array<{ application: string; resource: string; statusCode: number }>;
    deliveries: Array<{ application: string; type: string; state: string }>;
    jobRuns: Array<{ application: string; statusCode: number }>;
  };
  expect(summary.extensionCalls).toContainEqual(
    expect.objectContaining({ application: 'service', resource: 'cart', statusCode: 200 }),
  );
  expect(summary.deliveries).toContainEqual(
    expect.objectContaining({ application: 'event', type: 'OrderCreated', state: 'acked' }),
  );
  expect(summary.jobRuns).toContainEqual(expect.objectContaining({ application: 'job', statusCode: 200 }));
}, 360_000);
