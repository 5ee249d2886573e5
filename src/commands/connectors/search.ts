import { Args } from '@oclif/core';

import { BaseCommand } from '../../cli/base-command.js';
import { openRemote, remoteFlags } from '../../cli/remote-flags.js';
import { searchConnectors } from '../../connect-api/resources.js';
import type { Connector, PagedQueryResponse } from '../../connect-api/types.js';
import { connectorFilterFlags, renderConnectors } from './list.js';

export default class ConnectorsSearch extends BaseCommand<typeof ConnectorsSearch> {
  static override description = 'Search published connectors by text (name, description, key) and filters.';

  static override args = { text: Args.string({ description: 'Text to search for.', required: true }) };

  static override flags = { ...connectorFilterFlags, ...remoteFlags };

  async run(): Promise<PagedQueryResponse<Connector>> {
    const session = await openRemote(this.flags, this.output, { userAgent: this.config.userAgent });
    try {
      const page = session.redactor.redactValue(
        await searchConnectors(session.client, {
          text: this.args.text,
          integrationTypes: this.flags['integration-type']?.flatMap((value) => value.split(',')),
          company: this.flags.company,
          private: this.flags.private,
          limit: this.flags.limit,
          offset: this.flags.offset,
          sort: this.flags.sort,
        }),
      );
      if (!this.jsonEnabled()) renderConnectors(this.output, page);
      return page;
    } finally {
      await session.close();
    }
  }
}
