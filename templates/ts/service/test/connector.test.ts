import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { EXTENSION_KEY, registerExtension, removeExtension } from '../src/connector/extension.js';
import { createApiRoot } from '../src/ctp-client.js';
import { startFakeCommercetools, type FakeCommercetools } from './fake-commercetools.js';

let fake: FakeCommercetools;

beforeAll(async () => {
  fake = await startFakeCommercetools('shop', 'extensions');
});
afterAll(() => fake.close());

function apiRoot() {
  return createApiRoot({
    projectKey: 'shop',
    clientId: 'id',
    clientSecret: 'secret',
    scopes: [],
    apiUrl: fake.url,
    authUrl: fake.url,
  });
}

describe('the connector scripts', () => {
  it('creates the extension, then updates it in place, then removes it', async () => {
    const first = await registerExtension(apiRoot(), 'https://example.com/service');
    expect(first.created).toBe(true);
    expect(fake.resources.get(EXTENSION_KEY)).toMatchObject({
      destination: { type: 'HTTP', url: 'https://example.com/service' },
      triggers: [{ resourceTypeId: 'cart', actions: ['Create', 'Update'] }],
    });

    const second = await registerExtension(apiRoot(), 'https://example.com/v2/service');
    expect(second.created).toBe(false);
    expect(fake.resources.size).toBe(1);
    expect(fake.resources.get(EXTENSION_KEY)).toMatchObject({
      version: 2,
      destination: { url: 'https://example.com/v2/service' },
    });

    expect(await removeExtension(apiRoot())).toBe(true);
    expect(fake.resources.size).toBe(0);
    expect(await removeExtension(apiRoot())).toBe(false);
  });
});
