/**
 * Amazon SNS HTTP(S) notifications, as an event app on an AWS region of Connect receives them
 * (runtime.md, "AWS regions"; SNS's documented HTTP/HTTPS notification format): a POST whose
 * body is the JSON envelope `{Type: "Notification", MessageId, TopicArn, Message, Timestamp,
 * SignatureVersion, Signature, SigningCertURL, UnsubscribeURL}` with `Message` the notification
 * as a JSON string, sent with `Content-Type: text/plain; charset=UTF-8` and the
 * `x-amz-sns-*` headers.
 *
 * The signature is a real SHA1withRSA signature (SignatureVersion 1) of SNS's canonical string,
 * made with a key of this emulator process. Its certificate (self-signed, made once per run) is
 * served at the SigningCertURL through the host-redirect preload, which sends
 * `https://sns.<region>.amazonaws.com` to the emulator's stand-in for that host (./sns-host.ts):
 * apps that verify signatures the usual way (AWS's `sns-validator`: fetch the certificate, check
 * the signature) verify ours unchanged. The same host takes SubscribeURL and UnsubscribeURL.
 */
import { createPublicKey, generateKeyPairSync, randomUUID, sign, type KeyObject } from 'node:crypto';

export const LOCAL_AWS_ACCOUNT = '000000000000';
export const DEFAULT_AWS_REGION = 'eu-central-1';

export interface SnsEnvelope {
  Type: 'Notification';
  MessageId: string;
  TopicArn: string;
  Subject?: string;
  Message: string;
  Timestamp: string;
  SignatureVersion: '1';
  Signature: string;
  SigningCertURL: string;
  UnsubscribeURL: string;
}

/** The AWS region (`eu-central-1`) of a commercetools region (`eu-central-1.aws`). */
export function awsRegionOf(ctpRegion: string | undefined): string {
  const match = /^([a-z]{2}-[a-z]+-\d)\.aws$/.exec(ctpRegion ?? '');
  return match?.[1] ?? DEFAULT_AWS_REGION;
}

export function isAwsRegion(ctpRegion: string | undefined): boolean {
  return /\.aws$/.test(ctpRegion ?? '');
}

/** The SNS topic an event app's subscriptions publish to (`CONNECT_AWS_TOPIC_ARN`). */
export function topicArnOf(application: string, awsRegion = DEFAULT_AWS_REGION): string {
  return `arn:aws:sns:${awsRegion}:${LOCAL_AWS_ACCOUNT}:connect-dev-${application}`;
}

/** The region of a topic ARN (`arn:aws:sns:<region>:<account>:<name>`). */
export function regionOfTopicArn(topicArn: string): string {
  return topicArn.split(':')[3] || DEFAULT_AWS_REGION;
}

let signingKey: KeyObject | undefined;

function key(): KeyObject {
  signingKey ??= generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
  return signingKey;
}

/** The public key the signatures verify with (PEM), for tools that check them locally. */
export function signingPublicKey(): string {
  return createPublicKey(key()).export({ type: 'spki', format: 'pem' }).toString();
}

/** The file name of the signing certificate under the SNS host (as SNS names its own). */
export const CERTIFICATE_FILE = 'SimpleNotificationService-connect-dev-local.pem';

let certificate: Promise<string> | undefined;

/**
 * The X.509 certificate of the signing key (PEM), self-signed for `sns.<region>.amazonaws.com`,
 * made at the first request for it (the library that makes it loads only then).
 */
export function signingCertificate(region = DEFAULT_AWS_REGION): Promise<string> {
  certificate ??= import('selfsigned').then(async ({ default: selfsigned }) => {
    const privateKey = key();
    const notAfterDate = new Date();
    notAfterDate.setFullYear(notAfterDate.getFullYear() + 1);
    const pems = await selfsigned.generate([{ name: 'commonName', value: `sns.${region}.amazonaws.com` }], {
      algorithm: 'sha256',
      notAfterDate,
      keyPair: {
        privateKey: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
        publicKey: signingPublicKey(),
      },
    });
    return pems.cert;
  });
  return certificate;
}

function snsBase(region: string): string {
  return `https://sns.${region}.amazonaws.com`;
}

