import { describe, expect, it } from 'vitest';

import type { ResolvedConfiguration } from '../config/values.js';
import type { Application, ConnectSpec } from '../spec/types.js';
import { baseEnvironment, buildEnvironment, runtimeVariables } from './environment.js';

const service: Application = { name: 'svc', applicationType: 'service', endpoint: '/svc' };
const event: Application = { name: 'evt', applicationType: 'event', endpoint: 'evt' };
const mc: Application = { name: 'mc', applicationType: 'merchant-center-custom-application' };
const spec: ConnectSpec = {
  deployAs: [service, event, mc],
  inheritAs: { apiClient: { scopes: ['view_orders'] } },
};

describe('runtime variables', () => {
  it('sets the Cloud Run and CONNECT_* variables per application type', () => {
    const common = { revision: 3, adminUrl: 'http://127.0.0.1:9' };
    expect(
      runtimeVariables({ app: service, port: 1234, url: 'http://127.0.0.1:1234/svc', ...common }),
    ).toEqual({
      PORT: '1234',
      K_SERVICE: 'svc',
      K_REVISION: 'svc-00003-dev',
      K_CONFIGURATION: 'svc',
      CONNECT_SERVICE_URL: 'http://127.0.0.1:1234/svc',
      CONNECT_DEV_ADMIN_URL: 'http://127.0.0.1:9',
    });
    expect(runtimeVariables({ app: event, port: 1, url: null, ...common })).toMatchObject({
      CONNECT_PROVIDER: 'GCP',
      CONNECT_SUBSCRIPTION_DESTINATION: 'GoogleCloudPubSub',
      CONNECT_GCP_TOPIC_NAME: 'connect-dev-evt',
      CONNECT_GCP_PROJECT_ID: 'connect-dev',
    });
    expect(runtimeVariables({ app: mc, port: 5, url: 'http://127.0.0.1:5', ...common }).APPLICATION_URL).toBe(
      'http://127.0.0.1:5',
    );
  });
});

describe('buildEnvironment', () => {
  const configuration: ResolvedConfiguration = {
    application: 'svc',
    missing: [],
    values: [
      {
        key: 'CTP_CLIENT_ID',
        value: 'mine',
        source: 'values-file',
        secured: false,
        required: false,
        global: false,
      },
      { key: 'UNSET', value: null, source: null, secured: false, required: false, global: false },
    ],
  };

  it('layers base < API client < runtime < plugins < configuration < PORT/K_*', () => {
    const env = buildEnvironment({
      base: baseEnvironment({
        PATH: '/bin',
        HOME: '/home/me',
        SECRET_TOKEN: 'x',
        LC_ALL: 'C',
        npm_config_registry: 'r',
      }),
      spec,
      configuration,
      runtime: runtimeVariables({ app: service, port: 4000, url: 'u', revision: 1, adminUrl: 'a' }),
      plugin: { CTP_API_URL: 'http://127.0.0.1:7/api', PORT: '1', CTP_CLIENT_ID: 'plugin' },
      dir: '/repo/svc',
      root: '/repo',
      preload: true,
    });
    expect(env.SECRET_TOKEN).toBeUndefined();
    expect(env).toMatchObject({ HOME: '/home/me', LC_ALL: 'C', npm_config_registry: 'r' });
    expect(env.CTP_SCOPE).toBe('view_orders:connect-dev');
    expect(env.CTP_API_URL).toBe('http://127.0.0.1:7/api');
    expect(env.CTP_CLIENT_ID).toBe('mine');
    expect(env.PORT).toBe('4000');
    expect('UNSET' in env).toBe(false);
    expect(env.PATH?.split(':').slice(0, 3)).toEqual([
      '/repo/svc/node_modules/.bin',
      '/repo/node_modules/.bin',
      '/bin',
    ]);
    expect(env.NODE_OPTIONS).toMatch(/^--require=".*\/dist\/preload\/app\.cjs"$/);
    expect(env.CONNECT_DEV_MAP_PORTS).toBe('8080');
  });
});
