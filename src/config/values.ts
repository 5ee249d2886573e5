/**
 * Configuration values: the values file, `--env` assignments, `.env` layers, and the resolution
 * of each application's configuration exactly as the platform hands it to the app.
 *
 * Shared by `connect dev` (issue 4) and `connect deploy` (issue 6): one values file describes a
 * deployment locally and remotely.
 *
 * ## The values file (`connect.values.yaml` at the repository root, or `--values FILE`)
 * ```yaml
 * global:                     # keys of inheritAs.configuration
 *   SOME_GLOBAL_KEY: value
 * applications:               # per application, keys of its own configuration
 *   service:
 *     CTP_REGION: europe-west1.gcp
 *     CTP_CLIENT_SECRET: ${env:CTP_CLIENT_SECRET}
 * connector: {...}            # publish metadata (issue 6), kept raw
 * extensions: {...}           # emulated platform (issue 5), kept raw
 * subscriptions: {...}        # emulated platform (issue 5), kept raw
 * project: {...}              # the local project of `connect dev` (issue 12), kept raw
 * platform: {provider: AWS}   # emulated deployment (docs/messages.md), kept raw
 * ```
 * Any other top-level section is an error. Scalar values become strings; `${env:NAME}` is
 * replaced by the environment variable NAME (missing: error naming it; `$${env:X}` keeps the
 * literal text `${env:X}`).
 *
 * ## API
 * - `readValuesFile(root, {file, env})`: the parsed file (`file: null` when the default file
 *   does not exist; a file passed explicitly must exist).
 * - `parseValues(text, file, env)`: the same from text.
 * - `parseAssignments(['APP.KEY=value', 'KEY=value'])`: `--env`/`--set` flags.
 * - `checkValues(spec, values)` / `checkAssignments(spec, assignments)`: unknown applications or
 *   keys are errors listing the known ones (`VALUES_UNKNOWN_APPLICATION`, `VALUES_UNKNOWN_KEY`).
 * - `declaredKeys(spec, appName)`: the keys an application gets (own + global) with their flags.
 * - `resolveConfiguration(spec, appName, layers)`: `{values: ConfigEntry[], missing: string[]}`
 *   where layers are ordered highest first, e.g.
 *   `[flagLayer(assignments), valuesFileLayer(values), dotenvLayer('app-dotenv', ...), ...]`;
 *   the spec's `default` is always the last layer.
 * - `maskEntries(entries)` / `MASK` / `createRedactor(secrets)`: never show secured values.
 */
import { readFile } from 'node:fs/promises';
import { isAbsolute, join, resolve } from 'node:path';

import { parseDocument } from 'yaml';

import { ConnectError, ExitCode } from '../errors.js';
import { configurationOf, type Application, type ConnectSpec } from '../spec/types.js';

export const VALUES_FILE_NAME = 'connect.values.yaml';
export const MASK = '****';

/** Where a configuration value came from (matches docs/admin-api.md). */
/**
 * Where a value came from. `emulator`: supplied by `connect dev` itself for a declared key that
 * nothing else set (e.g. the local platform's CTP_CLIENT_ID for an app that declares it), the way
 * the client supplies it at deployment time.
 */
export type ConfigSource =
  'flag' | 'values-file' | 'app-dotenv' | 'root-dotenv' | 'emulator' | 'default' | 'runtime';

const KNOWN_SECTIONS = [
  'global',
  'applications',
  'connector',
  'extensions',
  'subscriptions',
  'project',
  'platform',
] as const;

export interface ValuesFile {
  /** Absolute path of the file read, null when there was none. */
  file: string | null;
  global: Record<string, string>;
  applications: Record<string, Record<string, string>>;
  /** Raw sections owned by other features; validated by them. */
  connector?: unknown;
  extensions?: unknown;
  subscriptions?: unknown;
  /** The local project of `connect dev` (key, API client); see src/emulator/platform/local-project.ts. */
  project?: unknown;
  /** The emulated deployment (`provider: AWS`, `region: eu-central-1.aws`), validated by the platform plugin. */
  platform?: unknown;
}

