import { Args } from '@oclif/core';

import { BaseCommand } from '../../cli/base-command.js';
import { openRemote, remoteFlags } from '../../cli/remote-flags.js';
import { getConnector } from '../../connect-api/resources.js';
import type { Connector } from '../../connect-api/types.js';

export default class ConnectorsGet extends BaseCommand<typeof ConnectorsGet> {
  static override description =
    'Show a published connector (by key or id) and the configuration its applications take.';

  static override examples = [
    '<%= config.bin %> connectors get my-connector',
    '<%= config.bin %> connectors get my-connector --json',
  ];

  static override args = { key: Args.string({ description: 'Key or id of the connector.', required: true }) };

  static override flags = { ...remoteFlags };

  async run(): Promise<Connector> {
    const session = await openRemote(this.flags, this.output, { userAgent: this.config.userAgent });
    try {
      const connector = session.redactor.redactValue(await getConnector(session.client, this.args.key));
      if (!this.jsonEnabled()) {
        const { color } = this.output;
        this.output.out(
          `${color.bold(connector.name)} ${color.dim(`${connector.key ?? connector.id} v${connector.version}`)}`,
        );
        if (connector.description) this.output.out(connector.description);
        this.output.out(`Repository: ${connector.repository.url} @ ${connector.repository.tag}`);
        this.output.out(`Regions: ${(connector.supportedRegions ?? []).join(', ') || '(all)'}`);
        const rows = [
          ...(connector.globalConfiguration
            ? [
                ...(connector.globalConfiguration.standardConfiguration ?? []).map((entry) => ({
                  app: '(global)',
                  entry,
                  secured: false,
                })),
                ...(connector.globalConfiguration.securedConfiguration ?? []).map((entry) => ({
                  app: '(global)',
                  entry,
                  secured: true,
                })),
              ]
            : []),
          ...connector.configurations.flatMap((app) => [
            ...app.standardConfiguration.map((entry) => ({
              app: `${app.applicationName} (${app.applicationType})`,
              entry,
              secured: false,
            })),
            ...app.securedConfiguration.map((entry) => ({
              app: `${app.applicationName} (${app.applicationType})`,
              entry,
              secured: true,
            })),
          ]),
        ];
        this.output.table(rows, [
          { header: 'APPLICATION', get: (row) => row.app },
          { header: 'KEY', get: (row) => row.entry.key },
          { header: 'SECURED', get: (row) => (row.secured ? 'yes' : '') },
          { header: 'REQUIRED', get: (row) => (row.entry.required ? 'yes' : '') },
          { header: 'DEFAULT', get: (row) => row.entry.default ?? '' },
          { header: 'DESCRIPTION', get: (row) => row.entry.description ?? '' },
        ]);
      }
      return connector;
    } finally {
      await session.close();
    }
  }
}
