import { CronExpressionParser } from 'cron-parser';
import { describe, expect, it } from 'vitest';

import { describeSchedule, nextFireTimes, validateSchedule } from './cron.js';

const iso = (dates: Date[]): string[] => dates.map((date) => date.toISOString());

describe('validateSchedule', () => {
  it.each([
    '* * * * *',
    '*/5 * * * *',
    '0 0 * * *',
    '0 2 * * 1-5',
    '15,45 9-17 * * 1-5',
    '0 0 1,15 * *',
    '0 0 29 2 *',
    '5/15 * * * *',
    '1-30/5 * * * *',
    '0 0 * * 7',
    '0 0 * * 0',
    '30 */5 * * * *',
    '0 0 12 * * * 2099',
    '0 0 12 1 1 * 2030-2040',
    '@yearly',
    '@annually',
    '@monthly',
    '@weekly',
    '@daily',
    '@hourly',
    '@every 1h30m',
    '@every 30s',
    '@every 1h',
    '@every 100ms',
    '@every 2h45m10s',
    '  0 0 * * *  ',
    '0 0 1-5,10-15 * *',
    '*/15 */2 * * *',
  ])('accepts %j', (schedule) => {
    expect(validateSchedule(schedule).ok).toBe(true);
  });

  it('accepts @reboot with a warning that it never fires', () => {
    const result = validateSchedule('@reboot');
    expect(result).toEqual({
      ok: true,
      warnings: [expect.objectContaining({ message: expect.stringMatching(/never/) })],
    });
  });

  it.each([
    ['99 99 99 99 99', 'minute', /99 is out of range; the minute is 0-59/],
    ['*/0 * * * *', 'minute', /step of 0/],
    ['0 24 * * *', 'hour', /24 is out of range; the hour is 0-23/],
    ['0 0 0 * *', 'day-of-month', /0 is out of range; the day-of-month is 1-31/],
    ['0 0 32 * *', 'day-of-month', /32 is out of range/],
    ['0 0 * 13 *', 'month', /13 is out of range; the month is 1-12/],
    ['0 0 * 0 *', 'month', /0 is out of range/],
    ['0 0 * * 8', 'day-of-week', /8 is out of range; the day-of-week is 0-7/],
    ['0 0 * * MON', 'day-of-week', /names are not accepted by the platform; use numbers \(MON = 1\)/],
    ['0 0 * JAN *', 'month', /names are not accepted.*JAN = 1/],
    ['0 0 ? * *', 'day-of-month', /"\?" is Quartz syntax/],
    ['0 0 L * *', 'day-of-month', /"L" \(last day\)/],
    ['0 0 15W * *', 'day-of-month', /"W" \(nearest weekday\)/],
    ['0 0 * * 1#2', 'day-of-week', /"#" \(nth weekday\)/],
    ['H * * * *', 'minute', /"H" \(hashed value\)/],
    ['0 0 5-1 * *', 'day-of-month', /runs backwards.*\(1-5\)/],
    ['0 0 1,,2 * *', 'day-of-month', /empty list item/],
    ['60 * * * * *', 'second', /60 is out of range; the second is 0-59/],
    ['0 0 0 1 1 * 1969', 'year', /1969 is out of range; the year is 1970-2099/],
    ['*/x * * * *', 'minute', /step must be a whole number/],
    ['banana * * * *', 'minute', /unknown token "banana"/],
  ])('rejects %j naming the %s field', (schedule, field, message) => {
    const result = validateSchedule(schedule);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems[0]).toEqual({ field, message: expect.stringMatching(message) });
  });

  it.each([
    ['', /empty/],
    ['banana *****', /has 2 fields/],
    ['* * * *', /has 4 fields; a cron expression has 5 fields/],
    ['* * * * * * * *', /has 8 fields; at most 7 fields/],
    ['0 0 31 2 *', /day-of-month "31" never occurs in February/],
    ['0 0 30,31 2 *', /day-of-month "30,31" never occurs in February \(at most 29 days\)/],
    ['0 0 0 1 1 * 2020', /2020 is in the past/],
    ['0 0 0 29 2 * 2027', /matches no date in the years 2027/],
    ['0\t0 * * *', /separate fields with one space/],
    ['0  0 * * *', /separate fields with one space/],
    ['1'.repeat(201), /at most 200/],
    ['@midnight', /does not accept @midnight: write "@daily"/],
    ['@Daily', /macros are lower case: write "@daily"/],
    ['@fortnightly', /unknown macro "@fortnightly"/],
    ['@every', /@every needs a duration/],
    ['@every  1h', /exactly one space/],
    ['@every 1.5h', /whole numbers only/],
    ['@every 10', /has no unit/],
    ['@every 3d', /unknown unit "d"/],
    ['@every 0s', /is zero/],
    ['@every 0h0m', /is zero/],
    ['@every 3000000h', /longer than a Go duration/],
    ['@every soon', /not a Go duration/],
  ])('rejects %j', (schedule, message) => {
    const result = validateSchedule(schedule);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems[0]?.message).toMatch(message);
  });

  it('reports every bad field at once', () => {
    const result = validateSchedule('99 99 * * MON');
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems.map((problem) => problem.field)).toEqual(['minute', 'hour', 'day-of-week']);
  });

  it('warns when a step exceeds its range and when @every is not whole seconds', () => {
    expect(validateSchedule('*/90 * * * *')).toEqual({
      ok: true,
      warnings: [{ field: 'minute', message: expect.stringMatching(/only matches 0/) }],
    });
    expect(validateSchedule('@every 1500ms')).toEqual({
      ok: true,
      warnings: [{ field: 'duration', message: expect.stringMatching(/every second/) }],
    });
  });
});

