import { Args, Flags } from '@oclif/core';

import { BaseCommand } from '../cli/base-command.js';
import { writeEnvTypes, type EnvTypesResult } from '../spec/write-env-types.js';

export default class Types extends BaseCommand<typeof Types> {
  static override summary =
    "Write a TypeScript declaration of each application's environment (process.env) from connect.yaml.";

  static override description = `For each application (not assets), <app>/src/connect-env.d.ts (or <app>/connect-env.d.ts without a src folder) declares process.env: its configuration keys and the global ones (string when required or with a default, string | undefined otherwise), and the variables the runtime sets (PORT, K_*, CONNECT_*, the CTP_* API client).
\`connect validate\` warns (stale-types) when a declaration no longer matches connect.yaml. A file of that name not written by this command is left alone unless --force.
Exit code: 0, 1 with --check when a declaration is missing or stale, 2 when PATH holds no connect.yaml.`;

  static override examples = [
    '<%= config.bin %> types',
    '<%= config.bin %> types path/to/connector --json',
    '<%= config.bin %> types --check',
  ];

  static override args = {
    path: Args.string({
      description: 'connect.yaml, or the directory holding it (default: the current directory)',
    }),
  };

  static override flags = {
    check: Flags.boolean({
      description: 'Write nothing; exit 1 when a declaration is missing or stale.',
      default: false,
    }),
    force: Flags.boolean({
      description: 'Replace a file of that name that this command did not write.',
      default: false,
    }),
  };

  async run(): Promise<EnvTypesResult> {
    const result = await writeEnvTypes(this.args.path, { check: this.flags.check, force: this.flags.force });
    if (!this.jsonEnabled()) {
      for (const file of result.files) this.output.info(`${file.state.padEnd(9)} ${file.path}`);
    }
    if (this.flags.check && result.files.some((file) => file.state !== 'unchanged')) {
      if (!this.jsonEnabled()) this.output.info('Run `connect types` to bring them up to date.');
      if (this.jsonEnabled()) this.logJson(result);
      this.exit(1);
    }
    return result;
  }
}
