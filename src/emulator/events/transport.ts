/**
 * How a notification travels to an event app: as a Google Pub/Sub push (GCP regions) or as an
 * Amazon SNS HTTP notification (AWS regions, ./sns.ts). Kept apart from the delivery engine
 * (./delivery.ts: retries, dead letters, persistence) so either can change alone.
 *
 * A notification larger than its destination accepts (SNS: 256 KiB; Pub/Sub: 10 MB) is sent as
 * the platform sends it: without its payload, with `payloadNotIncluded: {reason, payloadType}`.
 */
import { formatted, pubSubPush, type Notification, type NotificationFormat } from './envelopes.js';
import { snsHeaders, snsNotification } from './sns.js';

export type Transport = { type: 'PubSub' } | { type: 'SNS'; topicArn: string };

/** The largest notification each destination takes, in bytes. */
export const PAYLOAD_LIMITS = { PubSub: 10 * 1000 * 1000, SNS: 256 * 1024 } as const;

/** The fields every Message notification keeps when its payload is left out. */
const ENVELOPE_FIELDS = [
  'notificationType',
  'projectKey',
  'id',
  'version',
  'sequenceNumber',
  'resource',
  'resourceVersion',
  'resourceUserProvidedIdentifiers',
  'type',
  'createdAt',
  'lastModifiedAt',
  'createdBy',
  'lastModifiedBy',
  'modifiedAt',
  'oldVersion',
] as const;

/** The notification as delivered through a destination of `limit` bytes. */
export function withinLimit(
  notification: Notification,
  format: NotificationFormat,
  limit: number,
): Notification {
  return serializedWithin(notification, format, limit).notification;
}

/** The same, with the formatted notification serialized once (deliveries are a hot path). */
function serializedWithin(
  notification: Notification,
  format: NotificationFormat,
  limit: number,
): { notification: Notification; text: string } {
  const text = JSON.stringify(formatted(notification, format));
  const size = Buffer.byteLength(text);
  if (size <= limit) return { notification, text };
  const kept: Record<string, unknown> = {};
  for (const field of ENVELOPE_FIELDS) {
    if (notification[field] !== undefined) kept[field] = notification[field];
  }
  const trimmed = {
    ...(kept as Notification),
    payloadNotIncluded: {
      reason: `The payload (${size} bytes) exceeds the ${limit} bytes the destination accepts.`,
      payloadType: notification.notificationType === 'Message' ? 'Message' : notification.notificationType,
    },
  };
  return { notification: trimmed, text: JSON.stringify(formatted(trimmed, format)) };
}

export interface DeliveryRequest {
  body: unknown;
  headers?: Record<string, string>;
}

/** The HTTP request that delivers one notification through a transport. */
export function deliveryRequest(input: {
  transport?: Transport | undefined;
  payload: Notification;
  format: NotificationFormat;
  subscription: string;
  messageId: string;
  at: string;
}): DeliveryRequest {
  if (input.transport?.type === 'SNS') {
    const { text } = serializedWithin(input.payload, input.format, PAYLOAD_LIMITS.SNS);
    const envelope = snsNotification({
      topicArn: input.transport.topicArn,
      messageId: input.messageId,
      message: text,
      timestamp: input.at,
    });
    return { body: envelope, headers: snsHeaders(envelope, input.subscription) };
  }
  const { text } = serializedWithin(input.payload, input.format, PAYLOAD_LIMITS.PubSub);
  return { body: pubSubPush(text, input.subscription, input.messageId, input.at) };
}
