/**
 * The schedule of a job application (`properties.schedule` in connect.yaml): strict validation,
 * next fire times (UTC) and a plain-words description.
 *
 * Accepted forms (see ../shared/reference/connect-yaml.md):
 * - 5 fields: minute hour day-of-month month day-of-week (unix cron, as Cloud Scheduler reads it)
 * - 6 fields: SECOND minute hour day-of-month month day-of-week. The extra field comes first and
 *   is seconds, as robfig/cron (`cron.WithSeconds()`, the Go scheduler whose `@every` syntax the
 *   platform borrows), Quartz and cron-parser all read it; no scheduler reads a trailing year in
 *   a 6-field expression.
 * - 7 fields: second minute hour day-of-month month day-of-week YEAR (Quartz order), years
 *   1970-2099.
 * - items: numbers, `*`, lists `1,2`, ranges `1-5`, steps `*\/5`, `1-30/5`, `5/15` (= 5-max/15).
 *   No month or day names, no `?`, `L`, `W`, `#`, `H`: the platform rejects them.
 * - macros `@yearly @annually @monthly @weekly @daily @hourly @reboot`, and `@every <duration>`
 *   with Go units (`ns us µs ms s m h`, integers only, e.g. `@every 1h30m`).
 *
 * Semantics follow robfig/cron: day-of-week 0 and 7 are Sunday; when day-of-month or day-of-week
 * starts with `*` (without a step > 1) a day must match both fields, otherwise either. Times are UTC.
 *
 * Deliberately without a cron library: cron-parser (and its luxon dependency) costs ~40 ms to
 * import, which `connect validate --json` would pay on every run. The unit tests check
 * `nextFireTimes` against cron-parser on thousands of random expressions.
 */

export interface ScheduleProblem {
  /** The field at fault: second, minute, hour, day-of-month, month, day-of-week, year, duration. */
  field?: string;
  message: string;
}

export type ScheduleValidation =
  { ok: true; warnings?: ScheduleProblem[] } | { ok: false; problems: ScheduleProblem[] };

export const SCHEDULE_MACROS = [
  '@yearly',
  '@annually',
  '@monthly',
  '@weekly',
  '@daily',
  '@hourly',
  '@reboot',
] as const;

const MACRO_EXPANSIONS: Record<string, string> = {
  '@yearly': '0 0 0 1 1 *',
  '@annually': '0 0 0 1 1 *',
  '@monthly': '0 0 0 1 * *',
  '@weekly': '0 0 0 * * 0',
  '@daily': '0 0 0 * * *',
  '@hourly': '0 0 * * * *',
};

interface FieldSpec {
  name: string;
  min: number;
  max: number;
}

const SECOND: FieldSpec = { name: 'second', min: 0, max: 59 };
const MINUTE: FieldSpec = { name: 'minute', min: 0, max: 59 };
const HOUR: FieldSpec = { name: 'hour', min: 0, max: 23 };
const DAY_OF_MONTH: FieldSpec = { name: 'day-of-month', min: 1, max: 31 };
const MONTH: FieldSpec = { name: 'month', min: 1, max: 12 };
// 7 is accepted as Sunday (unix cron, Cloud Scheduler); it is folded into 0 when matching.
const DAY_OF_WEEK: FieldSpec = { name: 'day-of-week', min: 0, max: 7 };
const YEAR: FieldSpec = { name: 'year', min: 1970, max: 2099 };

const LAYOUTS: Record<number, FieldSpec[]> = {
  5: [MINUTE, HOUR, DAY_OF_MONTH, MONTH, DAY_OF_WEEK],
  6: [SECOND, MINUTE, HOUR, DAY_OF_MONTH, MONTH, DAY_OF_WEEK],
  7: [SECOND, MINUTE, HOUR, DAY_OF_MONTH, MONTH, DAY_OF_WEEK, YEAR],
};

