import { Args, Flags } from '@oclif/core';

import { BaseCommand } from '../../cli/base-command.js';
import { legacyPathFlag, pathArg, repositoryPath } from '../../cli/repository-path.js';
import { connectToEmulator } from '../../emulator/admin/client.js';
import type { Delivery } from '../../emulator/events/delivery.js';
import type { SnsConfirmationResult } from '../../emulator/platform/emulated-platform.js';
import { readJsonFile } from '../../emulator/platform/json-file.js';

export default class TriggerEvent extends BaseCommand<typeof TriggerEvent> {
  static override description =
    "Publish one message to an event application of the running `connect dev`, as its Subscription would (Pub/Sub push; an SNS notification with --provider aws), built from resources created in the local API (or --file), and report each delivery attempt. Any of the platform's Message types (see docs/messages.md); an unknown type is refused with the nearest names. With --provider aws, `--type SubscriptionConfirmation` sends what SNS sends an endpoint it subscribes, and reports whether the app visited the SubscribeURL. Exits 1 unless the app acknowledged it (confirmed it).";

  static override examples = [
    '<%= config.bin %> trigger event event --type OrderCreated',
    '<%= config.bin %> trigger event event --type OrderCreated --format cloudevents --json',
    '<%= config.bin %> trigger event event --type ProductStateTransition',
    '<%= config.bin %> trigger event event --type OrderCreated --file message.json',
    '<%= config.bin %> trigger event event --type OrderCreated --wait 60',
    '<%= config.bin %> trigger event event --type SubscriptionConfirmation',
  ];

  static override args = {
    app: Args.string({ description: 'The event application to deliver to.', required: true }),
    path: pathArg,
  };

  static override flags = {
    type: Flags.string({
      description:
        'The message type, any the platform defines, e.g. OrderCreated, ProductSelectionProductAdded (AWS: also SubscriptionConfirmation).',
      required: true,
    }),
    file: Flags.string({ description: 'The message or notification (JSON) to send instead of a sample.' }),
    format: Flags.string({
      description: "The payload format (default: the app's subscription format, else platform).",
      options: ['platform', 'cloudevents'],
    }),
    wait: Flags.integer({
      default: 0,
      min: 0,
      description:
        'Wait up to this many seconds for redeliveries (per the retryPolicy) until the message is acknowledged or dead, and report every attempt.',
    }),
    path: legacyPathFlag,
  };

  async run(): Promise<Delivery | SnsConfirmationResult> {
    const { flags } = this;
    const payload = flags.file === undefined ? undefined : await readJsonFile(flags.file, '--file');
    const client = await connectToEmulator(repositoryPath(this.args.path, flags.path));
    if (flags.type === 'SubscriptionConfirmation') {
      const result = await client.post<SnsConfirmationResult>(
        `/events/${encodeURIComponent(this.args.app)}/publish`,
        {
          type: flags.type,
          waitMs: Math.max(flags.wait, 3) * 1000,
        },
      );
      if (!this.jsonEnabled()) {
        this.output.info(
          `SubscriptionConfirmation to ${result.application} for ${result.topicArn}: ${result.statusCode ?? 'no answer'}${result.error ? ` (${result.error})` : ''} in ${result.durationMs} ms`,
        );
        if (result.confirmed) this.output.success(`confirmed (${result.subscriptionArn ?? ''})`);
        else
          this.output.warn(
            `not confirmed: the app did not visit the SubscribeURL within ${Math.max(flags.wait, 3)} s (--wait to give it longer)`,
          );
      }
      if (!result.confirmed) process.exitCode = 1;
      return result;
    }
    let delivery = await client.post<Delivery>(`/events/${encodeURIComponent(this.args.app)}/publish`, {
      type: flags.type,
      ...(flags.format === undefined ? {} : { format: flags.format }),
      ...(payload === undefined ? {} : { payload }),
    });
    const deadline = Date.now() + flags.wait * 1000;
    while (delivery.state === 'retrying' && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 250));
      const { messages } = await client.get<{ messages: Delivery[] }>('/events/messages');
      const id = delivery.id;
      delivery = messages.find((d) => d.id === id) ?? delivery;
    }
    if (!this.jsonEnabled()) {
      this.output.info(
        `${delivery.type} (${delivery.format}) to ${delivery.application} via ${delivery.subscription}`,
      );
      this.output.table(
        delivery.attempts.map((attempt, index) => ({ ...attempt, n: index + 1 })),
        [
          { header: 'ATTEMPT', get: (a) => a.n },
          { header: 'AT', get: (a) => a.at },
          { header: 'STATUS', get: (a) => a.statusCode ?? '-' },
          { header: 'MS', get: (a) => a.durationMs },
          { header: 'ERROR', get: (a) => a.error ?? '' },
        ],
      );
      if (delivery.state === 'acked') this.output.success(`acknowledged (id ${delivery.id})`);
      else
        this.output.warn(
          `${delivery.state}${delivery.nextAttemptAt ? `: next attempt at ${delivery.nextAttemptAt}` : ''} (id ${delivery.id}; see \`connect events list\`)`,
        );
    }
    if (delivery.state !== 'acked') process.exitCode = 1;
    return delivery;
  }
}