describe('nextFireTimes', () => {
  const from = new Date('2026-03-14T10:17:42.500Z');

  it('fires strictly after `from`, in UTC', () => {
    expect(iso(nextFireTimes('*/5 * * * *', from, 3))).toEqual([
      '2026-03-14T10:20:00.000Z',
      '2026-03-14T10:25:00.000Z',
      '2026-03-14T10:30:00.000Z',
    ]);
    expect(iso(nextFireTimes('0 0 * * *', new Date('2026-03-14T00:00:00Z'), 1))).toEqual([
      '2026-03-15T00:00:00.000Z',
    ]);
  });

  it('reads six fields as seconds first and seven as a trailing year', () => {
    expect(iso(nextFireTimes('30 */5 * * * *', from, 2))).toEqual([
      '2026-03-14T10:20:30.000Z',
      '2026-03-14T10:25:30.000Z',
    ]);
    expect(iso(nextFireTimes('0 0 12 1 1 * 2030,2032', from, 3))).toEqual([
      '2030-01-01T12:00:00.000Z',
      '2032-01-01T12:00:00.000Z',
    ]);
  });

  it('expands the macros', () => {
    expect(iso(nextFireTimes('@hourly', from, 1))).toEqual(['2026-03-14T11:00:00.000Z']);
    expect(iso(nextFireTimes('@daily', from, 1))).toEqual(['2026-03-15T00:00:00.000Z']);
    expect(iso(nextFireTimes('@weekly', from, 1))).toEqual(['2026-03-15T00:00:00.000Z']); // a Sunday
    expect(iso(nextFireTimes('@monthly', from, 1))).toEqual(['2026-04-01T00:00:00.000Z']);
    expect(iso(nextFireTimes('@yearly', from, 1))).toEqual(['2027-01-01T00:00:00.000Z']);
    expect(nextFireTimes('@reboot', from, 3)).toEqual([]);
  });

  it('adds whole multiples of an @every duration to `from`', () => {
    expect(iso(nextFireTimes('@every 1h30m', from, 3))).toEqual([
      '2026-03-14T11:47:42.500Z',
      '2026-03-14T13:17:42.500Z',
      '2026-03-14T14:47:42.500Z',
    ]);
    expect(iso(nextFireTimes('@every 100ms', from, 1))).toEqual(['2026-03-14T10:17:43.500Z']);
  });

  it('matches either day field when both are restricted, both when one is a star', () => {
    // 2026-03-15 is a Sunday; the 1st of April 2026 is a Wednesday.
    expect(iso(nextFireTimes('0 0 1 * 1', from, 2))).toEqual([
      '2026-03-16T00:00:00.000Z',
      '2026-03-23T00:00:00.000Z',
    ]);
    expect(iso(nextFireTimes('0 0 * * 3', from, 1))).toEqual(['2026-03-18T00:00:00.000Z']);
    expect(iso(nextFireTimes('0 0 13 * 5', from, 1))).toEqual(['2026-03-20T00:00:00.000Z']);
    expect(iso(nextFireTimes('0 0 29 2 *', from, 2))).toEqual([
      '2028-02-29T00:00:00.000Z',
      '2032-02-29T00:00:00.000Z',
    ]);
  });

  it('throws on an invalid schedule', () => {
    expect(() => nextFireTimes('0 0 * * MON', from, 1)).toThrow(/names are not accepted/);
  });

  it('agrees with cron-parser on random expressions', () => {
    // A small deterministic PRNG so a failure is reproducible.
    let seed = 42;
    const random = (): number => {
      seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
      return seed / 2_147_483_648;
    };
    const int = (min: number, max: number): number => min + Math.floor(random() * (max - min + 1));
    const item = (min: number, max: number): string => {
      const a = int(min, max);
      const b = int(a, max);
      switch (int(0, 6)) {
        case 0:
          return '*';
        case 1:
          return `*/${int(1, max - min + 1)}`;
        case 2:
          return `${a}-${b}`;
        case 3:
          return `${a}-${b}/${int(1, 5)}`;
        case 4:
          return `${a},${b}`;
        default:
          return String(a);
      }
    };
    const ranges: [number, number][] = [
      [0, 59],
      [0, 59],
      [0, 23],
      [1, 31],
      [1, 12],
      [0, 7],
    ];
    let compared = 0;
    for (let run = 0; run < 1500; run++) {
      const fields = ranges.map(([min, max], index) => (index >= 3 && random() < 0.5 ? '*' : item(min, max)));
      const expression = fields.join(' ');
      const validation = validateSchedule(expression);
      if (!validation.ok) continue;
      // robfig/cron (and vixie cron) read a day field "*/1" as a star (a day must match both day
      // fields); cron-parser reads it as a restriction (either). We follow robfig.
      if (fields[3] === '*/1' || fields[5] === '*/1') continue;
      const start = new Date(Date.UTC(2026, int(0, 11), int(1, 28), int(0, 23), int(0, 59), int(0, 59)));
      let expected: string[];
      try {
        const iterator = CronExpressionParser.parse(expression, { currentDate: start, tz: 'UTC' });
        expected = [0, 1, 2].map(() => iterator.next().toDate().toISOString());
      } catch {
        continue; // cron-parser refuses some expressions we accept (e.g. */60); nothing to compare.
      }
      expect(iso(nextFireTimes(expression, start, 3)), expression).toEqual(expected);
      compared++;
    }
    expect(compared).toBeGreaterThan(1000);
  });
});

