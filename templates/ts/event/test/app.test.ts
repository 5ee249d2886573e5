import request from 'supertest';
import { describe, expect, it } from 'vitest';

import { createApp, ENDPOINT } from '../src/app.js';
import { encodePushMessage } from '../src/messages.js';

function recordingLogger() {
  const lines: string[] = [];
  return { lines, info: (line: string) => lines.push(line), error: (line: string) => lines.push(line) };
}

const orderCreated = {
  notificationType: 'Message',
  projectKey: 'shop',
  id: 'message-1',
  version: 1,
  sequenceNumber: 1,
  resource: { typeId: 'order', id: 'order-1' },
  resourceVersion: 1,
  type: 'OrderCreated',
  createdAt: '2026-01-01T00:00:00.000Z',
  lastModifiedAt: '2026-01-01T00:00:00.000Z',
  order: {
    id: 'order-1',
    orderNumber: 'A-100',
    totalPrice: { type: 'centPrecision', centAmount: 12345, currencyCode: 'EUR', fractionDigits: 2 },
    lineItems: [{ id: 'li-1' }, { id: 'li-2' }],
  },
};

describe('the event endpoint', () => {
  it('handles OrderCreated and acknowledges it', async () => {
    const logger = recordingLogger();
    const response = await request(createApp({ logger })).post(ENDPOINT).send(encodePushMessage(orderCreated));
    expect(response.status).toBe(204);
    expect(logger.lines).toEqual(['Order A-100 created: 123.45 EUR, 2 line item(s)']);
  });

  it('acknowledges the subscription test notification', async () => {
    const logger = recordingLogger();
    const response = await request(createApp({ logger }))
      .post(ENDPOINT)
      .send(
        encodePushMessage({
          notificationType: 'ResourceCreated',
          projectKey: 'shop',
          resource: { typeId: 'subscription', id: 'sub-1' },
          version: 1,
          modifiedAt: '2026-01-01T00:00:00.000Z',
        }),
      );
    expect(response.status).toBe(204);
    expect(logger.lines).toEqual([]);
  });

  it('acknowledges message types it does not handle', async () => {
    const response = await request(createApp({ logger: recordingLogger() }))
      .post(ENDPOINT)
      .send(encodePushMessage({ ...orderCreated, type: 'OrderStateChanged' }));
    expect(response.status).toBe(204);
  });

  it('answers 4xx to a payload it can never process', async () => {
    const app = createApp({ logger: recordingLogger() });
    expect((await request(app).post(ENDPOINT).send({ hello: 'world' })).status).toBe(400);
    const notBase64Json = { message: { data: 'bm90IGpzb24=' }, subscription: 'projects/p/subscriptions/s' };
    expect((await request(app).post(ENDPOINT).send(notBase64Json)).status).toBe(400);
    const withoutOrder = encodePushMessage({ ...orderCreated, order: undefined });
    expect((await request(app).post(ENDPOINT).send(withoutOrder)).status).toBe(422);
  });

  it('answers 5xx to a temporary failure so that the message is retried', async () => {
    const logger = recordingLogger();
    const app = createApp({
      logger,
      handlers: {
        OrderCreated: async () => {
          throw new Error('commercetools API timed out');
        },
      },
    });
    const response = await request(app).post(ENDPOINT).send(encodePushMessage(orderCreated));
    expect(response.status).toBe(500);
    expect(logger.lines[0]).toContain('will be retried: commercetools API timed out');
  });
});
