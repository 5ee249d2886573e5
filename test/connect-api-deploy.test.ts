/**
 * `connect deploy` end to end: values from a values file (with ${env:NAME}) and --set,
 * checked against the connector before anything is sent; create, redeploy, failure, preview.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import {
  E2E_TIMEOUT,
  json,
  PROJECT,
  REPO_URL,
  startHarness,
  type Harness,
} from './fake-connect-api/harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
  h.fake.seedConnector({ key: 'shop', name: 'Shop connector' }, REPO_URL);
});
afterAll(async () => {
  await h.close();
});

const posts = () => h.fake.requestsTo('POST', new RegExp(`^/${PROJECT}/deployments`));

describe('connect deploy', { timeout: E2E_TIMEOUT }, () => {
  it('lists every unknown application and key, and sends nothing', async () => {
    await writeFile(
      join(h.dir, 'bad.values.yaml'),
      'global:\n  NOT_GLOBAL: x\napplications:\n  service:\n    CTP_REGION: europe-west1.gcp\n    TYPO_KEY: y\n  ghost:\n    A: b\n',
    );
    const result = await h.run([
      'deploy',
      '--connector',
      'shop',
      '--values',
      'bad.values.yaml',
      '--set',
      'nightly.NOPE=1',
    ]);
    expect(result.exitCode).toBe(1);
    expect(result.stderr).toContain('[DEPLOY_VALUES_INVALID]');
    for (const text of [
      'global.NOT_GLOBAL',
      'applications.service.TYPO_KEY',
      'applications.ghost',
      '--set nightly.NOPE',
    ]) {
      expect(result.stderr).toContain(text);
    }
    expect(posts()).toHaveLength(0);
  });

  it('without a terminal, names the missing required values (exit 4)', async () => {
    const result = await h.run([
      'deploy',
      '--connector',
      'shop',
      '--set',
      'service.CTP_REGION=europe-west1.gcp',
    ]);
    expect(result.exitCode).toBe(4);
    expect(result.stderr).toContain('[DEPLOY_VALUES_MISSING]');
    expect(result.stderr).toContain('--set service.API_SECRET=...');
    expect(posts()).toHaveLength(0);
  });

  it('creates a deployment from the values file and --set, waits, and prints URLs, topic and schedule', async () => {
    await writeFile(
      join(h.dir, 'connect.values.yaml'),
      'global:\n  SHARED_FLAG: "on"\napplications:\n  service:\n    CTP_REGION: europe-west1.gcp\n    API_SECRET: ${env:SHOP_SECRET}\n',
    );
    const result = await h.run(
      ['deploy', '--connector', 'shop', '--key', 'shop-sandbox', '--set', 'nightly.BATCH_SIZE=50'],
      {
        ...h.ciEnv,
        SHOP_SECRET: 'from-the-environment-42',
      },
    );
    expect(result.exitCode, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/service\s+https:\/\/service-\S+/);
    expect(result.stdout).toMatch(/events\s+https:\/\/events-\S+\s+connect-\S+-events/);
    expect(result.stdout).toMatch(/nightly\s+https:\/\/nightly-\S+\s+0 2 \* \* \*/);
    expect(result.stderr).toMatch(/Deploying shop-sandbox: Queued/);
    expect(result.stderr).toMatch(/Deploying shop-sandbox: Deployed/);
    expect(result.stderr).toContain('Build succeeded');
    expect(result.stdout + result.stderr).not.toContain('from-the-environment-42');

    expect(posts()[0]?.body).toEqual({
      key: 'shop-sandbox',
      type: 'sandbox',
      connector: { key: 'shop' },
      region: 'europe-west1.gcp',
      configurations: [
        {
          applicationName: 'service',
          standardConfiguration: [{ key: 'CTP_REGION', value: 'europe-west1.gcp' }],
          securedConfiguration: [{ key: 'API_SECRET', value: 'from-the-environment-42' }],
        },
        { applicationName: 'events', standardConfiguration: [], securedConfiguration: [] },
        {
          applicationName: 'nightly',
          standardConfiguration: [{ key: 'BATCH_SIZE', value: '50' }],
          securedConfiguration: [],
        },
      ],
      globalConfiguration: {
        standardConfiguration: [{ key: 'SHARED_FLAG', value: 'on' }],
        securedConfiguration: [],
      },
    });
  });

  it('redeploys an existing key with the changed values, keeping the others, and can move to the newest connector', async () => {
    const before = posts().length;
    const result = await h.run(
      [
        'deploy',
        '--connector',
        'shop',
        '--key',
        'shop-sandbox',
        '--set',
        'service.LOG_LEVEL=debug',
        '--update-connector',
        '--skip-scripts',
        '--json',
      ],
      { ...h.ciEnv, SHOP_SECRET: 'from-the-environment-42' },
    );
    expect(result.exitCode, result.stderr).toBe(0);
    const deployment = json<{
      status: string;
      applications: Array<{ applicationName: string; securedConfiguration: Array<{ value: string }> }>;
    }>(result);
    expect(deployment.status).toBe('Deployed');
    expect(deployment.applications[0]?.securedConfiguration[0]?.value).toBe('****');
    const redeploy = posts().slice(before);
    expect(redeploy).toHaveLength(1);
    const body = redeploy[0]?.body as { version: number; actions: Array<Record<string, unknown>> };
    expect(redeploy[0]?.path).toMatch(new RegExp(`^/${PROJECT}/deployments/[0-9a-f-]{36}$`));
    expect(body.actions).toHaveLength(1);
    expect(body.actions[0]).toMatchObject({ action: 'redeploy', skipScripts: true, updateConnector: true });
    const service = (
      body.actions[0]?.configurationValues as Array<{
        applicationName: string;
        standardConfiguration: unknown;
      }>
    ).find((app) => app.applicationName === 'service');
    expect(service?.standardConfiguration).toEqual([
      { key: 'CTP_REGION', value: 'europe-west1.gcp' },
      { key: 'LOG_LEVEL', value: 'debug' },
    ]);
  });

  it('exits 1 with the build report when the deployment fails', async () => {
    h.fake.failNextDeploy();
    const result = await h.run(['deploy', '--connector', 'shop', '--key', 'shop-failing', '--json'], {
      ...h.ciEnv,
      SHOP_SECRET: 'x-secret-1',
    });
    expect(result.exitCode).toBe(1);
    const error = json<{
      error: { code: string; details: { status: string; report: { entries: Array<{ message: string }> } } };
    }>(result);
    expect(error.error.code).toBe('DEPLOY_FAILED');
    expect(error.error.details.status).toBe('Failed');
    expect(error.error.details.report.entries[0]?.message).toContain('npm run build exited');
  });

  it('--no-wait returns at once; --timeout stops waiting with a hint', async () => {
    const quick = await h.run(
      ['deploy', '--connector', 'shop', '--key', 'shop-nowait', '--no-wait', '--json'],
      { ...h.ciEnv, SHOP_SECRET: 'x-secret-1' },
    );
    expect(quick.exitCode, quick.stderr).toBe(0);
    expect(json<{ status: string }>(quick).status).toBe('Queued');

    // The platform takes a minute per step, so the deadline surely comes first.
    h.fake.stepMs = 60_000;
    const slow = await h
      .run(['deploy', '--connector', 'shop', '--key', 'shop-timeout', '--timeout', '100ms'], {
        ...h.ciEnv,
        SHOP_SECRET: 'x-secret-1',
      })
      .finally(() => {
        h.fake.stepMs = 150;
      });
    expect(slow.exitCode).toBe(1);
    expect(slow.stderr).toContain('[WAIT_TIMEOUT]');
    expect(slow.stderr).toContain('connect deployments get shop-timeout');
  });

  it('deploys a staged connector as a preview only once it is previewable', async () => {
    h.fake.seedStaged({
      key: 'shop-next',
      name: 'Shop next',
      creator: { email: 'a@b.co' },
      repository: { url: REPO_URL, tag: 'v2.0.0' },
    });
    const refused = await h.run(['deploy', '--connector', 'shop-next', '--staged'], {
      ...h.ciEnv,
      SHOP_SECRET: 'x-secret-1',
    });
    expect(refused.exitCode).toBe(1);
    expect(refused.stderr).toContain('[CONNECTOR_STAGED_NOT_PREVIEWABLE]');
    expect(refused.stderr).toContain('Try: run `connect publish --preview` first');

    const staged = [...h.fake.staged.values()].find((s) => s.key === 'shop-next');
    if (staged) staged.isPreviewable = 'true';
    const result = await h.run(['deploy', '--connector', 'shop-next', '--staged', '--no-wait', '--json'], {
      ...h.ciEnv,
      SHOP_SECRET: 'x-secret-1',
    });
    expect(result.exitCode, result.stderr).toBe(0);
    expect(json(result)).toMatchObject({ key: 'shop-next-preview', type: 'preview', preview: true });

    const wrongType = await h.run(['deploy', '--connector', 'shop-next', '--staged', '--type', 'production']);
    expect(wrongType.exitCode).toBe(2);
    expect(wrongType.stderr).toContain('[DEPLOY_TYPE_INVALID]');
  });
});
