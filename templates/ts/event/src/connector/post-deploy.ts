/** `npm run connector:post-deploy`: run by Connect after each deployment. */
import { loadPostDeployConfig } from '../config.js';
import { createApiRoot } from '../ctp-client.js';
import { createOrUpdateSubscription, SUBSCRIPTION_KEY } from './subscription.js';

try {
  const config = loadPostDeployConfig();
  const { created } = await createOrUpdateSubscription(createApiRoot(config.commercetools), config.destination);
  console.log(`${created ? 'Created' : 'Updated'} Subscription "${SUBSCRIPTION_KEY}" (${config.destination.type})`);
} catch (error) {
  console.error(`Post-deploy failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
}
