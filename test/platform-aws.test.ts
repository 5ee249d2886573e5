/**
 * AWS regions: `connect dev --provider aws` (the built CLI) runs an event app written the way
 * AWS event apps parse SNS; its post-deploy script subscribes CONNECT_AWS_TOPIC_ARN with an SNS
 * destination; an order created in the local API reaches it as an SNS HTTP notification and is
 * acknowledged. The app verifies every signature as SNS validators do (the certificate fetched
 * from SigningCertURL, which the emulator serves for Amazon's host), confirms a
 * SubscriptionConfirmation through its SubscribeURL and may call its UnsubscribeURL. Without the
 * flag, a CTP_REGION on AWS gets a suggestion.
 */
import { adminFetch, adminUrl as readAdminToken } from './dev-helpers.js';
import { cp, readFile } from 'node:fs/promises';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { Delivery } from '../src/emulator/events/delivery.js';
import type { PlatformInfo } from '../src/emulator/platform/local-api.js';
import { repoRoot, runCli, spawnCli, tempDir } from './helpers/cli.js';
import { apiClient } from './platform-helpers.js';

const fixture = join(repoRoot, 'test/fixtures/platform/aws-connector');
const env = { npm_config_prefer_offline: 'true', npm_config_audit: 'false', npm_config_fund: 'false' };

