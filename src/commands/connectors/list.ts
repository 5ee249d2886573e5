import { Flags } from '@oclif/core';

import { BaseCommand } from '../../cli/base-command.js';
import { openRemote, remoteFlags, type RemoteFlagValues } from '../../cli/remote-flags.js';
import { searchConnectors } from '../../connect-api/resources.js';
import type { Connector, PagedQueryResponse } from '../../connect-api/types.js';
import type { Output } from '../../ui/output.js';
import { pageNote } from '../staged/list.js';

export const connectorFilterFlags = {
  'integration-type': Flags.string({
    description: 'Only connectors of these integration types (a,b or repeated).',
    multiple: true,
  }),
  company: Flags.string({ description: "Only connectors of this creator's company." }),
  private: Flags.boolean({
    description: 'Only private connectors (--no-private: only public ones).',
    allowNo: true,
  }),
  limit: Flags.integer({ description: 'Page size.', default: 20, min: 1, max: 500 }),
  offset: Flags.integer({ description: 'Entries to skip.', default: 0, min: 0 }),
  sort: Flags.string({ description: 'Sort expression (repeatable).', multiple: true }),
};

export function renderConnectors(output: Output, page: PagedQueryResponse<Connector>): void {
  const rows = page.results.map((connector) => ({
    key: connector.key ?? connector.id,
    name: connector.name,
    version: connector.version,
    integrations: (connector.integrationTypes ?? []).join(','),
    company: connector.creator.company ?? '',
    private: connector.private ? 'yes' : 'no',
  }));
  output.table(rows, [
    { header: 'KEY', get: (row) => row.key },
    { header: 'NAME', get: (row) => row.name },
    { header: 'VERSION', get: (row) => row.version },
    { header: 'INTEGRATIONS', get: (row) => row.integrations },
    { header: 'COMPANY', get: (row) => row.company },
    { header: 'PRIVATE', get: (row) => row.private },
  ]);
  pageNote(output, page, 'connectors');
}

export type ConnectorQueryFlags = RemoteFlagValues & {
  'integration-type'?: string[] | undefined;
  company?: string | undefined;
  private?: boolean | undefined;
  limit: number;
  offset: number;
  sort?: string[] | undefined;
};

/** `connectors list` and `connectors search`: one query, printed as a table unless --json. */
export async function queryConnectors(
  flags: ConnectorQueryFlags,
  output: Output,
  options: { userAgent: string; json: boolean; text?: string | undefined },
): Promise<PagedQueryResponse<Connector>> {
  const session = await openRemote(flags, output, { userAgent: options.userAgent });
  try {
    const page = session.redactor.redactValue(
      await searchConnectors(session.client, {
        text: options.text,
        integrationTypes: flags['integration-type']?.flatMap((value) => value.split(',')),
        company: flags.company,
        private: flags.private,
        limit: flags.limit,
        offset: flags.offset,
        sort: flags.sort,
      }),
    );
    if (!options.json) renderConnectors(output, page);
    return page;
  } finally {
    await session.close();
  }
}

export default class ConnectorsList extends BaseCommand<typeof ConnectorsList> {
  static override description = 'List the published connectors this project can deploy.';

  static override examples = [
    '<%= config.bin %> connectors list',
    '<%= config.bin %> connectors list --integration-type psp,tax --private --limit 50',
  ];

  static override flags = { ...connectorFilterFlags, ...remoteFlags };

  async run(): Promise<PagedQueryResponse<Connector>> {
    return queryConnectors(this.flags, this.output, {
      userAgent: this.config.userAgent,
      json: this.jsonEnabled(),
    });
  }
}
