/**
 * `connect validate` as a function: every check of connect.yaml, in order, all problems in
 * one run. Other commands call validateRepository() before they trust a connect.yaml.
 */
import { dirname } from 'node:path';

import { ConnectError, ExitCode } from '../errors.js';
import { capCollections, groupDiagnostics } from './caps.js';
import { summarize, type Diagnostic, type ValidationResult } from './diagnostics.js';
import { checkFolders } from './folders.js';
import { readRegularFile } from './read-regular.js';
import { findSpecFile } from './load.js';
import { checkRules, checkSchedules } from './rules.js';
import { checkSchema } from './schema-check.js';
import type { ConnectSpec } from './types.js';
import { parseSource } from './yaml-source.js';

/** Past this, a file is not read at all (the size check refuses anything past 256 KiB anyway). */
const MAX_SPEC_READ_BYTES = 64 * 1024 * 1024;

export interface ValidateOptions {
  /** Warnings fail too. */
  strict?: boolean | undefined;
  /** Check each application's folder (default: true when validating files on disk). */
  folders?: boolean | undefined;
  /** The repository root for the folder checks (default: the folder holding the file). */
  root?: string | undefined;
  /** "Now" for schedules (next fire times, years in the past). */
  now?: Date | undefined;
}

/**
 * Validates connect.yaml content (steps 1-4; step 5 too when `folders` is true). Never throws
 * on any input: every problem becomes a diagnostic.
 */
export async function validateSource(
  file: string,
  content: Uint8Array | string,
  options: ValidateOptions = {},
): Promise<ValidationResult> {
  const sync = validateDocument(file, content, options);
  const diagnostics = [...sync.diagnostics];
  if (options.folders && sync.document !== undefined) {
    diagnostics.push(...(await checkFolders(sync.source, sync.document, options.root ?? dirname(file))));
    const { checkEnvTypes } = await import('./env-types-check.js');
    diagnostics.push(...(await checkEnvTypes(sync.source, sync.document, options.root ?? dirname(file))));
  }
  return result(file, diagnostics, sync.jobs, sync.document, options);
}

/**
 * Steps 1-4, synchronously (the in-process benchmark and the fuzz test use this). `fast: false`
 * parses with `yaml` even when the fast parser could: the differential test and the benchmark
 * compare the two.
 */
export function validateDocument(
  file: string,
  content: Uint8Array | string,
  options: Pick<ValidateOptions, 'now'> & { fast?: boolean } = {},
): {
  diagnostics: Diagnostic[];
  jobs: ValidationResult['jobs'];
  document: unknown;
  source: ReturnType<typeof parseSource>['source'];
} {
  const parsed = parseSource(file, content, options.fast === false ? { fast: false } : {});
  if (!('value' in parsed))
    return { diagnostics: parsed.diagnostics, jobs: [], document: undefined, source: parsed.source };
  const { source, value } = parsed;
  // Huge lists and mappings are checked in part (see ./caps.ts): validate stays linear.
  const capped = capCollections(source, value);
  const schedules = checkSchedules(source, capped.value, options.now);
  const diagnostics = [
    ...parsed.diagnostics,
    ...capped.diagnostics,
    ...checkSchema(source, capped.value),
    ...checkRules(source, capped.value),
    ...schedules.diagnostics,
  ];
  return { diagnostics, jobs: schedules.jobs, document: value, source };
}

function result(
  file: string,
  diagnostics: Diagnostic[],
  jobs: ValidationResult['jobs'],
  document: unknown,
  options: ValidateOptions,
): ValidationResult {
  const summary = summarize(file, diagnostics, options);
  return {
    ...summary,
    // The counts stay exact; the list is grouped beyond a few hundred.
    diagnostics: groupDiagnostics(summary.diagnostics),
    file,
    jobs,
    ...(summary.errorCount === 0 && document !== undefined ? { spec: document as ConnectSpec } : {}),
  };
}

/**
 * Finds connect.yaml under `path` (a file or a directory, default the current directory) and
 * validates it with its application folders. Throws CONNECT_YAML_NOT_FOUND (exit code 2) when
 * there is none.
 */
export async function validateRepository(
  path?: string,
  options: Omit<ValidateOptions, 'root'> = {},
): Promise<ValidationResult> {
  const file = await findSpecFile(path);
  const content = await readRegularFile(file, MAX_SPEC_READ_BYTES).catch((error: NodeJS.ErrnoException) => {
    throw new ConnectError(
      'CONNECT_YAML_UNREADABLE',
      `${file} cannot be read: ${error.code ?? error.message}`,
      {
        hint: 'check the file permissions',
        exitCode: ExitCode.Usage,
        cause: error,
      },
    );
  });
  return validateSource(file, content, { folders: true, ...options, root: dirname(file) });
}
