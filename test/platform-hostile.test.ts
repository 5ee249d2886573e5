/**
 * Hostile answers and input for the emulated platform: an extension that echoes a secured
 * value, huge and deeply nested answers, bad Extension drafts, malformed requests to the local
 * API and to the admin routes. Nothing leaks, nothing grows without bound, nothing answers 500.
 */
import express from 'express';
import request from 'supertest';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { createRedactor } from '../src/config/values.js';
import { createBus } from '../src/emulator/bus.js';
import { createAdminApp, type AdminBackend } from '../src/emulator/admin/server.js';
import { createPlatformRouter } from '../src/emulator/platform/admin-routes.js';
import { EmulatedPlatform, type PlatformEvent } from '../src/emulator/platform/emulated-platform.js';
import { apiClient, startApp, type TestApp } from './platform-helpers.js';

const SECRET = 'sup3r-secret-value-42';

describe('hostile answers and input', { timeout: 60_000 }, () => {
  let service: TestApp;
  let platform: EmulatedPlatform;
  let client: Awaited<ReturnType<typeof apiClient>>;
  const emitted: PlatformEvent[] = [];

  beforeAll(async () => {
    service = await startApp('/service');
    platform = await EmulatedPlatform.start({
      apps: () => [{ name: 'service', type: 'service', url: service.url }],
      extensions: [{ application: 'service', triggers: [{ resourceTypeId: 'cart', actions: ['Create'] }] }],
      emit: (event) => emitted.push(event),
      redact: createRedactor([SECRET]),
    });
    client = await apiClient(platform.info());
  });
  afterAll(async () => {
    await platform.stop();
    await service.close();
  });
  beforeEach(() => {
    service.handle = () => ({ status: 200 });
    emitted.length = 0;
  });

  it('masks a secured value an extension echoes: client error, call history, stream', async () => {
    service.handle = () => ({
      status: 400,
      body: { errors: [{ code: 'InvalidInput', message: `bad key ${SECRET}`, extra: { [SECRET]: SECRET } }] },
    });
    const refused = await client.post('/carts', { currency: 'EUR' });
    expect(refused.status).toBe(400);
    expect(JSON.stringify(refused.body)).not.toContain(SECRET);
    expect(JSON.stringify(refused.body)).toContain('bad key ****');
    expect(JSON.stringify(platform.extensions.recent())).not.toContain(SECRET);
    expect(JSON.stringify(emitted)).not.toContain(SECRET);

    // A bad response (not JSON) echoing it: the platform passes the body on as extensionBody.
    service.handle = () => ({ status: 500, body: `crashed with ${SECRET}` });
    const failed = await client.post('/carts', { currency: 'EUR' });
    expect(failed.status).toBeGreaterThanOrEqual(400);
    expect(JSON.stringify(failed.body)).not.toContain(SECRET);
    expect(JSON.stringify(platform.extensions.recent())).not.toContain(SECRET);
  });

  it('keeps huge answers bounded, with a marker', async () => {
    const huge = { errors: [{ code: 'InvalidInput', message: 'x'.repeat(1024 * 1024) }] };
    service.handle = () => ({ status: 400, body: huge });
    for (let i = 0; i < 3; i++) expect((await client.post('/carts', { currency: 'EUR' })).status).toBe(400);
    const kept = platform.extensions.recent().slice(-3);
    for (const call of kept) {
      const body = call.response?.body;
      expect(typeof body).toBe('string');
      expect(String(body)).toMatch(/\[truncated by connect dev: 1\.0 MB answer/);
      expect(JSON.stringify(call).length).toBeLessThan(64 * 1024);
    }
  });

  it('survives a deeply nested answer: the client gets the platform error, other requests work', async () => {
    const depth = 100_000;
    service.handle = () => ({ status: 200, body: `${'['.repeat(depth)}${']'.repeat(depth)}` });
    const nested = await client.post('/carts', { currency: 'EUR' });
    expect(nested.status).toBe(502);
    expect(nested.body.errors[0].code).toBe('ExtensionBadResponse');
    service.handle = () => ({ status: 200, body: { actions: [] } });
    expect((await client.post('/carts', { currency: 'EUR' })).status).toBe(201);
    const router = express().use('/api', createPlatformRouter(platform));
    const calls = await request(router).get('/api/extensions/calls');
    expect(calls.status).toBe(200);
  });

  it('refuses a bad Extension draft with the platform error, and never stores it', async () => {
    for (const draft of [{}, { destination: { type: 'HTTP', url: service.url } }, { triggers: [] }]) {
      const response = await client.post('/extensions', draft);
      expect(response.status, JSON.stringify(draft)).toBe(400);
      expect(response.body).toMatchObject({
        statusCode: 400,
        errors: [expect.objectContaining({ code: expect.any(String) })],
      });
    }
    expect(await platform.api.all('extension')).toEqual([]);
    service.handle = () => ({ status: 200, body: { actions: [] } });
    expect((await client.post('/carts', { currency: 'EUR' })).status).toBe(201);
    expect((await client.post('/customers', { email: 'a@example.com', password: 'x' })).status).toBe(201);
  });

  it('answers malformed requests to the local API and the admin routes with 400, never 500', async () => {
    const info = platform.info();
    const basic = Buffer.from(`${info.clientId}:${info.clientSecret}`).toString('base64');
    const token = (
      (await (
        await fetch(`${info.authUrl}/oauth/token?grant_type=client_credentials`, {
          method: 'POST',
          headers: { authorization: `Basic ${basic}` },
        })
      ).json()) as { access_token: string }
    ).access_token;
    const bodies: Array<[string, string]> = [
      ['application/json', '{"currency": '],
      ['application/json', '[]'],
      ['application/json', 'null'],
      ['text/plain', 'hello'],
    ];
    for (const [type, body] of bodies) {
      for (const path of ['/carts', '/customers', '/extensions', '/subscriptions', '/carts/nope']) {
        const response = await fetch(`${platform.info().apiUrl}/${platform.info().projectKey}${path}`, {
          method: 'POST',
          headers: { authorization: `Bearer ${token}`, 'content-type': type },
          body,
        });
        expect(response.status, `${type} ${body} -> ${path}`).toBeGreaterThanOrEqual(400);
        expect(response.status, `${type} ${body} -> ${path}`).toBeLessThan(500);
      }
    }

    const backend: AdminBackend = {
      bus: createBus(),
      adminUrl: 'http://127.0.0.1:1',
      status: () => ({
        emulator: { version: '1', root: '/', startedAt: '', adminUrl: '', pid: 1 },
        applications: [],
      }),
      application: () => undefined,
      logs: () => undefined,
      restartApp: async () => {
        throw new Error('no');
      },
      configView: () => undefined,
      jobs: () => [],
      runJob: async () => {
        throw new Error('no');
      },
      jobRuns: () => undefined,
      staticApps: () => [],
      pluginRoutes: () => [createPlatformRouter(platform)],
    };
    const admin = createAdminApp(backend);
    const routes = [
      '/__connect/api/extensions/service/trigger',
      '/__connect/api/events/event/publish',
      '/__connect/api/events/replay',
      '/__connect/api/resources/cart',
      '/__connect/api/resources/extension',
    ];
    for (const route of routes) {
      for (const [type, body] of bodies) {
        const response = await request(admin).post(route).set('content-type', type).send(body);
        expect(response.status, `${type} ${body} -> ${route}`).toBeGreaterThanOrEqual(400);
        expect(response.status, `${type} ${body} -> ${route}`).toBeLessThan(500);
        // The admin API's error, or the platform's for what the local API refused.
        const shape = response.body as { error?: { code: string }; statusCode?: number; errors?: unknown[] };
        expect(shape.error?.code ?? shape.errors?.length, `${type} ${body} -> ${route}`).toBeTruthy();
      }
    }
  });
});
