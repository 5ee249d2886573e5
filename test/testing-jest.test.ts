/**
 * The testing library from jest, as a connector's tests use it: a temp project whose
 * node_modules/connect-cli is this package (the build), a jest suite that `require`s
 * `connect-cli/testing`, and jest run as a child process without a TTY (CI=true) and without
 * --experimental-vm-modules. A passing suite passes; a failing assertion makes jest exit 1; in
 * both cases jest ends by itself and no process of the emulator is left behind.
 */
import { copyFile, readdir, readFile, readlink, symlink, mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

import { execa } from 'execa';
import { afterEach, describe, expect, it } from 'vitest';

import { repoRoot } from './helpers/cli.js';
import { prepareHarness } from './helpers/testing-fixture.js';
import { allGone } from './dev-helpers.js';

const files = join(repoRoot, 'test', 'fixtures', 'testing-jest');
const jestBin = join(repoRoot, 'node_modules', 'jest', 'bin', 'jest.js');
const cleanups: Array<() => Promise<void>> = [];

afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

/** Runs one fixture suite with jest in a project of its own; returns jest's result and the apps' pids. */
async function runJest(suite: string) {
  const harness = await prepareHarness(cleanups, 'connect-jest-test-');
  const { dir } = harness;
  await mkdir(join(dir, 'node_modules'));
  await symlink(repoRoot, join(dir, 'node_modules', 'connect-cli'), 'dir');
  await copyFile(join(files, suite), join(dir, suite));
  await writeFile(join(dir, 'package.json'), JSON.stringify({ name: 'jest-consumer', private: true }));
  // jest's defaults, but the package is not transformed: installed, it would sit in node_modules
  // (which babel-jest leaves alone); linked, jest sees its real path.
  const config = {
    rootDir: dir,
    testEnvironment: 'node',
    testMatch: ['<rootDir>/*.test.cjs'],
    transformIgnorePatterns: ['/node_modules/', `^${repoRoot.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`],
  };
  await writeFile(join(dir, 'jest.config.json'), JSON.stringify(config));
  const result = await execa(process.execPath, [jestBin, '--config', join(dir, 'jest.config.json'), '--ci'], {
    cwd: dir,
    env: { ...harness.env, CI: 'true', NO_COLOR: '1', NODE_OPTIONS: '' },
    stdin: 'ignore',
    reject: false,
    all: true,
    timeout: 120_000,
  });
  return { result, pids: await harness.pids(), dir };
}

/** Processes (other than this one) running in or on the temp project: none must outlive jest. */
async function processesIn(dir: string): Promise<string[]> {
  const found: string[] = [];
  for (const pid of await readdir('/proc').catch(() => [] as string[])) {
    if (!/^\d+$/.test(pid) || Number(pid) === process.pid) continue;
    const cwd = await readlink(`/proc/${pid}/cwd`).catch(() => '');
    const cmdline = (await readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => '')).replaceAll('\0', ' ');
    if (cwd.startsWith(dir) || cmdline.includes(dir)) found.push(`${pid}: ${cmdline}`);
  }
  return found;
}

describe('connect-cli/testing from jest', () => {
  it('a jest suite starts the emulator, calls the apps through it and passes', async () => {
    const { result, pids, dir } = await runJest('harness.test.cjs');
    expect(result.timedOut, result.all).toBe(false);
    expect(result.exitCode, result.all).toBe(0);
    expect(result.all).toMatch(/Tests:\s+3 passed, 3 total/);
    // Nothing loaded after the test file's sandbox was gone; nothing kept jest alive.
    expect(result.all).not.toMatch(
      /Jest environment has been torn down|Jest did not exit|experimental-vm-modules/,
    );
    expect(pids).toHaveLength(3);
    expect(await allGone(pids)).toEqual([]);
    expect(await processesIn(dir)).toEqual([]);
  }, 150_000);

  it('a failing assertion makes jest exit 1, and the emulator still stops', async () => {
    const { result, pids, dir } = await runJest('failing.test.cjs');
    expect(result.timedOut, result.all).toBe(false);
    expect(result.exitCode, result.all).toBe(1);
    expect(result.all).toMatch(/Expected: "stopped"\s+Received: "ready"/);
    expect(result.all).toMatch(/Tests:\s+1 failed, 1 total/);
    expect(result.all).not.toMatch(/Jest environment has been torn down|Jest did not exit/);
    expect(await allGone(pids)).toEqual([]);
    expect(await processesIn(dir)).toEqual([]);
  }, 150_000);
});
