import { describe, expect, it } from 'vitest';

import { cloudEvent, messageNotification, pubSubPush, testNotification } from './envelopes.js';
import { MessageLog } from './messages.js';

describe('notification envelopes', () => {
  const log = new MessageLog();
  const order = { id: 'o1', version: 3, orderNumber: 'A-1', orderState: 'Open' };
  const [message] = log.record({ kind: 'create', typeId: 'order', resource: order });

  it('builds Platform messages with the platform fields and numbers them per resource', () => {
    const notification = messageNotification('proj', message!);
    expect(notification).toMatchObject({
      notificationType: 'Message',
      projectKey: 'proj',
      resource: { typeId: 'order', id: 'o1' },
      resourceUserProvidedIdentifiers: { orderNumber: 'A-1' },
      resourceVersion: 3,
      sequenceNumber: 1,
      type: 'OrderCreated',
      order,
    });
    const [changed] = log.record({
      kind: 'update',
      typeId: 'order',
      resource: { ...order, version: 4, orderState: 'Confirmed' },
      old: order,
    });
    expect(changed).toMatchObject({
      type: 'OrderStateChanged',
      orderState: 'Confirmed',
      oldOrderState: 'Open',
      sequenceNumber: 2,
    });
  });

  it('wraps CloudEvents 1.0 with the platform type and source', () => {
    const event = cloudEvent(messageNotification('proj', message!));
    expect(event).toMatchObject({
      specversion: '1.0',
      id: message!.id,
      type: 'com.commercetools.order.message.OrderCreated',
      source: '/proj/orders',
      subject: 'o1',
      sequence: '1',
      sequencetype: 'Integer',
      dataref: `/proj/messages/${message!.id}`,
    });
  });

  it('puts the notification base64-encoded into a Pub/Sub push body', () => {
    const body = pubSubPush(
      testNotification('proj', 's1'),
      'projects/p/subscriptions/s',
      'm1',
      '2026-01-01T00:00:00.000Z',
    );
    const inner = body.message as {
      data: string;
      messageId: string;
      message_id: string;
      publish_time: string;
    };
    expect(JSON.parse(Buffer.from(inner.data, 'base64').toString())).toMatchObject({
      notificationType: 'ResourceCreated',
      resource: { typeId: 'subscription', id: 's1' },
    });
    expect(inner).toMatchObject({
      messageId: 'm1',
      message_id: 'm1',
      publish_time: '2026-01-01T00:00:00.000Z',
      attributes: {},
    });
    expect(body.subscription).toBe('projects/p/subscriptions/s');
  });
});
