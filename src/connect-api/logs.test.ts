import { describe, expect, it } from 'vitest';

import { parseWindow } from './logs.js';

describe('parseWindow', () => {
  const now = Date.parse('2026-01-31T12:00:00Z');

  it('reads durations and dates against one clock', () => {
    expect(parseWindow('2h', '1h', now)).toEqual({
      since: '2026-01-31T10:00:00.000Z',
      until: '2026-01-31T11:00:00.000Z',
    });
    expect(parseWindow(undefined, '2026-01-30T00:00:00Z', now)).toEqual({
      since: undefined,
      until: '2026-01-30T00:00:00.000Z',
    });
  });

  it('refuses a window that ends before it starts', () => {
    expect(() => parseWindow('5m', '1h', now)).toThrow(
      expect.objectContaining({ code: 'INVALID_TIME_RANGE', exitCode: 2 }),
    );
  });
});