const MONTH_NAMES = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];
const DAY_NAMES = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'];
const MONTH_WORDS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];
const DAY_WORDS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

/** One parsed field: which values it admits, and the raw text (for descriptions). */
interface CronField {
  spec: FieldSpec;
  raw: string;
  /** allowed[v - spec.min] */
  allowed: boolean[];
  /** robfig's "star bit": the field starts with `*` and has no step above 1. */
  star: boolean;
}

export type ParsedSchedule =
  | {
      kind: 'cron';
      source: string;
      second: CronField;
      minute: CronField;
      hour: CronField;
      dayOfMonth: CronField;
      month: CronField;
      dayOfWeek: CronField;
      year?: CronField;
      /** Number of fields the user wrote (5, 6 or 7); macros count as 6. */
      fieldCount: number;
      macro?: string;
    }
  | { kind: 'every'; source: string; durationMs: number; effectiveMs: number }
  | { kind: 'reboot'; source: string };

export type ParseResult =
  | { ok: true; schedule: ParsedSchedule; warnings: ScheduleProblem[] }
  | { ok: false; problems: ScheduleProblem[] };

/** Validates a schedule strictly: the platform's forms only, and only schedules that can fire. */
export function validateSchedule(schedule: string): ScheduleValidation {
  const result = parseSchedule(schedule);
  if (!result.ok) return { ok: false, problems: result.problems };
  return result.warnings.length > 0 ? { ok: true, warnings: result.warnings } : { ok: true };
}

/** Parses a schedule; the result carries everything nextFireTimes and describeSchedule need. */
export function parseSchedule(schedule: string, now: Date = new Date()): ParseResult {
  if (typeof schedule !== 'string') {
    return { ok: false, problems: [{ message: 'the schedule must be a string' }] };
  }
  const text = schedule.trim();
  if (text === '') {
    return {
      ok: false,
      problems: [
        { message: 'the schedule is empty; write a cron expression such as "0 * * * *" or "@daily"' },
      ],
    };
  }
  if (text.length > MAX_SCHEDULE_LENGTH) {
    return {
      ok: false,
      problems: [
        {
          message: `the schedule is ${text.length} characters long; a schedule needs far fewer (at most ${MAX_SCHEDULE_LENGTH})`,
        },
      ],
    };
  }
  if (text.startsWith('@')) return parseMacro(text);
  return parseCron(text, now);
}

function parseMacro(text: string): ParseResult {
  if (text === '@reboot') {
    return {
      ok: true,
      schedule: { kind: 'reboot', source: text },
      warnings: [
        {
          message:
            '@reboot is accepted by the platform but its scheduler has no start-up event: the job is never triggered on a schedule',
        },
      ],
    };
  }
  const expansion = MACRO_EXPANSIONS[text];
  if (expansion !== undefined) {
    const parsed = parseCron(expansion, new Date(0));
    if (!parsed.ok || parsed.schedule.kind !== 'cron') throw new Error(`internal: bad macro ${text}`);
    return { ok: true, schedule: { ...parsed.schedule, source: text, macro: text }, warnings: [] };
  }
  const every = /^@every(?=\s|$)(\s*)(.*)$/s.exec(text);
  if (every) {
    const [, space = '', rest = ''] = every;
    if (space !== ' ') {
      return {
        ok: false,
        problems: [
          {
            field: 'duration',
            message:
              rest === ''
                ? '@every needs a duration, e.g. "@every 1h30m"'
                : 'write exactly one space between @every and the duration, e.g. "@every 1h30m"',
          },
        ],
      };
    }
    return parseEvery(text, rest);
  }
  const lower = text.toLowerCase();
  const known = [...SCHEDULE_MACROS, '@every'];
  const match = known.find((macro) => macro === lower || macro === lower.split(/\s/)[0]);
  const hint = match
    ? `macros are lower case: write "${match}"`
    : lower === '@midnight'
      ? 'the platform does not accept @midnight: write "@daily"'
      : `use one of ${known.join(', ')}`;
  return { ok: false, problems: [{ message: `unknown macro "${text.split(/\s/)[0] ?? text}": ${hint}` }] };
}

