/**
 * The testing library (`connect-cli/testing`) used from vitest, in this process: real apps of a
 * fixture repository, the in-process emulator's helpers, waits that say what they saw, dead
 * letters, two emulators at once, and nothing left running after stop().
 */
import { cp } from 'node:fs/promises';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { startEmulator, type ConnectEmulator } from '../src/testing/index.js';
import { repoRoot, tempDir } from './helpers/cli.js';

const fixture = join(repoRoot, 'test', 'fixtures', 'harness');
const cleanups: Array<() => Promise<void>> = [];

async function copy(): Promise<string> {
  const dir = await tempDir('connect-testing-');
  cleanups.push(dir.cleanup);
  await cp(fixture, dir.path, { recursive: true });
  return dir.path;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('startEmulator (vitest)', () => {
  let emulator: ConnectEmulator;

  beforeAll(async () => {
    emulator = await startEmulator({
      path: await copy(),
      extensions: ['service:cart:Create'],
      subscriptions: ['event:CustomerCreated,OrderCreated,PaymentCreated'],
    });
  });

  afterAll(async () => {
    await emulator?.stop();
    for (const cleanup of cleanups.splice(0)) await cleanup();
  });

  it('gives the applications with their URLs, the credentials and the environment of a test process', () => {
    expect(Object.keys(emulator.apps).sort()).toEqual(['event', 'job', 'service']);
    for (const app of Object.values(emulator.apps)) expect(app.state).toBe('ready');
    expect(emulator.url('service')).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/service$/);
    const credentials = emulator.credentials;
    expect(credentials).toMatchObject({ projectKey: 'connect-dev', region: 'europe-west1.gcp' });
    expect(credentials?.apiUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(emulator.env).toMatchObject({
      CONNECT_DEV_ADMIN_URL: emulator.adminUrl,
      CTP_PROJECT_KEY: 'connect-dev',
      CTP_CLIENT_SECRET: credentials?.clientSecret,
      CONNECT_APP_SERVICE_URL: emulator.url('service'),
      CONNECT_APP_JOB_URL: emulator.url('job'),
    });
    expect(() => emulator.url('nope')).toThrow(/nope is not an application of this emulator.*/);
  });

  it('creates a cart in the local API and sees the API Extension called, its actions applied', async () => {
    const cart = await emulator.create<{ id: string; customerEmail?: string }>('cart', { currency: 'EUR' });
    expect(cart.customerEmail).toBe('harness@example.com');
    const call = await emulator.waitForExtensionCall(
      (candidate) =>
        candidate.request.resource.typeId === 'cart' && candidate.request.resource.id === cart.id,
    );
    expect(call).toMatchObject({
      application: 'service',
      response: { statusCode: 200 },
      verdict: { ok: true },
    });
    // The app's own log line reaches the emulator through its stdout, a moment after its answer.
    let logs = '';
    for (let tries = 0; tries < 50 && !logs.includes('extension call: Create cart'); tries += 1) {
      logs = (await emulator.logs('service')).join('\n');
      if (!logs.includes('extension call: Create cart'))
        await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(logs).toContain('extension call: Create cart');
  });

  it('calls an extension directly, publishes a message and runs a job', async () => {
    const call = await emulator.callExtension('service', { resource: 'cart', action: 'Create' });
    expect(call.actions).toEqual([{ action: 'setCustomerEmail', email: 'harness@example.com' }]);

    const delivery = await emulator.publish('event', { type: 'OrderCreated' });
    expect(delivery).toMatchObject({ application: 'event', type: 'OrderCreated', state: 'acked' });

    const run = await emulator.runJob('job');
    expect(run).toMatchObject({ application: 'job', statusCode: 200, outcome: 'ok' });
    expect(await emulator.jobRuns('job')).toContainEqual(run);
  });

  it('waits for a delivery by predicate, and says what it saw when none matches', async () => {
    await emulator.request('POST', '/customers', { email: 'wait@example.com', password: 'secret-123' });
    const delivery = await emulator.waitForDelivery(
      (candidate) => candidate.type === 'CustomerCreated' && candidate.state === 'acked',
    );
    expect(delivery.application).toBe('event');

    const started = Date.now();
    const error = await emulator
      .waitForDelivery((candidate) => candidate.type === 'ProductPublished', { timeoutMs: 300 })
      .catch((caught: unknown) => caught as Error);
    expect(Date.now() - started).toBeLessThan(2000);
    expect((error as Error).message).toMatch(/^No delivery matched within 300 ms\. Saw \d+ deliveries/);
    expect((error as Error).message).toContain('CustomerCreated -> event: acked');
  });

  it('reads dead letters: a message the app refuses every time', async () => {
    await emulator.publish('event', { type: 'PaymentCreated' });
    const dead = await emulator.waitForDelivery(
      (candidate) => candidate.type === 'PaymentCreated' && candidate.state === 'dead',
      { timeoutMs: 15_000 },
    );
    expect(dead.attempts.every((attempt) => attempt.statusCode === 500)).toBe(true);
    expect((await emulator.deadLetters()).map((letter) => letter.id)).toContain(dead.id);
  }, 30_000);

  it('runs a second emulator in the same process; stop() leaves no process behind', async () => {
    const second = await startEmulator({ path: await copy(), scripts: false });
    try {
      expect(second.adminUrl).not.toBe(emulator.adminUrl);
      expect(second.url('job')).not.toBe(emulator.url('job'));
      expect((await second.runJob('job')).statusCode).toBe(200);
      // Each keeps its own record.
      expect(await second.jobRuns()).toHaveLength(1);
    } finally {
      const pids = Object.values(second.apps).map((app) => app.pid as number);
      await second.stop();
      for (const pid of pids) expect(alive(pid)).toBe(false);
    }
    // The first one is untouched.
    expect((await emulator.runJob('job')).statusCode).toBe(200);
  });

  it('refuses to start when an application cannot, with its output, and leaves nothing running', async () => {
    const root = await copy();
    const { writeFile } = await import('node:fs/promises');
    await writeFile(
      join(root, 'job', 'index.js'),
      "console.error('job: DATABASE_URL is missing');\nprocess.exit(1);\n",
    );
    const error = (await startEmulator({ path: root }).catch((caught: unknown) => caught)) as Error & {
      code: string;
    };
    expect(error.code).toBe('APP_NOT_READY');
    expect(error.message).toContain('job could not start');
    expect(error.message).toContain('job: DATABASE_URL is missing');
  });
});
