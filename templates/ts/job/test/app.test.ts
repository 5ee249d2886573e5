import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createApp, ENDPOINT } from '../src/app.js';
import { createApiRoot } from '../src/ctp-client.js';
import { startFakeCommercetools, type FakeCommercetools } from './fake-commercetools.js';

let fake: FakeCommercetools;

beforeAll(async () => {
  fake = await startFakeCommercetools('shop', 'orders');
  fake.resources.set('a', { id: 'order-a', key: 'a', version: 1 });
  fake.resources.set('b', { id: 'order-b', key: 'b', version: 1 });
});
afterAll(() => fake.close());

function logger() {
  const lines: string[] = [];
  return { lines, info: (line: string) => lines.push(line), error: (line: string) => lines.push(line) };
}

const credentials = { projectKey: 'shop', clientId: 'id', clientSecret: 'secret', scopes: ['view_orders:shop'] };

describe('the job endpoint', () => {
  it('runs the task through the SDK against CTP_API_URL and answers 200', async () => {
    const log = logger();
    const app = createApp(createApiRoot({ ...credentials, apiUrl: fake.url, authUrl: fake.url }), log);
    const response = await request(app).post(ENDPOINT).set('User-Agent', 'Google-Cloud-Scheduler').send({});
    expect(response.status).toBe(200);
    expect(response.body.ordersCreated).toBe(2);
    const query = fake.requests.find((call) => call.path === '/shop/orders');
    expect(query?.query.get('where')).toBe(`createdAt >= "${response.body.since}"`);
    expect(log.lines[0]).toMatch(/^Job done in \d+ ms: 2 order\(s\)/);
  });

  it('answers 500 and logs why when the API is unreachable', async () => {
    const log = logger();
    const unreachable = 'http://127.0.0.1:9';
    const app = createApp(createApiRoot({ ...credentials, apiUrl: unreachable, authUrl: unreachable }), log);
    const response = await request(app).post(ENDPOINT).send({});
    expect(response.status).toBe(500);
    expect(log.lines[0]).toMatch(/^Job failed: /);
  });
});
