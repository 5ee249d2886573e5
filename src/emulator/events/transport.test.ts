import { verify } from 'node:crypto';

import { describe, expect, it } from 'vitest';

import type { Notification } from './envelopes.js';
import {
  awsRegionOf,
  canonicalString,
  isAwsRegion,
  signingPublicKey,
  snsNotification,
  topicArnOf,
} from './sns.js';
import { deliveryRequest, PAYLOAD_LIMITS, withinLimit } from './transport.js';

const message: Notification = {
  notificationType: 'Message',
  projectKey: 'p',
  id: 'm-1',
  version: 1,
  sequenceNumber: 1,
  resource: { typeId: 'order', id: 'o-1' },
  resourceVersion: 1,
  type: 'OrderCreated',
  createdAt: '2026-01-01T00:00:00.000Z',
  lastModifiedAt: '2026-01-01T00:00:00.000Z',
  order: { id: 'o-1' },
};

describe('SNS notifications', () => {
  it('knows AWS regions and topic ARNs', () => {
    expect(isAwsRegion('eu-central-1.aws')).toBe(true);
    expect(isAwsRegion('europe-west1.gcp')).toBe(false);
    expect(awsRegionOf('us-east-2.aws')).toBe('us-east-2');
    expect(topicArnOf('events', 'us-east-2')).toBe('arn:aws:sns:us-east-2:000000000000:connect-dev-events');
  });

  it("builds SNS's envelope, signed over SNS's canonical string", () => {
    const topicArn = topicArnOf('events');
    const request = deliveryRequest({
      transport: { type: 'SNS', topicArn },
      payload: message,
      format: 'Platform',
      subscription: `${topicArn}:sub-1`,
      messageId: 'id-1',
      at: '2026-01-01T00:00:01.000Z',
    });
    const envelope = request.body as ReturnType<typeof snsNotification>;
    expect(envelope).toMatchObject({
      Type: 'Notification',
      MessageId: 'id-1',
      TopicArn: topicArn,
      Timestamp: '2026-01-01T00:00:01.000Z',
      SignatureVersion: '1',
    });
    expect(JSON.parse(envelope.Message)).toEqual(message);
    expect(request.headers).toMatchObject({
      'content-type': 'text/plain; charset=UTF-8',
      'x-amz-sns-message-type': 'Notification',
      'x-amz-sns-message-id': 'id-1',
      'x-amz-sns-topic-arn': topicArn,
      'x-amz-sns-subscription-arn': `${topicArn}:sub-1`,
    });
    expect(canonicalString(envelope)).toBe(
      `Message\n${envelope.Message}\nMessageId\nid-1\nTimestamp\n2026-01-01T00:00:01.000Z\nTopicArn\n${topicArn}\nType\nNotification\n`,
    );
    // SignatureVersion 1: SHA1withRSA over that string.
    const signature = Buffer.from(envelope.Signature, 'base64');
    expect(verify('sha1', Buffer.from(canonicalString(envelope)), signingPublicKey(), signature)).toBe(true);
    expect(
      verify(
        'sha1',
        Buffer.from(canonicalString({ ...envelope, Message: '{}' })),
        signingPublicKey(),
        signature,
      ),
    ).toBe(false);
  });

  it('leaves the payload out of a notification over the destination limit, as the platform does', () => {
    expect(withinLimit(message, 'Platform', PAYLOAD_LIMITS.SNS)).toBe(message);
    const large = { ...message, order: { id: 'o-1', note: 'x'.repeat(PAYLOAD_LIMITS.SNS) } };
    const trimmed = withinLimit(large, 'Platform', PAYLOAD_LIMITS.SNS);
    expect(trimmed.order).toBeUndefined();
    expect(trimmed).toMatchObject({
      notificationType: 'Message',
      id: 'm-1',
      type: 'OrderCreated',
      resource: { typeId: 'order', id: 'o-1' },
      payloadNotIncluded: {
        reason: expect.stringContaining(`${PAYLOAD_LIMITS.SNS} bytes`),
        payloadType: 'Message',
      },
    });
    // Pub/Sub takes 10 MB: the same notification is delivered whole.
    const push = deliveryRequest({
      payload: large,
      format: 'Platform',
      subscription: 'projects/p/subscriptions/s',
      messageId: 'id-2',
      at: '2026-01-01T00:00:01.000Z',
    }).body as { message: { data: string } };
    expect(JSON.parse(Buffer.from(push.message.data, 'base64').toString('utf8')).order.note).toHaveLength(
      PAYLOAD_LIMITS.SNS,
    );
  });
});
