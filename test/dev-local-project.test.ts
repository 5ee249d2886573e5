/**
 * The local project looks like a real one to the platform's starters: credentials of the
 * platform's shape (the starters refuse other lengths at start), a project key and scopes of
 * its shape, and the credentials an app is configured with (a `.env` written for a real
 * project) accepted unedited; a wrong secret gets the platform's `invalid_client`.
 */
import { rm } from 'node:fs/promises';
import { join } from 'node:path';

import { afterEach, describe, expect, it } from 'vitest';

import { runCli } from './helpers/cli.js';
import { adminUrl, copyFixture, eventually, getJson, startDev, type DevProcess } from './dev-helpers.js';

interface Status {
  applications: { name: string; url: string; state: string }[];
  platform: {
    apiUrl: string;
    authUrl: string;
    projectKey: string;
    clientId: string;
    clientSecret: string;
    scope: string;
  };
}

interface Answer {
  tokenStatus: number;
  scope?: string;
  projectStatus?: number;
  projectKey?: string;
  error?: string;
}

async function token(
  authUrl: string,
  id: string,
  secret: string,
): Promise<{ status: number; body: unknown }> {
  const response = await fetch(`${authUrl}/oauth/token`, {
    method: 'POST',
    headers: {
      authorization: `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}`,
      'content-type': 'application/x-www-form-urlencoded',
    },
    body: 'grant_type=client_credentials',
  });
  return { status: response.status, body: await response.json() };
}

describe('connect dev: the local project and the credentials apps are configured with', () => {
  let dev: DevProcess | undefined;
  let cleanup: (() => Promise<void>) | undefined;

  afterEach(async () => {
    dev?.kill('SIGTERM');
    await dev?.catch(() => undefined);
    dev = undefined;
    await cleanup?.();
  });

  it('accepts the credentials of a .env written for a real project, and refuses a bad secret', async () => {
    const repo = await copyFixture('starter-credentials');
    cleanup = repo.cleanup;
    dev = startDev([repo.path, '--no-watch', '--no-build', '--admin-port', '0']);
    await dev.waitFor(/2\/2 applications ready/, 90_000);
    const status = await getJson<Status>(`${await adminUrl(repo.path)}/__connect/api/status`);

    // The project key of orders/.env became the local project's.
    expect(status.platform.projectKey).toBe('shop-staging');
    expect(dev.output().stderr).toMatch(
      /project shop-staging, from CTP_PROJECT_KEY; accepts the API client of orders/,
    );

    // orders uses its own .env credentials through the region-derived platform hosts.
    const orders = status.applications.find((app) => app.name === 'orders') as { url: string };
    const answer = await eventually(() => getJson<Answer>(orders.url));
    expect(answer).toEqual({
      tokenStatus: 200,
      scope: 'manage_orders:shop-staging view_products:shop-staging',
      projectStatus: 200,
      projectKey: 'shop-staging',
    });

    // nightly configures none: it runs on the emulator's own client, in the same project.
    const run = await runCli(['trigger', 'job', 'nightly', '--path', repo.path, '--json']);
    expect(run.exitCode).toBe(0);
    await dev.waitFor(/nightly: project answered 200/, 10_000, 'stdout');

    // A token without a scope asked for gets all of the client's scopes.
    const granted = await token(
      status.platform.authUrl,
      'Abcdefghijklmnopqrstuv12',
      'Abcdefghijklmnopqrstuvwxyz_-1234',
    );
    expect(granted.status).toBe(200);
    expect(granted.body).toMatchObject({ scope: 'manage_orders:shop-staging view_products:shop-staging' });

    // The right id with a wrong secret: the platform's invalid_client answer.
    const refused = await token(
      status.platform.authUrl,
      'Abcdefghijklmnopqrstuv12',
      'Abcdefghijklmnopqrstuvwxyz_-9999',
    );
    expect(refused.status).toBe(401);
    expect(refused.body).toEqual({
      statusCode: 401,
      message: 'Please provide valid client credentials using HTTP Basic Authentication.',
      errors: [
        {
          code: 'invalid_client',
          message: 'Please provide valid client credentials using HTTP Basic Authentication.',
        },
      ],
      error: 'invalid_client',
      error_description: 'Please provide valid client credentials using HTTP Basic Authentication.',
    });
    // The secret of the .env is never printed; nor its secured project key.
    const { stdout, stderr } = dev.output();
    expect(`${stdout}${stderr}`).not.toContain('Abcdefghijklmnopqrstuvwxyz_-1234');
    expect(stdout).toMatch(/orders for project \*\*\*\*/);
  }, 150_000);

  it('gives a starter that checks lengths credentials of the platform shape; --project-key names the project', async () => {
    const repo = await copyFixture('starter-credentials');
    cleanup = repo.cleanup;
    await rm(join(repo.path, 'orders', '.env'));
    dev = startDev([repo.path, '--no-watch', '--no-build', '--admin-port', '0', '--project-key', 'my-shop']);
    await dev.waitFor(/2\/2 applications ready/, 90_000);
    expect(dev.output().stderr).not.toMatch(/InvalidEnvironmentVariablesError/);
    const status = await getJson<Status>(`${await adminUrl(repo.path)}/__connect/api/status`);
    expect(status.platform.clientId).toMatch(/^[A-Za-z0-9_-]{24}$/);
    expect(status.platform.clientSecret).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(status.platform.projectKey).toBe('my-shop');
    expect(status.platform.scope).toBe('manage_project:my-shop');
    // A value the emulator supplies for a secured key is no secret: the logs show it.
    expect(dev.output().stdout).toMatch(/orders for project my-shop/);
    const orders = status.applications.find((app) => app.name === 'orders') as { url: string };
    const answer = await eventually(() => getJson<Answer>(orders.url));
    expect(answer).toEqual({
      tokenStatus: 200,
      scope: 'manage_project:my-shop',
      projectStatus: 200,
      projectKey: 'my-shop',
    });
  }, 150_000);

  it('refuses a project key of the wrong shape before starting anything', async () => {
    const repo = await copyFixture('starter-credentials');
    cleanup = repo.cleanup;
    const result = await runCli([
      'dev',
      repo.path,
      '--no-watch',
      '--admin-port',
      '0',
      '--project-key',
      'My Shop',
    ]);
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toMatch(/INVALID_LOCAL_PROJECT/);
    expect(result.stderr).toMatch(/"My Shop" is not a project key/);
    expect(result.stderr).toMatch(/Try:/);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  }, 60_000);
});
