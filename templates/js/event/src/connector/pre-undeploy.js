/** `npm run connector:pre-undeploy`: run by Connect before the deployment is removed. */
import { ConfigurationError, readCommercetools } from '../env.js';
import { createApiRoot } from '../ctp-client.js';
import { deleteSubscription, SUBSCRIPTION_KEY } from './subscription.js';

try {
  const problems = [];
  const commercetools = readCommercetools(process.env, problems);
  if (problems.length > 0) throw new ConfigurationError(problems);
  const deleted = await deleteSubscription(createApiRoot(commercetools));
  console.log(
    deleted
      ? `Deleted Subscription "${SUBSCRIPTION_KEY}"`
      : `Subscription "${SUBSCRIPTION_KEY}" did not exist`,
  );
} catch (error) {
  console.error(`Pre-undeploy failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
}
