/**
 * Everything a remote command needs, resolved once: credentials (flags > env > profile),
 * the HTTP client with its redactor and optional --debug trace, the token provider, and
 * the Connect API client.
 */
import {
  resolveCredentials,
  type CredentialInputs,
  type ResolvedCredentials,
} from '../config/credentials.js';
import { TokenProvider } from './auth.js';
import { ConnectClient } from './client.js';
import { HttpClient } from './http.js';
import { Redactor } from './redact.js';
import { REGIONS } from './types.js';

export interface SessionOptions {
  env?: NodeJS.ProcessEnv | undefined;
  trace?: ((line: string) => void) | undefined;
  redactor?: Redactor | undefined;
  userAgent?: string | undefined;
}

export interface Session {
  credentials: ResolvedCredentials;
  http: HttpClient;
  tokens: TokenProvider;
  client: ConnectClient;
  redactor: Redactor;
  close(): Promise<void>;
}

export function createSessionFor(credentials: ResolvedCredentials, options: SessionOptions = {}): Session {
  const redactor = options.redactor ?? new Redactor();
  redactor.add(credentials.clientSecret);
  const http = new HttpClient({ trace: options.trace, redactor, userAgent: options.userAgent });
  const tokens = new TokenProvider(credentials, http, { env: options.env ?? process.env });
  const client = new ConnectClient(credentials.apiUrl, credentials.projectKey, http, tokens);
  return { credentials, http, tokens, client, redactor, close: () => http.close() };
}

export async function openSession(inputs: CredentialInputs, options: SessionOptions = {}): Promise<Session> {
  const env = options.env ?? process.env;
  const credentials = await resolveCredentials(inputs, env, REGIONS);
  return createSessionFor(credentials, options);
}

/** The scopes that matter for Connect, checked against a token's scopes. */
export function connectScopes(projectKey: string): { connectors: string; deployments: string } {
  return {
    connectors: `manage_connectors:${projectKey}`,
    deployments: `manage_connectors_deployments:${projectKey}`,
  };
}
