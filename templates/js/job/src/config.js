/**
 * Configuration, read once at start-up (helpers in ./env): every problem is reported at once.
 */
import { ConfigurationError, readCommercetools, readInteger } from './env.js';

export { ConfigurationError } from './env.js';

export function loadAppConfig(env = process.env) {
  const problems = [];
  const config = {
    port: readInteger(env, 'PORT', { default: 8080, min: 1, max: 65535 }, problems),
    commercetools: readCommercetools(env, problems),
  };
  if (problems.length > 0) throw new ConfigurationError(problems);
  return config;
}
