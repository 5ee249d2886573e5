import { Args } from '@oclif/core';

import { BaseCommand } from '../../cli/base-command.js';
import { remoteFlags } from '../../cli/remote-flags.js';
import type { Connector, PagedQueryResponse } from '../../connect-api/types.js';
import { connectorFilterFlags, queryConnectors } from './list.js';

export default class ConnectorsSearch extends BaseCommand<typeof ConnectorsSearch> {
  static override description = 'Search published connectors by text (name, description, key) and filters.';

  static override examples = [
    '<%= config.bin %> connectors search payment',
    '<%= config.bin %> connectors search erp --company Acme --json',
  ];

  static override args = { text: Args.string({ description: 'Text to search for.', required: true }) };

  static override flags = { ...connectorFilterFlags, ...remoteFlags };

  async run(): Promise<PagedQueryResponse<Connector>> {
    return queryConnectors(this.flags, this.output, {
      userAgent: this.config.userAgent,
      json: this.jsonEnabled(),
      text: this.args.text,
    });
  }
}
