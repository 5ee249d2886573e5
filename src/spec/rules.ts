/**
 * Steps 3 and 4 of `connect validate`: the platform's rules that a schema cannot express, and
 * the job schedules. They read the document defensively, so that they still report what they
 * can when the schema found problems elsewhere.
 */
import { fireTimesOf, describeParsed, parseSchedule, type ParsedSchedule } from './cron.js';
import type { Diagnostic, JobSchedule } from './diagnostics.js';
import { MERCHANT_CENTER_TYPES } from './types.js';
import type { PathSegment, YamlSource } from './yaml-source.js';

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json =>
  value !== null && typeof value === 'object' && !Array.isArray(value);
const listOf = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);

interface Entry {
  key: string;
  required: unknown;
  default: unknown;
  path: PathSegment[];
}

/** The entries of a configuration object, with their paths. */
function entriesOf(configuration: unknown, base: PathSegment[]): { standard: Entry[]; secured: Entry[] } {
  const read = (list: 'standardConfiguration' | 'securedConfiguration'): Entry[] => {
    if (!isObject(configuration)) return [];
    return listOf(configuration[list]).flatMap((entry, index) =>
      isObject(entry) && typeof entry.key === 'string'
        ? [{ key: entry.key, required: entry.required, default: entry.default, path: [...base, list, index] }]
        : [],
    );
  };
  return { standard: read('standardConfiguration'), secured: read('securedConfiguration') };
}

const MC_REQUIRED: Record<string, string[]> = {
  'merchant-center-custom-application': ['CUSTOM_APPLICATION_ID', 'ENTRY_POINT_URI_PATH'],
  'mc-app': ['CUSTOM_APPLICATION_ID', 'ENTRY_POINT_URI_PATH'],
  'merchant-center-custom-view': ['CUSTOM_VIEW_ID'],
};

