import { describe, expect, it } from 'vitest';

import { isConnectError } from '../../errors.js';
import { resolveDeployment } from './deployment.js';
import { platformEnvironment } from './environment.js';

const info = {
  apiUrl: 'http://127.0.0.1:1',
  authUrl: 'http://127.0.0.1:1',
  projectKey: 'p',
  clientId: 'c',
  clientSecret: 's',
  scope: 'manage_project:p',
};

describe('the emulated deployment', () => {
  it('is GCP unless a flag, the values file or an AWS region says AWS', () => {
    expect(resolveDeployment({}).deployment).toEqual({ provider: 'GCP', region: 'europe-west1.gcp' });
    expect(resolveDeployment({ flag: 'aws' }).deployment).toEqual({
      provider: 'AWS',
      region: 'eu-central-1.aws',
    });
    expect(resolveDeployment({ section: { provider: 'AWS', region: 'us-east-2.aws' } }).deployment).toEqual({
      provider: 'AWS',
      region: 'us-east-2.aws',
    });
    expect(resolveDeployment({ section: { region: 'us-east-2.aws' } }).deployment.provider).toBe('AWS');
    // The flag wins over the values file.
    expect(resolveDeployment({ flag: 'gcp', section: { provider: 'AWS' } }).deployment.provider).toBe('GCP');
  });

  it('suggests AWS when CTP_REGION is an AWS region', () => {
    const resolved = resolveDeployment({ regions: [undefined, 'eu-central-1.aws'] });
    expect(resolved.deployment.provider).toBe('GCP');
    expect(resolved.suggestion).toContain('--provider aws');
    expect(resolveDeployment({ flag: 'aws', regions: ['eu-central-1.aws'] }).suggestion).toBeUndefined();
  });

  it('refuses unknown providers and settings with a usage error', () => {
    for (const input of [
      { flag: 'azure' },
      { section: { provider: 'azure' } },
      { section: { cloud: 'AWS' } },
      { section: 'AWS' },
      { section: { provider: 'GCP', region: 'eu-central-1.aws' } },
    ]) {
      let error: unknown;
      try {
        resolveDeployment(input);
      } catch (caught) {
        error = caught;
      }
      expect(isConnectError(error) && [error.code, error.exitCode]).toEqual(['INVALID_PLATFORM_DEFAULT', 2]);
    }
  });

  it('gives event apps the AWS variables, and both families', () => {
    const env = platformEnvironment(
      info,
      { name: 'events', type: 'event' },
      { provider: 'AWS', region: 'eu-central-1.aws' },
    );
    expect(env).toMatchObject({
      CONNECT_PROVIDER: 'AWS',
      CONNECT_SUBSCRIPTION_DESTINATION: 'SNS',
      CONNECT_AWS_TOPIC_ARN: 'arn:aws:sns:eu-central-1:000000000000:connect-dev-events',
      CONNECT_GCP_TOPIC_NAME: 'connect-dev-events',
      CTP_REGION: 'eu-central-1.aws',
    });
    const gcp = platformEnvironment(info, { name: 'events', type: 'event' });
    expect(gcp.CONNECT_PROVIDER).toBe('GCP');
    expect(gcp.CONNECT_AWS_TOPIC_ARN).toBeUndefined();
    expect(
      platformEnvironment(
        info,
        { name: 'svc', type: 'service' },
        { provider: 'AWS', region: 'eu-central-1.aws' },
      ).CONNECT_PROVIDER,
    ).toBeUndefined();
  });
});
