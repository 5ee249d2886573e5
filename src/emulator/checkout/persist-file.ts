/**
 * Where `connect dev --persist DIR` keeps the checkout state (DIR/checkout.json), and the one
 * thing read from it before the servers listen (kept apart from ./state.ts, which loads jose:
 * `connect dev` starts its apps first).
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

export const PERSIST_FILE = 'checkout.json';

/** The local ports of the Session API, Checkout API and Merchant Center API host. */
export interface CheckoutPorts {
  session: number;
  checkout: number;
  mcApi: number;
}

/** The ports the previous run with this persist folder used, if it can tell. */
export async function savedPorts(persistDir: string | undefined): Promise<CheckoutPorts | undefined> {
  if (!persistDir) return undefined;
  try {
    const snapshot = JSON.parse(await readFile(join(persistDir, PERSIST_FILE), 'utf8')) as {
      ports?: Partial<CheckoutPorts>;
    };
    const ports = snapshot.ports;
    const valid = (n: unknown) => typeof n === 'number' && Number.isInteger(n) && n > 0 && n < 65536;
    if (ports && valid(ports.session) && valid(ports.checkout) && valid(ports.mcApi))
      return ports as CheckoutPorts;
  } catch {
    // no saved state (or a broken one, which CheckoutState.open reports)
  }
  return undefined;
}
