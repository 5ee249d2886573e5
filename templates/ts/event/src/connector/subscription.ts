/**
 * Creates the Subscription that feeds this app (post-deploy) and deletes it (pre-undeploy).
 * Both are idempotent: deploying twice updates the Subscription in place, undeploying when it
 * is already gone does nothing.
 */
import type { MessageSubscription, Subscription, SubscriptionDraft } from '@commercetools/platform-sdk';

import type { SubscriptionDestination } from '../config.js';
import { isNotFound, type ApiRoot } from '../ctp-client.js';

export const SUBSCRIPTION_KEY = '{{name}}-subscription';

export const SUBSCRIBED_MESSAGES: MessageSubscription[] = [{ resourceTypeId: 'order', types: ['OrderCreated'] }];

export async function findSubscription(apiRoot: ApiRoot, key: string): Promise<Subscription | undefined> {
  try {
    return (await apiRoot.subscriptions().withKey({ key }).get().execute()).body;
  } catch (error) {
    if (isNotFound(error)) return undefined;
    throw error;
  }
}

export async function createOrUpdateSubscription(
  apiRoot: ApiRoot,
  destination: SubscriptionDestination,
  key: string = SUBSCRIPTION_KEY,
): Promise<{ subscription: Subscription; created: boolean }> {
  const existing = await findSubscription(apiRoot, key);
  if (existing === undefined) {
    const draft: SubscriptionDraft = { key, destination, messages: SUBSCRIBED_MESSAGES };
    return { subscription: (await apiRoot.subscriptions().post({ body: draft }).execute()).body, created: true };
  }
  const updated = await apiRoot
    .subscriptions()
    .withKey({ key })
    .post({
      body: {
        version: existing.version,
        actions: [
          { action: 'changeDestination', destination },
          { action: 'setMessages', messages: SUBSCRIBED_MESSAGES },
        ],
      },
    })
    .execute();
  return { subscription: updated.body, created: false };
}

export async function deleteSubscription(apiRoot: ApiRoot, key: string = SUBSCRIPTION_KEY): Promise<boolean> {
  const existing = await findSubscription(apiRoot, key);
  if (existing === undefined) return false;
  await apiRoot.subscriptions().withKey({ key }).delete({ queryArgs: { version: existing.version } }).execute();
  return true;
}
