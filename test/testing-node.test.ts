/**
 * The testing library from node:test and from CommonJS (jest's way of loading it), each in a
 * process of its own that imports the package's export `connect-cli/testing` (the build). A
 * passing suite; a test that times out; a process that ends without stop(): in each case no
 * application process is left behind.
 */
import { join } from 'node:path';

import { execa } from 'execa';
import { afterEach, describe, expect, it } from 'vitest';

import { repoRoot, runCli } from './helpers/cli.js';
import { prepareHarness } from './helpers/testing-fixture.js';
import { alive, eventually } from './dev-helpers.js';

const files = join(repoRoot, 'test', 'fixtures', 'testing-node');
const cleanups: Array<() => Promise<void>> = [];

afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

const prepare = () => prepareHarness(cleanups, 'connect-node-test-');

describe('connect-cli/testing outside vitest', () => {
  it('runs a node:test suite (cart -> extension, order -> acknowledged, job -> 200)', async () => {
    const { env, pids } = await prepare();
    const result = await execa(process.execPath, ['--test', join(files, 'passing.test.mjs')], {
      env,
      reject: false,
      all: true,
      timeout: 90_000,
    });
    expect(result.exitCode, result.all).toBe(0);
    expect(result.all).toMatch(/# pass 3/);
    const started = await pids();
    expect(started).toHaveLength(3);
    for (const pid of started) expect(alive(pid)).toBe(false);
  }, 120_000);

  it('a node:test test that times out fails, and the emulator still stops', async () => {
    const { env, pids } = await prepare();
    const result = await execa(process.execPath, ['--test', join(files, 'timeout.test.mjs')], {
      env,
      reject: false,
      all: true,
      timeout: 90_000,
    });
    expect(result.exitCode).toBe(1);
    expect(result.all).toMatch(/timed out after 1500ms/);
    for (const pid of await pids()) expect(alive(pid)).toBe(false);
  }, 120_000);

  it('require() works (CommonJS), and a process that exits without stop() leaves no app behind', async () => {
    const { env, pids } = await prepare();
    const result = await execa(process.execPath, [join(files, 'forgotten.cjs')], {
      env,
      reject: false,
      all: true,
      timeout: 60_000,
    });
    expect(result.exitCode, result.all).toBe(3);
    const started = await pids();
    expect(started).toHaveLength(3);
    await eventually(() => started.every((pid) => !alive(pid)), 5000, 'every app gone');
  }, 90_000);

  it('inside `connect dev --exec`, startEmulator() uses the running emulator over its admin API', async () => {
    const { env } = await prepare();
    const result = await runCli(
      [
        'dev',
        env.HARNESS_REPO as string,
        '--admin-port',
        '0',
        '--extension',
        'service:cart:Create',
        '--exec',
        `node --test ${join(files, 'attached.test.mjs')}`,
      ],
      { env, timeout: 90_000 },
    );
    expect(result.exitCode, `${result.stdout}\n${result.stderr}`).toBe(0);
    expect(result.stdout).toMatch(/# pass 3/);
    // One emulator only: the one `connect dev` started.
    expect(result.stderr.match(/Local commercetools API:/g)).toHaveLength(1);
  }, 120_000);
});
