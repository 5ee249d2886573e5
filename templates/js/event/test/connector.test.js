import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import {
  createOrUpdateSubscription,
  deleteSubscription,
  SUBSCRIPTION_KEY,
} from '../src/connector/subscription.js';
import { createApiRoot } from '../src/ctp-client.js';
import { startFakeCommercetools } from './fake-commercetools.js';

let fake;

beforeAll(async () => {
  fake = await startFakeCommercetools('shop', 'subscriptions');
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
  it('creates the subscription, then updates it in place, then deletes it', async () => {
    const pubSub = { type: 'GoogleCloudPubSub', projectId: 'ct-connect', topic: 'topic-1' };
    expect((await createOrUpdateSubscription(apiRoot(), pubSub)).created).toBe(true);
    expect(fake.resources.get(SUBSCRIPTION_KEY)).toMatchObject({
      destination: pubSub,
      messages: [{ resourceTypeId: 'order', types: ['OrderCreated'] }],
    });

    const moved = { ...pubSub, topic: 'topic-2' };
    expect((await createOrUpdateSubscription(apiRoot(), moved)).created).toBe(false);
    expect(fake.resources.size).toBe(1);
    expect(fake.resources.get(SUBSCRIPTION_KEY)).toMatchObject({ version: 2, destination: moved });

    expect(await deleteSubscription(apiRoot())).toBe(true);
    expect(fake.resources.size).toBe(0);
    expect(await deleteSubscription(apiRoot())).toBe(false);
  });
});
