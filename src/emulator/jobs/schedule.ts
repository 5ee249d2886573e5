/**
 * When a job fires next (UTC). Accepts what the validator accepts: 5–7 field cron, the
 * macros (@reboot fires once, at start) and `@every <Go duration>`.
 * (Issue 2's src/spec/cron.ts `nextFireTimes` is the shared parser; this adapter keeps the
 * scheduler independent of it until it lands.)
 */
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

const MACROS: Record<string, string> = {
  '@yearly': '0 0 1 1 *',
  '@annually': '0 0 1 1 *',
  '@monthly': '0 0 1 * *',
  '@weekly': '0 0 * * 0',
  '@daily': '0 0 * * *',
  '@midnight': '0 0 * * *',
  '@hourly': '0 * * * *',
};

const UNITS: Record<string, number> = {
  ns: 1e-6,
  us: 1e-3,
  µs: 1e-3,
  μs: 1e-3,
  ms: 1,
  s: 1000,
  m: 60_000,
  h: 3_600_000,
};

/** Milliseconds of a Go duration such as `1h30m` or `500ms`; undefined when invalid or zero. */
export function parseGoDuration(text: string): number | undefined {
  const pattern = /(\d+(?:\.\d+)?)(ns|us|µs|μs|ms|s|m|h)/gy;
  let total = 0;
  let consumed = 0;
  let match: RegExpExecArray | null;
  while ((match = pattern.exec(text)) !== null) {
    total += Number(match[1]) * (UNITS[match[2] as string] as number);
    consumed = pattern.lastIndex;
  }
  return consumed === text.length && text.length > 0 && total > 0 ? total : undefined;
}

export type Schedule =
  { kind: 'every'; ms: number } | { kind: 'reboot' } | { kind: 'cron'; expression: string };

export function parseSchedule(schedule: string): Schedule {
  const trimmed = schedule.trim();
  if (trimmed === '@reboot') return { kind: 'reboot' };
  if (trimmed.startsWith('@every')) {
    const ms = parseGoDuration(trimmed.slice('@every'.length).trim());
    if (ms === undefined) throw new Error(`invalid @every duration in "${schedule}"`);
    return { kind: 'every', ms };
  }
  const expression = MACROS[trimmed] ?? trimmed;
  const fields = expression.split(/\s+/);
  // 7 fields: seconds ... year; cron-parser has no year field, so drop a `*` year.
  if (fields.length === 7) {
    if (fields[6] !== '*') throw new Error(`a year field other than * is not supported: "${schedule}"`);
    fields.pop();
  }
  const normalized = fields.join(' ');
  nextCron(normalized, new Date());
  return { kind: 'cron', expression: normalized };
}

function nextCron(expression: string, from: Date): Date {
  const { CronExpressionParser } = require('cron-parser') as typeof import('cron-parser');
  return CronExpressionParser.parse(expression, { currentDate: from, tz: 'UTC', strict: false })
    .next()
    .toDate();
}

/**
 * The next `count` fire times strictly after `from`. `@every` counts from `start` (the time the
 * emulator started), as Go's cron does; `@reboot` has none after the start.
 */
export function nextFireTimes(schedule: Schedule, from: Date, count: number, start: Date = from): Date[] {
  const out: Date[] = [];
  if (schedule.kind === 'reboot') return out;
  if (schedule.kind === 'every') {
    const elapsed = from.getTime() - start.getTime();
    let next = start.getTime() + (Math.floor(elapsed / schedule.ms) + 1) * schedule.ms;
    for (let i = 0; i < count; i += 1, next += schedule.ms) out.push(new Date(next));
    return out;
  }
  let cursor = from;
  for (let i = 0; i < count; i += 1) {
    cursor = nextCron(schedule.expression, cursor);
    out.push(cursor);
  }
  return out;
}
