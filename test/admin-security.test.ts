/**
 * Nobody gets in, end to end on the built CLI: the admin API needs the run's token (which the
 * CLI commands read from `.connect/dev.json`, mode 0600), refuses foreign origins whatever the
 * case of its prefix, everything under `.connect/` is the user's only, apps listen on
 * 127.0.0.1, the local API refuses foreign Host headers, and a values file's YAML error does
 * not print the secret on the offending line.
 */
import { cp, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import http from 'node:http';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { adminFetch, adminUrl, startDev, type DevProcess } from './dev-helpers.js';
import { repoRoot, runCli, tempDir } from './helpers/cli.js';

const SECRET = 'dash-very-secret-value';

/** Every path under dir with its permission bits. */
async function modes(dir: string): Promise<Array<[string, number, boolean]>> {
  const out: Array<[string, number, boolean]> = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    const info = await stat(path);
    out.push([path, info.mode & 0o777, entry.isDirectory()]);
    if (entry.isDirectory()) out.push(...(await modes(path)));
  }
  return out;
}

/** The local addresses (hex, as in /proc/net/tcp*) listening on `port`. */
async function listeners(port: number): Promise<string[]> {
  const hexPort = port.toString(16).toUpperCase().padStart(4, '0');
  const found: string[] = [];
  for (const file of ['/proc/net/tcp', '/proc/net/tcp6']) {
    const text = await readFile(file, 'utf8').catch(() => '');
    for (const line of text.split('\n').slice(1)) {
      const [, local, , state] = line.trim().split(/\s+/);
      if (state === '0A' && local?.endsWith(`:${hexPort}`)) found.push(local.slice(0, -5));
    }
  }
  return found;
}

function rawGet(url: string, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const target = new URL(url);
    http
      .get({ hostname: '127.0.0.1', port: target.port, path: target.pathname, headers: { host } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      })
      .on('error', reject);
  });
}

