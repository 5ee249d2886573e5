/**
 * API Extensions in the local API, over real HTTP: registered through the API (as a
 * post-deploy script does) or by default, called with the platform's request, with the
 * platform's answers for every outcome and a verdict on every call.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { EmulatedPlatform } from '../src/emulator/platform/emulated-platform.js';
import { apiClient, startApp, type TestApp } from './platform-helpers.js';

describe('API Extensions', () => {
  let service: TestApp;
  let other: TestApp;
  let platform: EmulatedPlatform;
  let client: Awaited<ReturnType<typeof apiClient>>;

  beforeAll(async () => {
    service = await startApp('/service');
    other = await startApp('/other');
    platform = await EmulatedPlatform.start({
      apps: () => [
        { name: 'service', type: 'service', url: service.url },
        { name: 'other', type: 'service', url: other.url },
      ],
      extensions: [{ application: 'other', triggers: [{ resourceTypeId: 'payment', actions: ['Create'] }] }],
    });
    client = await apiClient(platform.info());
    const registered = await client.post('/extensions', {
      key: 'cart-extension',
      destination: {
        type: 'HTTP',
        url: service.url,
        authentication: { type: 'AuthorizationHeader', headerValue: 'Bearer s3cret' },
      },
      triggers: [
        {
          resourceTypeId: 'cart',
          actions: ['Create', 'Update'],
          condition: 'totalPrice(currencyCode = "EUR")',
        },
      ],
      timeoutInMs: 300,
      additionalContext: { includeOldResource: true },
    });
    expect(registered.status).toBe(201);
  });
  afterAll(async () => {
    await platform.stop();
    await service.close();
    await other.close();
  });
  beforeEach(() => {
    service.received.length = 0;
    service.handle = () => ({ status: 200 });
  });

  it('calls the extension with the platform request and applies its actions before saving', async () => {
    service.handle = () => ({
      status: 200,
      body: { actions: [{ action: 'setCustomerEmail', email: 'ext@example.com' }] },
    });
    const created = await client.post('/carts', { currency: 'EUR', customerEmail: 'me@example.com' });
    expect(created.status).toBe(201);
    expect(created.body.customerEmail).toBe('ext@example.com');
    const stored = await client.get(`/carts/${created.body.id}`);
    expect(stored.body.customerEmail).toBe('ext@example.com');
    const request = service.received[0]!;
    expect(request.headers.authorization).toBe('Bearer s3cret');
    expect(request.headers['content-type']).toBe('application/json');
    expect(request.body).toMatchObject({
      action: 'Create',
      resource: {
        typeId: 'cart',
        id: created.body.id,
        obj: { customerEmail: 'me@example.com', totalPrice: { currencyCode: 'EUR' } },
      },
    });
    const call = platform.extensions.recent().at(-1)!;
    expect(call).toMatchObject({
      application: 'service',
      source: 'platform',
      verdict: { ok: true, code: null },
    });
    expect(call.after?.customerEmail).toBe('ext@example.com');
  });

  it('sends oldResource on Update when asked', async () => {
    const created = await client.post('/carts', { currency: 'EUR' });
    service.received.length = 0;
    const updated = await client.post(`/carts/${created.body.id}`, {
      version: created.body.version,
      actions: [{ action: 'setCustomerEmail', email: 'new@example.com' }],
    });
    expect(updated.status).toBe(200);
    expect(service.received[0]?.body).toMatchObject({
      action: 'Update',
      resource: { obj: { customerEmail: 'new@example.com' } },
      oldResource: { typeId: 'cart', obj: { version: created.body.version } },
    });
  });

  it('skips resources that do not match the trigger condition', async () => {
    const created = await client.post('/carts', { currency: 'USD' });
    expect(created.status).toBe(201);
    expect(service.received).toHaveLength(0);
  });

  it("fails the request with the extension's errors on 400", async () => {
    service.handle = () => ({
      status: 400,
      body: { errors: [{ code: 'InvalidInput', message: 'No carts on Sundays' }] },
    });
    const refused = await client.post('/carts', { currency: 'EUR' });
    expect(refused.status).toBe(400);
    expect(refused.body.errors[0]).toMatchObject({
      code: 'InvalidInput',
      message: 'No carts on Sundays',
      extensionKey: 'cart-extension',
    });
    expect((await client.get('/carts?limit=500')).body.results.some((c: { currency?: string }) => !c)).toBe(
      false,
    );
    expect(platform.extensions.recent().at(-1)?.verdict.ok).toBe(true);
  });

  it('answers ExtensionNoResponse (504) when the extension is slower than timeoutInMs', async () => {
    service.handle = () => ({ status: 200, delayMs: 600 });
    const slow = await client.post('/carts', { currency: 'EUR' });
    expect(slow.status).toBe(504);
    expect(slow.body.errors[0].code).toBe('ExtensionNoResponse');
    const call = platform.extensions.recent().at(-1)!;
    expect(call.verdict).toMatchObject({ ok: false, code: 'ExtensionNoResponse' });
    expect(call.verdict.message).toMatch(/> 300 ms timeout/);
  });

  it.each([
    ['a status outside the contract', { status: 500, body: { oops: true } }, 'ExtensionBadResponse', 502],
    ['a body that is not JSON', { status: 200, body: 'not json' }, 'ExtensionBadResponse', 502],
    [
      'an error code that is not a platform code',
      { status: 400, body: { errors: [{ code: 'Nope', message: 'x' }] } },
      'ExtensionBadResponse',
      502,
    ],
    [
      'more than 100 actions',
      {
        status: 200,
        body: {
          actions: Array.from({ length: 101 }, () => ({ action: 'setCustomerEmail', email: 'a@b.c' })),
        },
      },
      'ExtensionBadResponse',
      502,
    ],
    [
      'an action not valid for the type',
      { status: 200, body: { actions: [{ action: 'changeOrderState', orderState: 'Open' }] } },
      'ExtensionUpdateActionsFailed',
      400,
    ],
    [
      'an action that fails to apply',
      { status: 200, body: { actions: [{ action: 'setLineItemPrice', lineItemId: 'missing' }] } },
      'ExtensionUpdateActionsFailed',
      400,
    ],
  ])('answers the platform error for %s', async (_what, answer, code, status) => {
    service.handle = () => answer;
    const result = await client.post('/carts', { currency: 'EUR' });
    expect(result.status).toBe(status);
    expect(result.body.errors[0].code).toBe(code);
    expect(platform.extensions.recent().at(-1)?.verdict).toMatchObject({ ok: false, code });
  });

  it('answers ExtensionPredicateEvaluationFailed when a condition cannot be evaluated', async () => {
    const broken = await client.post('/extensions', {
      key: 'broken-condition',
      destination: { type: 'HTTP', url: `${service.url}/customers` },
      triggers: [{ resourceTypeId: 'customer', actions: ['Create'], condition: 'email = = "x"' }],
    });
    expect(broken.status).toBe(201);
    const customer = await client.post('/customers', { email: 'c@example.com', password: 'x' });
    expect(customer.status).toBe(400);
    expect(customer.body.errors[0]).toMatchObject({
      code: 'ExtensionPredicateEvaluationFailed',
      errorByExtension: { id: broken.body.id, key: 'broken-condition' },
    });
    await client.delete(`/extensions/${broken.body.id}?version=${broken.body.version}`);
    expect((await client.post('/customers', { email: 'd@example.com', password: 'x' })).status).toBe(201);
  });

  it('refuses more than 25 extensions per project', async () => {
    const existing = (await client.get('/extensions')).body.total as number;
    const created: Array<{ id: string; version: number }> = [];
    for (let i = existing; i < 25; i++) {
      const ok = await client.post('/extensions', {
        key: `filler-${i}`,
        destination: { type: 'HTTP', url: `${service.url}/unused` },
        triggers: [{ resourceTypeId: 'quote', actions: ['Create'] }],
      });
      expect(ok.status).toBe(201);
      created.push(ok.body as { id: string; version: number });
    }
    const refused = await client.post('/extensions', {
      destination: { type: 'HTTP', url: `${service.url}/unused` },
      triggers: [{ resourceTypeId: 'quote', actions: ['Create'] }],
    });
    expect(refused.status).toBe(400);
    expect(refused.body.errors[0].code).toBe('MaxResourceLimitExceeded');
    for (const extension of created)
      await client.delete(`/extensions/${extension.id}?version=${extension.version}`);
  });

  it('calls a default extension for an app that registered none', async () => {
    other.handle = () => ({ status: 200, body: { actions: [{ action: 'setKey', key: 'from-default' }] } });
    const payment = await client.post('/payments', {
      amountPlanned: { currencyCode: 'EUR', centAmount: 100 },
    });
    expect(payment.status).toBe(201);
    expect(payment.body.key).toBe('from-default');
    expect(other.received[0]?.body).toMatchObject({ action: 'Create', resource: { typeId: 'payment' } });
  });

  it('triggers an app directly with a realistic sample and reports without storing', async () => {
    service.handle = () => ({
      status: 200,
      body: { actions: [{ action: 'setCustomerEmail', email: 'trigger@example.com' }] },
    });
    const carts = (await client.get('/carts?limit=500')).body.total;
    const call = await platform.extensions.trigger('service', { resource: 'cart', action: 'Create' });
    expect(call.source).toBe('trigger');
    expect(call.response?.statusCode).toBe(200);
    expect(call.verdict.ok).toBe(true);
    expect((call.before.lineItems as unknown[]).length).toBe(1);
    expect(call.before.totalPrice).toMatchObject({ centAmount: 3998, currencyCode: 'EUR' });
    expect(call.after?.customerEmail).toBe('trigger@example.com');
    // The sample cart was created quietly (no extension call for it); nothing else was stored.
    expect(service.received).toHaveLength(1);
    expect((await client.get('/carts?limit=500')).body.total).toBe(carts + 1);
  });

  it('reports a slow app in a trigger with its real duration', async () => {
    service.handle = () => ({ status: 200, delayMs: 450 });
    const call = await platform.extensions.trigger('service', { resource: 'cart', action: 'Update' });
    expect(call.response?.statusCode).toBe(200);
    expect(call.durationMs).toBeGreaterThan(300);
    expect(call.verdict).toMatchObject({ ok: false, code: 'ExtensionNoResponse' });
    expect(call.request.oldResource).toBeDefined();
  });
});