const GO_UNITS: Record<string, number> = {
  ns: 1e-6,
  us: 1e-3,
  µs: 1e-3, // U+00B5 MICRO SIGN, the one the platform's pattern names
  ms: 1,
  s: 1000,
  m: 60_000,
  h: 3_600_000,
};

// Go's time.Duration is an int64 of nanoseconds: about 292 years.
const MAX_GO_DURATION_MS = 9_223_372_036_854.775;

function parseEvery(source: string, text: string): ParseResult {
  const problem = (message: string): ParseResult => ({
    ok: false,
    problems: [{ field: 'duration', message }],
  });
  const token = /(\d+)(ns|us|µs|ms|s|m|h)/y;
  let ms = 0;
  let position = 0;
  while (position < text.length) {
    token.lastIndex = position;
    const match = token.exec(text);
    if (!match) {
      const rest = text.slice(position);
      if (/^\d+\.\d/.test(rest)) {
        return problem(
          `"${text}": the platform accepts whole numbers only; write "1h30m" rather than "1.5h"`,
        );
      }
      if (/^\d+μs/.test(rest)) {
        return problem(`"${text}": write microseconds as "us" (or "µs", the micro sign)`);
      }
      if (/^\d+$/.test(rest)) {
        return problem(`"${text}": the number ${rest} has no unit; add one of ns, us, ms, s, m, h`);
      }
      if (/^\d+[a-zA-Z]+/.test(rest)) {
        const unit = /^\d+([a-zA-Z]+)/.exec(rest)?.[1] ?? '';
        return problem(`"${text}": unknown unit "${unit}"; use ns, us, ms, s, m or h (e.g. "@every 90m")`);
      }
      return problem(
        `"${text}" is not a Go duration; write e.g. "@every 30s", "@every 5m" or "@every 1h30m"`,
      );
    }
    const [, amount = '0', unit = 'ms'] = match;
    ms += Number(amount) * (GO_UNITS[unit] ?? 0);
    position = token.lastIndex;
  }
  if (ms === 0) return problem(`"${text}" is zero: a job that repeats every 0 seconds cannot be scheduled`);
  if (ms > MAX_GO_DURATION_MS)
    return problem(`"${text}" is longer than a Go duration can hold (about 292 years)`);
  // robfig/cron's Every(): whole seconds, at least one.
  const effectiveMs = Math.max(1000, Math.floor(ms / 1000) * 1000);
  const warnings: ScheduleProblem[] =
    effectiveMs === ms
      ? []
      : [
          {
            field: 'duration',
            message: `"${text}" is not a whole number of seconds; the scheduler runs it every ${formatDuration(effectiveMs)}`,
          },
        ];
  return { ok: true, schedule: { kind: 'every', source, durationMs: ms, effectiveMs }, warnings };
}

/**
 * The platform's own schedule check (@commercetools-connect/specification 0.0.16): an unanchored
 * pattern, so it lets through almost anything that holds five simple items in a row, and it
 * refuses some valid cron (tabs or double spaces between fields, lists of ranges in the first
 * fields). A schedule must pass both it and the strict grammar above.
 */
const PLATFORM_SCHEDULE_PATTERN =
  /(@(annually|yearly|monthly|weekly|daily|hourly|reboot))|(@every (\d+(ns|us|µs|ms|s|m|h))+)|((((\d+,)+\d+|((\d+|\*)(\/|-)\d+)|\d+|\*) ?){5,7})/;

// Long inputs make the platform's pattern backtrack for a long time; no real schedule is this long.
const MAX_SCHEDULE_LENGTH = 200;

const SIMPLE_ITEM = /^(?:(?:\d+,)+\d+|(?:\d+|\*)[/-]\d+|\d+|\*)$/;

