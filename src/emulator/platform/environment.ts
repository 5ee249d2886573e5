/**
 * What apps and scripts are told about the local project: address, credentials, CTP_* and
 * CONNECT_* variables. Kept free of the mock so `connect dev` knows them before it loads.
 */
import { randomBytes } from 'node:crypto';

import { awsRegionOf, topicArnOf } from '../events/sns.js';

export interface PlatformInfo {
  apiUrl: string;
  authUrl: string;
  projectKey: string;
  clientId: string;
  clientSecret: string;
  scope: string;
}

export const DEFAULT_PROJECT_KEY = 'connect-dev';

/** The scope string of the local API client: each of connect.yaml's scopes on the project. */
export function scopeFor(projectKey: string, scopes: readonly string[] | undefined): string {
  const list = scopes && scopes.length > 0 ? scopes : ['manage_project'];
  return list.map((s) => `${s}:${projectKey}`).join(' ');
}

/** The platform's API client id and secret: 24 and 32 characters of `[A-Za-z0-9_-]`. */
export const CLIENT_ID_LENGTH = 24;
export const CLIENT_SECRET_LENGTH = 32;

/**
 * Fresh local-only client credentials, shaped as the platform's (the official starters refuse
 * any other length at start). base64url of 18 and 24 random bytes: exactly 24 and 32 characters
 * of the platform's alphabet.
 */
export function newCredentials(): { clientId: string; clientSecret: string } {
  return {
    clientId: randomBytes((CLIENT_ID_LENGTH * 3) / 4).toString('base64url'),
    clientSecret: randomBytes((CLIENT_SECRET_LENGTH * 3) / 4).toString('base64url'),
  };
}

export const GCP_PROJECT_ID = 'connect-dev';

/** The Pub/Sub topic feeding an event app (what its post-deploy script subscribes). */
export function topicOf(application: string): string {
  return `connect-dev-${application}`;
}

/** The cloud the emulated deployment runs on (`connect dev --provider`, values file `platform:`). */
export interface Deployment {
  provider: 'GCP' | 'AWS';
  /** The commercetools region: `europe-west1.gcp`, `eu-central-1.aws`, ... */
  region: string;
}

export const DEFAULT_GCP_REGION = 'europe-west1.gcp';
export const DEFAULT_AWS_REGION = 'eu-central-1.aws';

export const GCP_DEPLOYMENT: Deployment = { provider: 'GCP', region: DEFAULT_GCP_REGION };

/** The SNS topic of an event app on an AWS deployment. */
export function awsTopicArn(application: string, deployment: Deployment): string {
  return topicArnOf(application, awsRegionOf(deployment.region));
}

/** The variables an app or script gets so it talks to the local project at `info`. */
export function platformEnvironment(
  info: PlatformInfo,
  app: { name: string; type: string },
  deployment: Deployment = GCP_DEPLOYMENT,
): Record<string, string> {
  const region = deployment.region;
  const env: Record<string, string> = {
    CTP_PROJECT_KEY: info.projectKey,
    CTP_CLIENT_ID: info.clientId,
    CTP_CLIENT_SECRET: info.clientSecret,
    CTP_SCOPE: info.scope,
    CTP_CLIENT_SCOPE: info.scope,
    CTP_API_URL: info.apiUrl,
    CTP_AUTH_URL: info.authUrl,
    CTP_REGION: region,
    CTP_CLIENT_REGION: region,
    // Read by the host-redirect preload: hard-coded https://api.<region>.commercetools.com goes here.
    CONNECT_EMULATOR_API_URL: info.apiUrl,
    CONNECT_EMULATOR_AUTH_URL: info.authUrl,
  };
  if (app.type === 'event') {
    env.CONNECT_PROVIDER = deployment.provider;
    env.CONNECT_SUBSCRIPTION_DESTINATION = deployment.provider === 'AWS' ? 'SNS' : 'GoogleCloudPubSub';
    // Both families on AWS: the official starter's post-deploy still reads the GCP ones (runtime.md).
    env.CONNECT_GCP_PROJECT_ID = GCP_PROJECT_ID;
    env.CONNECT_GCP_TOPIC_NAME = topicOf(app.name);
    if (deployment.provider === 'AWS') env.CONNECT_AWS_TOPIC_ARN = awsTopicArn(app.name, deployment);
  }
  return env;
}
