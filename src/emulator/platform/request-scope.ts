/**
 * Query parameters and request fields the mock's services drop before they reach its
 * repositories, restored the way the platform honours them:
 * - `sort` on every query endpoint (`GET /{projectKey}/orders?sort=id desc`): the mock's services
 *   never pass it on, so results came back in insertion order and paging by `id < "…"` (the
 *   job template's `getAll`) skipped or repeated resources;
 * - `withTotal=false`: the platform leaves `total` out of the PagedQueryResponse;
 * - `ttlMinutes` and `invalidateOlderTokens` of `POST /customers/email-token`: the mock ignores
 *   both and lets every email token expire 1.8 seconds after it was created.
 * The request is kept in an AsyncLocalStorage from the preHandler stage on, so a repository call
 * can see the request that caused it.
 */
import { AsyncLocalStorage } from 'node:async_hooks';

import type { CommercetoolsMock } from '@labdigital/commercetools-mock';

import { repositories, repository, type RepositoryContext, type Resource } from './mock-internals.js';

type Json = Record<string, unknown>;

interface Scope {
  method: string;
  query: Json;
  body: unknown;
  /** The first repository query of a GET answers the request; later ones are internal lookups. */
  answered: boolean;
}

const scope = new AsyncLocalStorage<Scope>();
const PATCHED = Symbol.for('connect-cli.emailTokenTtl');

type QueryFn = (context: RepositoryContext, params?: Json) => Promise<Json>;
type EmailTokenFn = (context: RepositoryContext, id: unknown) => Promise<Resource>;

/** Install before the action recorder and the hooks (they wrap what they find). */
export function installRequestScope(mock: CommercetoolsMock): void {
  mock.app.addHook('preHandler', (request, _reply, done) => {
    scope.enterWith({
      method: request.method,
      query: (request.query ?? {}) as Json,
      body: request.body,
      answered: false,
    });
    done();
  });

  for (const repo of repositories(mock)) {
    const holder = repo as unknown as { query?: QueryFn };
    const query = holder.query;
    if (typeof query !== 'function') continue;
    holder.query = async function (this: unknown, context, params = {}) {
      const current = scope.getStore();
      if (!current || current.method !== 'GET' || current.answered) return query.call(this, context, params);
      current.answered = true;
      const sort = current.query.sort;
      const withSort =
        params.sort === undefined && sort !== undefined
          ? { ...params, sort: ([] as unknown[]).concat(sort).map(String) }
          : params;
      const result = await query.call(this, context, withSort);
      if (String(current.query.withTotal) === 'false') delete result.total;
      return result;
    };
  }

  const customers = repository(mock, 'customer');
  const prototype = customers ? (Object.getPrototypeOf(customers) as Json) : undefined;
  const emailToken = prototype?.emailToken as (EmailTokenFn & { [PATCHED]?: boolean }) | undefined;
  if (!prototype || typeof emailToken !== 'function' || emailToken[PATCHED]) return;
  const patched: EmailTokenFn & { [PATCHED]?: boolean } = async function (this: unknown, context, id) {
    const token = await emailToken.call(this, context, id);
    const body = (scope.getStore()?.body ?? {}) as { ttlMinutes?: unknown; invalidateOlderTokens?: unknown };
    const ttl = Number(body.ttlMinutes);
    if (Number.isFinite(ttl) && typeof token.createdAt === 'string')
      token.expiresAt = new Date(Date.parse(token.createdAt) + ttl * 60_000).toISOString();
    token.invalidateOlderTokens = body.invalidateOlderTokens === true;
    return token;
  };
  patched[PATCHED] = true;
  prototype.emailToken = patched;
}
