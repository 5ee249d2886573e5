/**
 * Amazon SNS HTTP(S) notifications, as an event app on an AWS region of Connect receives them
 * (runtime.md, "AWS regions"; SNS's documented HTTP/HTTPS notification format): a POST whose
 * body is the JSON envelope `{Type: "Notification", MessageId, TopicArn, Message, Timestamp,
 * SignatureVersion, Signature, SigningCertURL, UnsubscribeURL}` with `Message` the notification
 * as a JSON string, sent with `Content-Type: text/plain; charset=UTF-8` and the
 * `x-amz-sns-*` headers.
 *
 * The signature is a real SHA1withRSA signature (SignatureVersion 1) of SNS's canonical string,
 * made with a key of this emulator process; its certificate cannot be fetched from the
 * SigningCertURL (that host is Amazon's), so apps that verify signatures must skip the check
 * locally, as they do against any SNS emulator.
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

/** SNS's canonical string for a Notification (the fields, in this order, each as "Name\nvalue\n"). */
export function canonicalString(
  envelope: Omit<SnsEnvelope, 'Signature' | 'SigningCertURL' | 'UnsubscribeURL' | 'SignatureVersion'>,
): string {
  const parts: Array<[string, string | undefined]> = [
    ['Message', envelope.Message],
    ['MessageId', envelope.MessageId],
    ['Subject', envelope.Subject],
    ['Timestamp', envelope.Timestamp],
    ['TopicArn', envelope.TopicArn],
    ['Type', envelope.Type],
  ];
  return parts
    .filter(([, value]) => value !== undefined)
    .map(([name, value]) => `${name}\n${String(value)}\n`)
    .join('');
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
  const signature = sign('sha1', Buffer.from(canonicalString(unsigned)), key()).toString('base64');
  return {
    ...unsigned,
    SignatureVersion: '1',
    Signature: signature,
    SigningCertURL: `https://sns.${region}.amazonaws.com/SimpleNotificationService-connect-dev-local.pem`,
    UnsubscribeURL: `https://sns.${region}.amazonaws.com/?Action=Unsubscribe&SubscriptionArn=${encodeURIComponent(`${input.topicArn}:${randomUUID()}`)}`,
  };
}

/** The headers SNS sends with a notification. */
export function snsHeaders(envelope: SnsEnvelope, subscriptionArn: string): Record<string, string> {
  return {
    'content-type': 'text/plain; charset=UTF-8',
    'x-amz-sns-message-type': envelope.Type,
    'x-amz-sns-message-id': envelope.MessageId,
    'x-amz-sns-topic-arn': envelope.TopicArn,
    'x-amz-sns-subscription-arn': subscriptionArn,
    'user-agent': 'Amazon Simple Notification Service Agent',
  };
}
