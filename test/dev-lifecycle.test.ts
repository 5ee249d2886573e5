/**
 * `connect dev` lifecycle end to end: no process survives the emulator (SIGTERM, SIGKILL),
 * bad input fails clearly, commands report when no emulator runs.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

import { afterEach, describe, expect, it } from 'vitest';

import { runCli, tempDir } from './helpers/cli.js';
import { adminUrl, allGone, apps, copyFixture, startDev, type DevProcess } from './dev-helpers.js';

const env = { TEST_API_SECRET: 'lifecycle-secret' };
const cleanups: Array<() => Promise<void>> = [];

afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

async function running(args: string[] = []): Promise<{ dev: DevProcess; root: string; pids: number[] }> {
  const repo = await copyFixture('basic');
  const dev = startDev([repo.path, '--only', 'svc-a,svc-b', '--no-watch', '--grace', '1000', ...args], {
    env,
  });
  cleanups.push(async () => {
    if (dev.exitCode === null) dev.kill('SIGKILL');
    await repo.cleanup();
  });
  await dev.waitFor(/applications ready/, 60_000, 'stderr');
  const app = await apps(await adminUrl(repo.path));
  const grandchild = Number(await readFile(join(repo.path, 'svc-b', 'grandchild.pid'), 'utf8'));
  const pids = [app('svc-a').pid as number, app('svc-b').pid as number, grandchild];
  expect(pids.every((pid) => Number.isInteger(pid) && pid > 0)).toBe(true);
  return { dev, root: repo.path, pids };
}

describe('connect dev leaves no process behind', () => {
  it('on SIGTERM (and a second connect dev on the same repository is refused)', async () => {
    const keep = await tempDir('connect-persist-');
    cleanups.push(keep.cleanup);
    const { dev, pids, root } = await running(['--persist', keep.path]);
    const second = await runCli(['dev', root, '--no-watch'], { env });
    expect(second.exitCode).toBe(1);
    expect(second.stderr).toContain('EMULATOR_ALREADY_RUNNING');
    expect(second.stderr).toContain(`pid ${dev.pid}`);
    dev.kill('SIGTERM');
    expect((await dev).exitCode).toBe(0);
    expect(await allGone(pids)).toEqual([]);
    // preUndeploy ran before the apps stopped (the project is kept: --persist).
    expect(JSON.parse(await readFile(join(root, 'svc-a', 'pre-undeploy.json'), 'utf8')).K_SERVICE).toBe(
      'svc-a',
    );
  });

  it('when the emulator is killed with SIGKILL', async () => {
    const { dev, pids } = await running(['--no-scripts']);
    dev.kill('SIGKILL');
    await dev;
    expect(await allGone(pids, 10_000)).toEqual([]);
  });
});

describe('connect dev input errors', () => {
  it('fails on an unknown key in the values file, listing the known ones', async () => {
    const repo = await copyFixture('basic');
    cleanups.push(repo.cleanup);
    await writeFile(join(repo.path, 'connect.values.yaml'), 'applications:\n  svc-a:\n    NOPE: 1\n');
    const result = await runCli(['dev', repo.path, '--no-watch'], { env });
    expect(result.exitCode).toBe(1);
    expect(result.stderr).toContain('VALUES_UNKNOWN_KEY');
    expect(result.stderr).toMatch(/Known keys of svc-a: FROM_FLAG, FROM_VALUES/);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it('names a missing ${env:NAME} variable', async () => {
    const repo = await copyFixture('basic');
    cleanups.push(repo.cleanup);
    const result = await runCli(['dev', repo.path, '--no-watch']);
    expect(result.exitCode).toBe(1);
    expect(result.stderr).toContain('VALUES_ENV_MISSING');
    expect(result.stderr).toContain('TEST_API_SECRET');
  });

  it('rejects unknown applications in --only and --env with usage errors', async () => {
    const repo = await copyFixture('basic');
    cleanups.push(repo.cleanup);
    const only = await runCli(['dev', repo.path, '--only', 'ghost'], { env });
    expect(only.exitCode).toBe(2);
    expect(only.stderr).toContain('use one or more of: svc-a, svc-b, job, needs, static');
    const flag = await runCli(['dev', repo.path, '--env', 'ghost.KEY=1'], { env });
    expect(flag.exitCode).not.toBe(0);
    expect(flag.stderr).toContain('VALUES_UNKNOWN_APPLICATION');
  });

  it('reports that no emulator is running', async () => {
    const repo = await copyFixture('basic');
    cleanups.push(repo.cleanup);
    const status = await runCli(['status', repo.path, '--json']);
    expect(status.exitCode).toBe(1);
    expect(JSON.parse(status.stdout).error.code).toBe('EMULATOR_NOT_RUNNING');
    const trigger = await runCli(['trigger', 'job', 'job', '--path', repo.path]);
    expect(trigger.exitCode).toBe(1);
    expect(trigger.stderr).toContain('Try: start one with `connect dev');
  });
});

describe('connect dev scripts', () => {
  it('reports a failing postDeploy as a warning and keeps the app running', async () => {
    const { dev, root } = await running(['--env', 'svc-a.FROM_FLAG=fail-post-deploy']);
    await dev.waitFor(/svc-a: postDeploy exited with 1; on the platform this is a Warning/, 15_000, 'stderr');
    expect(dev.output().stderr).toContain('post-deploy ran with ****');
    expect((await apps(await adminUrl(root)))('svc-a').state).toBe('ready');
    dev.kill('SIGTERM');
    await dev;
  });
});

describe('connect dev front ends', () => {
  it('runs a Merchant Center app with its start script and serves a built assets app', async () => {
    const repo = await copyFixture('frontend');
    const dev = startDev([
      repo.path,
      '--no-watch',
      '--env',
      'CUSTOM_APPLICATION_ID=app-id',
      '--env',
      'ENTRY_POINT_URI_PATH=orders',
    ]);
    cleanups.push(async () => {
      if (dev.exitCode === null) dev.kill('SIGKILL');
      await repo.cleanup();
    });
    await dev.waitFor(/2\/2 applications ready/, 60_000, 'stderr');
    const admin = await adminUrl(repo.path);
    const app = await apps(admin);
    expect(app('mc')).toMatchObject({ type: 'merchant-center-custom-application', state: 'ready' });
    // The app answers its APPLICATION_URL, which is its own address.
    const mcUrl = app('mc').url as string;
    expect(await (await fetch(mcUrl)).text()).toBe(mcUrl);
    expect(dev.output().stdout).toMatch(/mc\s+\| mc up gcp-eu/);
    expect(app('web').url).toBe(`${admin}/web/`);
    expect(await (await fetch(`${admin}/web/`)).text()).toBe('built');
    dev.kill('SIGTERM');
    expect((await dev).exitCode).toBe(0);
  });
});

describe('connect dev --json', () => {
  it('streams events as JSON lines on stdout, secrets masked', async () => {
    const repo = await copyFixture('basic');
    const dev = startDev([repo.path, '--json', '--only', 'svc-a', '--no-watch', '--no-scripts'], { env });
    cleanups.push(async () => {
      if (dev.exitCode === null) dev.kill('SIGKILL');
      await repo.cleanup();
    });
    await dev.waitFor(
      /"event":"app","data":\{"name":"svc-a","type":"service","state":"ready"/,
      60_000,
      'stdout',
    );
    await dev.waitFor(/svc-a starting with secret/, 10_000, 'stdout');
    dev.kill('SIGTERM');
    await dev;
    const events = dev
      .output()
      .stdout.trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { event: string; data: { text?: string; state?: string } });
    expect(events[0]).toEqual({ event: 'emulator', data: { state: 'starting' } });
    expect(events.some((e) => e.event === 'log' && e.data.text === 'svc-a starting with secret ****')).toBe(
      true,
    );
    expect(events.at(-1)).toEqual({ event: 'emulator', data: { state: 'stopped' } });
    expect(dev.output().stdout).not.toContain(env.TEST_API_SECRET);
  });

  it('keeps stdout JSON lines when it fails: the error is one more line', async () => {
    const dir = await tempDir();
    cleanups.push(dir.cleanup);
    const result = await runCli(['dev', dir.path, '--json']);
    expect(result.exitCode).toBe(2);
    const lines = result.stdout.trim().split('\n');
    const parsed = lines.map((line) => JSON.parse(line) as { error?: { code: string } });
    expect(parsed.at(-1)?.error?.code).toBe('CONNECT_YAML_NOT_FOUND');
  });
});