export interface Assignment {
  /** The application named by `APP.KEY=value`; undefined for `KEY=value`. */
  application?: string;
  key: string;
  value: string;
  /** The flag text, for messages (value masked by callers when secured). */
  raw: string;
}

export interface ConfigEntry {
  key: string;
  /** The value, null when no layer sets it. Secured values are plain here: mask before output. */
  value: string | null;
  source: ConfigSource | null;
  secured: boolean;
  required: boolean;
  global: boolean;
}

export interface ResolvedConfiguration {
  application: string;
  values: ConfigEntry[];
  /** Required keys without a value. */
  missing: string[];
}

/** One source of values; `get` returns undefined when this layer does not set the key. */
export interface ConfigLayer {
  source: ConfigSource;
  get(application: string, key: string, global: boolean): string | undefined;
}

export interface DeclaredKey {
  key: string;
  secured: boolean;
  required: boolean;
  global: boolean;
  default: string | undefined;
  description: string;
}

function invalid(code: string, message: string, hint: string): ConnectError {
  return new ConnectError(code, message, { hint, exitCode: ExitCode.Failure });
}

/** Replaces `${env:NAME}` references; `where` names the value in the error. */
export function expandEnvReferences(value: string, env: NodeJS.ProcessEnv, where: string): string {
  return value.replace(/(\$?)\$\{env:([^}]*)\}/g, (match, escape: string, name: string) => {
    if (escape === '$') return match.slice(1);
    const trimmed = name.trim();
    const found = env[trimmed];
    if (found === undefined) {
      throw invalid(
        'VALUES_ENV_MISSING',
        `${where} refers to the environment variable ${trimmed}, which is not set.`,
        `export ${trimmed}=... before running the command, or write the value itself`,
      );
    }
    return found;
  });
}

function scalarString(value: unknown, where: string): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') {
    return String(value);
  }
  throw invalid(
    'VALUES_INVALID',
    `${where} must be a string (got ${value === null ? 'nothing' : Array.isArray(value) ? 'a list' : typeof value}).`,
    'write the value as a string, e.g. KEY: "value"',
  );
}

function stringMap(
  value: unknown,
  where: string,
  env: NodeJS.ProcessEnv,
  label: string,
): Record<string, string> {
  if (value === null || value === undefined) return {};
  if (typeof value !== 'object' || Array.isArray(value)) {
    throw invalid(
      'VALUES_INVALID',
      `${where}: ${label} must be a map of KEY: value.`,
      `see docs/dev.md, "Configuration: exactly as deployed"`,
    );
  }
  const out: Record<string, string> = {};
  for (const [key, raw] of Object.entries(value as Record<string, unknown>)) {
    const place = `${where}: ${label}.${key}`;
    out[key] = expandEnvReferences(scalarString(raw, place), env, place);
  }
  return out;
}

/** Parses the text of a values file. `file` names it in messages. */
export function parseValues(text: string, file: string, env: NodeJS.ProcessEnv = process.env): ValuesFile {
  const document = parseDocument(text, { prettyErrors: false });
  if (document.errors.length > 0) {
    // The file holds secrets: say where the error is, never show the line itself.
    const error = document.errors[0];
    const offset = error?.pos[0] ?? 0;
    const before = text.slice(0, offset);
    const line = before.split('\n').length;
    const column = offset - before.lastIndexOf('\n');
    throw invalid(
      'VALUES_INVALID',
      `${file}:${line}:${column} is not valid YAML: ${error?.message ?? 'parse error'} (line ${line}, column ${column}).`,
      `fix the YAML syntax at line ${line} of ${file}`,
    );
  }
  const data: unknown = document.toJS();
  const result: ValuesFile = { file, global: {}, applications: {} };
  if (data === null || data === undefined) return result;
  if (typeof data !== 'object' || Array.isArray(data)) {
    throw invalid(
      'VALUES_INVALID',
      `${file} must be a map with sections ${KNOWN_SECTIONS.join(', ')}.`,
      'see docs/dev.md, "Configuration: exactly as deployed"',
    );
  }
  for (const [section, value] of Object.entries(data as Record<string, unknown>)) {
    switch (section) {
      case 'global':
        result.global = stringMap(value, file, env, 'global');
        break;
      case 'applications': {
        if (value === null || value === undefined) break;
        if (typeof value !== 'object' || Array.isArray(value)) {
          throw invalid(
            'VALUES_INVALID',
            `${file}: applications must be a map of application name to values.`,
            'see docs/dev.md, "Configuration: exactly as deployed"',
          );
        }
        for (const [app, map] of Object.entries(value as Record<string, unknown>)) {
          result.applications[app] = stringMap(map, file, env, `applications.${app}`);
        }
        break;
      }
      case 'connector':
      case 'extensions':
      case 'subscriptions':
      case 'project':
      case 'platform':
        result[section] = value;
        break;
      default:
        throw invalid(
          'VALUES_UNKNOWN_SECTION',
          `${file}: unknown section "${section}". Known sections: ${KNOWN_SECTIONS.join(', ')}.`,
          `remove or rename "${section}"`,
        );
    }
  }
  return result;
}

