import { Args, Flags } from '@oclif/core';

import { BaseCommand } from '../../cli/base-command.js';
import { legacyPathFlag, pathArg, repositoryPath } from '../../cli/repository-path.js';
import { connectToEmulator } from '../../emulator/admin/client.js';
import type { ExtensionCall } from '../../emulator/extensions/runner.js';
import { readJsonFile } from '../../emulator/platform/json-file.js';

export default class TriggerExtension extends BaseCommand<typeof TriggerExtension> {
  static override description =
    'Call a service application of the running `connect dev` as the platform calls an API Extension, with a realistic sample resource (or --file), and print its answer, the verdict (what production would do) and the resource after its actions. Exits 1 when production would fail.';

  static override examples = [
    '<%= config.bin %> trigger extension service --resource cart --action Create',
    '<%= config.bin %> trigger extension service --resource order --action Update --file order.json --old-file old.json --json',
  ];

  static override args = {
    app: Args.string({ description: 'The service application to call.', required: true }),
    path: pathArg,
  };

  static override flags = {
    resource: Flags.string({
      description: 'The resource type (cart, order, payment, customer, ...).',
      required: true,
    }),
    action: Flags.string({
      description: 'The extension action.',
      options: ['Create', 'Update'],
      required: true,
    }),
    file: Flags.string({ description: 'The resource (JSON) to send instead of a sample.' }),
    'old-file': Flags.string({ description: 'The resource before the update (JSON), sent as oldResource.' }),
    path: legacyPathFlag,
  };

  async run(): Promise<ExtensionCall> {
    const { flags } = this;
    const obj = flags.file === undefined ? undefined : await readJsonFile(flags.file, '--file');
    const oldObj =
      flags['old-file'] === undefined ? undefined : await readJsonFile(flags['old-file'], '--old-file');
    const client = await connectToEmulator(repositoryPath(this.args.path, flags.path));
    const call = await client.post<ExtensionCall>(
      `/extensions/${encodeURIComponent(this.args.app)}/trigger`,
      {
        resource: flags.resource,
        action: flags.action,
        ...(obj === undefined ? {} : { obj }),
        ...(oldObj === undefined ? {} : { oldObj }),
      },
    );
    if (!this.jsonEnabled()) {
      const answer = call.response
        ? `HTTP ${call.response.statusCode} in ${call.durationMs} ms`
        : `no answer after ${call.durationMs} ms`;
      this.output.info(
        `${call.application ?? this.args.app} ${call.request.action} ${call.request.resource.typeId} ${call.request.resource.id}: ${answer}`,
      );
      if (call.response?.body !== undefined) this.output.out(JSON.stringify(call.response.body, null, 2));
      if (call.actions.length > 0)
        this.output.info(`actions: ${call.actions.map((a) => a.action).join(', ')}`);
      if (call.verdict.ok) this.output.success(call.verdict.message);
      else this.output.warn(call.verdict.message);
      if (call.after && call.actions.length > 0) {
        this.output.info('resource after the actions:');
        this.output.out(JSON.stringify(call.after, null, 2));
      }
    }
    if (!call.verdict.ok) process.exitCode = 1;
    return call;
  }
}
