import { readFileSync } from 'node:fs';

import { Flags } from '@oclif/core';

import { BaseCommand } from '../cli/base-command.js';
import { pathArg } from '../cli/repository-path.js';
import { ExitCode, isConnectError } from '../errors.js';
import type { ValidationResult } from '../spec/diagnostics.js';
import { formatGithub, formatGithubError, formatStylish } from '../spec/format.js';
import { validateRepository } from '../spec/validate.js';

export type ValidateJson = Omit<ValidationResult, 'spec'>;

export default class Validate extends BaseCommand<typeof Validate> {
  static override summary =
    'Check connect.yaml and the application folders, reporting every problem at once.';

  static override description = `Checks, in order: YAML syntax; the schema (schemas/connect.schema.json); the rules a schema cannot express (unique names and keys, global keys, Merchant Center keys); each job's schedule; each application's folder (package.json, start/build scripts, npm run targets, engines.node, lock file).
Every diagnostic has a severity, a rule code, the file, line and column, and its path in the document.
Exit code: 0 when there is no error (warnings allowed unless --strict), 1 when there are errors, 2 when PATH holds no connect.yaml.`;

  static override examples = [
    '<%= config.bin %> validate',
    '<%= config.bin %> validate path/to/connector --verbose',
    '<%= config.bin %> validate --json',
    '<%= config.bin %> validate --format github --strict',
  ];

  static override args = {
    path: pathArg,
  };

  static override flags = {
    format: Flags.string({
      description: 'Output format (--json overrides it).',
      options: ['stylish', 'github'],
      default: 'stylish',
    }),
    strict: Flags.boolean({ description: 'Fail (exit 1) on warnings too.', default: false }),
    verbose: Flags.boolean({
      description: 'Also show each job schedule in words and its next three fire times (UTC).',
      default: false,
    }),
  };

  async run(): Promise<ValidateJson> {
    const result = await validateRepository(this.args.path, { strict: this.flags.strict }).catch(
      (error: unknown) => {
        if (this.flags.format === 'github' && !this.jsonEnabled() && isConnectError(error)) {
          this.output.out(formatGithubError(error));
        }
        throw error;
      },
    );
    const { spec: _spec, ...json } = result;
    if (this.jsonEnabled()) {
      if (!result.valid) {
        this.logJson(json);
        this.exit(ExitCode.Failure);
      }
      return json;
    }
    if (this.flags.format === 'github') {
      const text = formatGithub(result);
      if (text) this.output.out(text);
    } else {
      this.output.out(
        formatStylish(result, { color: this.output.color, sources: readSource, verbose: this.flags.verbose }),
      );
    }
    if (!result.valid) this.exit(ExitCode.Failure);
    return json;
  }
}

function readSource(file: string): string | undefined {
  try {
    const text = readFileSync(file, 'utf8');
    return text.length > 256 * 1024 || text.includes('\u0000') ? undefined : text;
  } catch {
    return undefined;
  }
}
