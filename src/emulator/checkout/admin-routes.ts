/**
 * The checkout routes of the admin API (docs/checkout-and-payments.md), under `/__connect/api`:
 *   GET  /checkout                  the local hosts (Session API, Checkout API, JWKS, issuer)
 *   POST /checkout/sessions         create a checkout session for a cart (`connect trigger session`)
 *   GET  /checkout/sessions         sessions as the Session API shows them
 *   POST /checkout/mc-token         mint a Merchant Center JWT (`connect trigger mc-token`)
 * Errors are ConnectErrors, rendered by the admin server as `{error: {code, message, hint}}`.
 */
import express, { type Router } from 'express';

import { ConnectError } from '../../errors.js';
import type { AppInfo, PluginContext } from '../types.js';
import type { CheckoutInfo, Running } from './plugin.js';
import { HttpError } from './services.js';

export interface SessionRequest {
  /** Cart id (or `key=<key>`). */
  cart?: unknown;
  /** The processor's URL; default: the URL of the service app `--app` (or `processor`, or the only service app). */
  processorUrl?: unknown;
  app?: unknown;
  paymentInterface?: unknown;
  allowedPaymentMethods?: unknown;
  merchantReturnUrl?: unknown;
  futureOrderNumber?: unknown;
  /** More metadata entries, as given. */
  metadata?: unknown;
  /** Local-only: expire the session after this many seconds (default: 60 minutes, as on the platform). */
  expiresInSeconds?: unknown;
}

export interface McTokenRequest {
  app?: unknown;
  projectKey?: unknown;
  issuer?: unknown;
  audience?: unknown;
  userId?: unknown;
  expiresInSeconds?: unknown;
}

function usage(message: string, hint: string): ConnectError {
  return new ConnectError('INVALID_REQUEST', message, { hint, exitCode: 2 });
}

function optionalString(value: unknown, what: string): string | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value !== 'string') throw usage(`${what} must be a string.`, `send ${what} as a string`);
  return value;
}

function seconds(value: unknown, what: string): number | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  const number = typeof value === 'string' ? Number(value) : value;
  if (typeof number !== 'number' || !Number.isInteger(number) || number < 1 || number > 31_536_000)
    throw usage(
      `${what} must be a whole number of seconds between 1 and 31536000.`,
      `pass for example ${what} 3600`,
    );
  return number;
}

/** The service app a session or token is for: by name, else `processor`, else the only service app. */
function targetApp(ctx: PluginContext, name: string | undefined): AppInfo | undefined {
  const services = ctx.applications().filter((app) => app.type === 'service');
  if (name) {
    const app = ctx.application(name);
    if (!app) {
      throw new ConnectError('APPLICATION_NOT_FOUND', `No application "${name}" runs in this emulator.`, {
        hint: `use one of: ${ctx
          .applications()
          .map((a) => a.name)
          .join(', ')}`,
        exitCode: 2,
      });
    }
    return app;
  }
  return (
    services.find((app) => app.name === 'processor') ?? (services.length === 1 ? services[0] : undefined)
  );
}

function origin(url: string | null | undefined): string | undefined {
  if (!url) return undefined;
  return url.replace(/\/+$/, '');
}

export function createCheckoutRouter(running: Running, ctx: PluginContext, info: () => CheckoutInfo): Router {
  const router = express.Router();
  router.use('/checkout', express.json({ limit: '1mb' }));

  router.get('/checkout', (_req, res) => {
    res.json({ ...info(), projectKey: running.state.projectKey, kid: running.state.signingKey.kid });
  });

  router.get('/checkout/sessions', (_req, res) => {
    res.json({ sessions: running.state.allSessions() });
  });

  router.post('/checkout/sessions', async (req, res) => {
    const body = (req.body ?? {}) as SessionRequest;
    const cart = optionalString(body.cart, 'cart');
    if (!cart) throw usage('A cart is required.', 'pass --cart <cart id> (or --cart key=<cart key>)');
    const app = targetApp(ctx, optionalString(body.app, 'app'));
    const processorUrl = optionalString(body.processorUrl, 'processorUrl') ?? origin(app?.url);
    const methods = body.allowedPaymentMethods;
    if (
      methods !== undefined &&
      (!Array.isArray(methods) || methods.some((m) => typeof m !== 'string' || m === ''))
    )
      throw usage('allowedPaymentMethods must be a list of names.', 'pass --payment-methods card,invoice');
    const extra = body.metadata;
    if (extra !== undefined && (typeof extra !== 'object' || extra === null || Array.isArray(extra)))
      throw usage('metadata must be a JSON object.', 'pass --metadata KEY=VALUE');
    const metadata: Record<string, unknown> = {
      ...(extra as Record<string, unknown> | undefined),
      ...(processorUrl ? { processorUrl } : {}),
      ...(methods ? { allowedPaymentMethods: methods } : {}),
    };
    const pairs: Array<[string, unknown]> = [
      ['paymentInterface', body.paymentInterface],
      ['merchantReturnUrl', body.merchantReturnUrl],
      ['futureOrderNumber', body.futureOrderNumber],
    ];
    for (const [key, value] of pairs) {
      const text = optionalString(value, key);
      if (text) metadata[key] = text;
    }
    const ref = cart.startsWith('key=') ? { key: cart.slice(4) } : { id: cart };
    try {
      const session = await running.services.createSession(
        { cart: { cartRef: ref }, metadata },
        seconds(body.expiresInSeconds, '--expires-in'),
      );
      res.status(201).json({
        session,
        sessionUrl: `${info().sessionUrl}/${running.state.projectKey}/sessions/${session.id}`,
      });
    } catch (error) {
      if (!(error instanceof HttpError)) throw error;
      const notFound = error.code === 'ReferencedResourceNotFound';
      throw new ConnectError(notFound ? 'CART_NOT_FOUND' : 'SESSION_REFUSED', error.message, {
        hint: notFound
          ? 'list the carts of the local project with GET /__connect/api/resources/cart, or create one (POST /__connect/api/resources/cart)'
          : 'use an Active cart of the local project',
        exitCode: 2,
      });
    }
  });

  router.post('/checkout/mc-token', async (req, res) => {
    const body = (req.body ?? {}) as McTokenRequest;
    const appName = optionalString(body.app, 'app');
    const app = targetApp(ctx, appName);
    const configured = app
      ? ctx.configuration(app.name)?.values.find((entry) => entry.key === 'CTP_JWT_ISSUER')?.value
      : undefined;
    const issuer = optionalString(body.issuer, 'issuer') ?? configured ?? info().jwtIssuer;
    const projectKey = optionalString(body.projectKey, 'projectKey') ?? running.state.projectKey;
    const audience = optionalString(body.audience, 'audience') ?? origin(app?.url);
    const minted = await running.state.signingKey.mint({
      issuer,
      projectKey,
      audience,
      userId: optionalString(body.userId, 'userId'),
      expiresInSeconds: seconds(body.expiresInSeconds, '--expires-in'),
    });
    res.status(201).json({
      ...minted,
      issuer,
      projectKey,
      ...(audience ? { audience } : {}),
      ...(app ? { application: app.name } : {}),
      jwksUrl: info().jwksUrl,
    });
  });

  return router;
}
