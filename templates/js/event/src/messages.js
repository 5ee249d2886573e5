/** Decoding of the Pub/Sub push envelope and the commercetools notification inside it. */

/** A failure that retrying cannot fix: answered with a 4xx status. */
export class PermanentError extends Error {
  constructor(message) {
    super(message);
    this.name = 'PermanentError';
  }
}

export function decodePushMessage(body) {
  const envelope = body;
  const data = envelope?.message?.data;
  if (typeof data !== 'string') throw new PermanentError('the body has no message.data');
  let notification;
  try {
    notification = JSON.parse(Buffer.from(data, 'base64').toString('utf8'));
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
  return notification;
}

/** Builds the body Pub/Sub would push for a notification (used by the tests). */
export function encodePushMessage(notification, subscription = 'projects/local/subscriptions/local') {
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
