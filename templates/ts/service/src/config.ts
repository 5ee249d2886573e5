/**
 * Configuration, read once at start-up (helpers in ./env): every problem is reported at once.
 */
import {
  ConfigurationError,
  readCommercetools,
  readUrl,
  readInteger,
  type CommercetoolsConfig,
  type Env,
} from './env.js';

export { ConfigurationError, type CommercetoolsConfig, type Env } from './env.js';

export interface AppConfig {
  port: number;
  maxQuantityPerLineItem: number;
}

export interface PostDeployConfig {
  commercetools: CommercetoolsConfig;
  /** The public URL of this service, endpoint included (set by Connect for postDeploy). */
  serviceUrl: string;
}

export function loadAppConfig(env: Env = process.env): AppConfig {
  const problems: string[] = [];
  const config = {
    port: readInteger(env, 'PORT', { default: 8080, min: 1, max: 65535 }, problems),
    maxQuantityPerLineItem: readInteger(env, 'MAX_QUANTITY_PER_LINE_ITEM', { default: 10, min: 1 }, problems),
  };
  if (problems.length > 0) throw new ConfigurationError(problems);
  return config;
}

export function loadPostDeployConfig(env: Env = process.env): PostDeployConfig {
  const problems: string[] = [];
  const commercetools = readCommercetools(env, problems);
  const serviceUrl = readUrl(env, 'CONNECT_SERVICE_URL', problems);
  if (problems.length > 0) throw new ConfigurationError(problems);
  return { commercetools, serviceUrl };
}
