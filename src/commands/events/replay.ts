import { Args, Flags } from '@oclif/core';

import { BaseCommand, ConnectError, ExitCode } from '../../cli/base-command.js';
import { legacyPathFlag, pathArg, repositoryPath } from '../../cli/repository-path.js';
import { connectToEmulator } from '../../emulator/admin/client.js';
import type { Delivery } from '../../emulator/events/delivery.js';

export interface EventsReplayResult {
  replayed: Delivery[];
}

export default class EventsReplay extends BaseCommand<typeof EventsReplay> {
  static override description =
    'Redeliver one message (by id, see `connect events list`) or every dead letter of the running `connect dev`. Exits 1 unless every replayed message was acknowledged.';

  static override examples = [
    '<%= config.bin %> events replay 0b9e6c1f-4a55-4a3b-9f0e-6f1f5c2d7a10',
    '<%= config.bin %> events replay --all-dead --json',
  ];

  static override args = {
    id: Args.string({ description: 'The delivery id to replay (none with --all-dead).' }),
    path: pathArg,
  };

  static override flags = {
    'all-dead': Flags.boolean({ default: false, description: 'Replay every dead letter.' }),
    path: legacyPathFlag,
  };

  async run(): Promise<EventsReplayResult> {
    const allDead = this.flags['all-dead'];
    // With --all-dead there is no ID: a single argument is the repository.
    const [id, path] =
      allDead && this.args.path === undefined ? [undefined, this.args.id] : [this.args.id, this.args.path];
    if ((id === undefined) === !allDead) {
      throw new ConnectError('USAGE', 'Say which messages to replay: an ID or --all-dead (not both).', {
        hint: 'run `connect events list --dead` to see the ids, or pass --all-dead',
        exitCode: ExitCode.Usage,
      });
    }
    const client = await connectToEmulator(repositoryPath(path, this.flags.path));
    const result = await client.post<EventsReplayResult>(
      '/events/replay',
      allDead ? { allDead: true } : { id },
    );
    if (!this.jsonEnabled()) {
      if (result.replayed.length === 0) this.output.info('Nothing to replay.');
      for (const delivery of result.replayed) {
        const last = delivery.attempts.at(-1);
        const text = `${delivery.id} ${delivery.type} -> ${delivery.application}: ${delivery.state}${last ? ` (HTTP ${last.statusCode ?? '-'})` : ''}`;
        if (delivery.state === 'acked') this.output.success(text);
        else this.output.warn(text);
      }
    }
    if (result.replayed.some((d) => d.state !== 'acked')) process.exitCode = 1;
    return result;
  }
}
