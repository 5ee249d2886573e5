/**
 * staged, connectors, deployments and logs commands, end to end against the fake, the CI way:
 * CTP_* variables only, no TTY, --json.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { spawnCli } from './helpers/cli.js';
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
  h.fake.seedConnector(
    {
      key: 'payments',
      name: 'Payments',
      description: 'Card payments',
      integrationTypes: ['psp'],
      creator: { email: 'a@acme.test', company: 'Acme' },
    },
    REPO_URL,
  );
  h.fake.seedConnector(
    {
      key: 'taxes',
      name: 'Taxes',
      integrationTypes: ['tax'],
      creator: { email: 'b@other.test', company: 'Other' },
      private: false,
    },
    REPO_URL,
  );
  h.fake.seedStaged({
    key: 'draft-one',
    name: 'Draft one',
    creator: { email: 'a@acme.test' },
    repository: { url: REPO_URL, tag: 'v0.1.0' },
  });
});
afterAll(async () => {
  await h.close();
});

async function deployed(key: string): Promise<void> {
  const result = await h.run([
    'deploy',
    '--connector',
    'payments',
    '--key',
    key,
    '--set',
    'service.CTP_REGION=europe-west1.gcp',
    '--set',
    'service.API_SECRET=s3cr3t-value',
    '--json',
  ]);
  expect(result.exitCode, result.stderr).toBe(0);
}

describe('staged and connectors', { timeout: E2E_TIMEOUT }, () => {
  it('lists and gets staged connectors by key and by id', async () => {
    const list = await h.run(['staged', 'list', '--json']);
    expect(list.exitCode, list.stderr).toBe(0);
    const page = json<{ total: number; results: Array<{ id: string; key: string }> }>(list);
    expect(page.total).toBe(1);
    const id = page.results[0]?.id as string;
    const byId = json<{ key: string; status: string }>(await h.run(['staged', 'get', id, '--json']));
    expect(byId).toMatchObject({ key: 'draft-one', status: 'Draft' });
    expect(h.fake.requestsTo('GET', new RegExp(`^/connectors/drafts/${id}$`))).toHaveLength(1);

    const human = await h.run(['staged', 'get', 'draft-one']);
    expect(human.exitCode).toBe(0);
    expect(human.stdout).toMatch(
      /Repository\s+https:\/\/git\.example\.test\/acme\/connector\.git @ v0\.1\.0/,
    );
    expect(h.fake.requestsTo('GET', /^\/connectors\/drafts\/key=draft-one$/)).toHaveLength(1);
  });

  it('lists, searches and gets published connectors', async () => {
    const table = await h.run(['connectors', 'list']);
    expect(table.exitCode, table.stderr).toBe(0);
    expect(table.stdout).toMatch(/^KEY\s+NAME/);
    expect(table.stdout).toContain('payments');
    expect(table.stdout).toContain('taxes');

    const search = json<{ results: Array<{ key: string }> }>(
      await h.run(['connectors', 'search', 'card', '--integration-type', 'psp', '--json']),
    );
    expect(search.results.map((c) => c.key)).toEqual(['payments']);
    const query = h.fake.requestsTo('GET', /^\/connectors\/search$/).at(-1)?.query;
    expect(query?.get('text')).toBe('card');
    expect(query?.getAll('integrationTypes')).toEqual(['psp']);

    const company = json<{ results: Array<{ key: string }> }>(
      await h.run(['connectors', 'list', '--company', 'Other', '--json']),
    );
    expect(company.results.map((c) => c.key)).toEqual(['taxes']);

    const get = await h.run(['connectors', 'get', 'payments']);
    expect(get.stdout).toMatch(/service \(service\)\s+API_SECRET\s+yes\s+yes/);

    const missing = await h.run(['connectors', 'get', 'nope']);
    expect(missing.exitCode).toBe(1);
    expect(missing.stderr).toContain('[RESOURCE_NOT_FOUND]');
    expect(missing.stderr).toContain('Try: check the key or id');
    const missingJson = json<{
      error: { code: string; details: { statusCode: number; correlationId: string } };
    }>(await h.run(['connectors', 'get', 'nope', '--json']));
    expect(missingJson.error.code).toBe('RESOURCE_NOT_FOUND');
    expect(missingJson.error.details.statusCode).toBe(404);
    expect(missingJson.error.details.correlationId).toMatch(/^connect-cli\//);
  });
});

describe('deployments and logs', { timeout: E2E_TIMEOUT }, () => {
  beforeAll(async () => {
    await deployed('pay-a');
  });

  it('lists and gets deployments with applications and masked secured values', async () => {
    const list = json<{ results: Array<{ key: string; status: string }> }>(
      await h.run(['deployments', 'list', '--json']),
    );
    expect(list.results).toEqual([expect.objectContaining({ key: 'pay-a', status: 'Deployed' })]);
    const get = await h.run(['deployments', 'get', 'pay-a', '--json']);
    const deployment = json<{
      applications: Array<{
        applicationName: string;
        securedConfiguration: Array<{ key: string; value: string }>;
        topic?: string;
        schedule?: string;
      }>;
    }>(get);
    expect(
      deployment.applications.find((a) => a.applicationName === 'service')?.securedConfiguration,
    ).toEqual([{ key: 'API_SECRET', value: '****' }]);
    expect(deployment.applications.find((a) => a.applicationName === 'nightly')?.schedule).toBe('0 2 * * *');
    expect(get.stdout).not.toContain('s3cr3t-value');

    const human = await h.run(['deployments', 'get', 'pay-a']);
    expect(human.stdout).toMatch(/events\s+https:\/\/events-\S+\s+connect-\S+-events/);
    expect(human.stderr).toContain('Build succeeded');
  });

  it('prints every page of logs, filters by application and time, and returns JSON', async () => {
    const all = json<Array<{ applicationName: string; severity: string }>>(
      await h.run(['logs', 'pay-a', '--json']),
    );
    expect(all).toHaveLength(36);
    const pages = h.fake.requestsTo('GET', /\/deployments\/key=pay-a\/logs$/);
    expect(pages.length).toBeGreaterThanOrEqual(4);
    expect(pages.filter((req) => req.query.has('pageToken')).length).toBe(3);

    const service = json<Array<{ applicationName: string }>>(
      await h.run(['logs', 'pay-a', '--app', 'service', '--json']),
    );
    expect(service).toHaveLength(12);
    expect(new Set(service.map((e) => e.applicationName))).toEqual(new Set(['service']));

    const unknown = await h.run(['logs', 'pay-a', '--app', 'nope']);
    expect(unknown.exitCode).toBe(2);
    expect(unknown.stderr).toContain('[APPLICATION_NOT_FOUND]');
    expect(unknown.stderr).toMatch(/Try: pass --app with one of: .*service/);

    const future = await h.run(['logs', 'pay-a', '--since', new Date(Date.now() + 3_600_000).toISOString()]);
    expect(future.exitCode).toBe(0);
    expect(future.stderr).toContain('No log entries');

    const text = await h.run(['logs', 'pay-a', '--since', '1h']);
    expect(text.stdout.trim().split('\n')).toHaveLength(36);
    expect(text.stdout).toMatch(/\d{4}-\d\d-\d\dT\S+ INFO\s+service service log line 1/);

    const bad = await h.run(['logs', 'pay-a', '--since', 'yesterday-ish']);
    expect(bad.exitCode).toBe(2);
    expect(bad.stderr).toContain('[INVALID_TIME]');
  });

  it('--follow keeps printing new entries until interrupted', async () => {
    const child = spawnCli(['logs', 'pay-a', '--follow', '--app', 'service'], { env: h.ciEnv, cwd: h.dir });
    let out = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
    });
    const until = async (predicate: () => boolean) => {
      for (let i = 0; i < 200 && !predicate(); i += 1)
        await new Promise((resolve) => setTimeout(resolve, 100));
      return predicate();
    };
    expect(await until(() => out.includes('service log line 12'))).toBe(true);
    h.fake.addLogs('pay-a', [
      { applicationName: 'service', severity: 'ERROR', details: { message: 'a brand new line' } },
    ]);
    expect(await until(() => out.includes('a brand new line'))).toBe(true);
    child.kill('SIGINT');
    const result = await child;
    expect(result.exitCode).toBe(0);
    expect(out.match(/service log line 12\b/g)).toHaveLength(1);
  });

  it('refuses to delete without a terminal unless --yes, then undeploys and waits', async () => {
    await deployed('pay-b');
    const refused = await h.run(['deployments', 'delete', 'pay-b']);
    expect(refused.exitCode).toBe(4);
    expect(refused.stderr).toContain('--yes');
    expect(h.fake.requestsTo('DELETE', /pay-b|deployments\//)).toHaveLength(0);

    const deleted = await h.run(['deployments', 'delete', 'pay-b', '--yes', '--json']);
    expect(deleted.exitCode, deleted.stderr).toBe(0);
    expect(json(deleted)).toMatchObject({ key: 'pay-b', status: 'Undeployed', waited: true });
    expect(h.fake.findDeploymentAnywhere('pay-b')).toBeUndefined();

    const again = await h.run(['deployments', 'delete', 'pay-b', '--yes']);
    expect(again.exitCode).toBe(1);
    expect(again.stderr).toContain('[DEPLOYMENT_NOT_FOUND]');
  });

  it('sends every call with a correlation id and the project key in the path', async () => {
    const calls = h.fake.requests.filter((req) => req.path !== '/oauth/token');
    expect(calls.length).toBeGreaterThan(10);
    for (const call of calls)
      expect(call.headers['x-correlation-id']).toMatch(/^connect-cli\/[0-9a-f-]{36}$/);
    for (const call of calls.filter((req) => req.path.includes('/deployments')))
      expect(call.path.startsWith(`/${PROJECT}/deployments`)).toBe(true);
  });
});
