/**
 * The shape of a valid connect.yaml (see schemas/connect.schema.json and
 * ../shared/reference/connect-yaml.md). Only documents that passed validation have it.
 */
export const APPLICATION_TYPES = [
  'service',
  'event',
  'job',
  'merchant-center-custom-application',
  'mc-app',
  'merchant-center-custom-view',
  'assets',
] as const;

export type ApplicationType = (typeof APPLICATION_TYPES)[number];

export const MERCHANT_CENTER_TYPES: readonly ApplicationType[] = [
  'merchant-center-custom-application',
  'mc-app',
  'merchant-center-custom-view',
];

/** The types that run as one HTTP server with an endpoint. */
export const HTTP_APPLICATION_TYPES: readonly ApplicationType[] = ['service', 'event', 'job'];

export interface StandardConfigurationEntry {
  key: string;
  description: string;
  required?: boolean;
  default?: string;
}

export interface SecuredConfigurationEntry {
  key: string;
  description: string;
  required?: boolean;
}

export interface Configuration {
  standardConfiguration?: StandardConfigurationEntry[];
  securedConfiguration?: SecuredConfigurationEntry[];
}

export interface Scripts {
  postDeploy?: string;
  preUndeploy?: string;
}

export interface HealthCheck {
  path: string;
  intervalSeconds?: number;
  timeoutSeconds?: number;
  unhealthyThreshold?: number;
}

export type RetryPolicy =
  | { strategy: 'immediate' }
  | {
      strategy: 'exponential-backoff';
      minBackoffSeconds: number;
      maxBackoffSeconds: number;
      maxAttempts?: number;
    };

interface ApplicationBase {
  name: string;
  configuration?: Configuration;
  scripts?: Scripts;
}

export interface ServiceApplication extends ApplicationBase {
  applicationType: 'service';
  endpoint: string;
  healthCheck?: HealthCheck;
}

export interface EventApplication extends ApplicationBase {
  applicationType: 'event';
  endpoint: string;
  healthCheck?: HealthCheck;
  retryPolicy?: RetryPolicy;
}

export interface JobApplication extends ApplicationBase {
  applicationType: 'job';
  endpoint: string;
  properties: { schedule: string };
}

export interface MerchantCenterApplication extends ApplicationBase {
  applicationType: 'merchant-center-custom-application' | 'mc-app' | 'merchant-center-custom-view';
}

export interface AssetsApplication {
  name: string;
  applicationType: 'assets';
}

export type Application =
  ServiceApplication | EventApplication | JobApplication | MerchantCenterApplication | AssetsApplication;

export interface ConnectSpec {
  deployAs: Application[];
  inheritAs?: {
    configuration?: Configuration;
    apiClient?: { scopes: string[] };
  };
}

/** The configuration entries of an application (empty for assets). */
export function configurationOf(application: Application): Configuration {
  return 'configuration' in application && application.configuration ? application.configuration : {};
}

export function hasEndpoint(
  application: Application,
): application is ServiceApplication | EventApplication | JobApplication {
  return HTTP_APPLICATION_TYPES.includes(application.applicationType);
}
