/** `npm run connector:pre-undeploy`: run by Connect before the deployment is removed. */
import { ConfigurationError, readCommercetools } from '../env.js';
import { createApiRoot } from '../ctp-client.js';
import { EXTENSION_KEY, removeExtension } from './extension.js';

try {
  const problems: string[] = [];
  const commercetools = readCommercetools(process.env, problems);
  if (problems.length > 0) throw new ConfigurationError(problems);
  const removed = await removeExtension(createApiRoot(commercetools));
  console.log(removed ? `Removed API Extension "${EXTENSION_KEY}"` : `API Extension "${EXTENSION_KEY}" did not exist`);
} catch (error) {
  console.error(`Pre-undeploy failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
}
