import request from 'supertest';
import { describe, expect, it } from 'vitest';

import { createApp, ENDPOINT } from '../src/app.js';

const app = createApp({ port: 0, maxQuantityPerLineItem: 3 });

function cartCall(cart: Record<string, unknown>, action = 'Create') {
  return { action, resource: { typeId: 'cart', id: 'cart-1', obj: { id: 'cart-1', lineItems: [], ...cart } } };
}

describe('the API Extension endpoint', () => {
  it('answers 200 with no actions for a cart that needs no change', async () => {
    const response = await request(app).post(ENDPOINT).send(cartCall({ customerEmail: 'ada@example.com' }));
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ actions: [] });
  });

  it('returns an update action that lower-cases the customer email', async () => {
    const response = await request(app).post(ENDPOINT).send(cartCall({ customerEmail: 'Ada@Example.com' }, 'Update'));
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ actions: [{ action: 'setCustomerEmail', email: 'ada@example.com' }] });
  });

  it('rejects a cart with too many units of one product with 400 {errors}', async () => {
    const response = await request(app)
      .post(ENDPOINT)
      .send(cartCall({ lineItems: [{ id: 'li-1', quantity: 5 }] }));
    expect(response.status).toBe(400);
    expect(response.body.errors).toHaveLength(1);
    expect(response.body.errors[0]).toMatchObject({
      code: 'InvalidInput',
      extensionExtraInfo: { lineItemId: 'li-1', maxQuantity: 3 },
    });
    expect(response.body.errors[0].message).toContain('At most 3 units');
  });

  it('leaves other resource types alone', async () => {
    const response = await request(app)
      .post(ENDPOINT)
      .send({ action: 'Create', resource: { typeId: 'order', id: 'o-1', obj: {} } });
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ actions: [] });
  });

  it('answers 400 {errors} to a body that is not an extension call', async () => {
    const malformed = await request(app).post(ENDPOINT).set('content-type', 'application/json').send('{"oops"');
    expect(malformed.status).toBe(400);
    expect(malformed.body.errors[0].code).toBe('InvalidInput');
    const wrongShape = await request(app).post(ENDPOINT).send({ hello: 'world' });
    expect(wrongShape.status).toBe(400);
  });

  it('answers its health check', async () => {
    const response = await request(app).get('/health');
    expect(response.status).toBe(200);
  });
});
