import { describe, expect, it } from 'vitest';

import { ConfigurationError, loadAppConfig, loadPostDeployConfig } from '../src/config.js';

function problemsOf(load) {
  try {
    load();
  } catch (error) {
    if (error instanceof ConfigurationError) return error.problems;
    throw error;
  }
  return [];
}

describe('configuration', () => {
  it('uses PORT 8080 and the documented defaults when nothing is set', () => {
    expect(loadAppConfig({})).toEqual({ port: 8080, maxQuantityPerLineItem: 10 });
  });

  it('names each malformed variable', () => {
    const problems = problemsOf(() => loadAppConfig({ PORT: 'eighty', MAX_QUANTITY_PER_LINE_ITEM: '0' }));
    expect(problems).toHaveLength(2);
    expect(problems[0]).toMatch(/^PORT "eighty"/);
    expect(problems[1]).toMatch(/^MAX_QUANTITY_PER_LINE_ITEM "0"/);
  });

  it('lists every missing variable the post-deploy script needs', () => {
    const problems = problemsOf(() => loadPostDeployConfig({}));
    for (const name of [
      'CTP_PROJECT_KEY',
      'CTP_CLIENT_ID',
      'CTP_CLIENT_SECRET',
      'CTP_REGION',
      'CONNECT_SERVICE_URL',
    ]) {
      expect(problems.some((problem) => problem.startsWith(name))).toBe(true);
    }
  });

  it('derives the API and auth URLs from CTP_REGION', () => {
    const config = loadPostDeployConfig({
      CTP_PROJECT_KEY: 'shop',
      CTP_CLIENT_ID: 'id',
      CTP_CLIENT_SECRET: 'secret',
      CTP_REGION: 'europe-west1.gcp',
      CTP_SCOPE: 'manage_extensions:shop  view_orders:shop',
      CONNECT_SERVICE_URL: 'https://service-1.europe-west1.gcp.commercetools.app/service',
    });
    expect(config.commercetools.apiUrl).toBe('https://api.europe-west1.gcp.commercetools.com');
    expect(config.commercetools.authUrl).toBe('https://auth.europe-west1.gcp.commercetools.com');
    expect(config.commercetools.scopes).toEqual(['manage_extensions:shop', 'view_orders:shop']);
  });

  it('prefers CTP_API_URL and CTP_AUTH_URL and rejects a malformed one', () => {
    const base = { CTP_PROJECT_KEY: 'shop', CTP_CLIENT_ID: 'id', CTP_CLIENT_SECRET: 'secret' };
    const config = loadPostDeployConfig({
      ...base,
      CTP_API_URL: 'http://127.0.0.1:8989/',
      CTP_AUTH_URL: 'http://127.0.0.1:8989',
      CONNECT_SERVICE_URL: 'http://127.0.0.1:8080/service',
    });
    expect(config.commercetools.apiUrl).toBe('http://127.0.0.1:8989');
    const problems = problemsOf(() =>
      loadPostDeployConfig({
        ...base,
        CTP_API_URL: 'not a url',
        CTP_REGION: 'mars',
        CONNECT_SERVICE_URL: 'x',
      }),
    );
    expect(problems).toContain('CTP_API_URL "not a url" is not an http(s) URL');
    expect(problems.some((problem) => problem.startsWith('CTP_REGION "mars"'))).toBe(true);
  });
});