async function poll<T>(check: () => Promise<T | undefined | false>, timeoutMs: number): Promise<T> {
  const started = Date.now();
  for (;;) {
    const value = await check().catch(() => undefined);
    if (value) return value;
    if (Date.now() - started > timeoutMs) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

interface Received {
  contentType: string;
  topicArnHeader: string;
  messageIdHeader: string;
  envelope: Record<string, unknown>;
  notification: Record<string, unknown>;
}

async function received(dir: string): Promise<Received[]> {
  const text = await readFile(join(dir, 'events/received.jsonl'), 'utf8').catch(() => '');
  return text
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as Received);
}

describe('connect dev --provider aws (end to end)', () => {
  let dir: Awaited<ReturnType<typeof tempDir>>;
  let dev: ReturnType<typeof spawnCli>;
  let output = '';
  let adminUrl: string;
  let client: Awaited<ReturnType<typeof apiClient>>;

  beforeAll(async () => {
    dir = await tempDir('connect-aws-e2e-');
    await cp(fixture, dir.path, { recursive: true });
    dev = spawnCli(['dev', dir.path, '--no-watch', '--provider', 'aws', '--admin-port', '0'], {
      env,
      cwd: dir.path,
      all: true,
    });
    dev.all?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const status = await poll(async () => {
      const result = await runCli(['status', '--json', dir.path], { env });
      if (result.exitCode !== 0) return undefined;
      const parsed = JSON.parse(result.stdout) as {
        emulator: { adminUrl: string };
        applications: Array<{ state: string }>;
        platform?: PlatformInfo;
      };
      return parsed.applications.every((a) => a.state === 'ready') ? parsed : undefined;
    }, 150_000);
    adminUrl = status.emulator.adminUrl;
    await readAdminToken(dir.path);
    client = await apiClient(status.platform!);
    await poll(async () => (await client.get('/subscriptions')).body.total === 1, 60_000);
  }, 240_000);

  afterAll(async () => {
    if (dev) {
      dev.kill('SIGTERM');
      await dev.catch(() => undefined);
    }
    await dir?.cleanup();
  });

  it('gives the event app the AWS variables and says SNS in the log', async () => {
    const seen = JSON.parse(await readFile(join(dir.path, 'events/env.json'), 'utf8')) as Record<
      string,
      string
    >;
    expect(seen).toEqual({
      CONNECT_PROVIDER: 'AWS',
      CONNECT_SUBSCRIPTION_DESTINATION: 'SNS',
      CONNECT_AWS_TOPIC_ARN: 'arn:aws:sns:eu-central-1:000000000000:connect-dev-events',
      CTP_REGION: 'eu-central-1.aws',
    });
    expect(output).toContain('event applications receive SNS notifications');
    const subscription = (await client.get('/subscriptions')).body.results[0];
    expect(subscription.destination).toEqual({
      type: 'SNS',
      topicArn: 'arn:aws:sns:eu-central-1:000000000000:connect-dev-events',
      authenticationMode: 'IAM',
    });
  });

  it('delivers an OrderCreated as an SNS notification, which the app acknowledges', async () => {
    const cart = (await client.post('/carts', { currency: 'EUR', country: 'DE' })).body;
    const order = (
      await client.post('/orders', { cart: { typeId: 'cart', id: cart.id }, version: cart.version })
    ).body;
    const got = await poll(
      async () => (await received(dir.path)).find((r) => r.notification.type === 'OrderCreated'),
      20_000,
    );
    expect(got.contentType).toBe('text/plain; charset=UTF-8');
    expect(got.topicArnHeader).toBe('arn:aws:sns:eu-central-1:000000000000:connect-dev-events');
    expect(got.envelope).toMatchObject({
      Type: 'Notification',
      TopicArn: 'arn:aws:sns:eu-central-1:000000000000:connect-dev-events',
      SignatureVersion: '1',
      Signature: expect.stringMatching(/^[A-Za-z0-9+/]+=*$/),
      SigningCertURL: expect.stringMatching(/^https:\/\/sns\.eu-central-1\.amazonaws\.com\//),
      UnsubscribeURL: expect.stringContaining('Action=Unsubscribe'),
      Timestamp: expect.any(String),
    });
    expect(got.envelope.MessageId).toBe(got.messageIdHeader);
    expect(got.notification).toMatchObject({
      notificationType: 'Message',
      type: 'OrderCreated',
      resource: { typeId: 'order', id: order.id },
      order: { id: order.id },
    });
    // The subscription's test notification came first, through SNS as well.
    expect((await received(dir.path))[0]?.notification).toMatchObject({
      notificationType: 'ResourceCreated',
      resource: { typeId: 'subscription' },
    });
    const deliveries = await poll(async () => {
      const response = await adminFetch(`${adminUrl}/__connect/api/events/messages`);
      const list = ((await response.json()) as { messages: Delivery[] }).messages;
      const delivery = list.find((d) => d.type === 'OrderCreated');
      return delivery?.state === 'acked' ? delivery : undefined;
    }, 10_000);
    expect(deliveries.transport).toEqual({
      type: 'SNS',
      topicArn: 'arn:aws:sns:eu-central-1:000000000000:connect-dev-events',
    });
    expect(deliveries.attempts[0]?.statusCode).toBe(200);
  });

  it('triggers any Message type through SNS, and refuses an unknown one with the nearest names', async () => {
    const ok = await runCli(
      ['trigger', 'event', 'events', '--type', 'ProductStateTransition', '--path', dir.path, '--json'],
      {
        env,
      },
    );
    expect(ok.exitCode).toBe(0);
    const delivery = JSON.parse(ok.stdout) as Delivery;
    expect(delivery).toMatchObject({ state: 'acked', transport: { type: 'SNS' } });
    expect(delivery.payload).toMatchObject({
      type: 'ProductStateTransition',
      state: { typeId: 'state' },
      createdBy: { clientId: 'connect-trigger' },
    });
    const got = await poll(
      async () => (await received(dir.path)).find((r) => r.notification.type === 'ProductStateTransition'),
      10_000,
    );
    expect(got.notification.state).toEqual(delivery.payload.state);

    const refused = await runCli(
      ['trigger', 'event', 'events', '--type', 'ProductStateTransitoin', '--path', dir.path],
      {
        env,
      },
    );
    expect(refused.exitCode).toBe(2);
    expect(refused.stderr).toContain('UNKNOWN_MESSAGE_TYPE');
    expect(refused.stderr).toContain('did you mean ProductStateTransition');
    expect(refused.stderr).not.toMatch(/\n\s+at /);
  });

  it('sends a SubscriptionConfirmation the app confirms through the SubscribeURL, signed like SNS', async () => {
    const result = await runCli(
      ['trigger', 'event', 'events', '--type', 'SubscriptionConfirmation', '--path', dir.path, '--json'],
      { env },
    );
    expect(result.stderr).toBe('');
    expect(result.exitCode).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({
      type: 'SubscriptionConfirmation',
      application: 'events',
      topicArn: 'arn:aws:sns:eu-central-1:000000000000:connect-dev-events',
      statusCode: 200,
      confirmed: true,
      subscriptionArn: expect.stringMatching(
        /^arn:aws:sns:eu-central-1:000000000000:connect-dev-events:[0-9a-f-]{36}$/,
      ),
    });
    const confirmed = JSON.parse(await readFile(join(dir.path, 'events/confirmed.json'), 'utf8')) as {
      answer: string;
    };
    // SNS's Query API answer, as the app got it from https://sns.eu-central-1.amazonaws.com.
    expect(confirmed.answer).toContain(
      '<ConfirmSubscriptionResponse xmlns="http://sns.amazonaws.com/doc/2010-03-31/">',
    );
    expect(output).toContain('events: confirmed its SNS subscription');
  });

  it('sends a fresh token each time, and refuses the confirmation on a GCP deployment', async () => {
    const again = await runCli(
      ['trigger', 'event', 'events', '--type', 'SubscriptionConfirmation', '--path', dir.path, '--json'],
      { env },
    );
    expect(JSON.parse(again.stdout)).toMatchObject({ confirmed: true });
    const gcp = await tempDir('connect-aws-gcp-');
    try {
      await cp(fixture, gcp.path, { recursive: true });
      const dev2 = spawnCli(['dev', gcp.path, '--no-watch', '--no-scripts', '--admin-port', '0'], {
        env,
        cwd: gcp.path,
      });
      try {
        await poll(
          async () => (await runCli(['status', '--json', gcp.path], { env })).exitCode === 0,
          60_000,
        );
        const refused = await runCli(
          ['trigger', 'event', 'events', '--type', 'SubscriptionConfirmation', '--path', gcp.path],
          { env },
        );
        expect(refused.exitCode).not.toBe(0);
        expect(refused.stderr).toContain('NOT_AN_AWS_DEPLOYMENT');
        expect(refused.stderr).toContain('--provider aws');
        expect(refused.stderr).not.toMatch(/\n\s+at /);
      } finally {
        dev2.kill('SIGTERM');
        await dev2.catch(() => undefined);
      }
    } finally {
      await gcp.cleanup();
    }
  });

  it('says so when an app calls its UnsubscribeURL', async () => {
    const result = await runCli(
      ['trigger', 'event', 'events', '--type', 'ProductSelectionCreated', '--path', dir.path, '--json'],
      { env },
    );
    expect(result.exitCode).toBe(0);
    await poll(async () => output.includes('events called its UnsubscribeURL'), 10_000);
    expect(output).toContain('the emulator keeps delivering');
  });
});
