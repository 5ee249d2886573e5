/**
 * The commercetools API client. Its URLs come from the configuration (CTP_API_URL and
 * CTP_AUTH_URL, else derived from CTP_REGION), so the same code runs against the real
 * platform and against a local one.
 */
import { createApiBuilderFromCtpClient } from '@commercetools/platform-sdk';
import { ClientBuilder } from '@commercetools/ts-client';

export function createApiRoot(config) {
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
export function isNotFound(error) {
  return typeof error === 'object' && error !== null && error.statusCode === 404;
}
