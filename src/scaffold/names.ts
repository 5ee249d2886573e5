/** The connect.yaml rules for what users type, checked before anything is written. */
import { ConnectError, ExitCode } from '../errors.js';

const NAME = /^[a-zA-Z0-9_-]{2,256}$/;
const ENDPOINT = /^[a-zA-Z0-9_\-/]+$/;

/** Why NAME is not a valid application name, or undefined when it is. */
export function nameProblem(name: string): string | undefined {
  if (name.length < 2) return 'must be at least 2 characters long';
  if (name.length > 256) return 'must be at most 256 characters long';
  if (!NAME.test(name)) return 'may only contain letters, digits, "-" and "_"';
  return undefined;
}

export function endpointProblem(endpoint: string): string | undefined {
  if (endpoint.trim() === '') return 'must not be empty';
  if (!ENDPOINT.test(endpoint)) return 'may only contain letters, digits, "-", "_" and "/"';
  if (endpoint.includes('//')) return 'must not contain "//"';
  return undefined;
}

const CRON_MACROS = ['@yearly', '@annually', '@monthly', '@weekly', '@daily', '@hourly'];
const CRON_RANGES: [number, number][] = [
  [0, 59],
  [0, 59],
  [0, 23],
  [1, 31],
  [1, 12],
  [0, 7],
  [1970, 2099],
];

/**
 * Why SCHEDULE is not a cron schedule the platform runs, or undefined. Accepts 5-7 numeric
 * fields (`*`, lists, ranges, steps) and the macros; no names, `?`, `L` or `W` (see
 * connect-yaml.md), so that a scaffold never fails `connect validate`.
 */
export function scheduleProblem(schedule: string): string | undefined {
  const text = schedule.trim();
  if (text === '') return 'must not be empty';
  if (CRON_MACROS.includes(text)) return undefined;
  if (/^@every \d+(\.\d+)?(ns|us|µs|ms|s|m|h)(\d+(\.\d+)?(ns|us|µs|ms|s|m|h))*$/.test(text)) return undefined;
  const fields = text.split(/\s+/);
  const offset = fields.length === 6 || fields.length === 7 ? 0 : 1;
  if (fields.length < 5 || fields.length > 7)
    return `has ${fields.length} fields; a cron schedule has 5 (e.g. "0 * * * *")`;
  for (const [index, field] of fields.entries()) {
    const [min, max] = CRON_RANGES[index + offset] ?? [0, 59];
    for (const part of field.split(',')) {
      const match = /^(\*|\d+(?:-\d+)?)(?:\/(\d+))?$/.exec(part);
      if (!match) return `field ${index + 1} "${field}" is not a number, *, list, range or step`;
      if (match[2] !== undefined && Number(match[2]) === 0)
        return `field ${index + 1} "${field}" has a step of 0`;
      const bounds = match[1] === '*' ? [] : (match[1] ?? '').split('-').map(Number);
      if (bounds.some((value) => value < min || value > max)) {
        return `field ${index + 1} "${field}" is outside ${min}-${max}`;
      }
    }
  }
  return undefined;
}

export function assertValidName(name: string, flag = '--app TYPE:NAME'): void {
  const problem = nameProblem(name);
  if (problem !== undefined) {
    throw new ConnectError('INVALID_NAME', `Application name "${name}" ${problem}.`, {
      hint: `choose a name of 2-256 letters, digits, "-" or "_" (${flag})`,
      exitCode: ExitCode.Usage,
    });
  }
}

export function assertValidEndpoint(endpoint: string, name: string): void {
  const problem = endpointProblem(endpoint);
  if (problem !== undefined) {
    throw new ConnectError('INVALID_ENDPOINT', `Endpoint "${endpoint}" of ${name} ${problem}.`, {
      hint: 'use a path such as /service (--endpoint)',
      exitCode: ExitCode.Usage,
    });
  }
}

export function assertValidSchedule(schedule: string, name: string): void {
  const problem = scheduleProblem(schedule);
  if (problem !== undefined) {
    throw new ConnectError('INVALID_SCHEDULE', `Schedule "${schedule}" of ${name} ${problem}.`, {
      hint: 'use a cron expression such as "0 * * * *" or a macro such as @daily (--schedule)',
      exitCode: ExitCode.Usage,
    });
  }
}