function platformRejection(text: string, fields: CronField[]): ScheduleProblem {
  if (/\t| {2}/.test(text)) {
    return {
      message: `"${text}": the platform refuses tabs and repeated spaces between fields; separate fields with one space`,
    };
  }
  const culprit = fields.find((field) => !SIMPLE_ITEM.test(field.raw));
  if (culprit) {
    const values = valuesOf(culprit);
    return {
      field: culprit.spec.name,
      message: `${culprit.spec.name} field "${culprit.raw}": the platform's schedule check refuses this combination of list, range and step here; write the values out, e.g. "${values.join(',')}"`,
    };
  }
  return { message: `"${text}" is refused by the platform's schedule check` };
}

function parseCron(text: string, now: Date): ParseResult {
  const parts = text.split(/[ \t]+/);
  const layout = LAYOUTS[parts.length];
  if (!layout) {
    const hint =
      parts.length < 5
        ? 'a cron expression has 5 fields (minute hour day-of-month month day-of-week), 6 with seconds first, or 7 with a year last'
        : 'at most 7 fields: second minute hour day-of-month month day-of-week year';
    return { ok: false, problems: [{ message: `"${text}" has ${parts.length} fields; ${hint}` }] };
  }
  const problems: ScheduleProblem[] = [];
  const warnings: ScheduleProblem[] = [];
  const fields = layout.map((spec, index) => parseField(parts[index] ?? '', spec, problems, warnings));
  if (problems.length > 0) return { ok: false, problems };

  const byName = (spec: FieldSpec): CronField | undefined => fields.find((field) => field.spec === spec);
  const secondField = byName(SECOND) ?? parseField('0', SECOND, [], []);
  const schedule: ParsedSchedule = {
    kind: 'cron',
    source: text,
    second: secondField,
    minute: byName(MINUTE) as CronField,
    hour: byName(HOUR) as CronField,
    dayOfMonth: byName(DAY_OF_MONTH) as CronField,
    month: byName(MONTH) as CronField,
    dayOfWeek: byName(DAY_OF_WEEK) as CronField,
    fieldCount: parts.length,
  };
  const year = byName(YEAR);
  if (year) schedule.year = year;

  if (!PLATFORM_SCHEDULE_PATTERN.test(text))
    return { ok: false, problems: [platformRejection(text, fields)] };
  if (nextFire(schedule, now) === undefined) {
    return { ok: false, problems: [{ message: neverFiresReason(schedule, now) }] };
  }
  return { ok: true, schedule, warnings };
}

function parseField(
  raw: string,
  spec: FieldSpec,
  problems: ScheduleProblem[],
  warnings: ScheduleProblem[],
): CronField {
  const size = spec.max - spec.min + 1;
  const allowed = new Array<boolean>(size).fill(false);
  let star = false;
  const fail = (message: string): void => {
    problems.push({ field: spec.name, message: `${spec.name} field "${raw}": ${message}` });
  };
  const before = problems.length;
  for (const item of raw.split(',')) {
    if (item === '') {
      fail('empty list item; separate values with single commas, e.g. "1,15"');
      continue;
    }
    const match = /^(\*|\d+(?:-\d+)?)(?:\/(\d+))?$/.exec(item);
    if (!match) {
      fail(explainToken(item, spec));
      continue;
    }
    const [, range = '*', stepText] = match;
    let start = spec.min;
    let end = spec.max;
    if (range !== '*') {
      const [low = '', high] = range.split('-');
      start = Number(low);
      end = high === undefined ? (stepText === undefined ? start : spec.max) : Number(high);
      const outOfRange = [start, end].filter((value) => value < spec.min || value > spec.max);
      if (outOfRange.length > 0) {
        fail(`${outOfRange[0]} is out of range; the ${spec.name} is ${spec.min}-${spec.max}`);
        continue;
      }
      if (start > end) {
        fail(`the range ${start}-${end} runs backwards; write the smaller value first (${end}-${start})`);
        continue;
      }
    }
    let step = 1;
    if (stepText !== undefined) {
      step = Number(stepText);
      if (step === 0) {
        fail('a step of 0 never advances; use a step of 1 or more (e.g. "*/5")');
        continue;
      }
      if (step > end - start && end > start) {
        warnings.push({
          field: spec.name,
          message: `${spec.name} field "${raw}": the step ${step} is larger than the range, so it only matches ${start}`,
        });
      }
    }
    if (range === '*' && step === 1) star = true;
    for (let value = start; value <= end; value += step) allowed[value - spec.min] = true;
  }
  if (spec === DAY_OF_WEEK && problems.length === before) {
    // Sunday is both 0 and 7.
    if (allowed[7]) allowed[0] = true;
    allowed[7] = allowed[0] ?? false;
  }
  return { spec, raw, allowed, star };
}

