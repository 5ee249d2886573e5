/** The connect.yaml rules for what users type, checked before anything is written. */
import { ConnectError, ExitCode } from '../errors.js';
import { validateSchedule } from '../spec/cron.js';

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

/**
 * Why SCHEDULE is not a schedule the platform runs, or undefined: the same strict check as
 * `connect validate` (its warnings count too), so that a scaffold always validates cleanly.
 */
export function scheduleProblem(schedule: string): string | undefined {
  const result = validateSchedule(schedule);
  const problems = result.ok ? (result.warnings ?? []) : result.problems;
  return problems[0]?.message;
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
    throw new ConnectError('INVALID_SCHEDULE', `Invalid schedule for ${name}: ${problem}.`, {
      hint: 'use a cron expression such as "0 * * * *" or a macro such as @daily (--schedule)',
      exitCode: ExitCode.Usage,
    });
  }
}
