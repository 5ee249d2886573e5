/**
 * The endpoints the real connectors call (docs/endpoint-audit.md), over real HTTP, with the
 * request shapes they send: Payment Methods as connect-payments-sdk's ctPaymentMethodService
 * uses them (find by customer/paymentInterface/interfaceAccount, save, get, delete), `sort` and
 * `withTotal` of query endpoints as the job template's `getAll` pages orders, the email token's
 * `ttlMinutes` as the email template asks for it, and the platform's 404 bodies.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { checkMessage } from '../src/emulator/events/catalogue.js';
import type { Message } from '../src/emulator/events/messages.js';
import { EmulatedPlatform } from '../src/emulator/platform/emulated-platform.js';
import { apiClient, startApp } from './platform-helpers.js';

type Client = Awaited<ReturnType<typeof apiClient>>;

const where = (predicate: string) => `where=${encodeURIComponent(predicate)}`;

describe('endpoints the real connectors call', () => {
  let platform: EmulatedPlatform;
  let client: Client;
  let persistDir: string;
  const warnings: string[] = [];
  let customerId: string;

  beforeAll(async () => {
    persistDir = await mkdtemp(join(tmpdir(), 'connect-audit-'));
    platform = await EmulatedPlatform.start({
      apps: () => [],
      persistDir,
      warn: (text) => warnings.push(text),
    });
    client = await apiClient(platform.info());
    const customer = await client.post('/customers', { email: 'payer@example.com', password: 'secret' });
    customerId = customer.body.customer.id;
  });
  afterAll(async () => {
    await platform.stop();
    await rm(persistDir, { recursive: true, force: true });
  });

  const missingRoutes = () => warnings.filter((w) => w.includes('has no route'));

  it('stores, finds, updates and deletes Payment Methods as ctPaymentMethodService does', async () => {
    const byOwner = where(
      `customer(id="${customerId}") and paymentInterface="psp-template" and interfaceAccount="acc-1"`,
    );
    expect((await client.get(`/payment-methods?${byOwner}`)).body).toEqual({
      limit: 20,
      offset: 0,
      count: 0,
      total: 0,
      results: [],
    });

    // save(): the draft the SDK posts
    const created = await client.post('/payment-methods', {
      customer: { id: customerId, typeId: 'customer' },
      paymentInterface: 'psp-template',
      interfaceAccount: 'acc-1',
      method: 'card',
      default: false,
      paymentMethodStatus: 'Active',
      token: { value: 'tok-visa-1111' },
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      version: 1,
      customer: { typeId: 'customer', id: customerId },
      paymentInterface: 'psp-template',
      interfaceAccount: 'acc-1',
      method: 'card',
      default: false,
      paymentMethodStatus: 'Active',
      token: { value: 'tok-visa-1111' },
    });
    const id = created.body.id as string;

    const found = await client.get(`/payment-methods?${byOwner}`);
    expect(found.body.results.map((m: { id: string }) => m.id)).toEqual([id]);
    // ensurePaymentMethodBelongsToGivenCustomer()
    const owned = await client.get(
      `/payment-methods?${where(`id="${id}" and customer(id="${customerId}")`)}`,
    );
    expect(owned.body.total).toBe(1);
    const foreign = await client.get(
      `/payment-methods?${where(`id="${id}" and customer(id="00000000-0000-0000-0000-000000000000")`)}`,
    );
    expect(foreign.body.total).toBe(0);
    expect((await client.get(`/payment-methods/${id}`)).body.id).toBe(id);

    // the platform's draft defaults and key endpoints
    const second = await client.post('/payment-methods', {
      key: 'second-card',
      customer: { id: customerId, typeId: 'customer' },
      paymentInterface: 'psp-template',
      interfaceAccount: 'acc-1',
      token: { value: 'tok-2' },
    });
    expect(second.body).toMatchObject({ key: 'second-card', paymentMethodStatus: 'Active', default: false });
    expect((await client.get('/payment-methods/key=second-card')).body.id).toBe(second.body.id);

    // the default applies per customer: setting another one clears the first
    const first = await client.post(`/payment-methods/${id}`, {
      version: 1,
      actions: [{ action: 'setDefault', default: true }],
    });
    expect(first.body).toMatchObject({ version: 2, default: true });
    const switched = await client.post('/payment-methods/key=second-card', {
      version: second.body.version,
      actions: [{ action: 'setDefault', default: true }],
    });
    expect(switched.body.default).toBe(true);
    expect((await client.get(`/payment-methods/${id}`)).body.default).toBe(false);

    const inactiveDefault = await client.post('/payment-methods/key=second-card', {
      version: switched.body.version,
      actions: [{ action: 'setPaymentMethodStatus', paymentMethodStatus: 'Inactive' }],
    });
    expect(inactiveDefault.status).toBe(400);
    expect(inactiveDefault.body.errors[0].code).toBe('InvalidOperation');

    const duplicate = await client.post('/payment-methods', { key: 'second-card' });
    expect(duplicate.status).toBe(400);
    expect(duplicate.body.errors[0]).toMatchObject({ code: 'DuplicateField', field: 'key' });
    const strangers = await client.post('/payment-methods', {
      customer: { id: '00000000-0000-0000-0000-000000000000', typeId: 'customer' },
    });
    expect(strangers.status).toBe(400);
    expect(strangers.body.errors[0].code).toBe('ReferencedResourceNotFound');

    // delete(): with the version it read
    const current = (await client.get(`/payment-methods/${id}`)).body;
    const stale = await client.delete(`/payment-methods/${id}?version=${current.version - 1}`);
    expect(stale.status).toBe(409);
    expect(stale.body.errors[0]).toMatchObject({
      code: 'ConcurrentModification',
      currentVersion: current.version,
    });
    expect((await client.delete(`/payment-methods/${id}?version=${current.version}`)).status).toBe(200);
    expect(await client.get(`/payment-methods/${id}`)).toEqual({
      status: 404,
      body: {
        statusCode: 404,
        message: `The Resource with ID '${id}' was not found.`,
        errors: [{ code: 'ResourceNotFound', message: `The Resource with ID '${id}' was not found.` }],
      },
    });

    // Messages as for every other resource type
    const messages = await client.get(
      `/messages?limit=100&${where(`resource(typeId="payment-method")`)}&sort=${encodeURIComponent('sequenceNumber asc')}`,
    );
    const types = messages.body.results.map((m: { type: string }) => m.type);
    expect(types).toContain('PaymentMethodCreated');
    expect(types).toContain('PaymentMethodDefaultSet');
    expect(types).toContain('PaymentMethodDeleted');
    for (const message of messages.body.results as Message[]) expect(await checkMessage(message)).toEqual([]);
    expect(missingRoutes()).toEqual([]);
  });

  it('calls an API Extension triggered on payment-method creates, as for payments', async () => {
    const service = await startApp('/payment-methods', (request) => {
      const resource = (request.body as { resource: { obj: { method?: string } } }).resource;
      return resource.obj.method === 'refused'
        ? { status: 400, body: { errors: [{ code: 'InvalidInput', message: 'no such card' }] } }
        : { status: 200, body: { actions: [{ action: 'setName', name: { en: 'Visa 1111' } }] } };
    });
    try {
      const extension = await client.post('/extensions', {
        key: 'audit-payment-method-extension',
        destination: { type: 'HTTP', url: service.url },
        triggers: [{ resourceTypeId: 'payment-method', actions: ['Create'] }],
      });
      expect(extension.status).toBe(201);
      const named = await client.post('/payment-methods', { method: 'card', token: { value: 'tok-x' } });
      expect(named.body.name).toEqual({ en: 'Visa 1111' });
      expect(service.received[0]?.body).toMatchObject({
        action: 'Create',
        resource: { typeId: 'payment-method', obj: { method: 'card', token: { value: 'tok-x' } } },
      });
      const refused = await client.post('/payment-methods', { method: 'refused' });
      expect(refused.status).toBe(400);
      expect(refused.body.errors[0]).toMatchObject({ code: 'InvalidInput', message: 'no such card' });
      await client.delete(`/extensions/key=audit-payment-method-extension?version=${extension.body.version}`);
    } finally {
      await service.close();
    }
  });

  it('keeps Payment Methods with --persist', async () => {
    const kept = await client.post('/payment-methods', {
      key: 'kept-card',
      customer: { id: customerId, typeId: 'customer' },
      method: 'card',
    });
    expect(kept.status).toBe(201);
    await platform.api.persist();
    const again = await EmulatedPlatform.start({ apps: () => [], persistDir });
    try {
      const reader = await apiClient(again.info());
      expect((await reader.get('/payment-methods/key=kept-card')).body.id).toBe(kept.body.id);
    } finally {
      await again.stop();
    }
  });

  it('sorts query results and pages them as the job template does (id desc, id < last)', async () => {
    const created: string[] = [];
    for (let i = 0; i < 8; i++) created.push((await client.post('/carts', { currency: 'EUR' })).body.id);
    const sorted = await client.get(`/carts?sort=${encodeURIComponent('id desc')}&limit=500`);
    const ids = sorted.body.results.map((c: { id: string }) => c.id);
    expect(ids).toEqual([...ids].sort().reverse());

    const collected: string[] = [];
    let last: string | undefined;
    for (;;) {
      const filter = last ? `&${where(`id < "${last}"`)}` : '';
      const page = await client.get(`/carts?sort=${encodeURIComponent('id desc')}&limit=3${filter}`);
      collected.push(...page.body.results.map((c: { id: string }) => c.id));
      if (page.body.count < 3) break;
      last = collected.at(-1);
    }
    expect(collected).toEqual(ids);
    expect(collected.filter((id) => created.includes(id))).toHaveLength(8);

    const withoutTotal = await client.get('/carts?withTotal=false&limit=1');
    expect(withoutTotal.body).toMatchObject({ limit: 1, count: 1 });
    expect('total' in withoutTotal.body).toBe(false);
  });

  it('keeps an email token for the ttlMinutes the email template asks for', async () => {
    const token = await client.post('/customers/email-token', { id: customerId, ttlMinutes: 60 });
    expect(token.status).toBe(200);
    expect(Date.parse(token.body.expiresAt) - Date.parse(token.body.createdAt)).toBe(60 * 60_000);
    const messages = await client.get(`/messages?limit=100&${where('type="CustomerEmailTokenCreated"')}`);
    const message = messages.body.results.find(
      (m: { resource: { id: string } }) => m.resource.id === token.body.id,
    );
    expect(message?.expiresAt).toBe(token.body.expiresAt);
  });

  it("answers a missing resource or route with the platform's 404 body, as JSON", async () => {
    const { apiUrl, authUrl, projectKey, clientId, clientSecret, scope } = platform.info();
    const tokenAnswer = await fetch(
      `${authUrl}/oauth/token?grant_type=client_credentials&scope=${encodeURIComponent(scope)}`,
      {
        method: 'POST',
        headers: { authorization: `Basic ${Buffer.from(`${clientId}:${clientSecret}`).toString('base64')}` },
      },
    );
    const { access_token: token } = (await tokenAnswer.json()) as { access_token: string };
    for (const path of ['carts/4f2d9a07-0000-4000-8000-000000000000', 'no-such-endpoint']) {
      const raw = await fetch(`${apiUrl}/${projectKey}/${path}`, {
        headers: { authorization: `Bearer ${token}` },
      });
      expect(raw.status).toBe(404);
      expect(raw.headers.get('content-type')).toBe('application/json; charset=utf-8');
    }
    const byId = await client.get('/carts/4f2d9a07-0000-4000-8000-000000000000');
    expect(byId).toEqual({
      status: 404,
      body: {
        statusCode: 404,
        message: "The Resource with ID '4f2d9a07-0000-4000-8000-000000000000' was not found.",
        errors: [
          {
            code: 'ResourceNotFound',
            message: "The Resource with ID '4f2d9a07-0000-4000-8000-000000000000' was not found.",
          },
        ],
      },
    });
    const byKey = await client.get('/carts/key=no-such-cart');
    expect(byKey.body.message).toBe("The Resource with key 'no-such-cart' was not found.");
  });
});

describe('errors the mock answered in its own format', () => {
  let platform: EmulatedPlatform;
  let client: Client;
  const warnings: string[] = [];

  beforeAll(async () => {
    platform = await EmulatedPlatform.start({ apps: () => [], warn: (text) => warnings.push(text) });
    client = await apiClient(platform.info());
  });
  afterAll(async () => {
    await platform.stop();
  });

  it('creates an order from the deprecated OrderFromCartDraft.id, as the platform still does', async () => {
    const cart = await client.post('/carts', { currency: 'EUR' });
    const order = await client.post('/orders', { id: cart.body.id, version: cart.body.version });
    expect(order.status).toBe(201);
    expect(order.body.cart).toEqual({ typeId: 'cart', id: cart.body.id });
    expect(warnings).toEqual([]);
  });

  it("answers an error inside the emulation with the platform's ErrorResponse and logs it", async () => {
    // A cart draft whose lineItems is not a list makes the mock throw a TypeError.
    const failed = await client.post('/carts', { currency: 'EUR', lineItems: 7 });
    expect(failed.status).toBe(500);
    expect(failed.body).toMatchObject({
      statusCode: 500,
      message: expect.any(String),
      errors: [{ code: 'General', message: failed.body.message }],
    });
    expect(warnings.some((w) => w.includes(`failed on POST /${platform.info().projectKey}/carts`))).toBe(
      true,
    );
  });
});
