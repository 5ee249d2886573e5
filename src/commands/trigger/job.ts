import { Args } from '@oclif/core';

import { BaseCommand } from '../../cli/base-command.js';
import { legacyPathFlag, pathArg, repositoryPath } from '../../cli/repository-path.js';
import { connectToEmulator } from '../../emulator/admin/client.js';
import type { JobRun } from '../../emulator/types.js';

export default class TriggerJob extends BaseCommand<typeof TriggerJob> {
  static override description =
    'Run a job application of the running `connect dev` now, as its scheduler would (POST to its endpoint), and print the outcome. Exits 1 when the run fails.';

  static override examples = [
    '<%= config.bin %> trigger job job',
    '<%= config.bin %> trigger job job examples/connector --json',
  ];

  static override args = {
    app: Args.string({ description: 'The job application to run.', required: true }),
    path: pathArg,
  };

  static override flags = {
    path: legacyPathFlag,
  };

  async run(): Promise<JobRun> {
    const client = await connectToEmulator(repositoryPath(this.args.path, this.flags.path));
    const run = await client.post<JobRun>(`/jobs/${encodeURIComponent(this.args.app)}/run`);
    if (!this.jsonEnabled()) {
      const text = `${run.application}: ${run.outcome}${run.statusCode === null ? '' : ` (HTTP ${run.statusCode})`} in ${run.durationMs} ms${run.message ? `: ${run.message}` : ''}`;
      if (run.outcome === 'ok') this.output.success(text);
      else this.output.warn(text);
    }
    if (run.outcome !== 'ok') process.exitCode = 1;
    return run;
  }
}
