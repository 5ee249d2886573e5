/**
 * The client under injected faults: retries with backoff on 500/502, dropped connections and
 * 429 (honouring Retry-After), no blind retry of a POST, and re-apply once after a 409.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { E2E_TIMEOUT, json, REPO_URL, startHarness, type Harness } from './fake-connect-api/harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
  h.fake.seedConnector({ key: 'retry-me', name: 'Retry me' }, REPO_URL);
});
afterAll(async () => {
  await h.close();
});

const gets = (path: RegExp) => h.fake.requestsTo('GET', path);

describe('retries and conflicts', { timeout: E2E_TIMEOUT }, () => {
  it('retries a GET after a 500, a 502 and a dropped connection, with one correlation id', async () => {
    h.fake.inject({ kind: '500', method: 'GET', path: /^\/connectors\/key=retry-me/ });
    h.fake.inject({ kind: 'drop', method: 'GET', path: /^\/connectors\/key=retry-me/ });
    h.fake.inject({ kind: '502', method: 'GET', path: /^\/connectors\/key=retry-me/ });
    const result = await h.run(['connectors', 'get', 'retry-me', '--json', '--debug']);
    expect(result.exitCode, result.stderr).toBe(0);
    expect(json<{ key: string }>(result).key).toBe('retry-me');
    const attempts = gets(/^\/connectors\/key=retry-me$/);
    expect(attempts.map((req) => req.status)).toEqual([500, 0, 502, 200]);
    expect(new Set(attempts.map((req) => req.headers['x-correlation-id'])).size).toBe(1);
    expect(result.stderr).toMatch(/server error 500: retrying in \d+ ms/);
    expect(result.stderr).toMatch(/retrying after (UND_ERR_SOCKET|ECONNRESET)/);
  });

  it('gets a new token once when the API answers 401 for an expired one', async () => {
    const tokens = () => h.fake.requestsTo('POST', /^\/oauth\/token$/).length;
    const before = tokens();
    h.fake.inject({ kind: '401', method: 'GET', path: /^\/connectors\/key=retry-me$/ });
    const result = await h.run(['connectors', 'get', 'retry-me', '--json']);
    expect(result.exitCode, result.stderr).toBe(0);
    expect(tokens() - before).toBeGreaterThanOrEqual(1);
    expect(
      gets(/^\/connectors\/key=retry-me$/)
        .slice(-2)
        .map((req) => req.status),
    ).toEqual([401, 200]);
  });

  it('honours Retry-After on a 429', async () => {
    h.fake.inject({ kind: '429', path: /^\/connectors\/search/, retryAfter: 1 });
    const result = await h.run(['connectors', 'search', 'retry', '--json', '--debug']);
    expect(result.exitCode, result.stderr).toBe(0);
    expect(result.stderr).toContain('rate limited (429): retrying in 1000 ms');
    expect(gets(/^\/connectors\/search$/).map((req) => req.status)).toEqual([429, 200]);
  });

  it('gives up after the last attempt with a readable error', async () => {
    h.fake.inject({ kind: '500', method: 'GET', path: /^\/connectors\/key=retry-me/, times: 10 });
    const result = await h.run(['connectors', 'get', 'retry-me']);
    expect(result.exitCode).toBe(1);
    expect(result.stderr).toContain('[GENERAL]');
    expect(result.stderr).toContain('Try: the platform failed unexpectedly');
    expect(result.stderr).not.toMatch(/\n\s+at /);
    h.fake.clearFaults();
  });

  it('does not resend a POST after a 500', async () => {
    h.fake.inject({ kind: '500', method: 'POST', path: /deployments$/ });
    const result = await h.run([
      'deploy',
      '--connector',
      'retry-me',
      '--key',
      'once',
      '--no-wait',
      '--set',
      'service.CTP_REGION=x',
      '--set',
      'service.API_SECRET=y-secret',
    ]);
    expect(result.exitCode).toBe(1);
    expect(result.stderr).toContain('[GENERAL]');
    expect(h.fake.requestsTo('POST', /deployments$/)).toHaveLength(1);
  });

  it('re-reads and re-applies an update once after 409 ConcurrentModification', async () => {
    const env = { ...h.ciEnv, SHOP_SECRET: 'conflict-secret-1' };
    const values = [
      '--set',
      'service.CTP_REGION=europe-west1.gcp',
      '--set',
      'service.API_SECRET=${env:SHOP_SECRET}',
    ];
    const first = await h.run(
      ['deploy', '--connector', 'retry-me', '--key', 'conflict', ...values, '--json'],
      env,
    );
    expect(first.exitCode, first.stderr).toBe(0);
    const id = json<{ id: string }>(first).id;
    // Somebody else changes the deployment between our read and our update.
    h.fake.inject({ kind: '409', method: 'POST', path: new RegExp(`/deployments/${id}$`) });
    const second = await h.run(
      ['deploy', '--connector', 'retry-me', '--key', 'conflict', ...values, '--json'],
      env,
    );
    expect(second.exitCode, second.stderr).toBe(0);
    expect(json<{ status: string }>(second).status).toBe('Deployed');
    const updates = h.fake.requestsTo('POST', new RegExp(`/deployments/${id}$`));
    expect(updates.map((req) => req.status)).toEqual([409, 200]);
    const [stale, fresh] = updates.map((req) => (req.body as { version: number }).version);
    expect(fresh).toBe((stale as number) + 1);
    // Between the two: the re-read.
    const between = h.fake.requests.slice(
      h.fake.requests.indexOf(updates[0] as never),
      h.fake.requests.indexOf(updates[1] as never),
    );
    expect(between.some((req) => req.method === 'GET' && req.path.endsWith(`/deployments/${id}`))).toBe(true);
  });
});
