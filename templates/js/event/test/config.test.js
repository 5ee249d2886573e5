import { describe, expect, it } from 'vitest';

import { ConfigurationError, loadAppConfig, loadPostDeployConfig } from '../src/config.js';

function problemsOf(load) {
  try {
    load();
  } catch (error) {
    if (error instanceof ConfigurationError) return error.problems;
    throw error;
  }
  return [];
}

const commercetools = {
  CTP_PROJECT_KEY: 'shop',
  CTP_CLIENT_ID: 'id',
  CTP_CLIENT_SECRET: 'secret',
  CTP_REGION: 'europe-west1.gcp',
};

describe('configuration', () => {
  it('listens on 8080 unless PORT says otherwise, and rejects a malformed PORT', () => {
    expect(loadAppConfig({}).port).toBe(8080);
    expect(loadAppConfig({ PORT: '3000' }).port).toBe(3000);
    expect(problemsOf(() => loadAppConfig({ PORT: '99999' }))).toEqual([
      'PORT "99999" is not a whole number between 1 and 65535',
    ]);
  });

  it('builds a Google Cloud Pub/Sub destination', () => {
    const config = loadPostDeployConfig({
      ...commercetools,
      CONNECT_PROVIDER: 'GCP',
      CONNECT_GCP_PROJECT_ID: 'ct-connect',
      CONNECT_GCP_TOPIC_NAME: 'topic-1',
    });
    expect(config.destination).toEqual({
      type: 'GoogleCloudPubSub',
      projectId: 'ct-connect',
      topic: 'topic-1',
    });
  });

  it('builds an SNS destination', () => {
    const config = loadPostDeployConfig({
      ...commercetools,
      CONNECT_SUBSCRIPTION_DESTINATION: 'SNS',
      CONNECT_AWS_TOPIC_ARN: 'arn:aws:sns:us-east-2:123456789012:topic-1',
    });
    expect(config.destination).toEqual({
      type: 'SNS',
      topicArn: 'arn:aws:sns:us-east-2:123456789012:topic-1',
      authenticationMode: 'IAM',
    });
  });

  it('names every missing or malformed variable', () => {
    expect(problemsOf(() => loadPostDeployConfig({}))).toEqual([
      'CTP_PROJECT_KEY is not set',
      'CTP_CLIENT_ID is not set',
      'CTP_CLIENT_SECRET is not set',
      'CTP_REGION is not set (e.g. europe-west1.gcp); it is needed unless CTP_API_URL and CTP_AUTH_URL are both set',
      'CONNECT_SUBSCRIPTION_DESTINATION (or CONNECT_PROVIDER) is not set',
    ]);
    expect(problemsOf(() => loadPostDeployConfig({ ...commercetools, CONNECT_PROVIDER: 'GCP' }))).toEqual([
      'CONNECT_GCP_PROJECT_ID is not set',
      'CONNECT_GCP_TOPIC_NAME is not set',
    ]);
    expect(problemsOf(() => loadPostDeployConfig({ ...commercetools, CONNECT_PROVIDER: 'AZURE' }))).toEqual([
      'CONNECT_PROVIDER "AZURE" is not GCP or AWS',
    ]);
  });
});
