/**
 * When to redeliver an unacknowledged message: the event app's `retryPolicy` from
 * connect.yaml, or our documented default (exponential backoff 10 s -> 600 s, unlimited
 * attempts, as Pub/Sub push does).
 */
import type { RetryPolicy } from '../../spec/types.js';

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  strategy: 'exponential-backoff',
  minBackoffSeconds: 10,
  maxBackoffSeconds: 600,
};

/** Pub/Sub's acknowledgement deadline for push subscriptions. */
export const ACK_DEADLINE_MS = 10_000;
export const ACK_STATUS_CODES: ReadonlySet<number> = new Set([102, 200, 201, 202, 204]);
/** `immediate` redelivers at once; a small floor keeps a failing app from being hammered in a busy loop. */
const IMMEDIATE_DELAY_MS = 100;

/** The delay before the next attempt after `failedAttempts` failures, or null when the message is dead. */
export function nextDelayMs(policy: RetryPolicy | undefined, failedAttempts: number): number | null {
  const effective = policy ?? DEFAULT_RETRY_POLICY;
  if (effective.strategy === 'immediate') return IMMEDIATE_DELAY_MS;
  if (effective.maxAttempts !== undefined && failedAttempts >= effective.maxAttempts) return null;
  const seconds = Math.min(
    effective.maxBackoffSeconds,
    effective.minBackoffSeconds * 2 ** Math.max(0, failedAttempts - 1),
  );
  return seconds * 1000;
}

export function describePolicy(policy: RetryPolicy | undefined): string {
  const effective = policy ?? DEFAULT_RETRY_POLICY;
  if (effective.strategy === 'immediate') return 'immediate, unlimited attempts';
  return `exponential backoff ${effective.minBackoffSeconds}s -> ${effective.maxBackoffSeconds}s, ${
    effective.maxAttempts === undefined ? 'unlimited attempts' : `${effective.maxAttempts} attempts`
  }`;
}
