/**
 * The gateway in front of a service app, on the built CLI with a real app (test/fixtures/gateway):
 * the published port is the gateway's and the app listens on another (its PORT); a request past
 * the limit (set to 1 s through CONNECT_DEV_REQUEST_TIMEOUT_MS) gets 504 and the app's connection
 * is cut, with one warning line; a normal request, a stream and a WebSocket-style upgrade pass
 * with X-Forwarded-*; a request during a restart waits for the new process; a crashed app: 503.
 */
import { cp, writeFile } from 'node:fs/promises';
import http from 'node:http';
import { join } from 'node:path';

import { afterEach, describe, expect, it } from 'vitest';

import { adminFetch, adminUrl, apps, eventually, startDev, type DevProcess } from './dev-helpers.js';
import { repoRoot, runCli, tempDir } from './helpers/cli.js';

interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
  /** When each chunk of the body arrived (ms after the request was sent). */
  chunks: Array<{ at: number; text: string }>;
  /** Set when the connection was cut before the response ended. */
  error?: string;
  ms: number;
}

function call(url: string, init: { method?: string; body?: string; headers?: Record<string, string> } = {}) {
  return new Promise<Answer>((resolve) => {
    const started = Date.now();
    const chunks: Answer['chunks'] = [];
    const req = http.request(
      url,
      { method: init.method ?? 'GET', headers: init.headers, agent: false },
      (res) => {
        res.setEncoding('utf8');
        res.on('data', (text: string) => chunks.push({ at: Date.now() - started, text }));
        const done = (error?: string) =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: chunks.map((chunk) => chunk.text).join(''),
            chunks,
            ...(error ? { error } : {}),
            ms: Date.now() - started,
          });
        res.on('end', () => done());
        res.on('error', (error) => done(error.message));
        res.on('aborted', () => done('aborted'));
      },
    );
    req.on('error', (error) =>
      resolve({ status: 0, headers: {}, body: '', chunks, error: error.message, ms: Date.now() - started }),
    );
    req.end(init.body);
  });
}

