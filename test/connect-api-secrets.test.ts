/**
 * Secrets never reach the terminal: the client secret given to `login`, secured values given
 * with --set or in the values file, and every access token stay out of stdout, stderr, --json
 * and the --debug trace, while the requests themselves carry them.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { CliResult } from './helpers/cli.js';
import { E2E_TIMEOUT, PROJECT, REPO_URL, startHarness, type Harness } from './fake-connect-api/harness.js';

let h: Harness;
const outputs: CliResult[] = [];
const LOGIN_SECRET = 'login-secret-9d8c7b6a5f';
const SET_SECRET = 'set-flag-secret-1a2b3c';
const FILE_SECRET = 'values-file-secret-4d5e6f';

beforeAll(async () => {
  h = await startHarness();
  h.fake.addClient({
    id: 'human',
    secret: LOGIN_SECRET,
    scopes: [`manage_connectors:${PROJECT}`, `manage_connectors_deployments:${PROJECT}`],
  });
  h.fake.seedConnector({ key: 'vault', name: 'Vault' }, REPO_URL);
});
afterAll(async () => {
  await h.close();
});

async function run(args: string[], env: Record<string, string>): Promise<CliResult> {
  const result = await h.run(args, env);
  outputs.push(result);
  return result;
}

describe('secrets', { timeout: E2E_TIMEOUT }, () => {
  it('never appear in any output or --debug trace', async () => {
    const env = { ...h.profileEnv, CONNECT_CONFIG_DIR: join(h.dir, 'secret-config') };
    const login = await run(
      [
        'login',
        '--client-id',
        'human',
        '--client-secret',
        LOGIN_SECRET,
        '--project-key',
        PROJECT,
        '--region',
        'europe-west1.gcp',
        '--debug',
      ],
      env,
    );
    expect(login.exitCode, login.stderr).toBe(0);
    // The trace is there, with the credentials masked.
    expect(login.stderr).toContain('→ POST');
    expect(login.stderr).toContain('authorization: Basic ****');
    expect(login.stderr).toContain('"access_token":"****"');

    await writeFile(
      join(h.dir, 'secret.values.yaml'),
      `applications:\n  service:\n    CTP_REGION: europe-west1.gcp\n    API_SECRET: ${FILE_SECRET}\n`,
    );
    const fromFile = await run(
      [
        'deploy',
        '--connector',
        'vault',
        '--key',
        'vault-1',
        '--values',
        join(h.dir, 'secret.values.yaml'),
        '--debug',
        '--json',
      ],
      env,
    );
    expect(fromFile.exitCode, fromFile.stderr).toBe(0);
    expect(fromFile.stderr).toContain('authorization: Bearer ****');
    expect(fromFile.stderr).toContain('"securedConfiguration":[{"key":"API_SECRET","value":"****"}]');

    const fromFlag = await run(
      [
        'deploy',
        '--connector',
        'vault',
        '--key',
        'vault-1',
        '--set',
        `service.API_SECRET=${SET_SECRET}`,
        '--debug',
      ],
      env,
    );
    expect(fromFlag.exitCode, fromFlag.stderr).toBe(0);
    await run(['deployments', 'get', 'vault-1', '--json', '--debug'], env);
    await run(['deployments', 'list', '--debug'], env);
    await run(['whoami', '--json', '--debug'], env);
    // A refused secret is not echoed either.
    const refused = await run(
      [
        'login',
        '--client-id',
        'human',
        '--client-secret',
        `${LOGIN_SECRET}-wrong`,
        '--project-key',
        PROJECT,
        '--region',
        'europe-west1.gcp',
        '--debug',
      ],
      env,
    );
    expect(refused.exitCode).toBe(1);

    // The platform did receive the real values.
    const bodies = h.fake.requests.map((req) => req.rawBody).join('\n');
    expect(bodies).toContain(FILE_SECRET);
    expect(bodies).toContain(SET_SECRET);

    const secrets = [LOGIN_SECRET, SET_SECRET, FILE_SECRET, ...h.fake.tokens.keys()];
    expect(h.fake.tokens.size).toBeGreaterThan(0);
    for (const result of outputs) {
      for (const secret of secrets) {
        expect(result.stdout).not.toContain(secret);
        expect(result.stderr).not.toContain(secret);
      }
    }
  });
});