/** The fields SNS signs for each message type, in its order. */
const SIGNED_FIELDS = {
  Notification: ['Message', 'MessageId', 'Subject', 'Timestamp', 'TopicArn', 'Type'],
  SubscriptionConfirmation: [
    'Message',
    'MessageId',
    'SubscribeURL',
    'Timestamp',
    'Token',
    'TopicArn',
    'Type',
  ],
} as const;

type Signable = { Type: keyof typeof SIGNED_FIELDS } & Partial<Record<string, string>>;

/** SNS's string to sign: the type's fields present, each as "Name\nvalue\n". */
function canonical(envelope: Signable): string {
  return SIGNED_FIELDS[envelope.Type]
    .filter((name) => envelope[name] !== undefined)
    .map((name) => `${name}\n${String(envelope[name])}\n`)
    .join('');
}

function signed(envelope: Signable): string {
  return sign('sha1', Buffer.from(canonical(envelope)), key()).toString('base64');
}

export interface SnsConfirmationEnvelope {
  Type: 'SubscriptionConfirmation';
  MessageId: string;
  Token: string;
  TopicArn: string;
  Message: string;
  SubscribeURL: string;
  Timestamp: string;
  SignatureVersion: '1';
  Signature: string;
  SigningCertURL: string;
}

/**
 * The request SNS sends an HTTP endpoint when it is subscribed to a topic: the endpoint confirms
 * by visiting SubscribeURL (or calling ConfirmSubscription with the token). Signed like a
 * notification, over SNS's confirmation fields.
 */
export function snsSubscriptionConfirmation(input: {
  topicArn: string;
  token: string;
  timestamp: string;
}): SnsConfirmationEnvelope {
  const region = regionOfTopicArn(input.topicArn);
  const subscribeUrl = `${snsBase(region)}/?Action=ConfirmSubscription&TopicArn=${encodeURIComponent(input.topicArn)}&Token=${encodeURIComponent(input.token)}`;
  const unsigned = {
    Type: 'SubscriptionConfirmation' as const,
    MessageId: randomUUID(),
    Token: input.token,
    TopicArn: input.topicArn,
    Message: `You have chosen to subscribe to the topic ${input.topicArn}.\nTo confirm the subscription, visit the SubscribeURL included in this message.`,
    SubscribeURL: subscribeUrl,
    Timestamp: input.timestamp,
  };
  return {
    ...unsigned,
    SignatureVersion: '1',
    Signature: signed(unsigned),
    SigningCertURL: `${snsBase(region)}/${CERTIFICATE_FILE}`,
  };
}

/** SNS's canonical string for a Notification (the fields, in this order, each as "Name\nvalue\n"). */
export function canonicalString(
  envelope: Omit<SnsEnvelope, 'Signature' | 'SigningCertURL' | 'UnsubscribeURL' | 'SignatureVersion'>,
): string {
  return canonical(envelope);
}

export function snsNotification(input: {
  topicArn: string;
  messageId: string;
  /** The notification, serialized as the Message string. */
  message: string;
  timestamp: string;
}): SnsEnvelope {
  const region = regionOfTopicArn(input.topicArn);
  const unsigned = {
    Type: 'Notification' as const,
    MessageId: input.messageId,
    TopicArn: input.topicArn,
    Message: input.message,
    Timestamp: input.timestamp,
  };
  const signature = signed(unsigned);
  return {
    ...unsigned,
    SignatureVersion: '1',
    Signature: signature,
    SigningCertURL: `${snsBase(region)}/${CERTIFICATE_FILE}`,
    UnsubscribeURL: `${snsBase(region)}/?Action=Unsubscribe&SubscriptionArn=${encodeURIComponent(`${input.topicArn}:${randomUUID()}`)}`,
  };
}

/** The headers SNS sends with a notification. */
export function snsHeaders(
  envelope: Pick<SnsEnvelope, 'MessageId' | 'TopicArn'> & { Type: string },
  subscriptionArn?: string,
): Record<string, string> {
  return {
    'content-type': 'text/plain; charset=UTF-8',
    'x-amz-sns-message-type': envelope.Type,
    'x-amz-sns-message-id': envelope.MessageId,
    'x-amz-sns-topic-arn': envelope.TopicArn,
    ...(subscriptionArn === undefined ? {} : { 'x-amz-sns-subscription-arn': subscriptionArn }),
    'user-agent': 'Amazon Simple Notification Service Agent',
  };
}