function explainToken(item: string, spec: FieldSpec): string {
  const upper = item.toUpperCase();
  const names = spec === MONTH ? MONTH_NAMES : spec === DAY_OF_WEEK ? DAY_NAMES : [];
  const named = names.find((name) => upper.includes(name));
  if (named) {
    const number = spec === MONTH ? MONTH_NAMES.indexOf(named) + 1 : DAY_NAMES.indexOf(named);
    return `names are not accepted by the platform; use numbers (${named} = ${number})`;
  }
  if (/[A-Za-z]/.test(item) && (spec === MONTH || spec === DAY_OF_WEEK) && /^[A-Za-z]{3}/.test(item)) {
    return `"${item}" is not a ${spec.name}; use numbers ${spec.min}-${spec.max}`;
  }
  if (item.includes('?')) return '"?" is Quartz syntax the platform rejects; write "*"';
  if (/^\d*L$|^L/.test(upper) || upper.includes('LW')) {
    return '"L" (last day) is not accepted by the platform; list the days explicitly';
  }
  if (/^\d+W$/.test(upper))
    return '"W" (nearest weekday) is not accepted by the platform; list the days explicitly';
  if (item.includes('#'))
    return '"#" (nth weekday) is not accepted by the platform; use a day-of-month range with a weekday';
  if (upper.startsWith('H')) return '"H" (hashed value) is not accepted by the platform; pick a number';
  if (/^-\d/.test(item)) return 'negative values are not allowed';
  if (/^\*-/.test(item)) return '"*" cannot start a range; write "a-b" with numbers';
  if (/\/\D|\/$/.test(item)) return 'a step must be a whole number, e.g. "*/5"';
  if (/^\d+\.\d+/.test(item)) return 'values are whole numbers';
  return `unknown token "${item}"; use numbers, "*", lists "1,2", ranges "1-5" and steps "*/5"`;
}

// ---------------------------------------------------------------------------------------------
// Next fire times

const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function has(field: CronField, value: number): boolean {
  return field.allowed[value - field.spec.min] === true;
}

