import { describe, expect, it } from 'vitest';

import { judge, type JudgeInput } from './verdict.js';

const base: JudgeInput = {
  statusCode: 200,
  text: '',
  durationMs: 12,
  timeoutMs: 2000,
  resourceTypeId: 'cart',
  validActions: new Set(['setCustomerEmail', 'setKey']),
};

describe('judge (what the platform makes of an extension answer)', () => {
  it('accepts an empty 200 or 201 and a list of valid actions', () => {
    expect(judge(base)).toMatchObject({
      outcome: 'accepted',
      actions: [],
      verdict: { ok: true, code: null },
    });
    const withActions = judge({
      ...base,
      statusCode: 201,
      text: '{"actions":[{"action":"setKey","key":"k"}]}',
    });
    expect(withActions).toMatchObject({ outcome: 'accepted', actions: [{ action: 'setKey', key: 'k' }] });
    expect(withActions.verdict.message).toMatch(/passes in 12 ms of 2000 ms \(1 update action/);
  });

  it('warns when an answer that passes is close to the timeout', () => {
    const close = judge({ ...base, durationMs: 1900 });
    expect(close.verdict).toMatchObject({ ok: true, code: null });
    expect(close.verdict.message).toMatch(/close to the 2000 ms timeout/);
  });

  it('fails answers slower than the timeout with ExtensionNoResponse', () => {
    const slow = judge({ ...base, durationMs: 2450 });
    expect(slow.verdict).toEqual({
      ok: false,
      code: 'ExtensionNoResponse',
      message:
        "would fail in production (ExtensionNoResponse): 2450 ms > 2000 ms timeout; the extension's timeoutInMs may be raised up to 10000 ms",
    });
    // At the 10 s maximum there is nothing to raise.
    expect(judge({ ...base, durationMs: 10_450, timeoutMs: 10_000 }).verdict.message).toBe(
      'would fail in production (ExtensionNoResponse): 10450 ms > 10000 ms timeout',
    );
    expect(
      judge({ ...base, statusCode: null, error: { kind: 'connection', message: 'ECONNREFUSED' } }).failure
        ?.code,
    ).toBe('ExtensionNoResponse');
  });

  it('passes the errors of a 400 through, when they use platform error codes', () => {
    const rejected = judge({
      ...base,
      statusCode: 400,
      text: '{"errors":[{"code":"InvalidInput","message":"no"}]}',
    });
    expect(rejected).toMatchObject({
      outcome: 'rejected',
      errors: [{ code: 'InvalidInput', message: 'no' }],
    });
    expect(rejected.verdict.ok).toBe(true);
    const custom = judge({
      ...base,
      statusCode: 400,
      text: '{"errors":[{"code":"OutOfCheese","message":"no"}]}',
    });
    expect(custom.verdict).toMatchObject({ ok: false, code: 'ExtensionBadResponse' });
    expect(custom.verdict.message).toMatch(/'OutOfCheese' is not a platform error code/);
    expect(judge({ ...base, statusCode: 400, text: '{"errors":[]}' }).failure?.code).toBe(
      'ExtensionBadResponse',
    );
  });

  it.each([
    ['a redirect', 302, ''],
    ['a server error', 500, '{"actions":[]}'],
    ['a body that is not JSON', 200, '<html>'],
    ['a JSON array', 200, '[]'],
    ['actions that are not a list', 200, '{"actions":{}}'],
    ['an action without a name', 200, '{"actions":[{"email":"x"}]}'],
  ])('calls %s ExtensionBadResponse', (_what, statusCode, text) => {
    expect(judge({ ...base, statusCode, text }).failure?.code).toBe('ExtensionBadResponse');
  });

  it('refuses more than 100 actions and actions the resource type does not have', () => {
    const many = JSON.stringify({
      actions: Array.from({ length: 101 }, () => ({ action: 'setKey', key: 'k' })),
    });
    expect(judge({ ...base, text: many }).verdict.message).toMatch(
      /101 update actions returned, at most 100/,
    );
    const wrong = judge({ ...base, text: '{"actions":[{"action":"status"}]}' });
    expect(wrong.verdict).toMatchObject({ ok: false, code: 'ExtensionUpdateActionsFailed' });
    expect(wrong.verdict.message).toMatch(/'status' is not a valid action for cart/);
  });
});
