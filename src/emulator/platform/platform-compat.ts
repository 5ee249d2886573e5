/**
 * Where the mock answers in its own format or refuses what the platform accepts:
 * - an unexpected error inside the mock (a failed assertion, a bug) answered `500 {"error": "…"}`,
 *   a body no commercetools SDK can read; it now answers the platform's ErrorResponse
 *   (`{statusCode: 500, message, errors: [{code: "General", message}]}`) and is reported through
 *   `onInternalError`;
 * - `POST /orders` with the deprecated `OrderFromCartDraft.id` (instead of `cart`), which the
 *   platform still accepts, failed with that 500.
 */
import type { CommercetoolsMock } from '@labdigital/commercetools-mock';

import { repository } from './mock-internals.js';

export interface PlatformCompatOptions {
  /** Called for every error the mock did not turn into a commercetools error (method, path, message). */
  onInternalError?: ((method: string, path: string, message: string) => void) | undefined;
}

export function installPlatformCompat(mock: CommercetoolsMock, options: PlatformCompatOptions = {}): void {
  // The mock's error handler renders any error that is not a CommercetoolsError as
  // `500 {"error": message}`; rewrite that body on its way out (replacing the handler itself
  // would make Fastify print a warning on the developer's terminal).
  mock.app.addHook('onSend', (request, reply, payload, done) => {
    if (reply.statusCode !== 500 || typeof payload !== 'string') return done(null, payload);
    let parsed: unknown;
    try {
      parsed = JSON.parse(payload);
    } catch {
      return done(null, payload);
    }
    const keys = parsed && typeof parsed === 'object' ? Object.keys(parsed) : [];
    const message = (parsed as { error?: unknown } | null)?.error;
    if (keys.length !== 1 || typeof message !== 'string') return done(null, payload);
    options.onInternalError?.(request.method, request.url.split('?')[0] ?? request.url, message);
    done(null, JSON.stringify({ statusCode: 500, message, errors: [{ code: 'General', message }] }));
  });

  const orders = repository(mock, 'order');
  if (orders) {
    const create = orders.create;
    orders.create = function (context, draft) {
      const body = draft as { id?: unknown; cart?: unknown } | null;
      const withCart =
        body && body.cart === undefined && typeof body.id === 'string'
          ? { ...body, cart: { typeId: 'cart', id: body.id } }
          : draft;
      return create.call(this, context, withCart);
    };
  }
}
