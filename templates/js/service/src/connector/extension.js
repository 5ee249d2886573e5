/**
 * Registers this service as an API Extension (post-deploy) and removes it (pre-undeploy).
 * Both are idempotent: deploying twice updates the extension in place, undeploying when it
 * is already gone does nothing.
 */

import { isNotFound } from '../ctp-client.js';

export const EXTENSION_KEY = '{{name}}-extension';

export const EXTENSION_TRIGGERS = [{ resourceTypeId: 'cart', actions: ['Create', 'Update'] }];

export async function findExtension(apiRoot, key) {
  try {
    return (await apiRoot.extensions().withKey({ key }).get().execute()).body;
  } catch (error) {
    if (isNotFound(error)) return undefined;
    throw error;
  }
}

export async function registerExtension(apiRoot, url, key = EXTENSION_KEY) {
  const destination = { type: 'HTTP', url };
  const existing = await findExtension(apiRoot, key);
  if (existing === undefined) {
    const draft = { key, destination, triggers: EXTENSION_TRIGGERS };
    return { extension: (await apiRoot.extensions().post({ body: draft }).execute()).body, created: true };
  }
  const updated = await apiRoot
    .extensions()
    .withKey({ key })
    .post({
      body: {
        version: existing.version,
        actions: [
          { action: 'changeDestination', destination },
          { action: 'changeTriggers', triggers: EXTENSION_TRIGGERS },
        ],
      },
    })
    .execute();
  return { extension: updated.body, created: false };
}

export async function removeExtension(apiRoot, key = EXTENSION_KEY) {
  const existing = await findExtension(apiRoot, key);
  if (existing === undefined) return false;
  await apiRoot
    .extensions()
    .withKey({ key })
    .delete({ queryArgs: { version: existing.version } })
    .execute();
  return true;
}
