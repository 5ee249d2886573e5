import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { credentialsFile, removeProfile, resolveCredentials, saveProfile } from './credentials.js';

const REGIONS = ['europe-west1.gcp', 'us-central1.gcp'];
let dir: string;
let env: NodeJS.ProcessEnv;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'credentials-'));
  env = { CONNECT_CONFIG_DIR: dir };
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('credentials', () => {
  it('saves profiles 0600 and resolves flags > environment > profile', async () => {
    await saveProfile(
      'default',
      { clientId: 'p-id', clientSecret: 'p-secret', projectKey: 'p-project', region: 'europe-west1.gcp' },
      env,
    );
    expect((await stat(credentialsFile(env))).mode & 0o777).toBe(0o600);
    const fromProfile = await resolveCredentials({}, env, REGIONS);
    expect(fromProfile).toMatchObject({
      clientId: 'p-id',
      projectKey: 'p-project',
      apiUrl: 'https://connect.europe-west1.gcp.commercetools.com',
    });
    expect(fromProfile.sources.projectKey).toBe('profile');

    const withEnv = await resolveCredentials(
      {},
      { ...env, CTP_PROJECT_KEY: 'e-project', CTP_CONNECT_API_URL: 'http://127.0.0.1:1/' },
      REGIONS,
    );
    expect(withEnv).toMatchObject({
      projectKey: 'e-project',
      clientId: 'p-id',
      apiUrl: 'http://127.0.0.1:1',
    });

    const withFlag = await resolveCredentials(
      { projectKey: 'f-project', region: 'us-central1.gcp' },
      { ...env, CTP_PROJECT_KEY: 'e-project' },
      REGIONS,
    );
    expect(withFlag).toMatchObject({
      projectKey: 'f-project',
      region: 'us-central1.gcp',
      authUrl: 'https://auth.us-central1.gcp.commercetools.com',
    });

    expect(await removeProfile('default', env)).toBe(true);
    await expect(resolveCredentials({}, env, REGIONS)).rejects.toMatchObject({
      code: 'NOT_LOGGED_IN',
      exitCode: 2,
    });
  });

  it('derives the region from CTP_AUTH_URL and refuses unknown regions', async () => {
    const ci = { ...env, CTP_CLIENT_ID: 'i', CTP_CLIENT_SECRET: 's', CTP_PROJECT_KEY: 'p' };
    const derived = await resolveCredentials(
      {},
      { ...ci, CTP_AUTH_URL: 'https://auth.us-central1.gcp.commercetools.com' },
      REGIONS,
    );
    expect(derived.region).toBe('us-central1.gcp');
    await expect(resolveCredentials({}, { ...ci, CTP_REGION: 'mars-1.gcp' }, REGIONS)).rejects.toMatchObject({
      code: 'INVALID_REGION',
    });
  });
});
