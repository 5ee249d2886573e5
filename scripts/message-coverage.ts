/**
 * Prints the Message coverage of the emulation (docs/messages.md): types the platform defines,
 * sampled by `connect trigger event`, emitted by the local API; with --json the full lists.
 *   npx tsx scripts/message-coverage.ts [--json]
 */
import { CommercetoolsMock } from '@labdigital/commercetools-mock';

import { messageCatalogue } from '../src/emulator/events/catalogue.js';
import { messageCoverage } from '../src/emulator/events/coverage.js';
import { commercetoolsErrorClass } from '../src/emulator/platform/mock-internals.js';
import { installPaymentMethods } from '../src/emulator/platform/payment-methods.js';
import {
  installProductSelections,
  installStoreProductSelections,
} from '../src/emulator/platform/product-selections.js';

const mock = new CommercetoolsMock({ silent: true });
const errorClass = await commercetoolsErrorClass(mock);
installPaymentMethods(mock, errorClass);
installProductSelections(mock, errorClass);
installStoreProductSelections(mock, errorClass);
const coverage = messageCoverage(mock);
if (process.argv.includes('--json')) {
  process.stdout.write(
    `${JSON.stringify({ sdkVersion: messageCatalogue().sdkVersion, ...coverage }, null, 2)}\n`,
  );
} else {
  process.stdout.write(
    `@commercetools/platform-sdk ${messageCatalogue().sdkVersion}: ${coverage.defined} message types defined, ${coverage.sampled} sampled, ${coverage.emitted} emitted by the local API\n`,
  );
  for (const { type, reason } of coverage.notEmitted)
    process.stdout.write(`  not emitted: ${type} (${reason})\n`);
}
