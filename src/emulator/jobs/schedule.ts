/**
 * When a job fires next (UTC), on top of src/spec/cron.ts (the validator's own parser, so the
 * emulator runs exactly the schedules `connect validate` accepts). `@every` keeps a steady
 * cadence from the emulator's start (as robfig/cron does); `@reboot` fires once, at start.
 */
import {
  describeParsed,
  fireTimesOf,
  parseSchedule as parseCron,
  type ParsedSchedule,
} from '../../spec/cron.js';

export type Schedule = ParsedSchedule;

/** Parses a schedule; throws with the validator's reasons when it is not valid. */
export function parseSchedule(schedule: string): Schedule {
  const result = parseCron(schedule);
  if (!result.ok) throw new Error(result.problems.map((problem) => problem.message).join('; '));
  return result.schedule;
}

export function describe(schedule: Schedule): string {
  return describeParsed(schedule);
}

/** The next `count` fire times strictly after `from`; `@every` counts from `start`. */
export function nextFireTimes(schedule: Schedule, from: Date, count: number, start: Date = from): Date[] {
  if (schedule.kind === 'every') {
    const step = schedule.effectiveMs;
    const elapsed = Math.max(0, from.getTime() - start.getTime());
    const anchor = start.getTime() + Math.floor(elapsed / step) * step;
    return fireTimesOf(schedule, new Date(anchor), count);
  }
  return fireTimesOf(schedule, from, count);
}
