/** `npm run connector:post-deploy`: run by Connect after each deployment. */
import { loadPostDeployConfig } from '../config.js';
import { createApiRoot } from '../ctp-client.js';
import { EXTENSION_KEY, registerExtension } from './extension.js';

try {
  const config = loadPostDeployConfig();
  const { created } = await registerExtension(createApiRoot(config.commercetools), config.serviceUrl);
  console.log(`${created ? 'Created' : 'Updated'} API Extension "${EXTENSION_KEY}" -> ${config.serviceUrl}`);
} catch (error) {
  console.error(`Post-deploy failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
}
