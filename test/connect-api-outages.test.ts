/**
 * Remote waits under short outages, against the fake Connect API: a streak of 500s, 429s or
 * 401s while a deployment goes on does not end the wait (it keeps waiting until --timeout with
 * backoff, and says what happened); a DELETE whose answer was lost is sent again, and the
 * platform's DeploymentInvalidStatusTransition for it means the undeploy is under way: success.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { E2E_TIMEOUT, json, REPO_URL, startHarness, type Harness } from './fake-connect-api/harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ stepMs: 400 });
  h.fake.seedConnector(
    {
      key: 'payments',
      name: 'Payments',
      integrationTypes: ['psp'],
      creator: { email: 'a@acme.test', company: 'Acme' },
    },
    REPO_URL,
  );
});
afterAll(async () => {
  await h.close();
});

const DEPLOY = [
  '--connector',
  'payments',
  '--set',
  'service.CTP_REGION=europe-west1.gcp',
  '--set',
  'service.API_SECRET=s3cr3t-value',
];

describe('remote waits under short outages', { timeout: E2E_TIMEOUT }, () => {
  it.each(['500', '429', '401'] as const)(
    'keeps waiting through a streak of %s answers to the status reads',
    async (kind) => {
      const key = `outage-${kind}`;
      // Every status read of this deployment fails for a while (far more than the client's own retries).
      h.fake.inject({ kind, method: 'GET', path: /\/deployments\/[0-9a-f-]{36}$/, times: 8, retryAfter: 0 });
      const result = await h.run(['deploy', ...DEPLOY, '--key', key, '--timeout', '5m', '--json']);
      if (result.exitCode !== 0) throw new Error(`exit ${result.exitCode}: ${result.stdout}${result.stderr}`);
      expect(json<{ status: string }>(result).status).toBe('Deployed');
    },
  );

  it('treats DeploymentInvalidStatusTransition after a DELETE whose answer was lost as success', async () => {
    const deployed = await h.run(['deploy', ...DEPLOY, '--key', 'lost-answer', '--json']);
    expect(deployed.exitCode, deployed.stderr).toBe(0);
    h.fake.inject({ kind: 'drop-answer', method: 'DELETE', path: /lost-answer|deployments\// });
    const deleted = await h.run(['deployments', 'delete', 'lost-answer', '--yes', '--json']);
    if (deleted.exitCode !== 0)
      throw new Error(`exit ${deleted.exitCode}: ${deleted.stdout}${deleted.stderr}`);
    expect(json(deleted)).toMatchObject({ key: 'lost-answer', status: 'Undeployed' });
    const deletes = h.fake.requestsTo('DELETE', /deployments\//);
    expect(deletes.map((req) => req.status)).toEqual([0, 400]);
  });
});
