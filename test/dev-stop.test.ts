/**
 * How `connect dev` ends, on the built CLI: a second SIGTERM (as `timeout` sends) only ends the
 * applications' grace period (preUndeploy still runs, dev.json goes, exit 143); a guardian
 * killed by someone is replaced with a warning, so a later SIGKILL of connect dev still stops
 * every app; a --persist path that cannot be a folder is refused at start.
 */
import { cp, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

import { afterEach, describe, expect, it } from 'vitest';

import {
  adminFetch,
  adminUrl,
  allGone,
  alive,
  eventually,
  startDev,
  type DevProcess,
} from './dev-helpers.js';
import { repoRoot, runCli, tempDir } from './helpers/cli.js';

const exists = (path: string) =>
  stat(path).then(
    () => true,
    () => false,
  );

/** Child processes of `pid` whose command line contains `text` (from /proc). */
async function childrenMatching(pid: number, text: string): Promise<number[]> {
  const { readdir } = await import('node:fs/promises');
  const found: number[] = [];
  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = await readFile(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      const cmdline = (await readFile(`/proc/${entry}/cmdline`, 'utf8')).replace(/\0/g, ' ');
      if (ppid === pid && cmdline.includes(text)) found.push(Number(entry));
    } catch {
      // gone meanwhile
    }
  }
  return found;
}

describe('stopping connect dev', { timeout: 120_000 }, () => {
  const cleanups: Array<() => Promise<void>> = [];
  const devs: DevProcess[] = [];
  afterEach(async () => {
    for (const dev of devs.splice(0))
      if (dev.exitCode === null && dev.signalCode === null) dev.kill('SIGKILL');
    for (const cleanup of cleanups.splice(0)) await cleanup();
  });

  async function repo(fixture: string): Promise<string> {
    const dir = await tempDir('connect-stop-');
    cleanups.push(dir.cleanup);
    await cp(join(repoRoot, 'test', 'fixtures', fixture), dir.path, { recursive: true });
    return dir.path;
  }

  it('a second SIGTERM ends the grace period only: preUndeploy runs, dev.json goes, exit 143', async () => {
    const root = await repo('signals');
    // preUndeploy runs at Ctrl-C only when the project is kept (--persist)
    const dev = startDev([
      root,
      '--no-watch',
      '--admin-port',
      '0',
      '--grace',
      '60000',
      '--persist',
      join(root, '.connect', 'data'),
    ]);
    devs.push(dev);
    await dev.waitFor(/applications ready/, 60_000, 'stderr');
    await eventually(() => exists(join(root, 'service', 'deployed')), 20_000, 'postDeploy');
    const started = Date.now();
    dev.kill('SIGTERM');
    await new Promise((resolve) => setTimeout(resolve, 300));
    dev.kill('SIGTERM');
    await eventually(() => dev.exitCode !== null || dev.signalCode !== null, 30_000, 'connect dev to exit');
    expect(Date.now() - started).toBeLessThan(20_000);
    expect(dev.exitCode, dev.output().stderr).toBe(143);
    expect(await exists(join(root, 'service', 'undeployed'))).toBe(true);
    expect(await exists(join(root, '.connect', 'dev.json'))).toBe(false);
    expect(dev.output().stderr).toMatch(/ending the grace period/);
  });

  it('replaces a killed guardian (with a warning), so a SIGKILL of connect dev still stops the apps', async () => {
    const root = await repo('reliability');
    const dev = startDev([root, '--no-watch', '--admin-port', '0', '--grace', '500']);
    devs.push(dev);
    await dev.waitFor(/applications ready/, 60_000, 'stderr');
    const admin = await adminUrl(root);
    const [guardian] = await childrenMatching(dev.pid!, 'connect-dev-guardian');
    expect(guardian).toBeGreaterThan(0);
    process.kill(guardian!, 'SIGKILL');
    await dev.waitFor(/guardian process .* ended \(SIGKILL\); a new one took over/, 10_000, 'stderr');
    const status = (await (await adminFetch(`${admin}/__connect/api/status`)).json()) as {
      applications: Array<{ pid: number }>;
    };
    const pids = status.applications.map((app) => app.pid);
    expect(pids.every((pid) => alive(pid))).toBe(true);
    dev.kill('SIGKILL');
    expect(await allGone(pids, 10_000)).toEqual([]);
  });

  it('refuses at start a --persist path that cannot be a folder', async () => {
    const root = await repo('reliability');
    await writeFile(join(root, 'a-file'), 'x');
    for (const path of [join(root, 'a-file'), join(root, 'a-file', 'below'), '/proc/connect-persist']) {
      const started = Date.now();
      const result = await runCli(['dev', root, '--no-watch', '--admin-port', '0', '--persist', path], {
        timeout: 60_000,
      });
      expect(result.exitCode, result.stderr).toBe(2);
      expect(result.stderr).toMatch(/PERSIST_PATH_INVALID/);
      expect(result.stderr).toMatch(/Try:/);
      expect(Date.now() - started).toBeLessThan(30_000);
    }
    expect(await readFile(join(root, 'a-file'), 'utf8')).toBe('x');
  });
});

describe('an application that never listens', { timeout: 120_000 }, () => {
  it('does not freeze the others: ready line, dashboard URL, scheduler and triggers', async () => {
    const dir = await tempDir('connect-stuck-');
    await cp(join(repoRoot, 'test', 'fixtures', 'stuck'), dir.path, { recursive: true });
    const dev = startDev([dir.path, '--no-watch', '--admin-port', '0', '--grace', '500'], {
      env: { CONNECT_DEV_READY_WAIT_MS: '1500' },
    });
    try {
      await dev.waitFor(/1\/2 applications ready/, 60_000, 'stderr');
      expect(dev.output().stderr).toMatch(/service has not listened on its port after 2 s/);
      expect(dev.output().stderr).toMatch(/Dashboard: http:\/\/127\.0\.0\.1:\d+\/__connect\//);
      const run = await runCli(['trigger', 'job', 'job', '--path', dir.path, '--json']);
      expect(run.exitCode, run.stdout + run.stderr).toBe(0);
      expect(JSON.parse(run.stdout)).toMatchObject({ application: 'job', statusCode: 200 });
    } finally {
      dev.kill('SIGTERM');
      await eventually(() => dev.exitCode !== null || dev.signalCode !== null, 20_000, 'exit');
      await dir.cleanup();
    }
  });
});
