/**
 * `connect dev --exec CMD` end to end: the built CLI on a fixture repository with three real
 * applications; CMD is a real shell command talking to the local API and the apps through the
 * environment it is given. Exit codes: CMD's own, 125 when an app cannot start, 124 on
 * --timeout, 143 on SIGTERM; no process is left behind in any case.
 */
import { existsSync } from 'node:fs';
import { cp, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

import { afterEach, describe, expect, it } from 'vitest';

import { repoRoot, runCli, spawnCli, tempDir } from './helpers/cli.js';
import { sleep } from './dev-helpers.js';

const fixture = join(repoRoot, 'test', 'fixtures', 'harness');
const checkScript = join(repoRoot, 'test', 'fixtures', 'harness-scripts', 'check.mjs');
const cleanups: Array<() => Promise<void>> = [];

afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

async function copy(): Promise<string> {
  const dir = await tempDir('connect-exec-');
  cleanups.push(dir.cleanup);
  await cp(fixture, dir.path, { recursive: true });
  return dir.path;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

interface Summary {
  exitCode: number;
  commandExitCode: number | null;
  timedOut: boolean;
  readyMs: number | null;
  applications: Array<{ name: string; state: string; pid: number | null; url: string | null }>;
  extensionCalls: Array<{
    application: string;
    resource: string;
    action: string;
    statusCode: number;
    ok: boolean;
  }>;
  deliveries: Array<{ application: string; type: string; state: string }>;
  jobRuns: unknown[];
  error?: { code: string; message: string };
}

describe('connect dev --exec', () => {
  it('runs a passing command with the environment a test needs, then stops everything and exits 0', async () => {
    const root = await copy();
    // The apps' pids, written by CMD, to check that nothing survives.
    const result = await runCli(
      [
        'dev',
        root,
        '--admin-port',
        '0',
        '--extension',
        'service:cart:Create',
        '--subscribe',
        'event:CustomerCreated',
        '--json',
        '--exec',
        `node ${checkScript} && echo "$CONNECT_DEV_ADMIN_URL" > admin-url.txt`,
      ],
      { cwd: root, timeout: 60_000 },
    );
    expect(result.exitCode, result.stderr).toBe(0);
    // With --json, CMD's output goes to stderr and stdout is the summary alone.
    expect(result.stderr).toContain('cart email: harness@example.com');
    expect(result.stderr).toContain('job: 200');
    const summary = JSON.parse(result.stdout) as Summary;
    expect(summary.exitCode).toBe(0);
    expect(summary.commandExitCode).toBe(0);
    expect(summary.applications.map((app) => app.name).sort()).toEqual(['event', 'job', 'service']);
    expect(summary.extensionCalls).toContainEqual(
      expect.objectContaining({
        application: 'service',
        resource: 'cart',
        action: 'Create',
        statusCode: 200,
        ok: true,
      }),
    );
    expect(summary.deliveries).toContainEqual(
      expect.objectContaining({ application: 'event', type: 'CustomerCreated', state: 'acked' }),
    );
    expect(summary.readyMs).toBeGreaterThan(0);
    expect((await readFile(join(root, 'admin-url.txt'), 'utf8')).trim()).toMatch(
      /^http:\/\/127\.0\.0\.1:\d+$/,
    );
    // Stopped: the apps are gone, and so is the record of the running emulator.
    for (const app of summary.applications) expect(app.state).toBe('stopped');
    expect(existsSync(join(root, '.connect', 'dev.json'))).toBe(false);
  }, 90_000);

  it('exits with the code of a failing command, its output streamed, nothing left running', async () => {
    const root = await copy();
    const result = await runCli(
      [
        'dev',
        '--admin-port',
        '0',
        '--exec',
        'echo "apps: $CONNECT_APP_SERVICE_URL $CONNECT_APP_EVENT_URL" && echo $$ > cmd.pid && exit 7',
      ],
      { cwd: root, timeout: 60_000 },
    );
    expect(result.exitCode, result.stderr).toBe(7);
    expect(result.stdout).toMatch(
      /apps: http:\/\/127\.0\.0\.1:\d+\/service http:\/\/127\.0\.0\.1:\d+\/event/,
    );
    expect(result.stderr).toContain('3/3 applications ready');
    expect(result.stderr).toMatch(/the command exited with 7 .*Exit code 7\./);
    const pid = Number(await readFile(join(root, 'cmd.pid'), 'utf8'));
    expect(alive(pid)).toBe(false);
    // No colour without a TTY.
    expect(result.stderr).not.toContain('\u001b[');
  }, 90_000);

  it('fails at once with exit code 125 and the output tail of an app that cannot start; CMD never runs', async () => {
    const root = await copy();
    await writeFile(
      join(root, 'service', 'index.js'),
      "console.log('connecting to the payment provider');\nconsole.error('Error: PAYMENT_KEY is not set');\nprocess.exit(3);\n",
    );
    const started = Date.now();
    const result = await runCli(['dev', '--admin-port', '0', '--exec', 'touch ran.txt'], {
      cwd: root,
      timeout: 60_000,
    });
    expect(result.exitCode, result.stderr).toBe(125);
    expect(result.stderr).toContain('APP_NOT_READY');
    expect(result.stderr).toContain('service could not start');
    expect(result.stderr).toContain('Error: PAYMENT_KEY is not set');
    expect(existsSync(join(root, 'ran.txt'))).toBe(false);
    // No waiting for restarts with backoff (they would take 0.5 + 1 + 2 + 4 s and more).
    expect(Date.now() - started).toBeLessThan(30_000);

    const json = await runCli(['dev', '--admin-port', '0', '--json', '--exec', 'true'], { cwd: root });
    expect(json.exitCode).toBe(125);
    const summary = JSON.parse(json.stdout) as Summary;
    expect(summary.error?.code).toBe('APP_NOT_READY');
    expect(summary.commandExitCode).toBeNull();
  }, 90_000);

  it('stops everything on SIGTERM and exits 143', async () => {
    const root = await copy();
    const child = spawnCli(['dev', '--admin-port', '0', '--exec', 'echo $$ > cmd.pid; exec sleep 60'], {
      cwd: root,
      buffer: false,
      // The test is the SIGTERM; no SIGKILL from execa when stopping takes a while on a busy machine.
      forceKillAfterDelay: false,
    });
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdout?.resume();
    const deadline = Date.now() + 30_000;
    while (!existsSync(join(root, 'cmd.pid')) && Date.now() < deadline) await sleep(50);
    const cmdPid = Number(await readFile(join(root, 'cmd.pid'), 'utf8'));
    const status = JSON.parse(await readFile(join(root, '.connect', 'dev.json'), 'utf8')) as {
      adminUrl: string;
      token: string;
    };
    const apps = (await (
      await fetch(`${status.adminUrl}/__connect/api/status`, {
        headers: { authorization: `Bearer ${status.token}` },
      })
    ).json()) as Summary;
    const appPids = apps.applications.map((app) => app.pid).filter((pid): pid is number => pid !== null);
    expect(appPids).toHaveLength(3);
    expect(alive(cmdPid)).toBe(true);

    child.kill('SIGTERM');
    const result = await child;
    expect(result.exitCode, stderr).toBe(143);
    expect(stderr).toContain('SIGTERM: stopping');
    expect(alive(cmdPid)).toBe(false);
    for (const pid of appPids) expect(alive(pid)).toBe(false);
  }, 90_000);

  it('--timeout bounds the whole run: exit code 124, everything stopped', async () => {
    const root = await copy();
    const started = Date.now();
    const result = await runCli(
      ['dev', '--admin-port', '0', '--timeout', '3', '--json', '--exec', 'echo $$ > cmd.pid; exec sleep 60'],
      { cwd: root, timeout: 60_000 },
    );
    expect(result.exitCode, result.stderr).toBe(124);
    expect(Date.now() - started).toBeLessThan(20_000);
    const summary = JSON.parse(result.stdout) as Summary;
    expect(summary.timedOut).toBe(true);
    expect(alive(Number(await readFile(join(root, 'cmd.pid'), 'utf8')))).toBe(false);
  }, 60_000);

  it('refuses --timeout without --exec (usage, exit 2)', async () => {
    const root = await copy();
    const result = await runCli(['dev', '--admin-port', '0', '--timeout', '5'], { cwd: root });
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain('--timeout bounds a run of --exec');
  });
});
