import { describe, expect, it } from 'vitest';

import { ConfigurationError, loadAppConfig } from '../src/config.js';

function problemsOf(load: () => unknown): string[] {
  try {
    load();
  } catch (error) {
    if (error instanceof ConfigurationError) return error.problems;
    throw error;
  }
  return [];
}

describe('configuration', () => {
  it('reads the API client and derives its URLs from CTP_REGION', () => {
    const config = loadAppConfig({
      CTP_PROJECT_KEY: 'shop',
      CTP_CLIENT_ID: 'id',
      CTP_CLIENT_SECRET: 'secret',
      CTP_REGION: 'us-central1.gcp',
    });
    expect(config.port).toBe(8080);
    expect(config.commercetools.apiUrl).toBe('https://api.us-central1.gcp.commercetools.com');
    expect(config.commercetools.authUrl).toBe('https://auth.us-central1.gcp.commercetools.com');
  });

  it('names every missing or malformed variable at once', () => {
    expect(problemsOf(() => loadAppConfig({ PORT: '-1', CTP_CLIENT_ID: 'id', CTP_AUTH_URL: 'ftp://x' }))).toEqual([
      'PORT "-1" is not a whole number between 1 and 65535',
      'CTP_PROJECT_KEY is not set',
      'CTP_CLIENT_SECRET is not set',
      'CTP_AUTH_URL "ftp://x" is not an http(s) URL',
      'CTP_REGION is not set (e.g. europe-west1.gcp); it is needed unless CTP_API_URL and CTP_AUTH_URL are both set',
    ]);
  });
});
