/**
 * `connect dev` end to end: the built CLI on a fixture repository with real child apps.
 * One emulator run covers configuration, redaction, ports, scripts, jobs, crash and reload
 * (starting it once keeps the suite quick on two cores); stopping is tested per signal.
 */
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { ConfigView, EmulatorStatus } from '../src/emulator/emulator.js';
import type { JobRun } from '../src/emulator/types.js';
import { runCli } from './helpers/cli.js';
import {
  adminUrl,
  allGone,
  apps,
  copyFixture,
  eventually,
  getJson,
  startDev,
  type AppAnswer,
  type DevProcess,
} from './dev-helpers.js';

const answer = (url: string | null) => getJson<AppAnswer>(url ?? 'http://127.0.0.1:1/none');

const SECRET = 'sup3r-s3cret-value';

describe('connect dev on a repository', () => {
  let repo: { path: string; cleanup: () => Promise<void> };
  let dev: DevProcess;
  let admin: string;
  let pids: number[] = [];

  beforeAll(async () => {
    repo = await copyFixture('basic');
    dev = startDev([repo.path, '--env', 'svc-a.FROM_FLAG=flag', '--grace', '2000'], {
      env: { TEST_API_SECRET: SECRET },
    });
    await dev.waitFor(/applications ready/, 60_000, 'stderr');
    admin = await adminUrl(repo.path);
  });

  afterAll(async () => {
    if (dev.exitCode === null) dev.kill('SIGKILL');
    await repo.cleanup();
  });

  it('gives each application its own port, even when both hard-code 8080', async () => {
    const app = await apps(admin);
    expect(app('svc-a').state).toBe('ready');
    expect(app('svc-b').state).toBe('ready');
    expect(app('svc-a').port).not.toBe(app('svc-b').port);
    expect(app('svc-a').url).toBe(`http://127.0.0.1:${app('svc-a').port}/a`);
    const a = await answer(app('svc-a').url);
    const b = await answer(app('svc-b').url);
    // The published port is the app's gateway; the app itself listens behind it, on its PORT.
    expect(app('svc-a').appPort).toBeGreaterThan(0);
    expect(app('svc-a').appPort).not.toBe(app('svc-a').port);
    expect(a.env.PORT).toBe(String(app('svc-a').appPort));
    expect(b.message).toBe('v1');
    expect(app('svc-b').health).toBe('healthy');
    pids = [a.pid, b.pid];
  });

  it('resolves configuration with the documented precedence and sets the runtime variables', async () => {
    const app = await apps(admin);
    const svcA = app('svc-a');
    const { env } = await answer(svcA.url);
    expect(env).toMatchObject({
      FROM_FLAG: 'flag',
      FROM_VALUES: 'values',
      FROM_APP_ENV: 'app-env',
      FROM_ROOT_ENV: 'root-env',
      FROM_DEFAULT: 'default',
      SHARED: 'shared-default',
      K_SERVICE: 'svc-a',
      K_CONFIGURATION: 'svc-a',
      CONNECT_SERVICE_URL: svcA.url,
      CTP_PROJECT_KEY: 'connect-dev',
      CTP_SCOPE: 'manage_orders:connect-dev',
      HOME_DIR_LEAK: null,
    });
    expect(env.K_REVISION).toMatch(/^svc-a-\d{5}/);
    const config = await getJson<ConfigView>(`${admin}/__connect/api/applications/svc-a/config`);
    const sources = Object.fromEntries(config.values.map((entry) => [entry.key, entry.source]));
    expect(sources).toMatchObject({
      FROM_FLAG: 'flag',
      FROM_VALUES: 'values-file',
      FROM_APP_ENV: 'app-dotenv',
      FROM_ROOT_ENV: 'root-dotenv',
      FROM_DEFAULT: 'default',
      API_SECRET: 'values-file',
      PORT: 'runtime',
    });
  });

  it('never shows a secured value', async () => {
    await dev.waitFor(/svc-a starting with secret/, 5000, 'stdout');
    const config = await getJson<ConfigView>(`${admin}/__connect/api/applications/svc-a/config`);
    expect(config.values.find((entry) => entry.key === 'API_SECRET')?.value).toBe('****');
    const logs = await getJson(`${admin}/__connect/api/applications/svc-a/logs`);
    expect(JSON.stringify(logs)).toContain('svc-a starting with secret ****');
    const status = await runCli(['status', repo.path, '--json']);
    const { stdout, stderr } = dev.output();
    for (const text of [stdout, stderr, JSON.stringify(config), JSON.stringify(logs), status.stdout]) {
      expect(text).not.toContain(SECRET);
    }
    expect(stdout).toContain('svc-a starting with secret ****');
  });

  it('refuses to start an application whose required keys have no value, naming them', async () => {
    const { stderr } = dev.output();
    expect(stderr).toMatch(
      /needs cannot start: required configuration keys without a value: NEEDED_ONE, NEEDED_TWO/,
    );
    expect(stderr).toContain('--env needs.NEEDED_ONE=');
    expect(stderr).toContain('applications.needs.NEEDED_TWO in');
    expect(stderr).toContain('needs/.env');
    const app = await apps(admin);
    expect(app('needs')).toMatchObject({
      state: 'stopped',
      pid: null,
    });
  });

  it('runs postDeploy once the app is ready, with the app environment and the CONNECT_* variables', async () => {
    const post = await eventually(
      () => readFile(join(repo.path, 'svc-a', 'post-deploy.json'), 'utf8').then(JSON.parse),
      10_000,
      'post-deploy.json',
    );
    const app = await apps(admin);
    const svcA = app('svc-a');
    expect(post).toEqual({
      CONNECT_SERVICE_URL: svcA.url,
      PORT: String(svcA.appPort),
      K_SERVICE: 'svc-a',
      FROM_FLAG: 'flag',
      CTP_PROJECT_KEY: 'connect-dev',
      CONNECT_DEV_ADMIN_URL: admin,
    });
    expect(dev.output().stdout).toContain('[postDeploy] post-deploy ran with ****');
  });

  it('serves assets apps from public/ under the emulator address', async () => {
    const response = await fetch(`${admin}/static/`);
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('static ok');
  });

  it('fires the job on its @every 1s schedule and on `connect trigger job`', async () => {
    const scheduled = await eventually(
      async () => {
        const { runs } = await getJson<{ runs: JobRun[] }>(`${admin}/__connect/api/jobs/job/runs`);
        return runs.find((run) => run.trigger === 'schedule' && run.outcome === 'ok');
      },
      10_000,
      'a scheduled run',
    );
    expect(scheduled.statusCode).toBe(200);
    expect(dev.output().stdout).toMatch(/job\s+\| job POST \/job Google-Cloud-Scheduler \{\}/);

    const manual = await runCli(['trigger', 'job', 'job', '--path', repo.path, '--json']);
    expect(manual.exitCode).toBe(0);
    expect(JSON.parse(manual.stdout)).toMatchObject({
      application: 'job',
      trigger: 'manual',
      outcome: 'ok',
      statusCode: 200,
    });

    const unknown = await runCli(['trigger', 'job', 'svc-a', '--path', repo.path]);
    expect(unknown.exitCode).not.toBe(0);
    expect(unknown.stderr).toContain('JOB_NOT_FOUND');
    expect(unknown.stderr).toContain('Try: use one of: job');

    // `needs` is refused (required keys without a value): status says so with exit 1, JSON still out
    const status = await runCli(['status', repo.path, '--json']);
    expect(status.exitCode).toBe(1);
    const job = (JSON.parse(status.stdout) as EmulatorStatus).applications.find((app) => app.name === 'job');
    expect(job?.lastJobRun?.outcome).toBe('ok');
  });

  it('shows a status table', async () => {
    const result = await runCli(['status', repo.path]);
    // exit 1 names what is down: only `needs`, refused for its required keys
    expect(result.exitCode).toBe(1);
    expect(result.stderr).toMatch(/\bneeds \(stopped\) is not running/);
    expect(result.stdout).toMatch(/NAME\s+TYPE\s+STATE\s+URL\s+PORT\s+PID\s+RESTARTS/);
    expect(result.stdout).toMatch(/svc-a\s+service\s+ready\s+http:\/\/127\.0\.0\.1:\d+\/a/);
  });

  it('restarts a crashed application and shows the crash', async () => {
    const before = await apps(admin);
    const svcA = before('svc-a');
    await fetch(`http://127.0.0.1:${svcA.port}/a/crash`);
    const after = await eventually(
      async () => {
        const app = (await apps(admin))('svc-a');
        return app.state === 'ready' && app.restarts === 1 ? app : undefined;
      },
      15_000,
      'svc-a restarted',
    );
    expect(after.pid).not.toBe(svcA.pid);
    expect(after.port).toBe(svcA.port);
    expect(dev.output().stderr).toMatch(
      /svc-a crashed \(exit code 3\)[\s\S]*svc-a: crashing on purpose[\s\S]*Restarting in/,
    );
    pids.push(after.pid as number);
  });

  it('rebuilds and restarts only the changed application, and keeps the old version on a build error', async () => {
    const app = await apps(admin);
    const pidOf = (name: string) => app(name).pid;
    const svcB = app('svc-b');
    await writeFile(join(repo.path, 'svc-b', 'message.txt'), 'v2\n');
    await eventually(async () => (await answer(svcB.url)).message === 'v2', 15_000, 'v2 answering');
    const afterReload = await apps(admin);
    expect(afterReload('svc-a').pid).toBe(pidOf('svc-a'));
    expect(afterReload('job').pid).toBe(pidOf('job'));
    pids.push((await answer(svcB.url)).pid);

    await writeFile(join(repo.path, 'svc-b', 'message.txt'), 'broken\n');
    await dev.waitFor(
      /svc-b: npm run build failed \(exit code 2\); the previous version keeps running/,
      15_000,
      'stderr',
    );
    expect(dev.output().stderr).toContain('build error: message.txt says "broken"');
    expect((await answer(svcB.url)).message).toBe('v2');
  });

  it('re-reads the values file, .env and connect.yaml, and restarts the applications they affect', async () => {
    const app = await apps(admin);
    const svcA = app('svc-a');
    const jobPid = app('job').pid;
    const values = await readFile(join(repo.path, 'connect.values.yaml'), 'utf8');
    await writeFile(
      join(repo.path, 'connect.values.yaml'),
      values.replace('FROM_VALUES: values', 'FROM_VALUES: values-2'),
    );
    await eventually(
      async () => (await answer(svcA.url)).env.FROM_VALUES === 'values-2',
      15_000,
      'new value',
    );
    const after = await apps(admin);
    expect(after('job').pid).toBe(jobPid);
    pids.push((await answer(svcA.url)).pid);

    const dotenv = await readFile(join(repo.path, '.env'), 'utf8');
    await writeFile(
      join(repo.path, '.env'),
      dotenv.replace('FROM_ROOT_ENV=root-env', 'FROM_ROOT_ENV=root-env-2'),
    );
    await eventually(
      async () => (await answer(svcA.url)).env.FROM_ROOT_ENV === 'root-env-2',
      15_000,
      '.env value',
    );
    expect((await apps(admin))('job').pid).toBe(jobPid);
    pids.push((await answer(svcA.url)).pid);

    const yaml = await readFile(join(repo.path, 'connect.yaml'), 'utf8');
    await writeFile(
      join(repo.path, 'connect.yaml'),
      yaml.replace(
        'description: default only\n          default: default',
        'description: default only\n          default: default-2',
      ),
    );
    await eventually(
      async () => (await answer(svcA.url)).env.FROM_DEFAULT === 'default-2',
      15_000,
      'new default',
    );
    expect((await apps(admin))('job').pid).toBe(jobPid);
    pids.push((await answer(svcA.url)).pid);
  });

  it('stops on SIGINT: every process (preUndeploy only with --persist), and removes dev.json', async () => {
    const grandchild = Number(await readFile(join(repo.path, 'svc-b', 'grandchild.pid'), 'utf8'));
    const app = await apps(admin);
    const all = [...pids, ...['svc-a', 'svc-b', 'job'].map((name) => app(name).pid as number), grandchild];
    dev.kill('SIGINT');
    const result = await dev;
    expect(result.exitCode).toBe(0);
    // Without a kept project (--persist) there is nothing to undo: preUndeploy does not run.
    expect(existsSync(join(repo.path, 'svc-a', 'pre-undeploy.json'))).toBe(false);
    expect(await allGone(all)).toEqual([]);
    const after = await runCli(['status', repo.path]);
    expect(after.exitCode).toBe(1);
    expect(after.stderr).toContain('EMULATOR_NOT_RUNNING');
  });
});
