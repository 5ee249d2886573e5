/**
 * Step 2 of `connect validate`: schemas/connect.schema.json (precompiled by ajv into
 * ./generated/connect-schema-validator.ts), its errors turned into diagnostics on the exact
 * YAML node, with messages that say how to fix them.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { packageRoot } from '../package-root.js';
import { formatPath, type Diagnostic, type RuleCode } from './diagnostics.js';
import { validate as validateSchema } from './generated/connect-schema-validator.js';
import type { PathSegment, YamlSource } from './yaml-source.js';

interface AjvError {
  instancePath: string;
  schemaPath: string;
  keyword: string;
  params: Record<string, unknown>;
  message?: string;
}

type SchemaValidator = ((data: unknown) => boolean) & { errors?: AjvError[] | null };

const NUMBER_RANGES: Record<string, [number, number]> = {
  intervalSeconds: [1, 20],
  timeoutSeconds: [1, 20],
  unhealthyThreshold: [1, 20],
  minBackoffSeconds: [1, 600],
  maxBackoffSeconds: [1, 600],
  maxAttempts: [5, 100],
};

const EXAMPLES: Record<string, string> = {
  deployAs: 'deployAs:\n  - name: service\n    applicationType: service\n    endpoint: /service',
  name: 'name: my-service',
  applicationType: 'applicationType: service',
  properties: 'properties: { schedule: "0 * * * *" }',
  schedule: 'schedule: "0 * * * *"',
  key: 'key: MY_KEY',
  description: 'description: What the value is for',
  path: 'path: /health',
  strategy: 'strategy: exponential-backoff',
  minBackoffSeconds: 'minBackoffSeconds: 10',
  maxBackoffSeconds: 'maxBackoffSeconds: 600',
  scopes: 'scopes: [manage_orders]',
};

// Keys some object requires: "remove the key" is no fix for them.
const REQUIRED_KEYS = new Set([
  'deployAs',
  'name',
  'applicationType',
  'endpoint',
  'properties',
  'schedule',
  'key',
  'description',
  'path',
  'strategy',
  'minBackoffSeconds',
  'maxBackoffSeconds',
  'scopes',
]);

let schemaDocument: Record<string, unknown> | undefined;

const BRANCHES: Record<string, string> = {
  service: 'serviceApplication',
  event: 'eventApplication',
  job: 'jobApplication',
  'merchant-center-custom-application': 'merchantCenterCustomApplication',
  'mc-app': 'mcApp',
  'merchant-center-custom-view': 'merchantCenterCustomView',
  assets: 'assetsApplication',
};

/**
 * The keys the schema allows in the object at `path`, read from the schema itself (lazily:
 * only a message about an unknown key needs it). ajv's schemaPath cannot tell: it is relative
 * to whichever sub-schema ajv compiled as a function.
 */
function allowedKeys(root: unknown, path: readonly PathSegment[]): string[] {
  schemaDocument ??= JSON.parse(
    readFileSync(join(packageRoot, 'schemas', 'connect.schema.json'), 'utf8'),
  ) as Record<string, unknown>;
  const defs = (schemaDocument.$defs ?? {}) as Record<
    string,
    { properties?: Record<string, unknown>; allOf?: unknown[] }
  >;
  const keys = (schema: { properties?: Record<string, unknown> } | undefined): string[] =>
    Object.keys(schema?.properties ?? {});
  const last = path[path.length - 1];
  const parent = path[path.length - 2];
  if (path.length === 0) return keys(schemaDocument as { properties?: Record<string, unknown> });
  if (path.length === 2 && path[0] === 'deployAs') {
    const type = (valueAt(root, path) as { applicationType?: unknown } | undefined)?.applicationType;
    return keys(defs[BRANCHES[String(type)] ?? 'application']);
  }
  if (typeof last === 'number' && parent === 'standardConfiguration')
    return keys(defs.standardConfigurationEntry);
  if (typeof last === 'number' && parent === 'securedConfiguration')
    return keys(defs.securedConfigurationEntry);
  if (last === 'retryPolicy') {
    const strategy = (valueAt(root, path) as { strategy?: unknown } | undefined)?.strategy;
    const branch = (defs.retryPolicy?.allOf ?? []).find(
      (entry) =>
        (entry as { if?: { properties?: { strategy?: { const?: unknown } } } }).if?.properties?.strategy
          ?.const === strategy,
    ) as { then?: { properties?: Record<string, unknown> } } | undefined;
    return keys(branch?.then);
  }
  if (last === 'properties') return ['schedule'];
  if (last === 'apiClient') return ['scopes'];
  if (typeof last === 'string' && defs[last]) return keys(defs[last]);
  return [];
}

