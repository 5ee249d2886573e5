/**
 * Configuration, read once at start-up (helpers in ./env): every problem is reported at once.
 */
import { ConfigurationError, readCommercetools, readUrl, readInteger } from './env.js';

export { ConfigurationError } from './env.js';

export function loadAppConfig(env = process.env) {
  const problems = [];
  const config = {
    port: readInteger(env, 'PORT', { default: 8080, min: 1, max: 65535 }, problems),
    maxQuantityPerLineItem: readInteger(env, 'MAX_QUANTITY_PER_LINE_ITEM', { default: 10, min: 1 }, problems),
  };
  if (problems.length > 0) throw new ConfigurationError(problems);
  return config;
}

export function loadPostDeployConfig(env = process.env) {
  const problems = [];
  const commercetools = readCommercetools(env, problems);
  const serviceUrl = readUrl(env, 'CONNECT_SERVICE_URL', problems);
  if (problems.length > 0) throw new ConfigurationError(problems);
  return { commercetools, serviceUrl };
}