describe('describeSchedule', () => {
  it.each([
    ['* * * * *', 'every minute'],
    ['*/5 * * * *', 'every 5 minutes'],
    ['0 * * * *', 'every hour at minute 0'],
    ['30 2 * * *', 'at 02:30 UTC every day'],
    ['0 9 * * 1-5', 'at 09:00 UTC on Monday to Friday'],
    ['0 0 1,15 * *', 'at 00:00 UTC on day 1 and 15 of the month'],
    ['0 6 * 1,7 *', 'at 06:00 UTC in January and July'],
    ['15 */2 * * *', 'every 2 hours at minute 15'],
    ['0 8,12,18 * * *', 'at 08:00, 12:00, 18:00 UTC every day'],
    ['*/10 * * * * *', 'every 10 seconds'],
    ['@daily', 'every day at 00:00 UTC'],
    ['@hourly', 'every hour, at minute 0'],
    ['@every 1h30m', 'every 1 hour 30 minutes'],
    ['@every 5m', 'every 5 minutes'],
    ['@every 1h', 'every hour'],
    ['@reboot', 'once at start-up (never on a schedule)'],
  ])('%j -> %j', (schedule, words) => {
    expect(describeSchedule(schedule)).toBe(words);
  });

  it('says why an invalid schedule is invalid', () => {
    expect(describeSchedule('0 0 * * MON')).toMatch(/^invalid schedule: .*names are not accepted/);
  });
});
