import { createVerify, X509Certificate } from 'node:crypto';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { SnsHost } from './sns-host.js';
import { CERTIFICATE_FILE, canonicalString, snsNotification, topicArnOf } from './sns.js';

describe('SnsHost (the stand-in for sns.<region>.amazonaws.com)', () => {
  let host: SnsHost;
  const lines: string[] = [];
  const topicArn = topicArnOf('events');

  beforeAll(async () => {
    host = await SnsHost.listen({
      region: 'eu-central-1',
      warn: (text) => lines.push(`warn ${text}`),
      info: (text) => lines.push(`info ${text}`),
      applicationOf: (arn) => (arn === topicArn ? 'events' : null),
    });
  });
  afterAll(() => host.close());

  it('serves the certificate the notifications verify with', async () => {
    const response = await fetch(`${host.url}/${CERTIFICATE_FILE}`);
    expect(response.status).toBe(200);
    const pem = await response.text();
    expect(new X509Certificate(pem).subject).toBe('CN=sns.eu-central-1.amazonaws.com');
    const envelope = snsNotification({
      topicArn,
      messageId: 'm-1',
      message: '{}',
      timestamp: new Date().toISOString(),
    });
    const ok = createVerify('RSA-SHA1')
      .update(canonicalString(envelope))
      .verify(pem, envelope.Signature, 'base64');
    expect(ok).toBe(true);
  });

  it('confirms a subscription once per token, and refuses an unknown token or topic', async () => {
    const { token, confirmed } = host.expectConfirmation('events', topicArn);
    const query = (t: string, arn: string) =>
      `${host.url}/?Action=ConfirmSubscription&TopicArn=${encodeURIComponent(arn)}&Token=${t}`;
    const foreign = await fetch(query(token, topicArnOf('other')));
    expect(foreign.status).toBe(400);
    const first = await fetch(query(token, topicArn));
    expect(first.status).toBe(200);
    expect(await first.text()).toMatch(
      /<SubscriptionArn>arn:aws:sns:eu-central-1:000000000000:connect-dev-events:/,
    );
    await expect(confirmed).resolves.toMatch(/^arn:aws:sns:/);
    const again = await fetch(query(token, topicArn));
    expect(again.status).toBe(400);
    expect(await again.text()).toContain('<Code>InvalidParameter</Code>');
    expect(lines.filter((line) => line.startsWith('warn'))).toHaveLength(2);
  });

  it('answers Unsubscribe with a warning, and an unknown action with InvalidAction', async () => {
    const unsubscribe = await fetch(
      `${host.url}/?Action=Unsubscribe&SubscriptionArn=${encodeURIComponent(`${topicArn}:abc`)}`,
    );
    expect(unsubscribe.status).toBe(200);
    expect(await unsubscribe.text()).toContain('<UnsubscribeResponse');
    expect(lines.at(-1)).toContain('events called its UnsubscribeURL');
    const other = await fetch(`${host.url}/?Action=Publish`);
    expect(other.status).toBe(400);
    expect(await other.text()).toContain('<Code>InvalidAction</Code>');
  });
});
