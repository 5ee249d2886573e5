/**
 * The HTTP app. Connect delivers each message of the Subscription as a Google Pub/Sub push:
 * a POST whose body wraps the notification, base64-encoded, in `message.data`. The status
 * code is the answer to the platform's retry rules:
 * - 2xx acknowledges the message (also one this app does not care about);
 * - 4xx says the payload can never be processed. Pub/Sub still redelivers it, so set a
 *   `retryPolicy` with `maxAttempts` in connect.yaml to stop after a few attempts;
 * - 5xx is a temporary failure (a timeout, an unavailable API): redelivered later.
 */
import express from 'express';

import { decodePushMessage, PermanentError } from './messages.js';
import { defaultHandlers } from './handlers.js';

/** The path Connect calls (connect.yaml `endpoint`). */
export const ENDPOINT = '{{endpoint}}';

export function createApp(options = {}) {
  const handlers = options.handlers ?? defaultHandlers;
  const logger = options.logger ?? console;
  const app = express();
  app.disable('x-powered-by');
  app.use(express.json({ limit: '10mb' }));

  app.get('/health', (_request, response) => {
    response.json({ status: 'ok' });
  });

  app.post(ENDPOINT, async (request, response) => {
    let notification;
    try {
      notification = decodePushMessage(request.body);
    } catch (error) {
      logger.error(`Rejected a request that is not a Pub/Sub push: ${error.message}`);
      response.status(400).json({ error: error.message });
      return;
    }

    if (
      notification.notificationType === 'ResourceCreated' &&
      notification.resource.typeId === 'subscription'
    ) {
      // Sent once when the Subscription is created, to check the destination.
      response.status(204).end();
      return;
    }

    const type =
      notification.notificationType === 'Message' ? notification.type : notification.notificationType;
    const handler = type === undefined ? undefined : handlers[type];
    if (handler === undefined) {
      response.status(204).end();
      return;
    }
    try {
      await handler(notification, logger);
      response.status(204).end();
    } catch (error) {
      if (error instanceof PermanentError) {
        logger.error(`Cannot process ${type} ${notification.resource.id}: ${error.message}`);
        response.status(422).json({ error: error.message });
        return;
      }
      logger.error(`Failed ${type} ${notification.resource.id}, will be retried: ${error.message}`);
      response.status(500).json({ error: 'temporary failure, retry later' });
    }
  });

  const onError = (error, _request, response, _next) => {
    response.status(error.status === 400 ? 400 : 500).json({ error: error.message ?? 'Unexpected error' });
  };
  app.use(onError);
  return app;
}
