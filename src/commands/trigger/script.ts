import { Args, Flags } from '@oclif/core';

import { BaseCommand } from '../../cli/base-command.js';
import { connectToEmulator } from '../../emulator/admin/client.js';

interface ScriptRun {
  application: string;
  script: string;
  ran: boolean;
  code: number | null;
  durationMs: number;
}

export default class TriggerScript extends BaseCommand<typeof TriggerScript> {
  static override description =
    "Run an application's postDeploy or preUndeploy script (connect.yaml `scripts`) in the running `connect dev` now, with the environment the platform gives it. `connect dev` runs postDeploy once an application is ready, and preUndeploy at Ctrl-C only with --persist: this is how to exercise preUndeploy otherwise. Exits 1 when the script fails.";

  static override examples = [
    '<%= config.bin %> trigger script service preUndeploy',
    '<%= config.bin %> trigger script event postDeploy --path examples/connector --json',
  ];

  static override args = {
    app: Args.string({ description: 'The application whose script to run.', required: true }),
    script: Args.string({
      description: 'Which script.',
      required: true,
      options: ['postDeploy', 'preUndeploy'],
    }),
  };

  static override flags = {
    path: Flags.string({
      description: 'The repository where `connect dev` runs. Default: the current directory.',
    }),
  };

  async run(): Promise<ScriptRun> {
    const client = await connectToEmulator(this.flags.path);
    const run = await client.post<ScriptRun>(
      `/applications/${encodeURIComponent(this.args.app)}/scripts/${encodeURIComponent(this.args.script)}`,
    );
    if (!this.jsonEnabled()) {
      if (!run.ran) this.output.warn(`${run.application} has no ${run.script} script in connect.yaml.`);
      else if (run.code === 0)
        this.output.success(`${run.application}: ${run.script} done in ${run.durationMs} ms.`);
      else
        this.output.warn(
          `${run.application}: ${run.script} exited with ${run.code} after ${run.durationMs} ms (its output is in the connect dev log).`,
        );
    }
    if (run.ran && run.code !== 0) process.exitCode = 1;
    return run;
  }
}
