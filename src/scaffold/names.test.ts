import { describe, expect, it } from 'vitest';

import { endpointProblem, nameProblem, scheduleProblem } from './names.js';

describe('the connect.yaml rules for names, endpoints and schedules', () => {
  it('accepts 2-256 characters of letters, digits, - and _', () => {
    expect(nameProblem('ab')).toBeUndefined();
    expect(nameProblem('My_app-2')).toBeUndefined();
    expect(nameProblem('a'.repeat(256))).toBeUndefined();
    expect(nameProblem('a')).toMatch(/at least 2/);
    expect(nameProblem('a'.repeat(257))).toMatch(/at most 256/);
    expect(nameProblem('../x')).toMatch(/only contain/);
    expect(nameProblem('a b')).toMatch(/only contain/);
  });

  it('checks endpoints', () => {
    expect(endpointProblem('/service')).toBeUndefined();
    expect(endpointProblem('service/v1')).toBeUndefined();
    expect(endpointProblem('')).toMatch(/empty/);
    expect(endpointProblem('/a//b')).toMatch(/"\/\/"/);
    expect(endpointProblem('/a?b')).toMatch(/only contain/);
  });

  it('accepts the schedules the platform runs and says why others are wrong', () => {
    for (const ok of ['0 * * * *', '*/5 1-3 * * 1,3', '0 0 0 1 1 *', '@daily', '@every 1h30m']) {
      expect(scheduleProblem(ok), ok).toBeUndefined();
    }
    expect(scheduleProblem('0 0 * * MON')).toMatch(/day-of-week field "MON": names are not accepted/);
    expect(scheduleProblem('99 * * * *')).toMatch(/out of range/);
    expect(scheduleProblem('*/0 * * * *')).toMatch(/step of 0/);
    expect(scheduleProblem('* * * *')).toMatch(/4 fields/);
    expect(scheduleProblem('0 0 30 2 *')).toMatch(/never occurs/);
  });
});