export interface ReadValuesOptions {
  /** The file given with --values (relative to cwd); default: <root>/connect.values.yaml if present. */
  file?: string | undefined;
  env?: NodeJS.ProcessEnv | undefined;
  cwd?: string | undefined;
}

/** Reads the values file of a repository. */
export async function readValuesFile(root: string, options: ReadValuesOptions = {}): Promise<ValuesFile> {
  const env = options.env ?? process.env;
  const explicit = options.file !== undefined;
  const path = explicit
    ? isAbsolute(options.file as string)
      ? (options.file as string)
      : resolve(options.cwd ?? process.cwd(), options.file as string)
    : join(root, VALUES_FILE_NAME);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT' && !explicit) {
      return { file: null, global: {}, applications: {} };
    }
    const code = (error as NodeJS.ErrnoException).code;
    // A --values path that does not exist is a wrong command line, like a wrong PATH argument.
    throw new ConnectError(
      'VALUES_FILE_NOT_FOUND',
      `Cannot read the values file ${path}: ${code ?? (error as Error).message}.`,
      {
        hint: 'check the path given with --values',
        exitCode: code === 'ENOENT' ? ExitCode.Usage : ExitCode.Failure,
      },
    );
  }
  return parseValues(text, path, env);
}

/** Parses `--env` assignments: `APP.KEY=value` or `KEY=value`. */
export function parseAssignments(
  list: readonly string[],
  env: NodeJS.ProcessEnv = process.env,
): Assignment[] {
  return list.map((raw) => {
    const eq = raw.indexOf('=');
    const name = eq > 0 ? raw.slice(0, eq) : '';
    const match = /^(?:([a-zA-Z0-9_-]+)\.)?([a-zA-Z0-9_]+)$/.exec(name);
    if (!match) {
      throw new ConnectError(
        'ENV_FLAG_INVALID',
        `Cannot read --env ${JSON.stringify(raw.split('=')[0])}: expected APP.KEY=value or KEY=value.`,
        {
          hint: 'write e.g. --env service.CTP_REGION=europe-west1.gcp or --env LOG_LEVEL=debug',
          exitCode: ExitCode.Usage,
        },
      );
    }
    const key = match[2] as string;
    const value = expandEnvReferences(raw.slice(eq + 1), env, `--env ${name}`);
    return { ...(match[1] === undefined ? {} : { application: match[1] }), key, value, raw: name };
  });
}

/** The configuration keys an application receives: its own, then the global ones. */
export function declaredKeys(spec: ConnectSpec, application: Application | string): DeclaredKey[] {
  const app = typeof application === 'string' ? findApplication(spec, application) : application;
  const keys: DeclaredKey[] = [];
  const add = (config: ReturnType<typeof configurationOf>, global: boolean): void => {
    for (const entry of config.standardConfiguration ?? []) {
      keys.push({
        key: entry.key,
        secured: false,
        required: entry.required === true,
        global,
        default: entry.default,
        description: entry.description,
      });
    }
    for (const entry of config.securedConfiguration ?? []) {
      keys.push({
        key: entry.key,
        secured: true,
        required: entry.required === true,
        global,
        default: undefined,
        description: entry.description,
      });
    }
  };
  add(configurationOf(app), false);
  // Assets apps get no configuration on the platform.
  if (app.applicationType !== 'assets') add(spec.inheritAs?.configuration ?? {}, true);
  return keys;
}