describe('admin API and local state security', { timeout: 120_000 }, () => {
  let repo: { path: string; cleanup: () => Promise<void> };
  let dev: DevProcess;
  let admin: string;

  beforeAll(async () => {
    repo = await tempDir('connect-security-');
    await cp(join(repoRoot, 'test', 'fixtures', 'dashboard'), repo.path, { recursive: true });
    dev = startDev([
      repo.path,
      '--no-watch',
      '--admin-port',
      '0',
      '--grace',
      '1000',
      '--persist',
      join(repo.path, '.connect', 'project'),
    ]);
    await dev.waitFor(/applications ready/, 90_000, 'stderr');
    admin = await adminUrl(repo.path);
  });
  afterAll(async () => {
    if (dev && dev.exitCode === null) {
      dev.kill('SIGTERM');
      await Promise.race([dev, new Promise((resolve) => setTimeout(resolve, 10_000))]);
      if (dev.exitCode === null) dev.kill('SIGKILL');
    }
    await repo?.cleanup();
  });

  it('needs the run token, which the CLI reads from dev.json', async () => {
    const state = JSON.parse(await readFile(join(repo.path, '.connect', 'dev.json'), 'utf8')) as {
      token: string;
    };
    expect(state.token).toMatch(/^[\w-]{32}$/);
    expect((await fetch(`${admin}/__connect/api/status`)).status).toBe(401);
    expect((await fetch(`${admin}/__connect/api/platform`)).status).toBe(401);
    const status = await runCli(['status', '--json', repo.path]);
    expect(status.exitCode, status.stderr).toBe(0);
    expect(JSON.parse(status.stdout).applications).toHaveLength(3);
    const run = await runCli(['trigger', 'job', 'job', '--path', repo.path, '--json']);
    expect(run.exitCode, run.stderr).toBe(0);
  });

  it('refuses a foreign page whatever the case of the prefix, even with the token', async () => {
    const before = (
      (await (await adminFetch(`${admin}/__connect/api/jobs/job/runs`)).json()) as { runs: unknown[] }
    ).runs.length;
    for (const prefix of ['/__connect', '/__CONNECT', '/__Connect']) {
      const page = await fetch(`${admin}${prefix}/api/jobs/job/run`, {
        method: 'POST',
        headers: { origin: 'http://evil.example', 'content-type': 'text/plain' },
        body: '{}',
      });
      expect(page.status, prefix).toBe(403);
      const stolen = await adminFetch(`${admin}${prefix}/api/jobs/job/run`, {
        method: 'POST',
        headers: { origin: 'http://evil.example' },
      });
      expect(stolen.status, prefix).toBe(403);
    }
    const after = (
      (await (await adminFetch(`${admin}/__connect/api/jobs/job/runs`)).json()) as { runs: unknown[] }
    ).runs.length;
    expect(after).toBe(before);
  });

  it('keeps .connect/ to the user: 0700 folders, 0600 files, the saved project included', async () => {
    const status = (await (await adminFetch(`${admin}/__connect/api/platform`)).json()) as {
      apiUrl: string;
      authUrl: string;
      clientId: string;
      clientSecret: string;
      projectKey: string;
    };
    const basic = Buffer.from(`${status.clientId}:${status.clientSecret}`).toString('base64');
    const token = (
      (await (
        await fetch(`${status.authUrl}/oauth/token?grant_type=client_credentials`, {
          method: 'POST',
          headers: { authorization: `Basic ${basic}` },
        })
      ).json()) as { access_token: string }
    ).access_token;
    const created = await fetch(`${status.apiUrl}/${status.projectKey}/extensions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        key: 'secured',
        destination: {
          type: 'HTTP',
          url: 'http://127.0.0.1:9/x',
          authentication: { type: 'AuthorizationHeader', headerValue: 'Bearer extension-secret' },
        },
        triggers: [{ resourceTypeId: 'payment', actions: ['Create'] }],
      }),
    });
    expect(created.status).toBe(201);
    const project = join(repo.path, '.connect', 'project', 'project.json');
    for (
      let i = 0;
      i < 50 && !(await readFile(project, 'utf8').catch(() => '')).includes('extension-secret');
      i++
    ) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(await readFile(project, 'utf8')).toContain('extension-secret');
    expect((await stat(join(repo.path, '.connect'))).mode & 0o777).toBe(0o700);
    const loose = (await modes(join(repo.path, '.connect'))).filter(
      ([, mode, dir]) => mode !== (dir ? 0o700 : 0o600),
    );
    expect(loose).toEqual([]);

    // The local API refuses a foreign Host (DNS rebinding), serves its own names.
    expect(await rawGet(`${status.apiUrl}/${status.projectKey}`, 'evil.example')).toBe(403);
    expect(await rawGet(`${status.apiUrl}/${status.projectKey}`, new URL(status.apiUrl).host)).toBe(401);
  });

  it('runs the apps on 127.0.0.1 only, even when they listen without a host', async () => {
    const status = (await (await adminFetch(`${admin}/__connect/api/status`)).json()) as {
      applications: Array<{ name: string; port: number | null; appPort?: number }>;
    };
    for (const app of status.applications) {
      expect(app.port).toBeGreaterThan(0);
      // The published port (a service's gateway) and the port the app itself listens on.
      for (const port of [app.port!, ...(app.appPort ? [app.appPort] : [])]) {
        const addresses = await listeners(port);
        expect(addresses.length, app.name).toBeGreaterThan(0);
        // 0100007F is 127.0.0.1 in /proc/net/tcp; the IPv4-mapped form in tcp6.
        expect(
          addresses.every((a) => a === '0100007F' || a === '0000000000000000FFFF00000100007F'),
          `${app.name}: ${addresses.join(', ')}`,
        ).toBe(true);
      }
    }
  });
});

describe('a values file with a YAML error', () => {
  it('names the line and column, never prints the line (it may hold a secret)', async () => {
    const repo = await tempDir('connect-values-yaml-');
    try {
      await cp(join(repoRoot, 'test', 'fixtures', 'dashboard'), repo.path, { recursive: true });
      await writeFile(
        join(repo.path, 'connect.values.yaml'),
        `applications:\n  service:\n    DASH_SECRET: "${SECRET}" oops: [\n`,
      );
      for (const args of [
        [repo.path, '--admin-port', '0'],
        [repo.path, '--admin-port', '0', '--json'],
      ]) {
        const result = await runCli(['dev', ...args], { timeout: 60_000 });
        expect(result.exitCode).not.toBe(0);
        expect(`${result.stdout}\n${result.stderr}`).toMatch(/VALUES_INVALID/);
        expect(`${result.stdout}\n${result.stderr}`).toMatch(/connect\.values\.yaml:3:\d+/);
        expect(`${result.stdout}\n${result.stderr}`).not.toContain(SECRET);
      }
    } finally {
      await repo.cleanup();
    }
  });
});
