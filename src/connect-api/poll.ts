/**
 * Waiting for the platform: poll with backoff (2 s growing to 30 s), report each status
 * change, and stop at a deadline (`--timeout`, default 30 min).
 */
import { ConnectError, ExitCode } from '../errors.js';
import { ConnectApiError } from './errors.js';

export const DEFAULT_TIMEOUT_MS = 30 * 60_000;
export const POLL_MIN_MS = 2_000;
export const POLL_MAX_MS = 30_000;
const POLL_FACTOR = 1.5;

export interface WaitOptions<T> {
  /** Reads the resource again. */
  read: () => Promise<T>;
  /** True when the wait is over (success or failure: the caller decides which). */
  done: (resource: T) => boolean;
  /** The status shown to the user. */
  status: (resource: T) => string;
  /** What is waited for, e.g. "deployment my-deploy to finish". */
  what: string;
  /** What to run to look again later, for the timeout message. */
  checkCommand: string;
  timeoutMs?: number | undefined;
  onStatus?: ((status: string, resource: T) => void) | undefined;
  sleep?: ((ms: number) => Promise<void>) | undefined;
  now?: (() => number) | undefined;
  intervals?: { minMs: number; maxMs: number } | undefined;
  /** Told of a short outage (5xx, 429, 401, network) the wait rides out; default: onStatus. */
  onOutage?: ((message: string) => void) | undefined;
}

/**
 * An error a wait rides out: the Connect API or the network failing for a while (the HTTP client
 * already retried a few times), while the deployment goes on regardless.
 */
export function isOutage(error: unknown): boolean {
  if (error instanceof ConnectApiError) {
    return error.statusCode >= 500 || error.statusCode === 429 || error.statusCode === 401;
  }
  return error instanceof ConnectError && error.code === 'NETWORK_ERROR';
}

/** The delay before poll number `n` (0-based): 2 s, 3 s, 4.5 s, ... up to 30 s. */
export function pollDelay(n: number, minMs = POLL_MIN_MS, maxMs = POLL_MAX_MS): number {
  return Math.min(maxMs, Math.round(minMs * POLL_FACTOR ** n));
}

export async function waitFor<T>(initial: T, options: WaitOptions<T>): Promise<T> {
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const deadline = now() + (options.timeoutMs ?? DEFAULT_TIMEOUT_MS);
  const { minMs, maxMs } = options.intervals ?? { minMs: POLL_MIN_MS, maxMs: POLL_MAX_MS };
  let resource = initial;
  let status = options.status(resource);
  options.onStatus?.(status, resource);
  for (let n = 0; !options.done(resource); n += 1) {
    const left = deadline - now();
    if (left <= 0) {
      throw new ConnectError(
        'WAIT_TIMEOUT',
        `Stopped waiting for ${options.what} after ${formatDuration(options.timeoutMs ?? DEFAULT_TIMEOUT_MS)}; last status: ${status}.`,
        {
          hint: `it goes on on the platform: check with \`${options.checkCommand}\`, or wait longer with --timeout`,
          details: { status },
        },
      );
    }
    await sleep(Math.min(pollDelay(n, minMs, maxMs), left));
    try {
      resource = await options.read();
    } catch (error) {
      // Keep waiting (with the same backoff) until the deadline; say what happened.
      if (!isOutage(error) || deadline - now() <= 0) throw error;
      const message = `${(error as Error).message.split('\n')[0]}; still waiting for ${options.what} (until --timeout)`;
      if (options.onOutage) options.onOutage(message);
      else options.onStatus?.(`${status} (${message})`, resource);
      continue;
    }
    const next = options.status(resource);
    if (next !== status) {
      status = next;
      options.onStatus?.(status, resource);
    }
  }
  return resource;
}

/** Parses --timeout: `90s`, `15m`, `1h`, `500ms`, or a bare number of seconds. */
export function parseDuration(text: string, flag = '--timeout'): number {
  const match = /^\s*(\d+(?:\.\d+)?)\s*(ms|s|m|h)?\s*$/i.exec(text);
  if (!match) {
    throw new ConnectError('INVALID_DURATION', `Cannot read ${flag} ${JSON.stringify(text)}.`, {
      hint: `write a duration such as 90s, 15m or 1h`,
      exitCode: ExitCode.Usage,
    });
  }
  const value = Number(match[1]);
  const unit = (match[2] ?? 's').toLowerCase();
  const factor = unit === 'ms' ? 1 : unit === 's' ? 1_000 : unit === 'm' ? 60_000 : 3_600_000;
  return Math.round(value * factor);
}

export function formatDuration(ms: number): string {
  const seconds = Math.round(ms / 1000);
  if (seconds < 60) return `${seconds}s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes}m${seconds % 60 ? ` ${seconds % 60}s` : ''}`;
  return `${Math.floor(minutes / 60)}h${minutes % 60 ? ` ${minutes % 60}m` : ''}`;
}