function findApplication(spec: ConnectSpec, name: string): Application {
  const app = spec.deployAs.find((candidate) => candidate.name === name);
  if (!app) throw unknownApplication(spec, name, 'the application');
  return app;
}

function list(names: readonly string[]): string {
  return names.length === 0 ? '(none)' : names.join(', ');
}

function unknownApplication(spec: ConnectSpec, name: string, where: string): ConnectError {
  const known = spec.deployAs.map((app) => app.name);
  return invalid(
    'VALUES_UNKNOWN_APPLICATION',
    `${where} names the application "${name}", which connect.yaml does not declare. Known applications: ${list(known)}.`,
    `use one of: ${list(known)}`,
  );
}

function globalKeys(spec: ConnectSpec): string[] {
  const config = spec.inheritAs?.configuration ?? {};
  return [...(config.standardConfiguration ?? []), ...(config.securedConfiguration ?? [])].map((e) => e.key);
}

/** Unknown applications or keys in a values file are errors listing the known ones. */
export function checkValues(spec: ConnectSpec, values: ValuesFile): void {
  const where = values.file ?? 'the values file';
  const global = globalKeys(spec);
  for (const key of Object.keys(values.global)) {
    if (!global.includes(key)) {
      throw invalid(
        'VALUES_UNKNOWN_KEY',
        `${where}: global.${key} is not a global configuration key (inheritAs.configuration). Known global keys: ${list(global)}.`,
        `remove global.${key} or declare it in connect.yaml`,
      );
    }
  }
  for (const [name, map] of Object.entries(values.applications)) {
    const app = spec.deployAs.find((candidate) => candidate.name === name);
    if (!app) throw unknownApplication(spec, name, where);
    const own = declaredKeys(spec, app)
      .filter((entry) => !entry.global)
      .map((entry) => entry.key);
    for (const key of Object.keys(map)) {
      if (own.includes(key)) continue;
      const isGlobal = global.includes(key);
      throw invalid(
        'VALUES_UNKNOWN_KEY',
        `${where}: applications.${name}.${key} is not a configuration key of ${name}.${isGlobal ? ` ${key} is a global key.` : ''} Known keys of ${name}: ${list(own)}.`,
        isGlobal
          ? `move ${key} under global:`
          : `remove applications.${name}.${key} or declare it in connect.yaml`,
      );
    }
  }
}

/** `--env APP.KEY` must name a known application and one of its keys (own or global); `--env KEY` any known key. */
export function checkAssignments(spec: ConnectSpec, assignments: readonly Assignment[]): void {
  for (const assignment of assignments) {
    if (assignment.application !== undefined) {
      const app = spec.deployAs.find((candidate) => candidate.name === assignment.application);
      if (!app) throw unknownApplication(spec, assignment.application, `--env ${assignment.raw}`);
      const keys = declaredKeys(spec, app).map((entry) => entry.key);
      if (!keys.includes(assignment.key)) {
        throw new ConnectError(
          'VALUES_UNKNOWN_KEY',
          `--env ${assignment.raw}: ${assignment.key} is not a configuration key of ${app.name}. Known keys: ${list(keys)}.`,
          { hint: `use one of: ${list(keys)}`, exitCode: ExitCode.Failure },
        );
      }
    } else {
      const all = [
        ...new Set(spec.deployAs.flatMap((app) => declaredKeys(spec, app).map((entry) => entry.key))),
      ];
      if (!all.includes(assignment.key)) {
        throw new ConnectError(
          'VALUES_UNKNOWN_KEY',
          `--env ${assignment.raw}: no application declares the configuration key ${assignment.key}. Known keys: ${list(all)}.`,
          { hint: `use one of: ${list(all)}`, exitCode: ExitCode.Failure },
        );
      }
    }
  }
}

