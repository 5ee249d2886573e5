/** The platform's admin routes (docs/admin-api.md, "The emulated platform"), driven with supertest. */
import express from 'express';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createPlatformRouter } from '../src/emulator/platform/admin-routes.js';
import { EmulatedPlatform } from '../src/emulator/platform/emulated-platform.js';
import { startApp, type TestApp } from './platform-helpers.js';

describe('platform admin routes', () => {
  let platform: EmulatedPlatform;
  let service: TestApp;
  let events: TestApp;
  let app: express.Express;

  beforeAll(async () => {
    service = await startApp('/service', () => ({ status: 200, body: { actions: [] } }));
    events = await startApp('/event', () => ({ status: 204 }));
    platform = await EmulatedPlatform.start({
      apps: () => [
        { name: 'service', type: 'service', url: service.url },
        { name: 'event', type: 'event', url: events.url },
      ],
    });
    app = express();
    app.use('/__connect/api', createPlatformRouter(platform));
  });
  afterAll(async () => {
    await platform.stop();
    await service.close();
    await events.close();
  });

  it('answers the platform address and credentials', async () => {
    const response = await request(app).get('/__connect/api/platform').expect(200);
    expect(response.body).toEqual(platform.info());
    expect(Object.keys(response.body).sort()).toEqual([
      'apiUrl',
      'authUrl',
      'clientId',
      'clientSecret',
      'projectKey',
      'scope',
    ]);
  });

  it('creates and queries resources of the local API', async () => {
    const created = await request(app)
      .post('/__connect/api/resources/customer-group')
      .send({ groupName: 'VIP' })
      .expect(201);
    const listed = await request(app).get('/__connect/api/resources/customer-group').expect(200);
    expect(listed.body.results.map((g: { id: string }) => g.id)).toContain(created.body.id);
    const unknown = await request(app).get('/__connect/api/resources/widgets').expect(400);
    expect(unknown.body.error).toMatchObject({ code: 'UNKNOWN_RESOURCE_TYPE', hint: expect.any(String) });
  });

  it('triggers an extension call and lists calls', async () => {
    const call = await request(app)
      .post('/__connect/api/extensions/service/trigger')
      .send({ resource: 'payment', action: 'Create' })
      .expect(200);
    expect(call.body).toMatchObject({ application: 'service', source: 'trigger', verdict: { ok: true } });
    const calls = await request(app).get('/__connect/api/extensions/calls').expect(200);
    expect(calls.body.calls.map((c: { id: string }) => c.id)).toContain(call.body.id);
    const bad = await request(app)
      .post('/__connect/api/extensions/service/trigger')
      .send({ resource: 'zone', action: 'Create' })
      .expect(400);
    expect(bad.body.error.code).toBe('INVALID_REQUEST');
    const notService = await request(app)
      .post('/__connect/api/extensions/event/trigger')
      .send({ resource: 'cart', action: 'Create' })
      .expect(400);
    expect(notService.body.error.code).toBe('NOT_A_SERVICE_APP');
  });

  it('publishes, lists and replays event deliveries', async () => {
    const delivery = await request(app)
      .post('/__connect/api/events/event/publish')
      .send({ type: 'PaymentCreated' })
      .expect(200);
    expect(delivery.body).toMatchObject({
      application: 'event',
      type: 'PaymentCreated',
      format: 'Platform',
      state: 'acked',
    });
    const listed = await request(app).get('/__connect/api/events/messages').expect(200);
    expect(listed.body.messages.map((d: { id: string }) => d.id)).toContain(delivery.body.id);
    expect(
      (await request(app).get('/__connect/api/events/messages?dead=true').expect(200)).body.messages,
    ).toEqual([]);
    const replayed = await request(app)
      .post('/__connect/api/events/replay')
      .send({ id: delivery.body.id })
      .expect(200);
    expect(replayed.body.replayed[0].attempts).toHaveLength(2);
    expect(
      (await request(app).post('/__connect/api/events/replay').send({}).expect(400)).body.error.code,
    ).toBe('INVALID_REQUEST');
    expect(
      (await request(app).post('/__connect/api/events/replay').send({ id: 'nope' }).expect(404)).body.error
        .code,
    ).toBe('MESSAGE_NOT_FOUND');
  });
});
