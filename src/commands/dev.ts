import { Args, type Config } from '@oclif/core';

import { BaseCommand } from '../cli/base-command.js';
import { DEV_FLAGS, DEV_PATH_ARG } from '../cli/dev/flags.js';
import { normalizeInspectArgv } from '../cli/dev/inspect-argv.js';
import { runDev, writeJsonLine } from '../cli/dev/run.js';
import { oclifFlags } from '../cli/oclif-flags.js';

export default class Dev extends BaseCommand<typeof Dev> {
  static override description =
    'Run every application of a Connect repository locally, as the Connect runtime would: configuration, ports, builds, jobs, scripts and reload.';

  static override examples = [
    '<%= config.bin %> dev',
    '<%= config.bin %> dev examples/connector --only service,job',
    '<%= config.bin %> dev --env service.CTP_REGION=europe-west1.gcp --env LOG_LEVEL=debug',
    '<%= config.bin %> dev --values staging.values.yaml --no-watch',
    '<%= config.bin %> dev --exec "npm test" --timeout 600',
    '<%= config.bin %> dev --inspect=service',
  ];

  static override args = { path: Args.string(DEV_PATH_ARG) };

  // Plain data shared with the fast start of bin/run.js, which reads plain `connect dev` command
  // lines without loading oclif (src/cli/dev/fast.ts).
  static override flags = oclifFlags(DEV_FLAGS);

  // `--inspect` alone means every application (see inspect-argv.ts).
  constructor(argv: string[], config: Config) {
    super(normalizeInspectArgv(argv), config);
  }

  async run(): Promise<void> {
    await runDev({
      flags: this.flags,
      path: this.args.path,
      output: this.output,
      json: this.jsonEnabled(),
      version: this.config.version,
    });
  }

  protected override writeJsonError(value: unknown): void {
    writeJsonLine(value);
  }

  /** The events are the output with --json: nothing to print at the end. */
  protected override logJson(json: unknown): void {
    if (json !== undefined) super.logJson(json);
  }
}
