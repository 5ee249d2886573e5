/**
 * login / logout / whoami and credential resolution, end to end: the built CLI against the
 * fake OAuth server and Connect API.
 */
import { stat } from 'node:fs/promises';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { E2E_TIMEOUT, json, PROJECT, startHarness, type Harness } from './fake-connect-api/harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h.close();
});

const tokenRequests = () => h.fake.requestsTo('POST', /^\/oauth\/token$/).length;

describe('connect login / whoami / logout', { timeout: E2E_TIMEOUT }, () => {
  it('checks the credentials, saves a 0600 profile, and whoami reads it back without any CTP_* variable', async () => {
    const env = { ...h.profileEnv, CONNECT_CONFIG_DIR: join(h.dir, 'login-config') };
    const login = await h.run(
      [
        'login',
        '--client-id',
        h.client.id,
        '--client-secret',
        h.client.secret,
        '--project-key',
        PROJECT,
        '--region',
        'europe-west1.gcp',
        '--json',
      ],
      env,
    );
    expect(login.exitCode, login.stderr).toBe(0);
    const result = json<{ profile: string; scopes: string[]; file: string }>(login);
    expect(result.profile).toBe('default');
    expect(result.scopes).toContain(`manage_connectors:${PROJECT}`);
    expect((await stat(result.file)).mode & 0o777).toBe(0o600);
    expect((await stat(join(h.dir, 'login-config'))).mode & 0o777).toBe(0o700);
    expect(login.stdout + login.stderr).not.toContain(h.client.secret);

    // No CTP_* at all: the profile remembers the hosts it logged in to.
    const bare = { ...env, CTP_AUTH_URL: '', CTP_CONNECT_API_URL: '' };
    const who = await h.run(['whoami', '--json'], bare);
    expect(who.exitCode, who.stderr).toBe(0);
    const me = json<{
      projectKey: string;
      region: string;
      scopes: string[];
      tokenExpiresAt: string;
      profile: string;
    }>(who);
    expect(me).toMatchObject({ projectKey: PROJECT, region: 'europe-west1.gcp', profile: 'default' });
    expect(Date.parse(me.tokenExpiresAt)).toBeGreaterThan(Date.now());
    expect(who.stdout).not.toContain(h.client.secret);

    const human = await h.run(['whoami'], bare);
    expect(human.stdout).toMatch(/Project\s+test-project/);
    expect(human.stdout).toMatch(/Scopes\s+manage_connectors:test-project/);

    const out = await h.run(['logout'], bare);
    expect(out.exitCode).toBe(0);
    await expect(stat(result.file)).rejects.toThrow();
    const after = await h.run(['whoami'], bare);
    expect(after.exitCode).toBe(2);
    expect(after.stderr).toContain('[NOT_LOGGED_IN]');
    expect(after.stderr).toContain('Try: run `connect login`');
  });

  it('refuses a wrong secret with a readable error that never shows it', async () => {
    const wrong = 'wrong-secret-0123456789';
    const result = await h.run(
      [
        'login',
        '--client-id',
        h.client.id,
        '--client-secret',
        wrong,
        '--project-key',
        PROJECT,
        '--region',
        'europe-west1.gcp',
      ],
      { ...h.profileEnv, CONNECT_CONFIG_DIR: join(h.dir, 'wrong-config') },
    );
    expect(result.exitCode).toBe(1);
    expect(result.stderr).toContain('[AUTHENTICATION_FAILED]');
    expect(result.stderr).not.toMatch(/\.\.\n/);
    expect(result.stderr).toContain('Try:');
    expect(result.stdout + result.stderr).not.toContain(wrong);
    await expect(stat(join(h.dir, 'wrong-config', 'credentials.json'))).rejects.toThrow();
  });

  it('without a terminal, asks for the missing secret by flag name (exit 4)', async () => {
    const result = await h.run(
      ['login', '--client-id', h.client.id, '--project-key', PROJECT, '--region', 'europe-west1.gcp'],
      {
        ...h.profileEnv,
        CONNECT_CONFIG_DIR: join(h.dir, 'no-tty-config'),
      },
    );
    expect(result.exitCode).toBe(4);
    expect(result.stderr).toContain('--client-secret');
  });

  it('takes flags over the environment over the profile', async () => {
    const env = { ...h.profileEnv, CONNECT_CONFIG_DIR: join(h.dir, 'precedence-config') };
    h.fake.addClient({
      id: 'other',
      secret: 'other-secret-value',
      scopes: ['manage_connectors:other-project', 'manage_connectors_deployments:other-project'],
    });
    const login = await h.run(
      [
        'login',
        '--client-id',
        'other',
        '--client-secret',
        'other-secret-value',
        '--project-key',
        'other-project',
        '--region',
        'us-central1.gcp',
        '--profile',
        'second',
      ],
      env,
    );
    expect(login.exitCode, login.stderr).toBe(0);
    const fromProfile = json<{ projectKey: string; region: string }>(
      await h.run(['whoami', '--profile', 'second', '--json'], env),
    );
    expect(fromProfile).toMatchObject({ projectKey: 'other-project', region: 'us-central1.gcp' });
    const fromEnv = json<{ projectKey: string; region: string }>(
      await h.run(['whoami', '--profile', 'second', '--json'], { ...env, CTP_REGION: 'eu-central-1.aws' }),
    );
    expect(fromEnv.region).toBe('eu-central-1.aws');
    const fromFlag = json<{ region: string }>(
      await h.run(['whoami', '--profile', 'second', '--region', 'us-east-2.aws', '--json'], {
        ...env,
        CTP_REGION: 'eu-central-1.aws',
      }),
    );
    expect(fromFlag.region).toBe('us-east-2.aws');
    const unknown = await h.run(['whoami', '--profile', 'nope'], env);
    expect(unknown.exitCode).toBe(2);
    expect(unknown.stderr).toContain('[PROFILE_NOT_FOUND]');
    expect(unknown.stderr).toContain('second');
  });

  it('caches the token between runs and gets a new one after a 401', async () => {
    const env = { ...h.ciEnv, CONNECT_CONFIG_DIR: join(h.dir, 'cache-config') };
    const before = tokenRequests();
    expect((await h.run(['connectors', 'list', '--json'], env)).exitCode).toBe(0);
    expect((await h.run(['connectors', 'list', '--json'], env)).exitCode).toBe(0);
    expect(tokenRequests() - before).toBe(1);

    h.fake.expireTokens();
    const refreshed = await h.run(['connectors', 'list', '--json'], env);
    expect(refreshed.exitCode, refreshed.stderr).toBe(0);
    expect(tokenRequests() - before).toBe(2);
  });

  it('refreshes a token shortly before it expires', async () => {
    const env = { ...h.ciEnv, CONNECT_CONFIG_DIR: join(h.dir, 'expiry-config') };
    h.fake.tokenLifetimeSeconds = 4;
    try {
      const before = tokenRequests();
      const firstRequest = h.fake.requests.length;
      expect((await h.run(['staged', 'list', '--json'], env)).exitCode).toBe(0);
      // Past 90 % of the lifetime the cached token is no longer used.
      await new Promise((resolve) => setTimeout(resolve, 4_000));
      expect((await h.run(['staged', 'list', '--json'], env)).exitCode).toBe(0);
      expect(tokenRequests() - before).toBe(2);
      // Every API call carried a token the server accepted: no 401 answers at all.
      expect(h.fake.requests.slice(firstRequest).filter((req) => req.status === 401)).toHaveLength(0);
    } finally {
      h.fake.tokenLifetimeSeconds = 3600;
    }
  });

  it('names the missing scope when the API client lacks it', async () => {
    h.fake.addClient({
      id: 'narrow',
      secret: 'narrow-secret-value',
      scopes: [`manage_connectors:${PROJECT}`],
    });
    const result = await h.run(['deployments', 'list'], {
      ...h.ciEnv,
      CTP_CLIENT_ID: 'narrow',
      CTP_CLIENT_SECRET: 'narrow-secret-value',
    });
    expect(result.exitCode).toBe(1);
    expect(result.stderr).toContain('[AUTHORIZATION_ERROR]');
    expect(result.stderr).toContain(`manage_connectors_deployments:${PROJECT}`);
    expect(result.stderr).toContain('Try:');
  });

  it('accepts CTP_CLI_CONNECT_API_URL, the platform CLI name, for the API host', async () => {
    const env = { ...h.ciEnv, CTP_CONNECT_API_URL: '', CTP_CLI_CONNECT_API_URL: h.fake.url };
    const result = await h.run(['whoami', '--json'], env);
    expect(result.exitCode, result.stderr).toBe(0);
    expect(json<{ apiUrl: string }>(result).apiUrl).toBe(h.fake.url);
  });
});
