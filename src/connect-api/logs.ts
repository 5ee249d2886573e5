/**
 * Deployment logs: every page without prompting (cursor paging with `next`), time windows
 * from `--since 1h` or dates, and `--follow` that polls for new entries until stopped.
 */
import { ConnectError, ExitCode } from '../errors.js';
import type { ConnectClient } from './client.js';
import { getDeployment, getLogsPage } from './resources.js';
import type { DeploymentLog } from './types.js';

/** `--since`/`--until`: a duration back from now (`90s`, `15m`, `1h`, `2d`) or a date. */
export function parseTime(text: string, flag: string, now = Date.now()): string {
  const match = /^\s*(\d+)\s*(s|m|h|d|w)\s*$/i.exec(text);
  if (match) {
    const unit = (match[2] as string).toLowerCase();
    const ms = { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 }[unit] as number;
    return new Date(now - Number(match[1]) * ms).toISOString();
  }
  const date = Date.parse(text);
  if (Number.isNaN(date)) {
    throw new ConnectError('INVALID_TIME', `Cannot read ${flag} ${JSON.stringify(text)}.`, {
      hint: `write a duration back from now (30m, 1h, 2d) or a date (2026-01-31T12:00:00Z)`,
      exitCode: ExitCode.Usage,
    });
  }
  return new Date(date).toISOString();
}

/** --since and --until read against one clock; a window that ends before it starts is a usage error. */
export function parseWindow(
  since: string | undefined,
  until: string | undefined,
  now = Date.now(),
): { since: string | undefined; until: string | undefined } {
  const window = {
    since: since === undefined ? undefined : parseTime(since, '--since', now),
    until: until === undefined ? undefined : parseTime(until, '--until', now),
  };
  if (window.since !== undefined && window.until !== undefined && window.since > window.until) {
    throw new ConnectError(
      'INVALID_TIME_RANGE',
      `--since ${since} (${window.since}) is after --until ${until} (${window.until}).`,
      {
        hint: 'give --since the earlier time, e.g. --since 2h --until 1h',
        exitCode: ExitCode.Usage,
      },
    );
  }
  return window;
}

export interface LogsOptions {
  application?: string | undefined;
  since?: string | undefined;
  until?: string | undefined;
}

function entryId(entry: DeploymentLog): string {
  return `${entry.timestamp}\u0000${entry.applicationName}\u0000${JSON.stringify(entry.details)}`;
}

/**
 * `--app NAME` must name an application of the deployment: the logs endpoint answers an unknown
 * name with an empty page, which would read as "nothing happened".
 */
export async function checkLogApplication(
  client: ConnectClient,
  deployment: string,
  name: string,
): Promise<void> {
  const found = await getDeployment(client, deployment);
  const names = found.applications.map((application) => application.applicationName);
  if (names.includes(name)) return;
  throw new ConnectError(
    'APPLICATION_NOT_FOUND',
    `Deployment ${deployment} has no application named "${name}".`,
    {
      hint: names.length ? `pass --app with one of: ${names.join(', ')}` : 'leave out --app',
      exitCode: ExitCode.Usage,
    },
  );
}

/** Reads every page, in order, handing each page's entries to `onEntries`. */
export async function readLogs(
  client: ConnectClient,
  deployment: string,
  options: LogsOptions,
  onEntries: (entries: DeploymentLog[]) => void,
): Promise<number> {
  let pageToken: string | undefined;
  let count = 0;
  do {
    const page = await getLogsPage(client, deployment, {
      applicationName: options.application,
      startDate: options.since,
      endDate: options.until,
      pageToken,
    });
    count += page.data.length;
    onEntries(page.data);
    pageToken = page.next ?? undefined;
  } while (pageToken);
  return count;
}

/**
 * Prints what exists, then polls every `intervalMs` for entries newer than the last one seen
 * (entries with the same timestamp are told apart, so none is shown twice) until `signal` aborts.
 */
export async function followLogs(
  client: ConnectClient,
  deployment: string,
  options: LogsOptions & { intervalMs?: number; signal: AbortSignal },
  onEntries: (entries: DeploymentLog[]) => void,
): Promise<void> {
  const seen = new Set<string>();
  let since = options.since;
  const take = (entries: DeploymentLog[]) => {
    const fresh = entries.filter((entry) => !seen.has(entryId(entry)));
    for (const entry of fresh) {
      seen.add(entryId(entry));
      if (since === undefined || entry.timestamp > since) since = entry.timestamp;
    }
    if (fresh.length) onEntries(fresh);
  };
  // Ctrl-C ends the follow at once, even in the middle of a request (or its retries).
  const aborted = new Promise<void>((resolve) =>
    options.signal.addEventListener('abort', () => resolve(), { once: true }),
  );
  while (!options.signal.aborted) {
    const reading = readLogs(client, deployment, { application: options.application, since }, take);
    // Its failure after Ctrl-C is of no interest; before, the race below rethrows it.
    reading.catch(() => undefined);
    await Promise.race([reading, aborted]);
    if (options.signal.aborted) break;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, options.intervalMs ?? 2_000);
      options.signal.addEventListener(
        'abort',
        () => {
          clearTimeout(timer);
          resolve();
        },
        { once: true },
      );
    });
  }
}
