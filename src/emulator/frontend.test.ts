import { describe, expect, it } from 'vitest';

import type { Application } from '../spec/types.js';
import { cloudIdentifierOf, entryPointOf, frontendDefaults, localIdOf } from './frontend.js';

const app = (name: string, applicationType: string) => ({ name, applicationType }) as unknown as Application;

describe('Merchant Center front ends', () => {
  it('derive the cloud from the region', () => {
    expect(cloudIdentifierOf('europe-west1.gcp')).toBe('gcp-eu');
    expect(cloudIdentifierOf('us-central1.gcp')).toBe('gcp-us');
    expect(cloudIdentifierOf('australia-southeast1.gcp')).toBe('gcp-au');
    expect(cloudIdentifierOf('eu-central-1.aws')).toBe('aws-eu');
    expect(cloudIdentifierOf('us-east-2.aws')).toBe('aws-us');
    expect(cloudIdentifierOf(undefined)).toBe('gcp-eu');
  });

  it('make entry point paths of the Merchant Center shape from names', () => {
    expect(entryPointOf('merchant-center-custom-application')).toBe('merchant-center-custom-application');
    expect(entryPointOf('My__App--')).toBe('my-app');
    expect(entryPointOf('x')).toBe('app-x');
    expect(entryPointOf('a'.repeat(80))).toHaveLength(64);
  });

  it('give stable local IDs shaped like the platform', () => {
    expect(localIdOf('application', 'mc')).toMatch(/^c[a-z0-9]{24}$/);
    expect(localIdOf('application', 'mc')).toBe(localIdOf('application', 'mc'));
    expect(localIdOf('view', 'mc')).not.toBe(localIdOf('application', 'mc'));
  });

  it('only for front ends, each with its own ID', () => {
    expect(frontendDefaults(app('svc', 'service'), { projectKey: 'p' })).toEqual({});
    const view = frontendDefaults(app('panel', 'merchant-center-custom-view'), { projectKey: 'p' });
    expect(Object.keys(view).sort()).toEqual([
      'CLOUD_IDENTIFIER',
      'CTP_INITIAL_PROJECT_KEY',
      'CUSTOM_VIEW_ID',
      'ENTRY_POINT_URI_PATH',
    ]);
    const application = frontendDefaults(app('orders', 'merchant-center-custom-application'), {
      projectKey: 'p',
      region: 'us-east-2.aws',
    });
    expect(application).toMatchObject({ CLOUD_IDENTIFIER: 'aws-us', CTP_INITIAL_PROJECT_KEY: 'p' });
    expect(application.CUSTOM_APPLICATION_ID).toMatch(/^c[a-z0-9]{24}$/);
  });
});
