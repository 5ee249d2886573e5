import { Flags } from '@oclif/core';

import { BaseCommand } from '../../cli/base-command.js';
import { openRemote, remoteFlags } from '../../cli/remote-flags.js';
import { listDeployments } from '../../connect-api/resources.js';
import { DEPLOYMENT_TYPES, type Deployment, type PagedQueryResponse } from '../../connect-api/types.js';
import { statusStyle } from '../../ui/remote.js';
import { pageNote } from '../staged/list.js';

export default class DeploymentsList extends BaseCommand<typeof DeploymentsList> {
  static override description = 'List the deployments of the project.';

  static override examples = [
    '<%= config.bin %> deployments list',
    '<%= config.bin %> deployments list --type production --json',
  ];

  static override flags = {
    type: Flags.string({ description: 'Only deployments of this type.', options: [...DEPLOYMENT_TYPES] }),
    limit: Flags.integer({ description: 'Page size.', default: 20, min: 1, max: 500 }),
    offset: Flags.integer({ description: 'Entries to skip.', default: 0, min: 0 }),
    sort: Flags.string({ description: 'Sort expression (repeatable).', multiple: true }),
    ...remoteFlags,
  };

  async run(): Promise<PagedQueryResponse<Deployment>> {
    const session = await openRemote(this.flags, this.output, { userAgent: this.config.userAgent });
    try {
      const page = session.redactor.redactValue(
        await listDeployments(session.client, {
          type: this.flags.type,
          limit: this.flags.limit,
          offset: this.flags.offset,
          sort: this.flags.sort,
        }),
      );
      if (!this.jsonEnabled()) {
        const { color } = this.output;
        const rows = page.results.map((deployment) => ({
          key: deployment.key ?? deployment.id,
          connector: `${deployment.connector.key ?? deployment.connector.id} v${deployment.connector.version}`,
          type: deployment.type,
          region: deployment.deployedRegion,
          status: deployment.status,
        }));
        this.output.table(rows, [
          { header: 'KEY', get: (row) => row.key },
          { header: 'CONNECTOR', get: (row) => row.connector },
          { header: 'TYPE', get: (row) => row.type },
          { header: 'REGION', get: (row) => row.region },
          {
            header: 'STATUS',
            get: (row) => row.status,
            style: (text, row) => text.replace(row.status, statusStyle(color, row.status)),
          },
        ]);
        pageNote(this.output, page, 'deployments');
      }
      return page;
    } finally {
      await session.close();
    }
  }
}
