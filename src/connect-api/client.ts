/**
 * The Connect API client: one instance per command run. Adds the bearer token and a
 * correlation id to every call, refreshes the token once on a 401, turns error answers
 * into readable ConnectErrors, and re-applies an update once after a 409
 * ConcurrentModification. Resource functions live in staged.ts, connectors.ts, deployments.ts.
 */
import type { TokenProvider } from './auth.js';
import { ConnectApiError, isApiError } from './errors.js';
import { newCorrelationId, type HttpClient } from './http.js';

export type Query = Record<string, string | number | boolean | string[] | undefined>;

export interface CallOptions {
  query?: Query | undefined;
  body?: unknown;
}

export class ConnectClient {
  constructor(
    readonly baseUrl: string,
    readonly projectKey: string,
    readonly http: HttpClient,
    private readonly tokens: TokenProvider,
  ) {}

  get redactor() {
    return this.http.redactor;
  }

  url(path: string, query?: Query): string {
    const url = new URL(`${this.baseUrl}${path}`);
    for (const [name, value] of Object.entries(query ?? {})) {
      if (value === undefined) continue;
      if (Array.isArray(value)) for (const item of value) url.searchParams.append(name, item);
      else url.searchParams.set(name, String(value));
    }
    return url.toString();
  }

  /** One API call; resolves with the parsed JSON answer, rejects with ConnectApiError. */
  async call<T>(method: 'GET' | 'POST' | 'DELETE', path: string, options: CallOptions = {}): Promise<T> {
    const correlationId = newCorrelationId();
    const send = async () => {
      const token = await this.tokens.get();
      return this.http.send({
        method,
        url: this.url(path, options.query),
        headers: {
          authorization: `Bearer ${token.accessToken}`,
          ...(options.body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
        idempotent: method !== 'POST',
        correlationId,
      });
    };
    let response = await send();
    if (response.status === 401) {
      // Expired or revoked: one fresh token, one more try.
      await this.tokens.invalidate();
      await this.tokens.fetch();
      response = await send();
    }
    let json: unknown;
    if (response.text !== '') {
      try {
        json = JSON.parse(response.text);
      } catch {
        json = undefined;
      }
    }
    if (response.status < 200 || response.status >= 300) {
      throw new ConnectApiError(
        {
          method,
          path,
          statusCode: response.status,
          correlationId,
          body: json ?? { message: response.text.slice(0, 200) },
        },
        (text) => this.redactor.redact(text),
      );
    }
    return json as T;
  }

  /**
   * POSTs update actions computed from the current resource. On 409 ConcurrentModification
   * it reads the resource again and re-applies the actions computed from it, once.
   */
  async update<T extends { version: number }>(
    path: string,
    current: T,
    actionsFor: (resource: T) => Array<Record<string, unknown>>,
  ): Promise<T> {
    const attempt = (resource: T) =>
      this.call<T>('POST', path, { body: { version: resource.version, actions: actionsFor(resource) } });
    try {
      return await attempt(current);
    } catch (error) {
      if (!isApiError(error, 'ConcurrentModification')) throw error;
      const fresh = await this.call<T>('GET', path);
      return attempt(fresh);
    }
  }
}
