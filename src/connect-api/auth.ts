/**
 * OAuth 2 client credentials for the Connect API. Tokens are cached for their lifetime
 * (in memory and in <userConfigDir>/tokens.json, mode 0600, keyed by a hash of host,
 * client and scope), refreshed shortly before they expire, and once more after a 401.
 */
import { createHash } from 'node:crypto';
import { chmod, mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

import type { ResolvedCredentials } from '../config/credentials.js';
import { userConfigDir } from '../config/paths.js';
import { ConnectError } from '../errors.js';
import type { HttpClient } from './http.js';

export interface AccessToken {
  accessToken: string;
  /** Epoch milliseconds. */
  expiresAt: number;
  scopes: string[];
}

type Credentials = Pick<
  ResolvedCredentials,
  'clientId' | 'clientSecret' | 'projectKey' | 'scope' | 'authUrl'
>;

/** A token is replaced when less than this is left of its life (or a tenth of it, if shorter). */
const REFRESH_MARGIN_MS = 60_000;

export function tokenEndpoint(authUrl: string): string {
  const base = authUrl.replace(/\/+$/, '');
  return base.endsWith('/oauth/token') ? base : `${base}/oauth/token`;
}

export class TokenProvider {
  private current: AccessToken | undefined;
  private readonly cacheKey: string;

  constructor(
    private readonly credentials: Credentials,
    private readonly http: HttpClient,
    private readonly options: { env?: NodeJS.ProcessEnv; cache?: boolean; now?: () => number } = {},
  ) {
    http.redactor.add(credentials.clientSecret);
    this.cacheKey = createHash('sha256')
      .update(
        [
          tokenEndpoint(credentials.authUrl),
          credentials.clientId,
          createHash('sha256').update(credentials.clientSecret).digest('hex'),
          credentials.scope ?? '',
        ].join('\n'),
      )
      .digest('hex');
  }

  private now(): number {
    return this.options.now?.() ?? Date.now();
  }

  private fresh(token: AccessToken | undefined, lifetimeHint?: number): token is AccessToken {
    if (!token) return false;
    const margin = Math.min(REFRESH_MARGIN_MS, (lifetimeHint ?? REFRESH_MARGIN_MS * 10) / 10);
    return token.expiresAt - margin > this.now();
  }

  /** A valid token: the cached one while it lives, else a new one. */
  async get(): Promise<AccessToken> {
    if (this.fresh(this.current)) return this.current;
    const cached = await this.readCache();
    if (this.fresh(cached)) {
      this.current = cached;
      this.http.redactor.add(cached.accessToken);
      return cached;
    }
    return this.fetch();
  }

  /** Forgets the token (after a 401) so that the next get() asks for a new one. */
  async invalidate(): Promise<void> {
    this.current = undefined;
    await this.writeCache(undefined);
  }

  /** Asks the OAuth server for a token. */
  async fetch(): Promise<AccessToken> {
    const { clientId, clientSecret, scope } = this.credentials;
    const body = new URLSearchParams({ grant_type: 'client_credentials' });
    if (scope) body.set('scope', scope);
    const url = tokenEndpoint(this.credentials.authUrl);
    const response = await this.http.send({
      method: 'POST',
      url,
      headers: {
        authorization: `Basic ${Buffer.from(`${encodeURIComponent(clientId)}:${encodeURIComponent(clientSecret)}`).toString('base64')}`,
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: body.toString(),
      // Asking twice for a token does no harm.
      idempotent: true,
    });
    let json: Record<string, unknown> = {};
    try {
      json = JSON.parse(response.text) as Record<string, unknown>;
    } catch {
      // handled below: a non-JSON answer is an error either way
    }
    if (response.status !== 200 || typeof json.access_token !== 'string') {
      throw authError(response.status, json, url);
    }
    this.http.redactor.add(json.access_token);
    const lifetime = typeof json.expires_in === 'number' ? json.expires_in * 1000 : 3_600_000;
    const token: AccessToken = {
      accessToken: json.access_token,
      expiresAt: this.now() + lifetime,
      scopes: typeof json.scope === 'string' ? json.scope.split(/\s+/).filter(Boolean) : [],
    };
    this.current = token;
    await this.writeCache(token);
    return token;
  }

  private cacheFile(): string {
    return join(userConfigDir(this.options.env), 'tokens.json');
  }

  private async readAll(): Promise<Record<string, AccessToken>> {
    try {
      return JSON.parse(await readFile(this.cacheFile(), 'utf8')) as Record<string, AccessToken>;
    } catch {
      return {};
    }
  }

  private async readCache(): Promise<AccessToken | undefined> {
    if (this.options.cache === false) return undefined;
    const entry = (await this.readAll())[this.cacheKey];
    return entry && typeof entry.accessToken === 'string' ? entry : undefined;
  }

  private async writeCache(token: AccessToken | undefined): Promise<void> {
    if (this.options.cache === false) return;
    try {
      const all = await this.readAll();
      const now = this.now();
      for (const [key, entry] of Object.entries(all)) if (entry.expiresAt <= now) delete all[key];
      if (token) all[this.cacheKey] = token;
      else delete all[this.cacheKey];
      const file = this.cacheFile();
      if (Object.keys(all).length === 0) {
        await rm(file, { force: true });
        return;
      }
      await mkdir(userConfigDir(this.options.env), { recursive: true, mode: 0o700 });
      const temporary = `${file}.${process.pid}.tmp`;
      await writeFile(temporary, JSON.stringify(all), { mode: 0o600 });
      await chmod(temporary, 0o600);
      await rename(temporary, file);
    } catch {
      // The cache only saves a round trip; a read-only config folder must not fail the command.
    }
  }
}

/** Removes every cached token (logout). */
export async function clearTokenCache(env: NodeJS.ProcessEnv = process.env): Promise<void> {
  await rm(join(userConfigDir(env), 'tokens.json'), { force: true });
}

function authError(status: number, json: Record<string, unknown>, url: string): ConnectError {
  const code = typeof json.error === 'string' ? json.error : undefined;
  const description = (
    typeof json.error_description === 'string'
      ? json.error_description
      : typeof json.message === 'string'
        ? json.message
        : `the OAuth server answered ${status}`
  ).replace(/\.+$/, ''); // the server's text often ends in a period and ours adds one
  if (status === 401 || code === 'invalid_client') {
    return new ConnectError('AUTHENTICATION_FAILED', `The client id or secret was refused: ${description}.`, {
      hint: 'check --client-id and --client-secret (or CTP_CLIENT_ID / CTP_CLIENT_SECRET); the secret is shown only once, when the API client is created',
      details: { statusCode: status, oauthError: code },
    });
  }
  if (code === 'invalid_scope') {
    return new ConnectError('INVALID_SCOPE', `The requested scope was refused: ${description}.`, {
      hint: 'request scopes the API client has, e.g. --scope "manage_connectors:PROJECT manage_connectors_deployments:PROJECT", or omit --scope',
      details: { statusCode: status, oauthError: code },
    });
  }
  return new ConnectError('AUTHENTICATION_FAILED', `Could not get a token from ${url}: ${description}.`, {
    hint: 'check the region (--region / CTP_REGION) and CTP_AUTH_URL',
    details: { statusCode: status, oauthError: code },
  });
}
