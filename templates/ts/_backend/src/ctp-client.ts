/**
 * The commercetools API client. Its URLs come from the configuration (CTP_API_URL and
 * CTP_AUTH_URL, else derived from CTP_REGION), so the same code runs against the real
 * platform and against a local one.
 */
import { createApiBuilderFromCtpClient, type ByProjectKeyRequestBuilder } from '@commercetools/platform-sdk';
import { ClientBuilder } from '@commercetools/ts-client';

import type { CommercetoolsConfig } from './env.js';

export type ApiRoot = ByProjectKeyRequestBuilder;

export function createApiRoot(config: CommercetoolsConfig): ApiRoot {
  const client = new ClientBuilder()
    .withProjectKey(config.projectKey)
    .withClientCredentialsFlow({
      host: config.authUrl,
      projectKey: config.projectKey,
      credentials: { clientId: config.clientId, clientSecret: config.clientSecret },
      ...(config.scopes.length > 0 ? { scopes: config.scopes } : {}),
    })
    .withHttpMiddleware({ host: config.apiUrl })
    .build();
  return createApiBuilderFromCtpClient(client).withProjectKey({ projectKey: config.projectKey });
}

/** True when the SDK error is an HTTP 404 (the resource does not exist). */
export function isNotFound(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { statusCode?: unknown }).statusCode === 404;
}
