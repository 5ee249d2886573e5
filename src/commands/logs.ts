import { Args, Flags } from '@oclif/core';

import { BaseCommand } from '../cli/base-command.js';
import { openRemote, remoteFlags } from '../cli/remote-flags.js';
import { checkLogApplication, followLogs, parseWindow, readLogs } from '../connect-api/logs.js';
import type { DeploymentLog } from '../connect-api/types.js';
import { logLine } from '../ui/remote.js';

export default class Logs extends BaseCommand<typeof Logs> {
  static override description =
    'Print the logs of a deployment: every page, oldest first, without prompting; --follow keeps tailing until Ctrl-C.';

  static override examples = [
    '<%= config.bin %> logs my-deployment --since 1h',
    '<%= config.bin %> logs my-deployment --app service --follow',
    '<%= config.bin %> logs my-deployment --since 2026-01-01T00:00:00Z --until 2026-01-02T00:00:00Z --json',
  ];

  static override args = {
    deployment: Args.string({ description: 'Key or id of the deployment.', required: true }),
  };

  static override flags = {
    app: Flags.string({ description: 'Only this application.' }),
    since: Flags.string({ description: 'From this long ago (30m, 1h, 2d) or this date.' }),
    until: Flags.string({ description: 'Up to this date (or this long ago).' }),
    follow: Flags.boolean({
      default: false,
      char: 'f',
      description: 'Keep printing new entries until Ctrl-C (with --json: one JSON object per line).',
    }),
    ...remoteFlags,
  };

  async run(): Promise<DeploymentLog[] | undefined> {
    const { since, until } = parseWindow(this.flags.since, this.flags.until);
    const session = await openRemote(this.flags, this.output, { userAgent: this.config.userAgent });
    const options = { application: this.flags.app, since, until };
    try {
      if (this.flags.app !== undefined)
        await checkLogApplication(session.client, this.args.deployment, this.flags.app);
      if (this.flags.follow) {
        const controller = new AbortController();
        const stop = () => controller.abort();
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
        try {
          await followLogs(
            session.client,
            this.args.deployment,
            { ...options, signal: controller.signal },
            (entries) => {
              for (const entry of session.redactor.redactValue(entries)) {
                // With --json a follow stream is JSON lines: one document per entry, as they come.
                if (this.jsonEnabled()) this.output.out(JSON.stringify(entry));
                else this.output.out(logLine(this.output.color, entry));
              }
            },
          );
        } finally {
          process.removeListener('SIGINT', stop);
          process.removeListener('SIGTERM', stop);
        }
        // Exit now: a request still in flight when Ctrl-C came must not hold the process.
        void session.close();
        this.exit(0);
      }
      const all: DeploymentLog[] = [];
      const count = await readLogs(session.client, this.args.deployment, options, (entries) => {
        const safe = session.redactor.redactValue(entries);
        if (this.jsonEnabled()) all.push(...safe);
        else for (const entry of safe) this.output.out(logLine(this.output.color, entry));
      });
      if (!this.jsonEnabled() && count === 0) this.output.info('No log entries in that window.');
      return all;
    } finally {
      if (!this.flags.follow) await session.close();
    }
  }
}
