/**
 * What `connect validate` reports: diagnostics with a stable rule code, and the result shape
 * that `--json` prints (and other commands reuse through validateRepository).
 */
import type { ConnectSpec } from './types.js';

export type Severity = 'error' | 'warning';

export interface Diagnostic {
  severity: Severity;
  /** A stable rule code from RULES. */
  code: RuleCode;
  /** What is wrong and how to fix it. */
  message: string;
  /** Absolute path of the file the diagnostic is about (connect.yaml or an application's package.json). */
  file: string;
  /** 1-based line of the offending node (for a missing key: of the object that lacks it). */
  line: number;
  /** 1-based column of the offending node. */
  column: number;
  /** Path of the node in its document, e.g. `deployAs[2].properties.schedule` ('' for the root). */
  path: string;
}

export interface JobSchedule {
  application: string;
  path: string;
  schedule: string;
  /** The schedule in plain words. */
  description: string;
  /** The next three fire times, ISO 8601 in UTC (empty for @reboot). */
  nextFireTimes: string[];
}

export interface ValidationResult {
  valid: boolean;
  errorCount: number;
  warningCount: number;
  diagnostics: Diagnostic[];
  /** Absolute path of the connect.yaml that was validated. */
  file: string;
  /** Each job application with a valid schedule. */
  jobs: JobSchedule[];
  /** The loaded document, when valid. */
  spec?: ConnectSpec;
}

