/**
 * `connect logs --follow` ends at once on Ctrl-C, even while a request waits (here: the API
 * answers 429 with Retry-After: 30, which the client honours before asking again).
 */
import { afterAll, beforeAll, expect, it } from 'vitest';

import { spawnCli } from './helpers/cli.js';
import { E2E_TIMEOUT, REPO_URL, startHarness, type Harness } from './fake-connect-api/harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
  h.fake.seedConnector(
    { key: 'payments', name: 'Payments', integrationTypes: ['psp'], creator: { email: 'a@acme.test' } },
    REPO_URL,
  );
  const result = await h.run([
    'deploy',
    '--connector',
    'payments',
    '--key',
    'follow-me',
    '--set',
    'service.CTP_REGION=europe-west1.gcp',
    '--set',
    'service.API_SECRET=s3cr3t-value',
    '--json',
  ]);
  expect(result.exitCode, result.stderr).toBe(0);
}, E2E_TIMEOUT);
afterAll(async () => h?.close());

it(
  'exits at once on Ctrl-C while a request is waiting',
  async () => {
    const child = spawnCli(['logs', 'follow-me', '--follow'], { env: h.ciEnv, cwd: h.dir });
    let out = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
    });
    for (let i = 0; i < 300 && !out.includes('log line'); i += 1)
      await new Promise((r) => setTimeout(r, 100));
    expect(out).toContain('log line');
    // From now on every logs request is told to come back in 30 s.
    h.fake.inject({ kind: '429', path: /\/logs/, times: 1000, retryAfter: 30 });
    const waiting = h.fake.requestsTo('GET', /\/logs$/).length;
    for (let i = 0; i < 100 && h.fake.requestsTo('GET', /\/logs$/).length === waiting; i += 1)
      await new Promise((r) => setTimeout(r, 100));
    const interrupted = Date.now();
    child.kill('SIGINT');
    const result = await child;
    expect(result.exitCode).toBe(0);
    // Not the 30 s of Retry-After (a loaded CI machine still needs a moment to exit).
    expect(Date.now() - interrupted).toBeLessThan(8_000);
  },
  E2E_TIMEOUT,
);
