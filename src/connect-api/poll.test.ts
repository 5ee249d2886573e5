import { describe, expect, it } from 'vitest';

import { parseDuration, pollDelay, waitFor } from './poll.js';

describe('polling', () => {
  it('starts at 2 s and backs off to 30 s', () => {
    const delays = Array.from({ length: 10 }, (_, n) => pollDelay(n));
    expect(delays.slice(0, 3)).toEqual([2_000, 3_000, 4_500]);
    expect(Math.max(...delays)).toBe(30_000);
    expect(delays).toEqual([...delays].sort((a, b) => a - b));
  });

  it('reads durations', () => {
    expect(parseDuration('90s')).toBe(90_000);
    expect(parseDuration('15m')).toBe(900_000);
    expect(parseDuration('1h')).toBe(3_600_000);
    expect(parseDuration('250ms')).toBe(250);
    expect(parseDuration('45')).toBe(45_000);
    expect(() => parseDuration('soon')).toThrow(/Cannot read --timeout/);
  });

  it('reports each status change once and stops at the deadline', async () => {
    let clock = 0;
    const statuses = ['Queued', 'Deploying', 'Deploying', 'Deployed'];
    let reads = 0;
    const seen: string[] = [];
    const done = await waitFor('Queued', {
      read: async () => statuses[++reads] as string,
      done: (s) => s === 'Deployed',
      status: (s) => s,
      what: 'x',
      checkCommand: 'connect x',
      onStatus: (s) => seen.push(s),
      sleep: async (ms) => {
        clock += ms;
      },
      now: () => clock,
    });
    expect(done).toBe('Deployed');
    expect(seen).toEqual(['Queued', 'Deploying', 'Deployed']);
    expect(clock).toBe(2_000 + 3_000 + 4_500);

    clock = 0;
    await expect(
      waitFor('Queued', {
        read: async () => 'Queued',
        done: () => false,
        status: (s) => s,
        what: 'the thing',
        checkCommand: 'connect x get',
        timeoutMs: 10_000,
        sleep: async (ms) => {
          clock += ms;
        },
        now: () => clock,
      }),
    ).rejects.toMatchObject({ code: 'WAIT_TIMEOUT', hint: expect.stringContaining('connect x get') });
    expect(clock).toBe(10_000);
  });
});