export function checkRules(source: YamlSource, document: unknown): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  if (!isObject(document) || !Array.isArray(document.deployAs)) return diagnostics;
  const applications = document.deployAs;
  const error = (
    code: Diagnostic['code'],
    message: string,
    path: PathSegment[],
    options: { key?: boolean } = {},
  ) => diagnostics.push(source.diagnostic(code, 'error', message, path, options));

  if (applications.length === 0) {
    diagnostics.push(
      source.diagnostic(
        'no-applications',
        'warning',
        'deployAs is empty: the connector would deploy nothing; add an application',
        ['deployAs'],
      ),
    );
  }

  // Application names are unique.
  const firstByName = new Map<string, number>();
  applications.forEach((application, index) => {
    if (!isObject(application) || typeof application.name !== 'string') return;
    const first = firstByName.get(application.name);
    if (first === undefined) firstByName.set(application.name, index);
    else {
      error(
        'duplicate-application-name',
        `the name "${application.name}" is already used by deployAs[${first}]: names must be unique (each is also the application's folder)`,
        ['deployAs', index, 'name'],
      );
    }
  });

  // Keys are unique within one configuration (standard + secured together).
  const global = entriesOf(isObject(document.inheritAs) ? document.inheritAs.configuration : undefined, [
    'inheritAs',
    'configuration',
  ]);
  const scopes: { entries: Entry[]; owner: string }[] = [
    { entries: [...global.standard, ...global.secured], owner: 'the global configuration' },
  ];
  const perApplication = applications.map((application, index) => {
    const entries = entriesOf(isObject(application) ? application.configuration : undefined, [
      'deployAs',
      index,
      'configuration',
    ]);
    const name =
      isObject(application) && typeof application.name === 'string'
        ? `"${application.name}"`
        : `deployAs[${index}]`;
    scopes.push({ entries: [...entries.standard, ...entries.secured], owner: `application ${name}` });
    return entries;
  });
  for (const { entries, owner } of scopes) {
    const seen = new Map<string, Entry>();
    for (const entry of entries) {
      const first = seen.get(entry.key);
      if (!first) seen.set(entry.key, entry);
      else {
        error(
          'duplicate-key',
          `the key "${entry.key}" appears twice in ${owner} (first at ${pathText(first.path)}): keep one`,
          [...entry.path, 'key'],
        );
      }
    }
  }

  // A global key appears nowhere else.
  const globalKeys = new Map<string, Entry>();
  for (const entry of [...global.standard, ...global.secured])
    if (!globalKeys.has(entry.key)) globalKeys.set(entry.key, entry);
  perApplication.forEach((entries) => {
    for (const entry of [...entries.standard, ...entries.secured]) {
      const globalEntry = globalKeys.get(entry.key);
      if (!globalEntry) continue;
      error(
        'duplicate-global-key',
        `"${entry.key}" is a global key (${pathText(globalEntry.path)}): every application already receives it; remove it here, or remove it from inheritAs`,
        [...entry.path, 'key'],
      );
    }
  });

  // Merchant Center applications.
  const globalCloudIdentifier =
    global.standard.some((entry) => entry.key === 'CLOUD_IDENTIFIER' && isTruthy(entry.required)) ||
    global.secured.some((entry) => entry.key === 'CLOUD_IDENTIFIER' && isTruthy(entry.required));
  applications.forEach((application, index) => {
    if (!isObject(application) || typeof application.applicationType !== 'string') return;
    const type = application.applicationType;
    if (!(MERCHANT_CENTER_TYPES as readonly string[]).includes(type)) return;
    const base: PathSegment[] = ['deployAs', index];
    const entries = perApplication[index] ?? { standard: [], secured: [] };
    const configuration = isObject(application.configuration) ? application.configuration : undefined;
    const standardPath: PathSegment[] =
      configuration?.standardConfiguration !== undefined
        ? [...base, 'configuration', 'standardConfiguration']
        : configuration
          ? [...base, 'configuration']
          : base;
    for (const key of MC_REQUIRED[type] ?? []) {
      const entry = entries.standard.find((candidate) => candidate.key === key);
      if (!entry) {
        error(
          'mc-required-key',
          `${type} "${String(application.name)}" must declare ${key} in standardConfiguration with required: true (add: - key: ${key} / description: ... / required: true)`,
          standardPath,
        );
      } else if (!isTruthy(entry.required)) {
        error(
          'mc-required-key',
          `${key} must have required: true in ${type} "${String(application.name)}"`,
          entry.required === undefined ? entry.path : [...entry.path, 'required'],
        );
      }
    }
    if (!globalCloudIdentifier) {
      const entry = entries.standard.find((candidate) => candidate.key === 'CLOUD_IDENTIFIER');
      if (!entry || !(isTruthy(entry.required) || isTruthy(entry.default))) {
        error(
          'mc-cloud-identifier',
          `${type} "${String(application.name)}" needs CLOUD_IDENTIFIER: declare it in its standardConfiguration with required: true or a default (e.g. default: gcp-eu), or as required in inheritAs.configuration.standardConfiguration`,
          entry ? entry.path : standardPath,
        );
      }
    }
    if (configuration && listOf(configuration.securedConfiguration).length > 0) {
      error(
        'mc-secured-configuration',
        `${type} applications cannot have securedConfiguration (a front end cannot keep secrets): remove it, or move the values to a service application`,
        [...base, 'configuration', 'securedConfiguration'],
        { key: true },
      );
    }
  });

  // Retry policy: min <= max.
  applications.forEach((application, index) => {
    if (!isObject(application) || !isObject(application.retryPolicy)) return;
    const { minBackoffSeconds: min, maxBackoffSeconds: max } = application.retryPolicy;
    if (typeof min === 'number' && typeof max === 'number' && min > max) {
      error(
        'retry-backoff-order',
        `minBackoffSeconds (${min}) is greater than maxBackoffSeconds (${max}): swap them or lower minBackoffSeconds`,
        ['deployAs', index, 'retryPolicy', 'minBackoffSeconds'],
      );
    }
  });
  return diagnostics;
}

