/**
 * `connect-cli/testing`: run the `connect dev` emulator inside a test process (vitest, jest,
 * node:test). See docs/testing-and-ci.md.
 *
 * ```ts
 * import { startEmulator } from 'connect-cli/testing';
 * const emulator = await startEmulator({ path: '.' });
 * await emulator.create('cart', { currency: 'EUR' });
 * await emulator.waitForExtensionCall((call) => call.request.resource.typeId === 'cart');
 * await emulator.stop();
 * ```
 */
export { AttachedEmulator } from './attached.js';
export {
  envName,
  startEmulator,
  TestEmulator,
  type ApiResponse,
  type AppInfo,
  type ConnectEmulator,
  type Credentials,
  type Delivery,
  type ExtensionCall,
  type JobRun,
  type LogLine,
  type StartEmulatorOptions,
  type WaitOptions,
} from './emulator.js';
