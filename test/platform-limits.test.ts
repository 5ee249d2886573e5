/**
 * Today's limits (runtime.md, "Limits"): every API Extension, not only payment ones, may set
 * timeoutInMs up to 10,000 ms (default 2,000); the local API refuses more, as the platform does,
 * and the verdict of a slow call says the timeout can be raised. Job runs stop after 30 minutes.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import {
  DEFAULT_EXTENSION_TIMEOUT_MS,
  JOB_RUN_TIMEOUT_MS,
  MAX_EXTENSION_TIMEOUT_MS,
} from '../src/emulator/extensions/verdict.js';
import { EmulatedPlatform } from '../src/emulator/platform/emulated-platform.js';
import { apiClient, startApp, type TestApp } from './platform-helpers.js';

describe('limits', () => {
  let service: TestApp;
  let platform: EmulatedPlatform;
  let client: Awaited<ReturnType<typeof apiClient>>;

  beforeAll(async () => {
    service = await startApp('/service', () => ({ status: 200, delayMs: 2300 }));
    platform = await EmulatedPlatform.start({
      apps: () => [{ name: 'service', type: 'service', url: service.url }],
    });
    client = await apiClient(platform.info());
  });
  afterAll(async () => {
    await platform.stop();
    await service.close();
  });

  it('states the limits of today', () => {
    expect([DEFAULT_EXTENSION_TIMEOUT_MS, MAX_EXTENSION_TIMEOUT_MS, JOB_RUN_TIMEOUT_MS]).toEqual([
      2000, 10_000, 1_800_000,
    ]);
  });

  it('lets any extension set timeoutInMs up to 10000 ms and refuses more, as the platform does', async () => {
    const draft = (key: string, timeoutInMs: unknown) => ({
      key,
      destination: { type: 'HTTP', url: service.url },
      triggers: [{ resourceTypeId: 'customer', actions: ['Create'] }],
      timeoutInMs,
    });
    const over = await client.post('/extensions', draft('too-slow', 10_001));
    expect(over.status).toBe(400);
    expect(over.body.errors[0]).toMatchObject({
      code: 'InvalidField',
      field: 'timeoutInMs',
      invalidValue: 10_001,
    });
    expect((await client.post('/extensions', draft('fraction', 1.5))).status).toBe(400);
    const max = await client.post('/extensions', draft('customer-ten-seconds', 10_000));
    expect(max.status).toBe(201);
    const raised = await client.post(`/extensions/${max.body.id}`, {
      version: max.body.version,
      actions: [{ action: 'setTimeoutInMs', timeoutInMs: 20_000 }],
    });
    expect(raised.status).toBe(400);
    expect(raised.body.errors[0].code).toBe('InvalidField');
    await client.delete(`/extensions/${max.body.id}?version=${max.body.version}`);
  });

  it('fails a 2.3 s answer under the default 2 s timeout, saying timeoutInMs can be raised, and passes it under 3 s', async () => {
    const registered = await client.post('/extensions', {
      key: 'cart-default-timeout',
      destination: { type: 'HTTP', url: service.url },
      triggers: [{ resourceTypeId: 'cart', actions: ['Create'] }],
    });
    expect(registered.status).toBe(201);
    const slow = await client.post('/carts', { currency: 'EUR' });
    expect(slow.status).toBe(504);
    const failed = platform.extensions.recent().at(-1)!;
    expect(failed.verdict.ok).toBe(false);
    expect(failed.verdict.message).toContain('> 2000 ms timeout');
    expect(failed.verdict.message).toContain('timeoutInMs may be raised up to 10000 ms');
    const update = await client.post(`/extensions/${registered.body.id}`, {
      version: registered.body.version,
      actions: [{ action: 'setTimeoutInMs', timeoutInMs: 3000 }],
    });
    expect(update.status).toBe(200);
    const passing = await client.post('/carts', { currency: 'EUR' });
    expect(passing.status).toBe(201);
    expect(platform.extensions.recent().at(-1)!.verdict).toMatchObject({ ok: true });
  }, 20_000);
});
