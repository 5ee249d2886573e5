/**
 * The HTTP app. commercetools calls the endpoint as an API Extension: a POST with
 * `{action, resource: {typeId, id, obj}}` before it persists a create or update. Answering
 * 200 with `{actions}` applies those update actions; 400 with `{errors}` makes the client's
 * call fail with them. Anything else is an ExtensionBadResponse, so every path answers one
 * of those two shapes.
 */
import express from 'express';

import { validateCart } from './extension.js';

/** The path Connect calls (connect.yaml `endpoint`). */
export const ENDPOINT = '{{endpoint}}';

export function createApp(config) {
  const app = express();
  app.disable('x-powered-by');
  app.use(express.json({ limit: '2mb' }));

  app.get('/health', (_request, response) => {
    response.json({ status: 'ok' });
  });

  app.post(ENDPOINT, (request, response) => {
    const input = request.body;
    if (!input || typeof input.action !== 'string' || typeof input.resource?.typeId !== 'string') {
      response.status(400).json({
        errors: [{ code: 'InvalidInput', message: 'The request is not an API Extension call.' }],
      });
      return;
    }
    if (input.resource.typeId !== 'cart') {
      // An extension registered for other resources too: nothing to change.
      response.status(200).json({ actions: [] });
      return;
    }
    const result = validateCart(input, config);
    if (result.errors.length > 0) {
      response.status(400).json({ errors: result.errors });
      return;
    }
    response.status(200).json({ actions: result.actions });
  });

  const onError = (error, _request, response, _next) => {
    const status = error.status === 400 ? 400 : 500;
    response.status(status).json({
      errors: [
        { code: status === 400 ? 'InvalidInput' : 'General', message: error.message ?? 'Unexpected error' },
      ],
    });
  };
  app.use(onError);
  return app;
}
