import { describe, expect, it } from 'vitest';

import { nextDelayMs } from './retry.js';

describe('nextDelayMs (redelivery schedule)', () => {
  it('defaults to exponential backoff from 10 s to 600 s, without a last attempt', () => {
    expect([1, 2, 3, 4, 5, 6, 7].map((n) => nextDelayMs(undefined, n))).toEqual([
      10_000, 20_000, 40_000, 80_000, 160_000, 320_000, 600_000,
    ]);
    expect(nextDelayMs(undefined, 1000)).toBe(600_000);
  });

  it('follows an exponential-backoff retryPolicy and ends after maxAttempts', () => {
    const policy = {
      strategy: 'exponential-backoff' as const,
      minBackoffSeconds: 2,
      maxBackoffSeconds: 5,
      maxAttempts: 5,
    };
    expect([1, 2, 3, 4].map((n) => nextDelayMs(policy, n))).toEqual([2000, 4000, 5000, 5000]);
    expect(nextDelayMs(policy, 5)).toBeNull();
  });

  it('redelivers at once with the immediate strategy, forever', () => {
    expect(nextDelayMs({ strategy: 'immediate' }, 1)).toBeLessThanOrEqual(100);
    expect(nextDelayMs({ strategy: 'immediate' }, 10_000)).not.toBeNull();
  });
});