/** The `--env` flags as a layer; `APP.KEY` beats `KEY`. */
export function flagLayer(assignments: readonly Assignment[]): ConfigLayer {
  return {
    source: 'flag',
    get(application, key) {
      let general: string | undefined;
      let specific: string | undefined;
      for (const assignment of assignments) {
        if (assignment.key !== key) continue;
        if (assignment.application === undefined) general = assignment.value;
        else if (assignment.application === application) specific = assignment.value;
      }
      return specific ?? general;
    },
  };
}

/** The values file as a layer: global keys from `global:`, own keys from `applications.<app>`. */
export function valuesFileLayer(values: ValuesFile): ConfigLayer {
  return {
    source: 'values-file',
    get(application, key, global) {
      return global ? values.global[key] : values.applications[application]?.[key];
    },
  };
}

/** A `.env` file's variables as a layer (`app-dotenv`: per application; `root-dotenv`: shared). */
export function dotenvLayer(
  source: 'app-dotenv' | 'root-dotenv',
  variables: (application: string) => Record<string, string> | undefined,
): ConfigLayer {
  return { source, get: (application, key) => variables(application)?.[key] };
}

/**
 * Resolves an application's configuration from layers ordered highest first; the connect.yaml
 * `default` is the implicit lowest layer. Empty strings count as no value, as on the platform.
 */
export function resolveConfiguration(
  spec: ConnectSpec,
  application: string,
  layers: readonly ConfigLayer[],
): ResolvedConfiguration {
  const values: ConfigEntry[] = [];
  const missing: string[] = [];
  for (const declared of declaredKeys(spec, application)) {
    let value: string | null = null;
    let source: ConfigSource | null = null;
    for (const layer of layers) {
      const found = layer.get(application, declared.key, declared.global);
      if (found !== undefined && found !== '') {
        value = found;
        source = layer.source;
        break;
      }
    }
    if (value === null && declared.default !== undefined) {
      value = declared.default;
      source = 'default';
    }
    if (value === null && declared.required) missing.push(declared.key);
    values.push({
      key: declared.key,
      value,
      source,
      secured: declared.secured,
      required: declared.required,
      global: declared.global,
    });
  }
  return { application, values, missing };
}

/** The entries with every secured value replaced by `****` (null stays null). */
export function maskEntries(entries: readonly ConfigEntry[]): ConfigEntry[] {
  return entries.map((entry) =>
    entry.secured && entry.value !== null ? { ...entry, value: MASK } : { ...entry },
  );
}

/** The message for an application that cannot start: each missing key and the three places to set it. */
export function missingKeysMessage(resolved: ResolvedConfiguration, valuesFile = VALUES_FILE_NAME): string {
  const { application, missing } = resolved;
  const lines = [
    `${application} cannot start: required configuration ${missing.length === 1 ? 'key' : 'keys'} without a value: ${missing.join(', ')}.`,
    'Set each one in any of these places:',
  ];
  for (const key of missing) {
    const global = resolved.values.find((entry) => entry.key === key)?.global === true;
    const inFile = global ? `global.${key}` : `applications.${application}.${key}`;
    lines.push(
      `  ${key}: the flag --env ${global ? '' : `${application}.`}${key}=...; ${inFile} in ${valuesFile}; or ${key}=... in ${global ? '.env' : `${application}/.env or .env`}`,
    );
  }
  return lines.join('\n');
}

/**
 * A function that replaces every occurrence of the given secret values in a text with `****`.
 * Values shorter than 3 characters are ignored (they would mask ordinary text).
 */
export function createRedactor(secrets: Iterable<string | null | undefined>): (text: string) => string {
  const unique = [
    ...new Set([...secrets].filter((s): s is string => typeof s === 'string' && s.length >= 3)),
  ];
  if (unique.length === 0) return (text) => text;
  unique.sort((a, b) => b.length - a.length);
  const pattern = new RegExp(unique.map((s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|'), 'g');
  return (text) => text.replace(pattern, MASK);
}

/** The secured values of resolved configurations (for a redactor). */
export function securedValues(resolved: Iterable<ResolvedConfiguration>): string[] {
  const out: string[] = [];
  for (const config of resolved) {
    for (const entry of config.values) if (entry.secured && entry.value !== null) out.push(entry.value);
  }
  return out;
}
