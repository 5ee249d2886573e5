/**
 * The platform's checkout hosts, served on 127.0.0.1 (one origin each, so that the
 * host-redirect preload can map `session.`, `checkout.` and `mc-api.` of the region onto them
 * path for path):
 *   Session API   `POST /{projectKey}/sessions`, `GET /{projectKey}/sessions/{id}`
 *                 (Bearer token of the local auth; manage_sessions / view_sessions)
 *   Checkout API  `POST /{projectKey}/recurring-payment-jobs`, `GET .../{id}`
 *   mc-api        `GET /.well-known/jwks.json` (the Merchant Center's JWT issuer)
 * Errors have the platform's body (`{statusCode, message, errors: [{code, message}]}`); a route
 * we do not emulate answers the platform's 404 and a log line naming it, so gaps show.
 */
import type http from 'node:http';

import type { LocalApi } from '../platform/local-api.js';
import type { CheckoutSession, CheckoutState } from './state.js';
import { scopesOn } from './tokens.js';

const MAX_BODY = 1024 * 1024;

export interface CheckoutUrls {
  sessionUrl: string;
  checkoutUrl: string;
  mcApiUrl: string;
}

export interface SessionDraft {
  cart?: { cartRef?: { id?: unknown; key?: unknown } };
  metadata?: unknown;
  customer?: unknown;
}

type Handler = (req: http.IncomingMessage, res: http.ServerResponse) => void;

class HttpError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

function send(
  res: http.ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': String(Buffer.byteLength(text)),
    ...headers,
  });
  res.end(text);
}

function sendError(res: http.ServerResponse, error: HttpError): void {
  const auth = error.code === 'invalid_token' || error.code === 'insufficient_scope';
  send(res, error.statusCode, {
    statusCode: error.statusCode,
    message: error.message,
    errors: [{ code: error.code, message: error.message }],
    ...(auth ? { error: error.code, error_description: error.message } : {}),
  });
}

async function readJson(req: http.IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY) throw new HttpError(413, 'InvalidInput', 'The request body is too large.');
    chunks.push(chunk as Buffer);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  if (text.trim() === '')
    throw new HttpError(400, 'InvalidJsonInput', 'Request body does not contain valid JSON.');
  try {
    return JSON.parse(text);
  } catch {
    throw new HttpError(400, 'InvalidJsonInput', 'Request body does not contain valid JSON.');
  }
}

