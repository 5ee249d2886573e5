/**
 * The bytes an event app receives: the notification payload in the subscription's format
 * (Platform or CloudEvents 1.0), wrapped in a Google Pub/Sub push envelope (runtime.md,
 * "Event apps, fed by Subscriptions").
 */
import { randomUUID } from 'node:crypto';

import { resourcePath } from '../platform/resource-types.js';
import type { ChangeNotification, Json, Message } from './messages.js';

export type NotificationFormat = 'Platform' | 'CloudEvents';

export type Notification = Json & {
  notificationType: string;
  projectKey: string;
  resource: { typeId: string; id: string };
};

export function messageNotification(projectKey: string, message: Message): Notification {
  return { notificationType: 'Message', projectKey, ...message };
}

export function changeNotificationPayload(projectKey: string, change: ChangeNotification): Notification {
  const { notificationType, ...rest } = change;
  return { notificationType, projectKey, ...rest };
}

/** What the platform sends to a subscription's destination right after it is created. */
export function testNotification(projectKey: string, subscriptionId: string): Notification {
  return {
    notificationType: 'ResourceCreated',
    projectKey,
    resource: { typeId: 'subscription', id: subscriptionId },
    version: 1,
    modifiedAt: new Date().toISOString(),
  };
}

/** The CloudEvent 1.0 the platform sends for a notification with `format: CloudEvents`. */
export function cloudEvent(notification: Notification): Json {
  const { typeId, id } = notification.resource;
  const isMessage = notification.notificationType === 'Message';
  const kind = isMessage ? `message.${String(notification.type)}` : `change.${notification.notificationType}`;
  const path = resourcePath(typeId) ?? `${typeId}s`;
  return {
    specversion: '1.0',
    id: isMessage ? String(notification.id) : randomUUID(),
    type: `com.commercetools.${typeId}.${kind}`,
    source: `/${notification.projectKey}/${path}`,
    subject: id,
    time: String(isMessage ? notification.createdAt : (notification.modifiedAt ?? new Date().toISOString())),
    ...(isMessage
      ? {
          sequence: String(notification.sequenceNumber),
          sequencetype: 'Integer',
          dataref: `/${notification.projectKey}/messages/${String(notification.id)}`,
        }
      : {}),
    data: notification,
  };
}

export function formatted(notification: Notification, format: NotificationFormat): Json {
  return format === 'CloudEvents' ? cloudEvent(notification) : notification;
}

/** The body of one Pub/Sub push request (`data` may come serialized already). */
export function pubSubPush(
  data: Json | string,
  subscription: string,
  messageId: string,
  publishTime: string,
): Json {
  return {
    message: {
      data: Buffer.from(typeof data === 'string' ? data : JSON.stringify(data)).toString('base64'),
      attributes: {},
      messageId,
      message_id: messageId,
      publishTime,
      publish_time: publishTime,
    },
    subscription,
  };
}
