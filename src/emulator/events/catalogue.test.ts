import { describe, expect, it } from 'vitest';

import { isConnectError } from '../../errors.js';
import {
  checkMessage,
  messageTypeInfo,
  messageTypes,
  nearestMessageTypes,
  requireMessageType,
} from './catalogue.js';

describe('the Message catalogue (generated from @commercetools/platform-sdk)', () => {
  it('holds every type of the SDK with its resource type and what generates it', () => {
    expect(messageTypes().length).toBeGreaterThan(300);
    expect(messageTypeInfo('ProductStateTransition')).toMatchObject({
      resourceTypeId: 'product',
      actions: [{ resource: 'product', action: 'transitionState' }],
      fields: ['state', 'force'],
    });
    expect(messageTypeInfo('StoreCreated')).toMatchObject({
      resourceTypeId: 'store',
      requests: [{ resource: 'store', method: 'POST', path: '/stores' }],
    });
    expect(messageTypeInfo('CustomerPasswordTokenCreated')).toMatchObject({
      resourceTypeId: 'customer',
      referenceTypeId: 'customer-password-token',
    });
    expect(messageTypeInfo('DeliveryAdded')?.resourceTypeId).toBe('order');
    expect(messageTypeInfo('toString')).toBeUndefined();
  });

  it('names the nearest types of a misspelt one', () => {
    expect(nearestMessageTypes('OrderCreate')[0]).toBe('OrderCreated');
    expect(nearestMessageTypes('productpublished')[0]).toBe('ProductPublished');
    expect(nearestMessageTypes('StoreCreate')[0]).toBe('StoreCreated');
    let error: unknown;
    try {
      requireMessageType('ProductSelectionProductAdd');
    } catch (caught) {
      error = caught;
    }
    expect(isConnectError(error) && error.code).toBe('UNKNOWN_MESSAGE_TYPE');
    expect(isConnectError(error) && error.exitCode).toBe(2);
    expect(isConnectError(error) && error.hint).toMatch(/^did you mean ProductSelectionProductAdded/);
  });

  it("checks a message against its type's schema", async () => {
    const base = {
      id: 'm',
      version: 1,
      createdAt: '2026-01-01T00:00:00.000Z',
      lastModifiedAt: '2026-01-01T00:00:00.000Z',
      sequenceNumber: 1,
      resourceVersion: 2,
    };
    expect(
      await checkMessage({
        ...base,
        type: 'ProductStateTransition',
        resource: { typeId: 'product', id: 'p' },
        state: { typeId: 'state', id: 's' },
        force: false,
      }),
    ).toEqual([]);
    // The stubs of the issue: no state; a product-selection message about a product.
    expect(
      await checkMessage({
        ...base,
        type: 'ProductStateTransition',
        resource: { typeId: 'product', id: 'p' },
        force: false,
      }),
    ).toEqual([{ path: '/', message: "must have required property 'state'" }]);
    expect(
      await checkMessage({
        ...base,
        type: 'ProductSelectionProductAdded',
        resource: { typeId: 'product', id: 'p' },
        product: { typeId: 'product', id: 'p' },
      }),
    ).toEqual([{ path: '/resource/typeId', message: 'must be equal to constant' }]);
    expect(await checkMessage({ ...base, type: 'NoSuchMessage' })).toEqual([
      { path: '/type', message: 'unknown message type "NoSuchMessage"' },
    ]);
  });
});