function isTruthy(value: unknown): boolean {
  return Boolean(value);
}

function pathText(path: readonly PathSegment[]): string {
  return path
    .map((segment, index) =>
      typeof segment === 'number' ? `[${segment}]` : index === 0 ? segment : `.${segment}`,
    )
    .join('');
}

const FIELD_ORDER: Record<number, string[]> = {
  5: ['minute', 'hour', 'day-of-month', 'month', 'day-of-week'],
  6: ['second', 'minute', 'hour', 'day-of-month', 'month', 'day-of-week'],
  7: ['second', 'minute', 'hour', 'day-of-month', 'month', 'day-of-week', 'year'],
};

/** Step 4: every job's schedule, strictly; valid ones are returned with their next fire times. */
export function checkSchedules(
  source: YamlSource,
  document: unknown,
  now: Date = new Date(),
): { diagnostics: Diagnostic[]; jobs: JobSchedule[] } {
  const diagnostics: Diagnostic[] = [];
  const jobs: JobSchedule[] = [];
  if (!isObject(document)) return { diagnostics, jobs };
  listOf(document.deployAs).forEach((application, index) => {
    if (!isObject(application) || application.applicationType !== 'job' || !isObject(application.properties))
      return;
    const schedule = application.properties.schedule;
    // The schema reports non-strings and blank strings.
    if (typeof schedule !== 'string' || schedule.trim() === '') return;
    const path: PathSegment[] = ['deployAs', index, 'properties', 'schedule'];
    const result = parseSchedule(schedule, now);
    if (!result.ok) {
      for (const problem of result.problems) {
        diagnostics.push(
          source.diagnostic('invalid-schedule', 'error', withSchedule(schedule, problem.message), path, {
            ...offsetOption(source, path, schedule, problem.field),
          }),
        );
      }
      return;
    }
    for (const warning of result.warnings) {
      diagnostics.push(
        source.diagnostic('schedule-warning', 'warning', withSchedule(schedule, warning.message), path, {
          ...offsetOption(source, path, schedule, warning.field),
        }),
      );
    }
    jobs.push(jobSchedule(application, path, schedule, result.schedule, now));
  });
  return { diagnostics, jobs };
}

/** `schedule "…": message`, without saying the schedule twice. */
function withSchedule(schedule: string, message: string): string {
  const quoted = `"${schedule.trim()}"`;
  return message.startsWith(quoted) ? `schedule ${message}` : `schedule "${schedule}": ${message}`;
}

function jobSchedule(
  application: Json,
  path: PathSegment[],
  schedule: string,
  parsed: ParsedSchedule,
  now: Date,
): JobSchedule {
  let nextFireTimes: string[] | undefined;
  return {
    application: String(application.name),
    path: pathText(path),
    schedule,
    description: describeParsed(parsed),
    // Computed when read (--verbose, --json): most validations never look at them. An enumerable
    // getter, so JSON and copies see a plain array.
    get nextFireTimes(): string[] {
      nextFireTimes ??= fireTimesOf(parsed, now, 3).map((date) => date.toISOString());
      return nextFireTimes;
    },
  };
}

/** Points a field-level schedule problem at the field inside the scalar, when the text allows. */
function offsetOption(
  source: YamlSource,
  path: PathSegment[],
  schedule: string,
  field: string | undefined,
): { offset?: number } {
  if (!field) return {};
  const node = source.nodeAt(path);
  const range = node?.range;
  if (!range) return {};
  const raw = source.text.slice(range[0], range[1]);
  const quote = raw.startsWith('"') || raw.startsWith("'") ? 1 : 0;
  if (raw.slice(quote, quote + schedule.length) !== schedule) return {};
  const tokens = [...schedule.matchAll(/\S+/g)];
  const order = FIELD_ORDER[tokens.length];
  const index = order?.indexOf(field) ?? -1;
  const token = index >= 0 ? tokens[index] : undefined;
  return token?.index === undefined ? {} : { offset: range[0] + quote + token.index };
}