function pointerToPath(pointer: string): PathSegment[] {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((part) => (/^\d+$/.test(part) ? Number(part) : part));
}

function valueAt(root: unknown, path: readonly PathSegment[]): unknown {
  let node = root;
  for (const segment of path) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string | number, unknown>)[segment];
  }
  return node;
}

/** "job application "nightly"", "standardConfiguration entry", ... for messages. */
function describeObject(root: unknown, path: readonly PathSegment[]): string {
  if (path.length === 0) return 'the top level';
  if (path.length === 2 && path[0] === 'deployAs') {
    const application = valueAt(root, path) as { name?: unknown; applicationType?: unknown } | undefined;
    const type = typeof application?.applicationType === 'string' ? application.applicationType : 'the';
    const name = typeof application?.name === 'string' ? ` "${application.name}"` : '';
    return `${type} application${name}`;
  }
  const last = path[path.length - 1];
  const parent = path[path.length - 2];
  if (typeof last === 'number' && typeof parent === 'string') return `${parent} entry`;
  return String(last);
}

function typeName(value: unknown): string {
  if (value === null) return 'empty (null)';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'string')
    return `the string ${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)}`;
  if (typeof value === 'number' && !Number.isFinite(value)) return String(value);
  return `${typeof value === 'number' ? 'the number' : 'the boolean'} ${String(value)}`;
}

const ARTICLE: Record<string, string> = {
  string: 'a string',
  integer: 'a whole number',
  number: 'a number',
  boolean: 'true or false',
  object: 'a mapping (key: value lines)',
  array: 'a list (lines starting with "- ")',
};

