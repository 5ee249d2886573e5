import { Flags } from '@oclif/core';

import { BaseCommand } from '../../cli/base-command.js';
import { ConnectError, ExitCode } from '../../errors.js';
import { connectToEmulator } from '../../emulator/admin/client.js';
import { checkoutUnavailable } from '../../emulator/checkout/not-running.js';
import type { CheckoutSession } from '../../emulator/checkout/state.js';

export interface TriggerSessionResult {
  session: CheckoutSession;
  sessionUrl: string;
}

export default class TriggerSession extends BaseCommand<typeof TriggerSession> {
  static override description =
    "Create a checkout session for a cart of the running `connect dev`'s local project, as the Session API does (POST {CTP_SESSION_URL}/{projectKey}/sessions), and print its id: the `x-session-id` a storefront sends to a payment processor.";

  static override examples = [
    '<%= config.bin %> trigger session --cart 5f1c...',
    '<%= config.bin %> trigger session --cart key=my-cart --payment-methods card,invoice --payment-interface my-psp',
    'curl -H "x-session-id: $(<%= config.bin %> trigger session --cart $CART)" http://127.0.0.1:PORT/operations/config',
    '<%= config.bin %> trigger session --cart 5f1c... --expires-in 5 --json',
  ];

  static override flags = {
    cart: Flags.string({ description: 'The cart: its id, or key=<key>.', required: true }),
    app: Flags.string({
      description:
        'The service app the session is for; its URL becomes processorUrl. Default: `processor`, else the only service app.',
    }),
    'processor-url': Flags.string({ description: 'metadata.processorUrl (default: the URL of --app).' }),
    'payment-interface': Flags.string({ description: 'metadata.paymentInterface.' }),
    'payment-methods': Flags.string({
      description: 'metadata.allowedPaymentMethods, comma-separated (e.g. card,invoice,purchaseorder).',
    }),
    'return-url': Flags.string({ description: 'metadata.merchantReturnUrl.' }),
    'future-order-number': Flags.string({ description: 'metadata.futureOrderNumber.' }),
    metadata: Flags.string({
      description: 'Another metadata entry, KEY=VALUE (repeatable).',
      multiple: true,
    }),
    'expires-in': Flags.integer({
      min: 1,
      description: 'Expire the session after this many seconds (local only; the platform: 60 minutes).',
    }),
    path: Flags.string({
      description: 'The repository where `connect dev` runs. Default: the current directory.',
    }),
  };

  async run(): Promise<TriggerSessionResult> {
    const { flags } = this;
    const metadata: Record<string, string> = {};
    for (const entry of flags.metadata ?? []) {
      const at = entry.indexOf('=');
      if (at <= 0) {
        throw new ConnectError('INVALID_FLAG', `--metadata "${entry}" is not KEY=VALUE.`, {
          hint: 'write --metadata correlationId=abc',
          exitCode: ExitCode.Usage,
        });
      }
      metadata[entry.slice(0, at)] = entry.slice(at + 1);
    }
    const methods = flags['payment-methods']
      ?.split(',')
      .map((m) => m.trim())
      .filter(Boolean);
    const client = await connectToEmulator(flags.path);
    const result = await client
      .post<TriggerSessionResult>('/checkout/sessions', {
        cart: flags.cart,
        ...(flags.app === undefined ? {} : { app: flags.app }),
        ...(flags['processor-url'] === undefined ? {} : { processorUrl: flags['processor-url'] }),
        ...(flags['payment-interface'] === undefined ? {} : { paymentInterface: flags['payment-interface'] }),
        ...(methods === undefined ? {} : { allowedPaymentMethods: methods }),
        ...(flags['return-url'] === undefined ? {} : { merchantReturnUrl: flags['return-url'] }),
        ...(flags['future-order-number'] === undefined
          ? {}
          : { futureOrderNumber: flags['future-order-number'] }),
        ...(Object.keys(metadata).length === 0 ? {} : { metadata }),
        ...(flags['expires-in'] === undefined ? {} : { expiresInSeconds: flags['expires-in'] }),
      })
      .catch((error: unknown) => {
        throw checkoutUnavailable(error);
      });

    if (!this.jsonEnabled()) {
      const { session } = result;
      this.output.out(session.id);
      this.output.info(
        `Session for cart ${session.activeCart.cartRef.id}, ${session.state} until ${session.expiryAt}` +
          `${session.metadata.processorUrl ? `, processor ${String(session.metadata.processorUrl)}` : ''}.`,
      );
      this.output.info(
        `Send it as the x-session-id header; the Session API serves it at ${result.sessionUrl}`,
      );
    }
    return result;
  }
}
