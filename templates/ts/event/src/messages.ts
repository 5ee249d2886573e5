/** Decoding of the Pub/Sub push envelope and the commercetools notification inside it. */

/** A failure that retrying cannot fix: answered with a 4xx status. */
export class PermanentError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PermanentError';
  }
}

export interface Notification {
  notificationType: 'Message' | 'ResourceCreated' | 'ResourceUpdated' | 'ResourceDeleted';
  projectKey: string;
  resource: { typeId: string; id: string };
  /** Message notifications: the message type, e.g. OrderCreated. */
  type?: string;
  [field: string]: unknown;
}

export interface PushEnvelope {
  message: { data: string; attributes?: Record<string, string>; messageId?: string; publishTime?: string };
  subscription: string;
}

export function decodePushMessage(body: unknown): Notification {
  const envelope = body as Partial<PushEnvelope> | undefined;
  const data = envelope?.message?.data;
  if (typeof data !== 'string') throw new PermanentError('the body has no message.data');
  let notification: Partial<Notification>;
  try {
    notification = JSON.parse(Buffer.from(data, 'base64').toString('utf8')) as Partial<Notification>;
  } catch {
    throw new PermanentError('message.data is not base64-encoded JSON');
  }
  if (
    typeof notification !== 'object' ||
    notification === null ||
    typeof notification.notificationType !== 'string' ||
    typeof notification.resource?.typeId !== 'string'
  ) {
    throw new PermanentError('message.data is not a commercetools notification');
  }
  return notification as Notification;
}

/** Builds the body Pub/Sub would push for a notification (used by the tests). */
export function encodePushMessage(notification: object, subscription = 'projects/local/subscriptions/local'): PushEnvelope {
  return {
    message: {
      data: Buffer.from(JSON.stringify(notification)).toString('base64'),
      attributes: {},
      messageId: String(Date.now()),
      publishTime: new Date().toISOString(),
    },
    subscription,
  };
}
