import { Flags } from '@oclif/core';

import { BaseCommand } from '../../cli/base-command.js';
import { openRemote, remoteFlags } from '../../cli/remote-flags.js';
import { listStaged } from '../../connect-api/resources.js';
import type { ConnectorStaged, PagedQueryResponse } from '../../connect-api/types.js';
import { statusStyle } from '../../ui/remote.js';

export default class StagedList extends BaseCommand<typeof StagedList> {
  static override description = 'List the staged connectors (ConnectorStaged) of the project.';

  static override examples = [
    '<%= config.bin %> staged list',
    '<%= config.bin %> staged list --limit 50 --json',
  ];

  static override flags = {
    limit: Flags.integer({ description: 'Page size.', default: 20, min: 1, max: 500 }),
    offset: Flags.integer({ description: 'Entries to skip.', default: 0, min: 0 }),
    sort: Flags.string({
      description: 'Sort expression, e.g. "createdAt desc" (repeatable).',
      multiple: true,
    }),
    ...remoteFlags,
  };

  async run(): Promise<PagedQueryResponse<ConnectorStaged>> {
    const session = await openRemote(this.flags, this.output, { userAgent: this.config.userAgent });
    try {
      const page = await listStaged(session.client, {
        limit: this.flags.limit,
        offset: this.flags.offset,
        sort: this.flags.sort,
      });
      if (!this.jsonEnabled()) {
        const { color } = this.output;
        const rows = page.results.map((staged) => ({
          key: staged.key ?? staged.id,
          name: staged.name,
          status: staged.status,
          previewable: staged.isPreviewable,
          tag: staged.repository.tag,
          version: staged.version,
        }));
        this.output.table(rows, [
          { header: 'KEY', get: (row) => row.key },
          { header: 'NAME', get: (row) => row.name },
          {
            header: 'STATUS',
            get: (row) => row.status,
            style: (text, row) => text.replace(row.status, statusStyle(color, row.status)),
          },
          { header: 'PREVIEWABLE', get: (row) => row.previewable },
          { header: 'TAG', get: (row) => row.tag },
          { header: 'VERSION', get: (row) => row.version },
        ]);
        pageNote(this.output, page, 'staged connectors');
      }
      return session.redactor.redactValue(page);
    } finally {
      await session.close();
    }
  }
}

export function pageNote(
  output: { info: (text: string) => void },
  page: { offset: number; count: number; total?: number | undefined },
  what: string,
): void {
  if (page.count === 0) {
    output.info(`No ${what}.`);
    return;
  }
  const total = page.total ?? page.offset + page.count;
  if (total > page.offset + page.count || page.offset > 0) {
    output.info(
      `Showing ${page.offset + 1}-${page.offset + page.count} of ${total} ${what}; use --offset and --limit for more.`,
    );
  }
}
