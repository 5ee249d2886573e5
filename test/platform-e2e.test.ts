/**
 * End to end: `connect dev` (the built CLI) runs a connector written like the platform's
 * starter templates, unchanged: apps hard-code 8080, post-deploy scripts use the commercetools
 * SDK (installed by the emulator's `npm install`, from the shared npm cache) with hosts derived
 * from CTP_REGION to register an Extension and a Subscription in the local API.
 */
import { cp, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { Delivery } from '../src/emulator/events/delivery.js';
import type { ExtensionCall } from '../src/emulator/extensions/runner.js';
import type { PlatformInfo } from '../src/emulator/platform/local-api.js';
import { repoRoot, runCli, spawnCli, tempDir } from './helpers/cli.js';
import { apiClient, eventually } from './platform-helpers.js';

const fixture = join(repoRoot, 'test/fixtures/platform/connector');
const env = { npm_config_prefer_offline: 'true', npm_config_audit: 'false', npm_config_fund: 'false' };

async function poll<T>(check: () => Promise<T | undefined | false>, timeoutMs: number): Promise<T> {
  const started = Date.now();
  for (;;) {
    const value = await check().catch(() => undefined);
    if (value) return value;
    if (Date.now() - started > timeoutMs) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

describe('connect dev with the emulated platform (end to end)', () => {
  let dir: Awaited<ReturnType<typeof tempDir>>;
  let dev: ReturnType<typeof spawnCli>;
  let output = '';
  let adminUrl: string;
  let adminToken: string;
  let platform: PlatformInfo;
  let client: Awaited<ReturnType<typeof apiClient>>;
  const admin = async <T>(path: string, body?: unknown): Promise<T> => {
    const response = await fetch(`${adminUrl}/__connect/api${path}`, {
      method: body === undefined ? 'GET' : 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${adminToken}` },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return (await response.json()) as T;
  };

  beforeAll(async () => {
    dir = await tempDir('connect-platform-e2e-');
    await cp(fixture, dir.path, { recursive: true });
    dev = spawnCli(['dev', dir.path, '--no-watch'], { env, cwd: dir.path, all: true });
    dev.all?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const status = await poll(async () => {
      const result = await runCli(['status', '--json', dir.path], { env });
      if (result.exitCode !== 0) return undefined;
      const parsed = JSON.parse(result.stdout) as {
        emulator: { adminUrl: string };
        applications: Array<{ state: string }>;
        platform?: PlatformInfo;
      };
      return parsed.applications.every((a) => a.state === 'ready') ? parsed : undefined;
    }, 150_000);
    adminUrl = status.emulator.adminUrl;
    adminToken = (
      JSON.parse(await readFile(join(dir.path, '.connect', 'dev.json'), 'utf8')) as { token: string }
    ).token;
    expect(status.platform).toEqual({
      apiUrl: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+$/),
      authUrl: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+$/),
      projectKey: expect.any(String),
      clientId: expect.any(String),
      clientSecret: expect.stringMatching(/^(?!\*+$).+/),
      scope: expect.stringContaining('manage_project:'),
    });
    platform = status.platform!;
    expect(platform.apiUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    client = await apiClient(platform);
    // Both post-deploy scripts registered their resources through the SDK (hosts redirected).
    await poll(async () => {
      const extensions = (await client.get('/extensions')).body;
      const subscriptions = (await client.get('/subscriptions')).body;
      return extensions.total === 1 && subscriptions.total === 1;
    }, 60_000);
  }, 240_000);

  afterAll(async () => {
    if (dev) {
      dev.kill('SIGTERM');
      await dev.catch(() => undefined);
    }
    await dir?.cleanup();
  });

  it('gives apps the CTP_* variables of the local project', async () => {
    const config = await admin<{ values: Array<{ key: string; value: string }> }>(
      '/applications/service/config',
    );
    const value = (key: string) => config.values.find((v) => v.key === key)?.value;
    expect(value('CTP_API_URL')).toBe(platform.apiUrl);
    expect(value('CTP_PROJECT_KEY')).toBe(platform.projectKey);
    expect(value('CTP_REGION')).toBe('europe-west1.gcp');
    const extension = (await client.get('/extensions')).body.results[0];
    expect(extension.destination.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/service$/);
  });

  it('changes a cart through the extension, fails it with its errors, and times out a slow one', async () => {
    const changed = await client.post('/carts', { currency: 'EUR', customerEmail: 'Buyer@Example.COM' });
    expect(changed.status).toBe(201);
    expect(changed.body.customerEmail).toBe('buyer@example.com');

    const refused = await client.post('/carts', { currency: 'EUR', customerEmail: 'reject@example.com' });
    expect(refused.status).toBe(400);
    expect(refused.body.errors[0]).toMatchObject({
      code: 'InvalidInput',
      message: 'Customer reject@example.com may not buy here',
    });

    const slow = await client.post('/carts', { currency: 'EUR', customerEmail: 'slow@example.com' });
    expect(slow.status).toBe(504);
    expect(slow.body.errors[0].code).toBe('ExtensionNoResponse');

    const calls = await admin<{ calls: ExtensionCall[] }>('/extensions/calls');
    expect(calls.calls.map((c) => c.verdict.code)).toEqual([null, null, 'ExtensionNoResponse']);
  });

  it('delivers OrderCreated to the event app', async () => {
    const cart = await client.post('/carts', { currency: 'EUR', customerEmail: 'buyer@example.com' });
    const order = await client.post('/orders', {
      cart: { typeId: 'cart', id: cart.body.id },
      version: cart.body.version,
    });
    expect(order.status).toBe(201);
    const delivered = await poll(async () => {
      const { messages } = await admin<{ messages: Delivery[] }>('/events/messages');
      return messages.find(
        (d) => d.type === 'OrderCreated' && d.payload.resource.id === order.body.id && d.state === 'acked',
      );
    }, 10_000);
    expect(delivered.subscription).toBe('projects/connect-dev/subscriptions/my-order-subscription');
    await eventually(() => output.includes(`received OrderCreated order/${order.body.id}`));
  });

  it('retries a failing event app per its retryPolicy, dead-letters, and replays once fixed', async () => {
    await writeFile(join(dir.path, 'event', 'FAIL'), '');
    const cart = await client.post('/carts', { currency: 'EUR', customerEmail: 'buyer@example.com' });
    const order = await client.post('/orders', {
      cart: { typeId: 'cart', id: cart.body.id },
      version: cart.body.version,
    });
    // Meanwhile, a message published by hand, followed through its redeliveries with --wait.
    const waited = await runCli(
      [
        'trigger',
        'event',
        'event',
        '--type',
        'CustomerCreated',
        '--wait',
        '20',
        '--json',
        '--path',
        dir.path,
      ],
      { env },
    );
    expect(waited.exitCode).toBe(1);
    const published = JSON.parse(waited.stdout) as Delivery;
    expect(published.state).toBe('dead');
    expect(published.attempts.map((a) => a.statusCode)).toEqual([500, 500, 500, 500, 500]);
    await poll(async () => {
      const { messages } = await admin<{ messages: Delivery[] }>('/events/messages?dead=true');
      return messages.find((d) => d.payload.resource.id === order.body.id);
    }, 20_000);
    const listed = await runCli(['events', 'list', '--dead', '--json', '--path', dir.path], { env });
    expect(listed.exitCode).toBe(0);
    const deadLetters = (JSON.parse(listed.stdout) as { messages: Delivery[] }).messages;
    const dead = deadLetters.find((d) => d.payload.resource.id === order.body.id)!;
    expect(dead.attempts.map((a) => a.statusCode)).toEqual([500, 500, 500, 500, 500]);
    expect(deadLetters.map((d) => d.id).sort()).toEqual([dead.id, published.id].sort());

    await rm(join(dir.path, 'event', 'FAIL'));
    const replay = await runCli(['events', 'replay', dead.id, '--json', '--path', dir.path], { env });
    expect(replay.exitCode).toBe(0);
    const { replayed } = JSON.parse(replay.stdout) as { replayed: Delivery[] };
    expect(replayed[0]).toMatchObject({ id: dead.id, state: 'acked' });
    expect(replayed[0]?.attempts.at(-1)?.statusCode).toBe(204);
    const all = await runCli(['events', 'replay', '--all-dead', '--json', '--path', dir.path], { env });
    expect(all.exitCode).toBe(0);
    expect((JSON.parse(all.stdout) as { replayed: Delivery[] }).replayed).toMatchObject([
      { id: published.id, state: 'acked' },
    ]);
    const after = await runCli(['events', 'list', '--dead', '--json', '--path', dir.path], { env });
    expect((JSON.parse(after.stdout) as { messages: Delivery[] }).messages).toHaveLength(0);
  }, 60_000);

  it('triggers the extension and the event app from the CLI', async () => {
    const extension = await runCli(
      [
        'trigger',
        'extension',
        'service',
        '--resource',
        'cart',
        '--action',
        'Create',
        '--json',
        '--path',
        dir.path,
      ],
      { env },
    );
    expect(extension.exitCode).toBe(0);
    const call = JSON.parse(extension.stdout) as ExtensionCall;
    expect(call).toMatchObject({
      response: { statusCode: 200, body: { actions: [] } },
      actions: [],
      verdict: { ok: true, code: null },
    });
    expect(typeof call.durationMs).toBe('number');

    const event = await runCli(
      [
        'trigger',
        'event',
        'event',
        '--type',
        'OrderCreated',
        '--format',
        'cloudevents',
        '--json',
        '--path',
        dir.path,
      ],
      { env },
    );
    expect(event.exitCode).toBe(0);
    const delivery = JSON.parse(event.stdout) as Delivery;
    expect(delivery).toMatchObject({
      format: 'CloudEvents',
      state: 'acked',
      attempts: [{ statusCode: 204 }],
    });

    const human = await runCli(['trigger', 'event', 'event', '--type', 'NoSuchMessage', '--path', dir.path], {
      env,
    });
    expect(human.exitCode).toBe(2);
    expect(human.stderr).toMatch(/"NoSuchMessage" is not a Message type of the platform/);
    expect(human.stderr).toMatch(/did you mean /);
    expect(human.stderr).toMatch(/Try:/);
  });
});
