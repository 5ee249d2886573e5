import { ConnectError } from '../../errors.js';

/** An admin call to /checkout/* that the running emulator does not serve. */
export function checkoutUnavailable(error: unknown): unknown {
  if (!(error instanceof ConnectError) || error.code !== 'NOT_FOUND') return error;
  return new ConnectError(
    'CHECKOUT_NOT_RUNNING',
    'The running `connect dev` serves no Session API (it runs without the emulated platform).',
    { hint: 'restart `connect dev` without --no-platform', exitCode: 1 },
  );
}
