import { Args } from '@oclif/core';

import { BaseCommand } from '../../cli/base-command.js';
import { openRemote, remoteFlags } from '../../cli/remote-flags.js';
import { getDeployment } from '../../connect-api/resources.js';
import type { Deployment } from '../../connect-api/types.js';
import { printApplications, printReport } from '../../ui/remote.js';

export default class DeploymentsGet extends BaseCommand<typeof DeploymentsGet> {
  static override description =
    "Show a deployment (by key or id): status, each application's URL, topic or schedule, build report.";

  static override examples = [
    '<%= config.bin %> deployments get my-deployment',
    '<%= config.bin %> deployments get my-deployment --json',
  ];

  static override args = {
    key: Args.string({ description: 'Key or id of the deployment.', required: true }),
  };

  static override flags = { ...remoteFlags };

  async run(): Promise<Deployment> {
    const session = await openRemote(this.flags, this.output, { userAgent: this.config.userAgent });
    try {
      const deployment = session.redactor.redactValue(await getDeployment(session.client, this.args.key));
      if (!this.jsonEnabled()) {
        printApplications(this.output, deployment);
        this.output.info(
          `Connector: ${deployment.connector.key ?? deployment.connector.id} v${deployment.connector.version}${deployment.preview ? ' (staged, preview)' : ''}`,
        );
        printReport(this.output, 'Build report', deployment.details.build.report);
      }
      return deployment;
    } finally {
      await session.close();
    }
  }
}