function notFound(id: string): HttpError {
  return new HttpError(404, 'ResourceNotFound', `The Resource with ID '${id}' was not found.`);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export class CheckoutServices {
  constructor(
    private readonly api: LocalApi,
    private readonly state: CheckoutState,
    private readonly warn: (text: string) => void,
  ) {}

  /** Checks the Bearer token against the local auth and the scopes the route needs on `projectKey`. */
  private authorize(req: http.IncomingMessage, projectKey: string, anyOf: readonly string[]): void {
    const match = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '');
    if (!match?.[1]) {
      throw new HttpError(
        401,
        'invalid_token',
        'This endpoint requires an access token. You can get one from the authorization server.',
      );
    }
    const info = this.api.tokens.lookup(match[1]);
    if (!info) throw new HttpError(401, 'invalid_token', 'invalid_token');
    const granted = scopesOn(info.scope, projectKey);
    if (!anyOf.some((scope) => granted.has(scope))) {
      throw new HttpError(
        403,
        'insufficient_scope',
        `Insufficient scope. One of the following scopes is missing: ${anyOf.join(', ')}.`,
      );
    }
  }

  private route(
    name: string,
    routes: (req: http.IncomingMessage, res: http.ServerResponse, path: string[]) => Promise<boolean>,
  ): Handler {
    return (req, res) => {
      const path = (req.url ?? '/').split('?')[0]!.split('/').filter(Boolean).map(decodeURIComponent);
      routes(req, res, path)
        .then((handled) => {
          if (handled) return;
          this.warn(`${name}: no emulated route for ${req.method ?? 'GET'} ${req.url ?? '/'} (answered 404)`);
          sendError(
            res,
            new HttpError(404, 'ResourceNotFound', `The Resource at '${req.url ?? '/'}' was not found.`),
          );
        })
        .catch((error: unknown) => {
          if (res.headersSent) return res.end();
          if (error instanceof HttpError) return sendError(res, error);
          this.warn(`${name}: ${req.method ?? 'GET'} ${req.url ?? '/'} failed: ${(error as Error).message}`);
          sendError(res, new HttpError(500, 'General', 'Internal error of the emulated platform.'));
        });
    };
  }

  /** The Session API. */
  sessionHandler(): Handler {
    return this.route('Session API', async (req, res, path) => {
      const [projectKey, collection, id, ...rest] = path;
      if (!projectKey || collection !== 'sessions' || rest.length > 0) return false;
      if (id === undefined && req.method === 'POST') {
        this.authorize(req, projectKey, ['manage_sessions', 'manage_project']);
        this.assertProject(projectKey);
        const session = await this.createSession((await readJson(req)) as SessionDraft);
        send(res, 201, session);
        return true;
      }
      if (id !== undefined && req.method === 'GET') {
        this.authorize(req, projectKey, ['view_sessions', 'manage_sessions', 'manage_project']);
        this.assertProject(projectKey);
        const session = this.state.session(id);
        if (!session) throw notFound(id);
        send(res, 200, session);
        return true;
      }
      return false;
    });
  }

  /** The Checkout API endpoints processors call. */
  checkoutHandler(): Handler {
    return this.route('Checkout API', async (req, res, path) => {
      const [projectKey, collection, id, ...rest] = path;
      if (!projectKey || collection !== 'recurring-payment-jobs' || rest.length > 0) return false;
      const scopes = ['manage_checkout_recurring_payment_jobs', 'manage_payments', 'manage_project'];
      if (id === undefined && req.method === 'POST') {
        this.authorize(req, projectKey, scopes);
        this.assertProject(projectKey);
        const body = await readJson(req);
        const draft = isObject(body) ? body : {};
        const origin = draft.originPayment;
        const method = draft.paymentMethod;
        if (!isObject(origin) || typeof origin.id !== 'string' || origin.typeId !== 'payment')
          throw new HttpError(
            400,
            'InvalidInput',
            "originPayment must be a reference {typeId: 'payment', id}.",
          );
        if (!isObject(method) || typeof method.id !== 'string' || method.typeId !== 'payment-method')
          throw new HttpError(
            400,
            'InvalidInput',
            "paymentMethod must be a reference {typeId: 'payment-method', id}.",
          );
        if (!(await this.api.get('payment', origin.id)))
          throw new HttpError(
            400,
            'ReferencedResourceNotFound',
            `The referenced payment '${origin.id}' was not found.`,
          );
        const status =
          isObject(draft.status) && typeof draft.status.state === 'string'
            ? { state: draft.status.state }
            : undefined;
        const job = this.state.createRecurringPaymentJob({
          originPayment: { typeId: 'payment', id: origin.id },
          paymentMethod: { typeId: 'payment-method', id: method.id },
          status,
        });
        send(res, 201, job);
        return true;
      }
      if (id !== undefined && req.method === 'GET') {
        this.authorize(req, projectKey, [...scopes, 'view_checkout_recurring_payment_jobs']);
        this.assertProject(projectKey);
        const job = this.state.recurringPaymentJob(id);
        if (!job) throw notFound(id);
        send(res, 200, job);
        return true;
      }
      return false;
    });
  }

  /** The Merchant Center API host: its JSON Web Key Set. */
  mcApiHandler(): Handler {
    return this.route('Merchant Center API', async (req, res, path) => {
      if (req.method === 'GET' && path.length === 2 && path[0] === '.well-known' && path[1] === 'jwks.json') {
        send(res, 200, this.state.signingKey.jwks(), { 'cache-control': 'public, max-age=600' });
        return true;
      }
      return false;
    });
  }

  /** Creates a session bound to a cart of the local project (the Session API's checks). */
  async createSession(draft: SessionDraft, ttlSeconds?: number): Promise<CheckoutSession> {
    if (!isObject(draft))
      throw new HttpError(400, 'InvalidJsonInput', 'The session draft must be a JSON object.');
    const ref = isObject(draft.cart) && isObject(draft.cart.cartRef) ? draft.cart.cartRef : undefined;
    const id = typeof ref?.id === 'string' ? ref.id : undefined;
    const key = typeof ref?.key === 'string' ? ref.key : undefined;
    if (!id && !key)
      throw new HttpError(
        400,
        'InvalidInput',
        "Missing required field 'cart.cartRef.id' (or 'cart.cartRef.key').",
      );
    const cart = id
      ? await this.api.get('cart', id)
      : (await this.api.all('cart')).find((c) => c.key === key);
    if (!cart) {
      throw new HttpError(
        400,
        'ReferencedResourceNotFound',
        `The referenced cart ${id ? `with ID '${id}'` : `with key '${key}'`} was not found.`,
      );
    }
    if (cart.cartState !== undefined && cart.cartState !== 'Active') {
      throw new HttpError(
        400,
        'InvalidOperation',
        `The cart '${cart.id}' is ${String(cart.cartState)}; a session needs an Active cart.`,
      );
    }
    if (draft.metadata !== undefined && !isObject(draft.metadata))
      throw new HttpError(400, 'InvalidInput', "'metadata' must be a JSON object.");
    return this.state.createSession({
      cartId: cart.id,
      metadata: (draft.metadata as Record<string, unknown> | undefined) ?? {},
      customer: isObject(draft.customer) ? (draft.customer as CheckoutSession['customer']) : undefined,
      ttlSeconds,
    });
  }

  /** One local project: another key is a project this platform does not have. */
  private assertProject(projectKey: string): void {
    if (projectKey !== this.api.projectKey) {
      throw new HttpError(404, 'ResourceNotFound', `The project '${projectKey}' was not found.`);
    }
  }
}

export { HttpError };
