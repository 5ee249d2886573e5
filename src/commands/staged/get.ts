import { Args } from '@oclif/core';

import { BaseCommand } from '../../cli/base-command.js';
import { openRemote, remoteFlags } from '../../cli/remote-flags.js';
import { getStaged } from '../../connect-api/resources.js';
import type { ConnectorStaged } from '../../connect-api/types.js';
import { printReport, statusStyle } from '../../ui/remote.js';

export default class StagedGet extends BaseCommand<typeof StagedGet> {
  static override description =
    'Show a staged connector (by key or id): status, repository, previewable checks, reports.';

  static override examples = [
    '<%= config.bin %> staged get my-connector',
    '<%= config.bin %> staged get my-connector --json',
  ];

  static override args = {
    key: Args.string({ description: 'Key or id of the staged connector.', required: true }),
  };

  static override flags = { ...remoteFlags };

  async run(): Promise<ConnectorStaged> {
    const session = await openRemote(this.flags, this.output, { userAgent: this.config.userAgent });
    try {
      const staged = session.redactor.redactValue(await getStaged(session.client, this.args.key));
      if (!this.jsonEnabled()) {
        const { color } = this.output;
        const rows: Array<[string, string]> = [
          ['Key', staged.key ?? ''],
          ['Id', staged.id],
          ['Name', staged.name],
          ['Status', statusStyle(color, staged.status)],
          ['Previewable', statusStyle(color, staged.isPreviewable)],
          ['Repository', `${staged.repository.url} @ ${staged.repository.tag}`],
          [
            'Creator',
            [staged.creator.name, staged.creator.email, staged.creator.company].filter(Boolean).join(', '),
          ],
          ['Integrations', (staged.integrationTypes ?? []).join(', ')],
          ['Regions', (staged.supportedRegions ?? []).join(', ') || '(all)'],
          [
            'Private',
            `${staged.private ? 'yes' : 'no'}${staged.privateProjects.length ? ` (${staged.privateProjects.join(', ')})` : ''}`,
          ],
          [
            'Applications',
            staged.configurations.map((app) => `${app.applicationName} (${app.applicationType})`).join(', '),
          ],
          ['Version', String(staged.version)],
        ];
        for (const [label, value] of rows) this.output.out(`${color.bold(label.padEnd(13))} ${value}`);
        printReport(this.output, 'Previewable report', staged.previewableReport);
        printReport(this.output, 'Publishing report', staged.publishingReport);
      }
      return staged;
    } finally {
      await session.close();
    }
  }
}