/** Every rule, with its default severity and what it checks. Codes never change meaning. */
export const RULES = {
  // 1. YAML syntax
  'yaml-syntax': { severity: 'error', description: 'The file is not well-formed YAML.' },
  'yaml-tab-indent': { severity: 'error', description: 'Tabs used for indentation.' },
  'yaml-bad-indent': { severity: 'error', description: 'Items of one mapping or list are not aligned.' },
  'yaml-unclosed-quote': { severity: 'error', description: 'A quoted string is not closed.' },
  'yaml-duplicate-key': { severity: 'error', description: 'The same key twice in one mapping.' },
  'yaml-multiple-documents': { severity: 'error', description: 'More than one YAML document (---).' },
  'yaml-alias-limit': { severity: 'error', description: 'Too many aliases (a "billion laughs" document).' },
  'yaml-not-text': { severity: 'error', description: 'The file is binary (holds NUL bytes).' },
  'yaml-encoding': { severity: 'warning', description: 'The file is not valid UTF-8.' },
  'yaml-too-large': { severity: 'error', description: 'The file is larger than any connect.yaml needs.' },
  'yaml-warning': {
    severity: 'warning',
    description: 'YAML the parser accepts with a warning (e.g. an unknown tag).',
  },
  // 2. The schema
  'unknown-property': { severity: 'error', description: 'A key the platform does not allow there.' },
  'missing-property': { severity: 'error', description: 'A required key is missing.' },
  'wrong-type': {
    severity: 'error',
    description: 'A value of the wrong type (e.g. a number where a string is needed).',
  },
  'invalid-application-type': {
    severity: 'error',
    description: 'applicationType is not one the platform deploys.',
  },
  'invalid-name': {
    severity: 'error',
    description: 'An application name outside 2-256 characters of [a-zA-Z0-9_-].',
  },
  'invalid-endpoint': {
    severity: 'error',
    description: 'An endpoint or health-check path with forbidden characters or //.',
  },
  'invalid-key': {
    severity: 'error',
    description: 'A configuration key outside 2-256 characters of [a-zA-Z0-9_].',
  },
  'reserved-key': {
    severity: 'error',
    description: 'PORT, K_SERVICE, K_REVISION or K_CONFIGURATION, in any letter case.',
  },
  'empty-value': {
    severity: 'error',
    description: 'An empty or whitespace-only string where text is needed.',
  },
  'out-of-range': {
    severity: 'error',
    description: 'A number outside its allowed range, or not a whole number.',
  },
  'empty-list': { severity: 'error', description: 'A list that must not be empty (apiClient.scopes).' },
  'invalid-retry-strategy': {
    severity: 'error',
    description: 'retryPolicy.strategy is not immediate or exponential-backoff.',
  },
  'schema-violation': {
    severity: 'error',
    description: 'Any other violation of schemas/connect.schema.json.',
  },
  // 3. Rules a schema cannot express
  'duplicate-application-name': { severity: 'error', description: 'Two applications with the same name.' },
  'duplicate-key': {
    severity: 'error',
    description: "A key twice in one application's (or the global) configuration.",
  },
  'duplicate-global-key': {
    severity: 'error',
    description: 'A global key (inheritAs) declared again anywhere.',
  },
  'mc-required-key': {
    severity: 'error',
    description:
      'A Merchant Center app without CUSTOM_APPLICATION_ID/ENTRY_POINT_URI_PATH (or CUSTOM_VIEW_ID) required.',
  },
  'mc-cloud-identifier': {
    severity: 'error',
    description: 'A Merchant Center app without CLOUD_IDENTIFIER.',
  },
  'mc-secured-configuration': {
    severity: 'error',
    description: 'securedConfiguration on a Merchant Center app.',
  },
  'retry-backoff-order': {
    severity: 'error',
    description: 'minBackoffSeconds greater than maxBackoffSeconds.',
  },
  'no-applications': { severity: 'warning', description: 'deployAs is empty: nothing would be deployed.' },
  // 4. Schedules
  'invalid-schedule': {
    severity: 'error',
    description: 'A job schedule the platform refuses or no scheduler can run.',
  },
  'schedule-warning': {
    severity: 'warning',
    description: 'A schedule that runs differently than it reads (@reboot, ...).',
  },
  // 5. Application folders
  'missing-folder': { severity: 'error', description: 'No folder named like the application.' },
  'missing-package-json': { severity: 'error', description: 'No package.json in the application folder.' },
  'invalid-package-json': {
    severity: 'error',
    description: 'package.json is not valid JSON (or not an object).',
  },
  'missing-start-script': {
    severity: 'error',
    description: 'A service, event or job app without a start script.',
  },
  'missing-build-script': {
    severity: 'error',
    description: 'A Merchant Center or assets app without a build script.',
  },
  'missing-npm-script': {
    severity: 'error',
    description: 'postDeploy/preUndeploy runs `npm run X` and X is not a script.',
  },
  'unsupported-node-version': {
    severity: 'error',
    description: 'engines.node admits no Node.js version the runtime supports.',
  },
  'missing-node-version': {
    severity: 'warning',
    description: 'No engines.node: the platform picks the newest LTS (Node.js 24).',
  },
  'unsupported-package-manager': {
    severity: 'warning',
    description: 'pnpm or bun (lock file or packageManager): the platform installs with npm or Yarn.',
  },
  'missing-lock-file': {
    severity: 'warning',
    description: 'No lock file: the platform installs unpinned versions.',
  },
  // 5. Application folders: Java (src/spec/java.ts)
  'ambiguous-runtime': {
    severity: 'warning',
    description: 'Both pom.xml and package.json: the platform builds the folder with Maven.',
  },
  'invalid-pom-xml': { severity: 'error', description: 'pom.xml is not well-formed XML with a <project>.' },
  'unsupported-java-version': {
    severity: 'error',
    description: 'A Java release the runtime does not have (LTS from 17; 11 is gone).',
  },
  'missing-java-version': {
    severity: 'warning',
    description: 'pom.xml and project.toml declare no Java release.',
  },
  'java-version-mismatch': {
    severity: 'error',
    description: 'project.toml runs an older Java than pom.xml compiles for.',
  },
  'no-executable-jar': {
    severity: 'error',
    description: 'The build makes no jar with a Main-Class (what the runtime runs).',
  },
  'multiple-executable-jars': {
    severity: 'error',
    description: 'The build makes several jars with a Main-Class; the runtime refuses to choose.',
  },
  'npm-in-java-app': {
    severity: 'error',
    description: "A Java application's postDeploy/preUndeploy runs npm or node.",
  },
  'invalid-maven-script': {
    severity: 'error',
    description: 'postDeploy/preUndeploy runs a Maven execution, profile, class or mvnw that is not there.',
  },
} as const satisfies Record<string, { severity: Severity; description: string }>;

export type RuleCode = keyof typeof RULES;

/** Renders a path of keys and indexes as `deployAs[2].properties.schedule`. */
export function formatPath(segments: readonly (string | number)[]): string {
  let out = '';
  for (const segment of segments) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else if (/^[A-Za-z_$][\w$-]*$/.test(segment)) out += out === '' ? segment : `.${segment}`;
    else out += `[${JSON.stringify(segment)}]`;
  }
  return out;
}

/** Sorts by file, line, column, and counts; `strict` makes warnings fail. */
export function summarize(
  file: string,
  diagnostics: Diagnostic[],
  options: { strict?: boolean | undefined } = {},
): Pick<ValidationResult, 'valid' | 'errorCount' | 'warningCount' | 'diagnostics'> {
  const sorted = [...diagnostics].sort(
    (a, b) =>
      Number(a.file !== file) - Number(b.file !== file) ||
      a.file.localeCompare(b.file) ||
      a.line - b.line ||
      a.column - b.column,
  );
  const errorCount = sorted.filter((diagnostic) => diagnostic.severity === 'error').length;
  const warningCount = sorted.length - errorCount;
  return {
    valid: errorCount === 0 && (!options.strict || warningCount === 0),
    errorCount,
    warningCount,
    diagnostics: sorted,
  };
}
