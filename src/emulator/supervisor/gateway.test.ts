import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import { afterEach, describe, expect, it } from 'vitest';

import { AppGateway, type Availability } from './gateway.js';

/** GET through the gateway: status, body and the time it took. */
function get(port: number, path: string): Promise<{ status: number; body: string; ms: number }> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, agent: false }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body, ms: Date.now() - started }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('AppGateway', () => {
  const closing: Array<() => Promise<unknown>> = [];
  afterEach(async () => {
    for (const close of closing.splice(0)) await close();
  });

  async function setup(
    availability: { current: Availability },
    options: { timeoutMs?: number; readyWaitMs?: number } = {},
  ) {
    let markCut: () => void = () => undefined;
    const cut = new Promise<void>((resolve) => (markCut = resolve));
    const app: Server = createServer((req, res) => {
      if (req.url === '/hang') {
        res.once('close', markCut);
        return;
      }
      res.end(`app ${req.url}`);
    });
    await new Promise<void>((resolve) => app.listen(0, '127.0.0.1', resolve));
    const listeners = new Set<() => void>();
    const warnings: string[] = [];
    const gateway = await AppGateway.start({
      name: 'svc',
      port: 0,
      appPort: (app.address() as AddressInfo).port,
      timeoutMs: options.timeoutMs ?? 60_000,
      platformLimit: 'requests to service and event apps at 5 minutes',
      readyWaitMs: options.readyWaitMs,
      availability: () => availability.current,
      onChange: (listener) => {
        listeners.add(listener);
        return () => listeners.delete(listener);
      },
      warn: (text) => warnings.push(text),
    });
    closing.push(
      () => gateway.close(),
      () => {
        app.closeAllConnections();
        return new Promise((resolve) => app.close(resolve));
      },
    );
    const changed = (next: Availability): void => {
      availability.current = next;
      for (const listener of listeners) listener();
    };
    return { gateway, warnings, changed, cut };
  }

  it('holds a request while the app starts and passes it once it serves', async () => {
    const availability: { current: Availability } = { current: { state: 'starting' } };
    const { gateway, changed } = await setup(availability);
    const answer = get(gateway.port, '/x');
    setTimeout(() => changed({ state: 'serving' }), 300);
    const { status, body, ms } = await answer;
    expect(status).toBe(200);
    expect(body).toBe('app /x');
    expect(ms).toBeGreaterThanOrEqual(250);
  });

  it('answers 503 when the app is still starting after the wait, and at once when it is down', async () => {
    const availability: { current: Availability } = { current: { state: 'starting' } };
    const { gateway, warnings } = await setup(availability, { readyWaitMs: 200 });
    const late = await get(gateway.port, '/late?token=abc');
    expect(late.status).toBe(503);
    expect(late.body).toBe('svc is not running (it is still starting after 200 ms).\n');
    availability.current = { state: 'down', reason: 'crashed (exit code 1)' };
    const down = await get(gateway.port, '/down');
    expect(down.status).toBe(503);
    expect(down.body).toBe('svc is not running (crashed (exit code 1)).\n');
    expect(down.ms).toBeLessThan(150);
    expect(warnings).toEqual([
      'svc: GET /late answered 503: the application is not running (it is still starting after 200 ms).',
      'svc: GET /down answered 503: the application is not running (crashed (exit code 1)).',
    ]);
  });

  it('answers 504 past its limit, once, and closes the request to the app', async () => {
    const availability: { current: Availability } = { current: { state: 'serving' } };
    const { gateway, warnings, cut } = await setup(availability, { timeoutMs: 300 });
    const answer = await get(gateway.port, '/hang');
    // The app's side of the request is closed (the app sees its request go away).
    await cut;
    expect(answer.status).toBe(504);
    expect(answer.body).toBe('upstream request timeout');
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(
      /^svc: GET \/hang was not answered within 300 ms: the platform cuts requests to service and event apps at 5 minutes\. The client got 504/,
    );
  });
});
