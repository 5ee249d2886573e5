/**
 * Configuration, read once at start-up (helpers in ./env): every problem is reported at once.
 */
import {
  ConfigurationError,
  readCommercetools,
  readInteger,
  type CommercetoolsConfig,
  type Env,
} from './env.js';

export { ConfigurationError, type CommercetoolsConfig, type Env } from './env.js';

export interface AppConfig {
  port: number;
  commercetools: CommercetoolsConfig;
}

export function loadAppConfig(env: Env = process.env): AppConfig {
  const problems: string[] = [];
  const config = {
    port: readInteger(env, 'PORT', { default: 8080, min: 1, max: 65535 }, problems),
    commercetools: readCommercetools(env, problems),
  };
  if (problems.length > 0) throw new ConfigurationError(problems);
  return config;
}
