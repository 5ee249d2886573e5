import { describe, expect, it } from 'vitest';

import type { ConfigSource, ResolvedConfiguration } from '../../config/values.js';
import { ConnectError } from '../../errors.js';
import type { ConnectSpec } from '../../spec/types.js';
import {
  checkProjectKey,
  configuredClients,
  decideLocalProject,
  isPlatformUrl,
  parseProjectSection,
} from './local-project.js';

const spec = {
  deployAs: [
    { name: 'a', applicationType: 'service', endpoint: '/a' },
    { name: 'b', applicationType: 'job', endpoint: '/b', properties: { schedule: '0 0 * * *' } },
  ],
} as unknown as ConnectSpec;

function resolved(
  application: string,
  values: Record<string, [string, ConfigSource]>,
): ResolvedConfiguration {
  return {
    application,
    missing: [],
    values: Object.entries(values).map(([key, [value, source]]) => ({
      key,
      value,
      source,
      secured: key === 'CTP_CLIENT_SECRET',
      required: true,
      global: false,
    })),
  };
}

const ID = 'Abcdefghijklmnopqrstuv12';
const SECRET = 'Abcdefghijklmnopqrstuvwxyz_-1234';

describe('the local project', () => {
  it('checks project keys as the platform does', () => {
    expect(checkProjectKey('my-shop_2', 'x')).toBe('my-shop_2');
    for (const bad of ['a', 'My-Shop', 'x'.repeat(37), 'shop key']) {
      expect(() => checkProjectKey(bad, '--project-key')).toThrow(ConnectError);
    }
  });

  it('reads the values file section, with scopes by name', () => {
    const section = parseProjectSection(
      {
        key: 'shop',
        clientId: ID,
        clientSecret: '${env:S}',
        scopes: ['manage_orders', 'view_products:shop'],
      },
      'v.yaml',
      { S: SECRET },
    );
    expect(section).toEqual({
      key: 'shop',
      clientId: ID,
      clientSecret: SECRET,
      scope: ['manage_orders', 'view_products:shop'],
    });
    const project = decideLocalProject({ section, configured: configuredClients(spec, () => undefined) });
    expect(project).toMatchObject({
      projectKey: 'shop',
      keySource: 'values-file',
      clientId: ID,
      clientSecret: SECRET,
      scope: 'manage_orders:shop view_products:shop',
      userCredentials: true,
    });
  });

  it('refuses a section with credentials of the wrong shape, or half of them', () => {
    expect(() => parseProjectSection({ clientId: 'short', clientSecret: SECRET }, 'v.yaml')).toThrow(
      /client id must be 24 characters/,
    );
    expect(() => parseProjectSection({ clientId: ID }, 'v.yaml')).toThrow(/go together/);
    expect(() => parseProjectSection({ projectKey: 'x' }, 'v.yaml')).toThrow(
      /unknown key "project.projectKey"/,
    );
  });

  it('fresh credentials have the platform shape', () => {
    const project = decideLocalProject({ section: {}, configured: configuredClients(spec, () => undefined) });
    expect(project.projectKey).toBe('connect-dev');
    expect(project.clientId).toMatch(/^[A-Za-z0-9_-]{24}$/);
    expect(project.clientSecret).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(project.scope).toBe('manage_project:connect-dev');
    expect(project.userCredentials).toBe(false);
  });

  it('accepts the credentials apps are configured with, and adopts their project key', () => {
    const configured = configuredClients(spec, (name) =>
      name === 'a'
        ? resolved('a', {
            CTP_CLIENT_ID: [ID, 'app-dotenv'],
            CTP_CLIENT_SECRET: [SECRET, 'app-dotenv'],
            CTP_PROJECT_KEY: ['shop', 'app-dotenv'],
            CTP_SCOPE: ['manage_orders:shop', 'app-dotenv'],
          })
        : resolved('b', { CTP_PROJECT_KEY: ['shop', 'values-file'] }),
    );
    expect(configured.clients).toEqual([
      { clientId: ID, clientSecret: SECRET, scope: 'manage_orders:shop', origin: 'a (.env of the app)' },
    ]);
    const project = decideLocalProject({ section: {}, configured });
    expect(project).toMatchObject({ projectKey: 'shop', keySource: 'configuration', warnings: [] });
    // The flag wins, and the apps configured for another key hear about it.
    const flagged = decideLocalProject({ flagKey: 'other', section: {}, configured });
    expect(flagged.projectKey).toBe('other');
    expect(flagged.warnings[0]).toMatch(/a, b are configured with CTP_PROJECT_KEY=shop/);
  });

  it('leaves alone credentials meant for the real platform, and defaults', () => {
    const configured = configuredClients(spec, (name) =>
      name === 'a'
        ? resolved('a', {
            CTP_CLIENT_ID: [ID, 'flag'],
            CTP_CLIENT_SECRET: [SECRET, 'flag'],
            CTP_API_URL: ['https://api.europe-west1.gcp.commercetools.com', 'values-file'],
          })
        : resolved('b', {
            CTP_CLIENT_ID: [ID, 'default'],
            CTP_CLIENT_SECRET: [SECRET, 'default'],
          }),
    );
    expect(configured.clients).toEqual([]);
    expect(isPlatformUrl('https://auth.us-central1.gcp.commercetools.com')).toBe(true);
    expect(isPlatformUrl('http://127.0.0.1:8080')).toBe(false);
  });

  it('warns when only half of a client is configured', () => {
    const configured = configuredClients(spec, (name) =>
      name === 'a' ? resolved('a', { CTP_CLIENT_ID: [ID, 'root-dotenv'] }) : undefined,
    );
    expect(configured.clients).toEqual([]);
    expect(configured.warnings[0]).toMatch(/a: CTP_CLIENT_ID is configured but CTP_CLIENT_SECRET is not/);
  });
});
