// Real child processes: the ready-vs-early-exit race and the listen(8080) mapping.
// (The preload runs from dist/: `npm test` builds first.)
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createBus } from '../bus.js';
import { baseEnvironment, buildEnvironment } from '../environment.js';
import { MemoryLogger } from '../logger.js';
import type { Application } from '../../spec/types.js';
import { Guardian } from './guardian.js';
import { freePort } from './ports.js';
import { spawnShell } from './process.js';
import { AppSupervisor, httpStatus } from './supervisor.js';

describe('AppSupervisor', () => {
  let dir: string;
  const guardian = new Guardian();

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'supervisor-'));
    guardian.start(1000);
  });
  afterAll(async () => {
    guardian.close();
    await rm(dir, { recursive: true, force: true });
  });

  async function supervise(
    name: string,
    start: string,
    files: Record<string, string> = {},
    healthCheck?: { path: string; intervalSeconds: number; unhealthyThreshold: number },
    watching?: boolean,
  ) {
    const appDir = join(dir, name);
    await rm(appDir, { recursive: true, force: true });
    await mkdir(appDir, { recursive: true });
    await writeFile(join(appDir, 'package.json'), JSON.stringify({ name, scripts: { start } }));
    for (const [file, text] of Object.entries(files)) await writeFile(join(appDir, file), text);
    const app: Application = {
      name,
      applicationType: 'service',
      endpoint: '/x',
      ...(healthCheck ? { healthCheck } : {}),
    };
    const port = await freePort();
    const logger = new MemoryLogger();
    const env = (preload: boolean) =>
      buildEnvironment({
        base: baseEnvironment(process.env),
        spec: { deployAs: [app] },
        configuration: undefined,
        runtime: { PORT: String(port) },
        plugin: {},
        dir: appDir,
        root: dir,
        preload,
      });
    const supervisor = new AppSupervisor({
      app,
      dir: appDir,
      port,
      url: `http://127.0.0.1:${port}/x`,
      build: true,
      graceMs: 1000,
      guardian,
      bus: createBus(),
      logger,
      redact: (text) => text.replaceAll('hunter2', '****'),
      environment: () => env(true),
      buildEnvironment: () => env(false),
      maxFailedStarts: 1,
      ...(watching === undefined ? {} : { watching }),
    });
    return { supervisor, logger, port };
  }

  it('reports an app that exits before it is ready, with the tail of its output', async () => {
    const { supervisor, logger } = await supervise(
      'early',
      'node -e "console.log(\'missing config hunter2\'); process.exit(4)"',
    );
    await supervisor.start();
    expect(supervisor.state).toBe('crashed');
    expect(supervisor.lastError).toBe('exited before it was ready (exit code 4)');
    expect(logger.text()).toMatch(
      /early exited before it was ready \(exit code 4\)\.\nLast output:\nmissing config \*\*\*\*/,
    );
    expect(logger.text()).not.toContain('hunter2');
    await supervisor.stop();
  });

  it('never says "save a file" when nothing watches the files (--no-watch)', async () => {
    for (const watching of [true, false]) {
      const { supervisor, logger } = await supervise(
        'giving-up',
        'node -e "process.exit(3)"',
        {},
        undefined,
        watching,
      );
      await supervisor.start();
      expect(logger.text()).toContain('Not restarting after 1 failed starts in a row');
      if (watching) expect(logger.text()).toContain('save a file of giving-up');
      else {
        expect(logger.text()).not.toContain('save a file');
        expect(logger.text()).toContain('restart it on the dashboard');
      }
      await supervisor.stop();
    }
  });

  it('maps listen(8080) to the assigned port and stops the whole process group', async () => {
    const { supervisor, port } = await supervise('hardcoded', 'node server.js', {
      'server.js':
        "require('node:http').createServer((q, s) => s.end(String(process.env.PORT))).listen(8080);",
    });
    await supervisor.start();
    expect(supervisor.state).toBe('ready');
    expect(await httpStatus(port, '/x', 2000)).toBe(200);
    const pid = supervisor.info().pid as number;
    await supervisor.stop();
    expect(supervisor.state).toBe('stopped');
    expect(() => process.kill(pid, 0)).toThrow();
  });

  it('hears from the preload when a server listens, and keeps the pipe from the children of the app', async () => {
    const appDir = join(dir, 'notify');
    await mkdir(appDir, { recursive: true });
    await writeFile(
      join(appDir, 'server.js'),
      [
        "const { execFileSync } = require('node:child_process');",
        "const child = execFileSync(process.execPath, ['-e', 'console.log(process.env.CONNECT_DEV_NOTIFY_FD ?? \"none\")']);",
        "const server = require('node:http').createServer().listen(0, () => {",
        '  console.log(`port ${server.address().port} child ${String(child).trim()}`);',
        '  setTimeout(() => server.close(), 200);',
        '});',
      ].join('\n'),
    );
    const heard: number[] = [];
    const lines: string[] = [];
    const env = buildEnvironment({
      base: baseEnvironment(process.env),
      spec: { deployAs: [] },
      configuration: undefined,
      runtime: { PORT: '1' },
      plugin: {},
      dir: appDir,
      root: dir,
      preload: true,
    });
    const spawned = spawnShell('node server.js', {
      cwd: appDir,
      env,
      onLine: (_stream, text) => lines.push(text),
      onListening: (port) => heard.push(port),
    });
    expect((await spawned.exited).code).toBe(0);
    const [, port, child] = /^port (\d+) child (\S+)$/.exec(lines.join('\n')) ?? [];
    expect(heard).toEqual([Number(port)]);
    expect(child).toBe('none');
  });

  it('lets a restart replace a start that never becomes ready', async () => {
    const { supervisor, port } = await supervise('silent', 'node server.js', {
      'server.js': 'setInterval(() => undefined, 1000);',
    });
    const first = supervisor.start();
    while (supervisor.state !== 'starting') await new Promise((resolve) => setTimeout(resolve, 20));
    await writeFile(
      join(dir, 'silent', 'server.js'),
      "require('node:http').createServer((q, s) => s.end('ok')).listen(8080);",
    );
    expect(await supervisor.restart(false)).toBe(true);
    await first;
    expect(supervisor.state).toBe('ready');
    expect(await httpStatus(port, '/', 2000)).toBe(200);
    await supervisor.stop();
  });

  it('restarts an app whose health check fails unhealthyThreshold times in a row', async () => {
    const { supervisor, logger } = await supervise(
      'unhealthy',
      'node server.js',
      {
        // Healthy for the first check only (the readiness check), then failing.
        'server.js':
          "let n = 0; require('node:http').createServer((q, s) => { s.statusCode = q.url === '/health' && n++ > 0 ? 500 : 200; s.end(); }).listen(8080);",
      },
      { path: '/health', intervalSeconds: 1, unhealthyThreshold: 2 },
    );
    await supervisor.start();
    expect(supervisor.health).toBe('healthy');
    const deadline = Date.now() + 15_000;
    while (supervisor.restarts === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    expect(supervisor.restarts).toBeGreaterThan(0);
    expect(logger.text()).toContain('unhealthy is unhealthy: /health failed 2 times in a row (last: 500)');
    await supervisor.stop();
  });

  it('fails with a clear message when there is no start script', async () => {
    const { supervisor, logger } = await supervise('nostart', '');
    await writeFile(join(dir, 'nostart', 'package.json'), '{"name":"nostart"}');
    await supervisor.start();
    expect(supervisor.state).toBe('crashed');
    expect(logger.text()).toContain('no "start" script');
  });
});
