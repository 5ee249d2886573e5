/**
 * `connect dev --inspect` / `--inspect-brk`: opens the V8 inspector of the application's own
 * Node.js process on the address the emulator chose (CONNECT_DEV_INSPECT, `127.0.0.1:PORT`, the
 * same port across reloads), and with CONNECT_DEV_INSPECT_WAIT=1 waits for a debugger before the
 * application's first line runs. A flag in NODE_OPTIONS would open it in every Node.js process of
 * the start script instead: npm, tsc, nodemon or tsx's launcher would take the port and the app
 * would get none. So the process whose main script is a tool (inside node_modules) leaves it to
 * its children, and a process that finds the port taken (its parent has it) goes on without.
 */
import inspector from 'node:inspector';

const address = process.env.CONNECT_DEV_INSPECT;
const main = process.argv[1] ?? '';

if (address && !/[\\/]node_modules[\\/]/.test(main) && inspector.url() === undefined) {
  const separator = address.lastIndexOf(':');
  const host = address.slice(0, separator);
  const port = Number(address.slice(separator + 1));
  const wait = process.env.CONNECT_DEV_INSPECT_WAIT === '1';
  try {
    // Prints "Debugger listening on ws://..." (the emulator shows the DevTools URL from it), or
    // "Starting inspector ... failed" when the port is taken (url() stays undefined).
    inspector.open(port, host, false);
  } catch {
    // already open in this process
  }
  if (inspector.url() !== undefined) {
    // This process has it: its own children must not try.
    delete process.env.CONNECT_DEV_INSPECT;
    delete process.env.CONNECT_DEV_INSPECT_WAIT;
    if (wait) {
      process.stderr.write(`Waiting for the debugger to attach on ${address}...\n`);
      inspector.waitForDebugger();
    }
  }
}