/** The closest of `candidates` to `word` (edit distance at most 2), for "did you mean". */
export function closest(word: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = 3;
  for (const candidate of candidates) {
    const distance = editDistance(word.toLowerCase(), candidate.toLowerCase());
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}

function editDistance(a: string, b: string): number {
  if (Math.abs(a.length - b.length) > 2) return 3;
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(
        (previous[j] ?? 0) + 1,
        (current[j - 1] ?? 0) + 1,
        (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
    }
    previous = current;
  }
  return previous[b.length] ?? 3;
}

/** Validates `value` against the schema; one diagnostic per problem, on the node at fault. */
export function checkSchema(source: YamlSource, value: unknown): Diagnostic[] {
  const validator = validateSchema as SchemaValidator;
  if (validator(value)) return [];
  const diagnostics: Diagnostic[] = [];
  const seen = new Set<string>();
  // A value of the wrong type is reported once, as a wrong type: the checks of its content
  // (a `not: {pattern}` passes vacuously on a number, so `not` fails) say nothing true about it.
  const wrongType = new Set(
    (validator.errors ?? []).filter((error) => error.keyword === 'type').map((error) => error.instancePath),
  );
  for (const error of validator.errors ?? []) {
    if (error.keyword === 'if') continue; // the failing `then` reports the actual problem
    if (error.keyword !== 'type' && wrongType.has(error.instancePath)) continue;
    const diagnostic = toDiagnostic(source, value, error);
    const id = `${diagnostic.path}|${diagnostic.code}`;
    if (seen.has(id)) continue;
    seen.add(id);
    diagnostics.push(diagnostic);
  }
  return diagnostics;
}

function toDiagnostic(source: YamlSource, root: unknown, error: AjvError): Diagnostic {
  const path = pointerToPath(error.instancePath);
  const property = [...path].reverse().find((segment) => typeof segment === 'string') ?? '';
  const last = path[path.length - 1];
  const value = valueAt(root, path);
  const make = (
    code: RuleCode,
    message: string,
    options: { path?: PathSegment[]; key?: boolean; at?: PathSegment[] } = {},
  ) =>
    source.diagnostic(code, 'error', message, options.path ?? path, {
      ...(options.key ? { key: true } : {}),
      ...(options.at ? { at: options.at } : {}),
    });
  const where = formatPath(path) || 'the document';

  switch (error.keyword) {
    case 'additionalProperties': {
      const extra = String(error.params.additionalProperty);
      const owner = describeObject(root, path);
      const allowed = allowedKeys(root, path);
      const type = (valueAt(root, path) as { applicationType?: unknown } | undefined)?.applicationType;
      let fix: string;
      if (extra === 'endpoint' && typeof type === 'string' && !['service', 'event', 'job'].includes(type)) {
        fix = `${type} applications have no endpoint: remove it`;
      } else if (extra === 'default' && path.includes('securedConfiguration')) {
        fix = 'secured values have no default: remove it, or move the key to standardConfiguration';
      } else {
        const suggestion = closest(extra, allowed);
        fix = suggestion
          ? `did you mean "${suggestion}"?`
          : allowed.length > 0
            ? `allowed here: ${allowed.join(', ')}`
            : 'remove it';
      }
      return make('unknown-property', `unknown property "${extra}" in ${owner}: ${fix}`, {
        path: [...path, extra],
        key: true,
      });
    }
    case 'required': {
      const missing = String(error.params.missingProperty);
      const owner = describeObject(root, path);
      const type = (value as { applicationType?: unknown } | undefined)?.applicationType;
      let example = EXAMPLES[missing];
      if (missing === 'endpoint') example = `endpoint: /${typeof type === 'string' ? type : 'service'}`;
      return make(
        'missing-property',
        `${owner} is missing "${missing}"${example ? `: add ${example.includes('\n') ? `\n${example}` : example}` : ''}`,
        { path: [...path, missing], at: path },
      );
    }
    case 'type': {
      const expected = String(error.params.type);
      if (path.length === 0) {
        return value === null || value === undefined
          ? make(
              'missing-property',
              `the file is empty: it needs a deployAs list, e.g.\n${EXAMPLES.deployAs}`,
            )
          : make('wrong-type', `connect.yaml must be a mapping with a deployAs list, not ${typeName(value)}`);
      }
      if (expected === 'integer' && typeof value === 'number') {
        return make('out-of-range', `${property} must be a whole number, not ${value}`);
      }
      let fix = '';
      if (expected === 'string' && (typeof value === 'number' || typeof value === 'boolean')) {
        fix = `: quote it, e.g. ${String(property)}: "${String(value)}"`;
      } else if (expected === 'integer' && typeof value === 'string' && /^\s*\d+\s*$/.test(value)) {
        fix = `: write ${value.trim()} without quotes`;
      } else if (expected === 'boolean' && typeof value === 'string') {
        fix = ': write true or false without quotes (YAML 1.2 reads yes/no/on/off as strings)';
      } else if (value === null) {
        fix = REQUIRED_KEYS.has(String(property))
          ? ': give it a value'
          : ': give it a value or remove the key';
      }
      const name = typeof last === 'number' ? `${String(property)}[${last}]` : String(property);
      return make(
        'wrong-type',
        `${name} must be ${ARTICLE[expected] ?? expected}, not ${typeName(value)}${fix}`,
      );
    }
    case 'enum': {
      const allowed = (error.params.allowedValues as unknown[]).map(String);
      if (property === 'applicationType') {
        const text = String(value);
        const fix =
          value === 'unknown'
            ? '"unknown" is internal to the platform\'s tooling and cannot be deployed'
            : closest(text, allowed)
              ? `did you mean "${closest(text, allowed)}"?`
              : 'it must be one of the types the platform deploys';
        return make(
          'invalid-application-type',
          `applicationType ${typeof value === 'string' ? JSON.stringify(value) : typeName(value)} is not valid: ${fix} (${allowed.join(', ')})`,
        );
      }
      return make(
        property === 'strategy' ? 'invalid-retry-strategy' : 'schema-violation',
        `${String(property)} ${typeof value === 'string' ? JSON.stringify(value) : typeName(value)} must be one of: ${allowed.join(', ')}`,
      );
    }
    case 'pattern':
    case 'not':
      return patternDiagnostic(make, String(property), value, error.keyword);
    case 'minimum':
    case 'maximum': {
      const [low, high] = NUMBER_RANGES[String(property)] ?? [error.params.limit, error.params.limit];
      return make(
        'out-of-range',
        `${String(property)} is ${String(value)}; it must be a whole number from ${low} to ${high}`,
      );
    }
    case 'minItems':
      return make(
        'empty-list',
        `${String(property)} is empty; list at least one, e.g. ${EXAMPLES[String(property)] ?? '[value]'}`,
      );
    default:
      return make('schema-violation', `${where} ${error.message ?? 'is not valid'}`);
  }
}

function patternDiagnostic(
  make: (code: RuleCode, message: string) => Diagnostic,
  property: string,
  value: unknown,
  keyword: string,
): Diagnostic {
  const text = typeof value === 'string' ? value : String(value);
  const shown = JSON.stringify(text.length > 60 ? `${text.slice(0, 60)}…` : text);
  if (property === 'name') {
    const reason =
      text.length < 2
        ? 'is too short'
        : text.length > 256
          ? 'is longer than 256 characters'
          : 'has characters other than letters, digits, _ and -';
    return make(
      'invalid-name',
      `name ${shown} ${reason}: use 2-256 characters of [a-zA-Z0-9_-], e.g. "my-service"`,
    );
  }
  if (property === 'endpoint' || property === 'path') {
    if (text === '')
      return make(
        'invalid-endpoint',
        `${property} is empty: write a path such as "/${property === 'path' ? 'health' : 'service'}"`,
      );
    if (keyword === 'not')
      return make('invalid-endpoint', `${property} ${shown} contains "//": use single slashes`);
    const bad = [...new Set(text.replace(/[a-zA-Z0-9_/-]/g, ''))]
      .map((char) => JSON.stringify(char))
      .join(' ');
    return make(
      'invalid-endpoint',
      `${property} ${shown} has characters the platform refuses (${bad}): use only letters, digits, _, - and /`,
    );
  }
  if (property === 'key') {
    if (keyword === 'not') {
      return make(
        'reserved-key',
        `key ${shown} is reserved: the runtime sets ${text.toUpperCase()} itself (PORT, K_SERVICE, K_REVISION and K_CONFIGURATION are reserved in any letter case): rename it`,
      );
    }
    const reason =
      text.length < 2
        ? 'is shorter than 2 characters'
        : text.length > 256
          ? 'is longer than 256 characters'
          : 'has characters other than letters, digits and _';
    return make(
      'invalid-key',
      `key ${shown} ${reason}: keys become environment variables; use 2-256 characters of [a-zA-Z0-9_], e.g. "API_URL"`,
    );
  }
  const name = property === 'scopes' ? 'a scope' : property;
  return make(
    'empty-value',
    text === ''
      ? `${name} is empty: write a value or remove the key`
      : `${name} is only whitespace: write a value or remove the key`,
  );
}