function isLeap(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

function daysIn(year: number, month: number): number {
  return month === 2 ? (isLeap(year) ? 29 : 28) : (DAYS_IN_MONTH[month - 1] ?? 31);
}

/** Day of the week (0 = Sunday) of a proleptic Gregorian date (Sakamoto's method). */
function weekday(year: number, month: number, day: number): number {
  const offsets = [0, 3, 2, 5, 0, 3, 5, 1, 4, 6, 2, 4];
  const y = month < 3 ? year - 1 : year;
  return (
    (y + Math.floor(y / 4) - Math.floor(y / 100) + Math.floor(y / 400) + (offsets[month - 1] ?? 0) + day) % 7
  );
}

/**
 * The first fire time strictly after `from`, or undefined if there is none: robfig/cron's Next
 * in UTC, on plain integers (no Date per step). Each step skips a whole month, day, hour, minute
 * or second that cannot match, so the first match found is the earliest. Without a year field
 * the search spans 9 years: any day-of-month/month/weekday combination that can occur does so
 * within 8 (29 February, across a skipped leap year).
 */
function nextFire(schedule: Extract<ParsedSchedule, { kind: 'cron' }>, from: Date): Date | undefined {
  const startMs = Math.floor(from.getTime() / 1000) * 1000 + 1000;
  if (!Number.isFinite(startMs)) return undefined;
  const start = new Date(startMs);
  let year = start.getUTCFullYear();
  let month = start.getUTCMonth() + 1;
  let day = start.getUTCDate();
  let hour = start.getUTCHours();
  let minute = start.getUTCMinutes();
  let second = start.getUTCSeconds();
  const yearLimit = schedule.year ? Math.min(year + 209, YEAR.max) : year + 9;
  const { dayOfMonth, dayOfWeek } = schedule;
  const either = !dayOfMonth.star && !dayOfWeek.star;

  const nextDay = (): void => {
    hour = 0;
    minute = 0;
    second = 0;
    if (++day > daysIn(year, month)) {
      day = 1;
      if (++month > 12) {
        month = 1;
        year++;
      }
    }
  };

  while (year <= yearLimit) {
    if (schedule.year && !has(schedule.year, year)) {
      year++;
      month = 1;
      day = 1;
      hour = 0;
      minute = 0;
      second = 0;
      continue;
    }
    if (!has(schedule.month, month)) {
      day = 1;
      hour = 0;
      minute = 0;
      second = 0;
      if (++month > 12) {
        month = 1;
        year++;
      }
      continue;
    }
    const dom = has(dayOfMonth, day);
    const dow = has(dayOfWeek, weekday(year, month, day));
    if (either ? !(dom || dow) : !(dom && dow)) {
      nextDay();
      continue;
    }
    if (!has(schedule.hour, hour)) {
      minute = 0;
      second = 0;
      if (++hour > 23) nextDay();
      continue;
    }
    if (!has(schedule.minute, minute)) {
      second = 0;
      if (++minute > 59) {
        minute = 0;
        if (++hour > 23) nextDay();
      }
      continue;
    }
    if (!has(schedule.second, second)) {
      if (++second > 59) {
        second = 0;
        if (++minute > 59) {
          minute = 0;
          if (++hour > 23) nextDay();
        }
      }
      continue;
    }
    return new Date(Date.UTC(year, month - 1, day, hour, minute, second));
  }
  return undefined;
}

function neverFiresReason(schedule: Extract<ParsedSchedule, { kind: 'cron' }>, now: Date): string {
  if (schedule.year) {
    const years = valuesOf(schedule.year);
    const last = years[years.length - 1] ?? 0;
    if (last < now.getUTCFullYear()) {
      return `year field "${schedule.year.raw}": ${last} is in the past, so the job would never run`;
    }
  }
  const months = valuesOf(schedule.month);
  const days = valuesOf(schedule.dayOfMonth);
  const monthWords = months.map((month) => MONTH_WORDS[month - 1]).join(', ');
  const longest = Math.max(...months.map((month) => DAYS_IN_MONTH[month - 1] ?? 31));
  if (Math.min(...days) > longest) {
    return `day-of-month "${schedule.dayOfMonth.raw}" never occurs in ${monthWords} (at most ${longest} days), so the job would never run`;
  }
  return `"${schedule.source}" matches no date${schedule.year ? ` in the years ${schedule.year.raw}` : ''}, so the job would never run`;
}

function valuesOf(field: CronField): number[] {
  const values: number[] = [];
  field.allowed.forEach((on, index) => {
    if (on) values.push(index + field.spec.min);
  });
  if (field.spec === DAY_OF_WEEK) return values.filter((value) => value !== 7);
  return values;
}

/**
 * The next `count` times (UTC) the schedule fires strictly after `from`.
 * `@every d` fires at from + k*d (k = 1..count; d as robfig/cron runs it: whole seconds, at least
 * one); `@reboot` never fires on a schedule (empty list). Throws on an invalid schedule: call
 * validateSchedule first.
 */
export function nextFireTimes(schedule: string, from: Date, count: number): Date[] {
  const parsed = parseSchedule(schedule, from);
  if (!parsed.ok) {
    throw new Error(
      `invalid schedule "${schedule}": ${parsed.problems.map((problem) => problem.message).join('; ')}`,
    );
  }
  return fireTimesOf(parsed.schedule, from, count);
}

/** nextFireTimes for an already parsed schedule. */
export function fireTimesOf(schedule: ParsedSchedule, from: Date, count: number): Date[] {
  const times: Date[] = [];
  if (schedule.kind === 'reboot' || count <= 0) return times;
  if (schedule.kind === 'every') {
    for (let k = 1; k <= count; k++) times.push(new Date(from.getTime() + k * schedule.effectiveMs));
    return times;
  }
  let cursor = from;
  while (times.length < count) {
    const next = nextFire(schedule, cursor);
    if (!next) break;
    times.push(next);
    cursor = next;
  }
  return times;
}

// ---------------------------------------------------------------------------------------------
// Descriptions

/** The schedule in plain words, e.g. "every 5 minutes", "at 02:30 UTC on Monday to Friday". */
export function describeSchedule(schedule: string): string {
  const parsed = parseSchedule(schedule);
  if (!parsed.ok) return `invalid schedule: ${parsed.problems[0]?.message ?? schedule}`;
  return describeParsed(parsed.schedule);
}

export function describeParsed(schedule: ParsedSchedule): string {
  if (schedule.kind === 'reboot') return 'once at start-up (never on a schedule)';
  if (schedule.kind === 'every') return `every ${formatDuration(schedule.effectiveMs)}`;
  switch (schedule.macro) {
    case '@hourly':
      return 'every hour, at minute 0';
    case '@daily':
      return 'every day at 00:00 UTC';
    case '@weekly':
      return 'every Sunday at 00:00 UTC';
    case '@monthly':
      return 'on day 1 of every month at 00:00 UTC';
    case '@yearly':
    case '@annually':
      return 'every year on 1 January at 00:00 UTC';
    default:
      break;
  }
  const time = describeTime(schedule);
  // "every day" only reads well after a time of day ("at 02:30 UTC every day").
  const days = describeDays(
    schedule,
    (time.startsWith('at ') && single(schedule.hour) !== undefined) || /^at \d/.test(time),
  );
  const year = schedule.year && !schedule.year.star ? `, in ${listOf(schedule.year, String)}` : '';
  return `${time}${days ? ` ${days}` : ''}${year}`;
}

function single(field: CronField): number | undefined {
  const values = valuesOf(field);
  return values.length === 1 ? values[0] : undefined;
}

function stepOf(field: CronField): number | undefined {
  const match = /^\*\/(\d+)$/.exec(field.raw);
  return match ? Number(match[1]) : undefined;
}

const pad = (value: number): string => String(value).padStart(2, '0');

function plural(value: number, unit: string): string {
  return value === 1 ? `every ${unit}` : `every ${value} ${unit}s`;
}

function describeTime(schedule: Extract<ParsedSchedule, { kind: 'cron' }>): string {
  const { second, minute, hour } = schedule;
  const s = single(second);
  const m = single(minute);
  const h = single(hour);
  const withSeconds = s !== 0;
  if (s !== undefined && m !== undefined && h !== undefined) {
    return `at ${pad(h)}:${pad(m)}${withSeconds ? `:${pad(s)}` : ''} UTC`;
  }
  if (second.star && minute.star && hour.star) return 'every second';
  const secondStep = stepOf(second);
  if (secondStep !== undefined && minute.star && hour.star) return plural(secondStep, 'second');
  const secondsPart = s === 0 ? '' : ` at second ${listOf(second, String)}`;
  if (minute.star && hour.star) return `every minute${secondsPart}`;
  const minuteStep = stepOf(minute);
  if (minuteStep !== undefined && hour.star) return `${plural(minuteStep, 'minute')}${secondsPart}`;
  if (m !== undefined && hour.star) return `every hour at minute ${m}${secondsPart}`;
  const hourStep = stepOf(hour);
  if (m !== undefined && hourStep !== undefined) {
    return `${plural(hourStep, 'hour')} at minute ${m}${secondsPart}`;
  }
  if (m !== undefined && s !== undefined) {
    const hours = valuesOf(hour);
    if (hours.length <= 6) {
      return `at ${hours.map((value) => `${pad(value)}:${pad(m)}${withSeconds ? `:${pad(s)}` : ''}`).join(', ')} UTC`;
    }
  }
  const minutes = minute.star ? 'every minute' : `at minute ${listOf(minute, String)}`;
  const hours = hour.star ? '' : ` past hour ${listOf(hour, String)} UTC`;
  return `${minutes}${hours}${secondsPart}`;
}

function describeDays(schedule: Extract<ParsedSchedule, { kind: 'cron' }>, daily: boolean): string {
  const { dayOfMonth, month, dayOfWeek } = schedule;
  const months = month.star ? '' : `in ${listOf(month, (value) => MONTH_WORDS[value - 1] ?? String(value))}`;
  const weekdays = listOf(dayOfWeek, (value) => DAY_WORDS[value] ?? String(value));
  const monthDays = `on day ${listOf(dayOfMonth, String)} of the month`;
  let days: string;
  if (dayOfMonth.star && dayOfWeek.star) days = months || !daily ? '' : 'every day';
  else if (dayOfMonth.star) days = `on ${weekdays}`;
  else if (dayOfWeek.star) days = monthDays;
  else days = `${monthDays} or on ${weekdays}`;
  return [days, months].filter(Boolean).join(' ');
}

/** A field's values as words: "1, 15", "Monday to Friday", "every 2nd from 1". */
function listOf(field: CronField, word: (value: number) => string): string {
  const values = valuesOf(field);
  const runs: string[] = [];
  let index = 0;
  while (index < values.length) {
    let end = index;
    while (end + 1 < values.length && (values[end + 1] ?? 0) === (values[end] ?? 0) + 1) end++;
    const first = values[index] ?? 0;
    const last = values[end] ?? 0;
    if (end - index >= 2) runs.push(`${word(first)} to ${word(last)}`);
    else for (let i = index; i <= end; i++) runs.push(word(values[i] ?? 0));
    index = end + 1;
  }
  if (runs.length > 6) {
    const step = /\/(\d+)$/.exec(field.raw)?.[1];
    if (step) return `every ${step}${ordinalSuffix(Number(step))} from ${word(values[0] ?? 0)}`;
  }
  return runs.length <= 1 ? (runs[0] ?? '') : `${runs.slice(0, -1).join(', ')} and ${runs[runs.length - 1]}`;
}

function ordinalSuffix(value: number): string {
  if (value % 100 >= 11 && value % 100 <= 13) return 'th';
  return ['th', 'st', 'nd', 'rd'][value % 10] ?? 'th';
}

/** A duration in words: 90 minutes -> "1 hour 30 minutes". */
export function formatDuration(ms: number): string {
  const units: [number, string][] = [
    [86_400_000, 'day'],
    [3_600_000, 'hour'],
    [60_000, 'minute'],
    [1000, 'second'],
    [1, 'millisecond'],
  ];
  const parts: string[] = [];
  let rest = ms;
  for (const [size, name] of units) {
    const amount = Math.floor(rest / size);
    if (amount > 0) {
      parts.push(`${amount} ${name}${amount === 1 ? '' : 's'}`);
      rest -= amount * size;
    }
  }
  if (parts.length === 0) return `${ms} milliseconds`;
  if (parts.length === 1 && parts[0]?.startsWith('1 ')) return parts[0].slice(2);
  return parts.join(' ');
}
