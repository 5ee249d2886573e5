/**
 * The local auth server's view of its access tokens, and OAuth 2.0 token introspection
 * (`POST {CTP_AUTH_URL}/oauth/introspect`), which connect-payments-sdk calls for every
 * OAuth-authenticated operations request: HTTP Basic with the connector's API client, form
 * body `token=...`, answer `{active: true, scope, exp, client_id}` or `{active: false}`. The
 * caller's client needs `introspect_oauth_tokens` (or `manage_project`).
 *
 * The mock issues tokens with the scope "todo" when the client asks for none; the platform
 * grants all of the API client's scopes then, so the token response and the store are
 * corrected here, and each token's issue time is noted for `exp`.
 */
import type { CommercetoolsMock } from '@labdigital/commercetools-mock';

import type { PlatformInfo } from '../platform/environment.js';

/** Platform access tokens live 48 hours. */
const TOKEN_TTL_MS = 172_800_000;
const MOCK_DEFAULT_SCOPE = 'todo';

export interface TokenInfo {
  active: true;
  scope: string;
  /** Milliseconds since the epoch, as the platform's introspection answers. */
  exp: number;
  client_id: string;
}

interface StoredToken {
  access_token: string;
  scope: string;
}

interface MockAuthStore {
  tokens: StoredToken[];
  getClientIdForToken(token: string): string | undefined;
}

interface FastifyLike {
  addHook(
    name: 'onSend',
    hook: (request: RequestLike, reply: unknown, payload: unknown) => Promise<unknown>,
  ): void;
  register(plugin: (instance: FastifyInstanceLike) => Promise<void>): unknown;
}
interface FastifyInstanceLike {
  addContentTypeParser(
    type: string,
    options: { parseAs: 'string' },
    parser: (request: unknown, body: string, done: (error: Error | null, value?: unknown) => void) => void,
  ): void;
  post(path: string, handler: (request: RequestLike, reply: ReplyLike) => Promise<unknown>): void;
}
interface RequestLike {
  url: string;
  method: string;
  body?: unknown;
}
interface ReplyLike {
  status(code: number): ReplyLike;
  send(body: unknown): unknown;
}

/** The scopes a scope string grants on a project: `manage_payments:key` -> `manage_payments`. */
export function scopesOn(scope: string, projectKey: string): Set<string> {
  const out = new Set<string>();
  for (const part of scope.split(/\s+/)) {
    const [name, key] = part.split(':');
    if (name && key === projectKey) out.add(name);
  }
  return out;
}

export class TokenRegistry {
  private readonly issuedAt = new Map<string, number>();

  constructor(
    private readonly mock: CommercetoolsMock,
    private readonly platform: () => PlatformInfo,
  ) {}

  private store(): MockAuthStore {
    return this.mock.authStore() as unknown as MockAuthStore;
  }

  /** What the auth server knows of `token`, or undefined when it did not issue it (or it expired). */
  lookup(token: string): TokenInfo | undefined {
    const stored = this.store().tokens.find((t) => t.access_token === token);
    if (!stored) return undefined;
    const issued = this.issuedAt.get(token) ?? Date.now();
    if (!this.issuedAt.has(token)) this.issuedAt.set(token, issued);
    const exp = issued + TOKEN_TTL_MS;
    if (exp <= Date.now()) return undefined;
    if (stored.scope === MOCK_DEFAULT_SCOPE) stored.scope = this.platform().scope;
    return {
      active: true,
      scope: stored.scope,
      exp,
      client_id: this.store().getClientIdForToken(token) ?? this.platform().clientId,
    };
  }

  /** Adds `/oauth/introspect` and the token-response correction to the mock (before it is ready). */
  install(app: FastifyLike): void {
    app.addHook('onSend', async (request, _reply, payload) => {
      const path = request.url.split('?')[0] ?? '';
      if (request.method !== 'POST' || !path.startsWith('/oauth/') || !path.endsWith('/token'))
        return payload;
      if (typeof payload !== 'string') return payload;
      let body: { access_token?: string; scope?: string };
      try {
        body = JSON.parse(payload) as typeof body;
      } catch {
        return payload;
      }
      if (!body.access_token) return payload;
      this.issuedAt.set(body.access_token, Date.now());
      if (body.scope !== MOCK_DEFAULT_SCOPE) return payload;
      const scope = this.platform().scope;
      const stored = this.store().tokens.find((t) => t.access_token === body.access_token);
      if (stored) stored.scope = scope;
      return JSON.stringify({ ...body, scope });
    });
    void app.register(async (instance) => {
      instance.addContentTypeParser(
        'application/x-www-form-urlencoded',
        { parseAs: 'string' },
        (_req, body, done) => {
          done(null, Object.fromEntries(new URLSearchParams(body)));
        },
      );
      instance.post('/oauth/introspect', async (request, reply) => {
        const platform = this.platform();
        const granted = scopesOn(platform.scope, platform.projectKey);
        if (!granted.has('introspect_oauth_tokens') && !granted.has('manage_project')) {
          const message =
            'Insufficient scope. One of the following scopes is missing: introspect_oauth_tokens.';
          return reply.status(403).send({
            statusCode: 403,
            message,
            errors: [{ code: 'insufficient_scope', message }],
            error: 'insufficient_scope',
            error_description: message,
          });
        }
        const body = (request.body ?? {}) as Record<string, unknown>;
        const token = typeof body.token === 'string' ? body.token : undefined;
        if (!token) {
          const message = 'Missing required parameter: token.';
          return reply.status(400).send({
            statusCode: 400,
            message,
            errors: [{ code: 'invalid_request', message }],
            error: 'invalid_request',
            error_description: message,
          });
        }
        return reply.status(200).send(this.lookup(token) ?? { active: false });
      });
    });
  }
}