describe('the gateway of a service app', { timeout: 120_000 }, () => {
  const cleanups: Array<() => Promise<void>> = [];
  const devs: DevProcess[] = [];
  afterEach(async () => {
    for (const dev of devs.splice(0)) {
      if (dev.exitCode === null && dev.signalCode === null) {
        dev.kill('SIGTERM');
        await eventually(
          () => dev.exitCode !== null || dev.signalCode !== null,
          20_000,
          'connect dev to exit',
        );
      }
    }
    for (const cleanup of cleanups.splice(0)) await cleanup();
  });

  async function start(env: Record<string, string> = {}) {
    const dir = await tempDir('connect-gateway-');
    cleanups.push(dir.cleanup);
    await cp(join(repoRoot, 'test', 'fixtures', 'gateway'), dir.path, { recursive: true });
    const dev = startDev([dir.path, '--no-watch', '--admin-port', '0', '--grace', '500'], { env });
    devs.push(dev);
    await dev.waitFor(/1\/1 applications ready/, 60_000, 'stderr');
    const admin = await adminUrl(dir.path);
    const service = (await apps(admin))('service');
    return { root: dir.path, dev, admin, service, url: service.url as string };
  }

  it('cuts a request past the limit: 504 and a warning line; a started response is cut', async () => {
    const { dev, url } = await start({ CONNECT_DEV_REQUEST_TIMEOUT_MS: '1000' });
    const slow = await call(`${url}/slow?ms=20000&token=secret-looking`);
    expect(slow.status).toBe(504);
    expect(slow.body).toBe('upstream request timeout');
    expect(slow.headers['content-type']).toMatch(/^text\/plain/);
    expect(slow.ms).toBeGreaterThanOrEqual(900);
    expect(slow.ms).toBeLessThan(10_000);
    // The connection to the app was cut: the app sees its request closed.
    await dev.waitFor(/service \| slow request cut after 20000 ms asked/, 10_000);
    // The warning goes to stderr, which may come after the answer (another pipe).
    await dev.waitFor(/GET \/service\/slow was not answered/, 10_000, 'stderr');
    const warnings = dev
      .output()
      .stderr.split('\n')
      .filter((line) => line.includes('GET /service/slow'));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(
      /service: GET \/service\/slow was not answered within 1 s: the platform cuts requests to service and event apps at 5 minutes/,
    );
    // The query (which may carry a token) is not logged.
    expect(warnings[0]).not.toMatch(/secret-looking/);

    const trickle = await call(`${url}/trickle?ms=20000`);
    expect(trickle.status).toBe(200);
    expect(trickle.body).toBe('first part\n');
    expect(trickle.error).toBeDefined();
    expect(trickle.ms).toBeLessThan(10_000);
    await dev.waitFor(/service \| trickle request cut/, 10_000);
    await dev.waitFor(
      /GET \/service\/trickle was not answered within 1 s.*the connection was cut/,
      10_000,
      'stderr',
    );

    // A quick request still passes.
    const quick = await call(`${url}/slow?ms=10`);
    expect(quick.status).toBe(200);
    expect(quick.body).toBe('slow answer');
  });

  it('passes requests, streams and upgrades through, with X-Forwarded-*; the app listens on another port', async () => {
    const { dev, url, service } = await start();
    const published = Number(new URL(url).port);
    expect(service.port).toBe(published);
    expect(service.appPort).toBeGreaterThan(0);
    expect(service.appPort).not.toBe(published);
    expect(dev.output().stdout).toMatch(new RegExp(`service listening on ${service.appPort}`));

    const echo = await call(`${url}/echo?a=1`, {
      method: 'POST',
      body: 'x'.repeat(100_000),
      headers: { 'content-type': 'text/plain', 'x-custom': 'kept' },
    });
    expect(echo.status).toBe(201);
    expect(echo.headers['x-app']).toBe('yes');
    const seen = JSON.parse(echo.body) as { url: string; headers: Record<string, string>; body: string };
    expect(seen.url).toBe('/service/echo?a=1');
    expect(seen.body).toHaveLength(100_000);
    expect(seen.headers.host).toBe(`127.0.0.1:${published}`);
    expect(seen.headers['x-custom']).toBe('kept');
    expect(seen.headers['x-forwarded-for']).toBe('127.0.0.1');
    expect(seen.headers['x-forwarded-proto']).toBe('http');
    expect(seen.headers['x-forwarded-host']).toBe(`127.0.0.1:${published}`);

    // Server-sent events arrive as they are written, not once the response ends.
    const stream = await call(`${url}/stream?ms=3000`);
    expect(stream.status).toBe(200);
    expect(stream.headers['content-type']).toBe('text/event-stream');
    expect(stream.headers['transfer-encoding']).toBe('chunked');
    expect(stream.body).toBe('data: one\n\ndata: two\n\n');
    expect(stream.chunks.length).toBeGreaterThanOrEqual(2);
    expect(stream.chunks[0]?.text).toBe('data: one\n\n');
    expect(stream.ms - (stream.chunks[0]?.at ?? 0), JSON.stringify(stream)).toBeGreaterThan(1500);

    // An upgrade (a WebSocket's handshake) passes, and bytes flow both ways.
    const echoed = await new Promise<string>((resolve, reject) => {
      const req = http.request(`${url}/ws`, {
        headers: {
          connection: 'Upgrade',
          upgrade: 'websocket',
          'sec-websocket-key': 'dGhlIHNhbXBsZSBub25jZQ==',
          'sec-websocket-version': '13',
        },
        agent: false,
      });
      req.on('upgrade', (res, socket) => {
        expect(res.statusCode).toBe(101);
        socket.once('data', (chunk: Buffer) => {
          resolve(chunk.toString());
          socket.destroy();
        });
        socket.write('ping');
      });
      req.on('error', reject);
      req.end();
    });
    expect(echoed).toBe('ping');
  });

  it('holds a request while the app restarts; answers 503 once it has crashed', async () => {
    const { dev, root, admin, url } = await start();
    const before = JSON.parse((await call(`${url}/echo`)).body) as { pid: number };
    // The next start listens 1.5 s late: without the gateway, requests meanwhile are refused.
    await writeFile(join(root, 'service', 'start-delay'), '1500');
    const restart = adminFetch(`${admin}/__connect/api/applications/service/restart`, { method: 'POST' });
    await eventually(
      async () => ((await apps(admin))('service').pid ?? before.pid) !== before.pid,
      20_000,
      'the restart to spawn a new process',
    );
    const during = await call(`${url}/echo`);
    expect(during.status, during.body).toBe(201);
    const after = JSON.parse(during.body) as { pid: number };
    expect(after.pid).not.toBe(before.pid);
    expect(during.ms).toBeGreaterThan(300);
    expect((await restart).status).toBe(200);

    // A crash: the app exits mid-request (the file `broken` keeps it from starting again).
    await writeFile(join(root, 'service', 'start-delay'), '0');
    const crash = await call(`${url}/crash`);
    expect(crash.status).toBe(503);
    await eventually(async () => (await apps(admin))('service').state === 'crashed', 20_000, 'crashed state');
    const down = await call(`${url}/echo`);
    expect(down.status).toBe(503);
    expect(down.body).toMatch(
      /^service is not running \((crashed|exited before it was ready) \(exit code 1\)\)/,
    );
    expect(down.ms).toBeLessThan(5000);
    await dev.waitFor(
      /service: GET \/service\/echo answered 503: the application is not running \((crashed|exited before it was ready)/,
      10_000,
      'stderr',
    );
  });

  it("calls a serving app's extension at its own port, and through the gateway (waiting) while it restarts", async () => {
    const { dev, root, admin } = await start();
    const trigger = () =>
      runCli(['trigger', 'extension', 'service', '--resource', 'cart', '--action', 'Create', '--json', root]);
    const first = await trigger();
    expect(first.exitCode, first.stderr).toBe(0);
    await dev.waitFor(/service \| extension call direct/, 10_000, 'stdout');
    const before = (await apps(admin))('service').pid;
    await writeFile(join(root, 'service', 'start-delay'), '700');
    const restart = adminFetch(`${admin}/__connect/api/applications/service/restart`, { method: 'POST' });
    await eventually(
      async () => ((await apps(admin))('service').pid ?? before) !== before,
      20_000,
      'the restart to spawn a new process',
    );
    const during = await trigger();
    expect(during.exitCode, during.stderr).toBe(0);
    await dev.waitFor(/service \| extension call through the gateway/, 10_000, 'stdout');
    expect((await restart).status).toBe(200);
  });
});
