import { Flags } from '@oclif/core';

import { BaseCommand } from '../../cli/base-command.js';
import { legacyPathFlag, pathArg, repositoryPath } from '../../cli/repository-path.js';
import { connectToEmulator } from '../../emulator/admin/client.js';
import type { Delivery } from '../../emulator/events/delivery.js';

export interface EventsListResult {
  messages: Delivery[];
}

export default class EventsList extends BaseCommand<typeof EventsList> {
  static override description =
    'List the event deliveries of the running `connect dev` (state, attempts), or only the dead letters with --dead.';

  static override examples = ['<%= config.bin %> events list', '<%= config.bin %> events list --dead --json'];

  static override args = { path: pathArg };

  static override flags = {
    dead: Flags.boolean({
      default: false,
      description: 'Only messages that exhausted their retries (dead letters).',
    }),
    path: legacyPathFlag,
  };

  async run(): Promise<EventsListResult> {
    const client = await connectToEmulator(repositoryPath(this.args.path, this.flags.path));
    const result = await client.get<EventsListResult>(
      `/events/messages${this.flags.dead ? '?dead=true' : ''}`,
    );
    if (!this.jsonEnabled()) {
      if (result.messages.length === 0)
        this.output.info(this.flags.dead ? 'No dead letters.' : 'No deliveries yet.');
      else
        this.output.table(
          result.messages.map((d) => ({
            id: d.id,
            application: d.application,
            type: d.type,
            state: d.state,
            attempts: d.attempts.length,
            last: d.attempts.at(-1)?.statusCode ?? d.attempts.at(-1)?.error ?? '',
          })),
          [
            { header: 'ID', get: (d) => d.id },
            { header: 'APPLICATION', get: (d) => d.application },
            { header: 'TYPE', get: (d) => d.type },
            { header: 'STATE', get: (d) => d.state },
            { header: 'ATTEMPTS', get: (d) => d.attempts },
            { header: 'LAST STATUS', get: (d) => d.last },
          ],
        );
    }
    return result;
  }
}
