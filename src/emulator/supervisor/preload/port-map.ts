/**
 * Two things about the app's servers, both through `net.Server.prototype.listen`:
 * - a `listen(8080)` (the port the platform's templates hard-code) lands on the `PORT` the
 *   emulator assigned, so several such apps run side by side. The ports to map come from
 *   CONNECT_DEV_MAP_PORTS (comma-separated, set by the emulator);
 * - once a server listens, its port is written to the file descriptor named by
 *   CONNECT_DEV_NOTIFY_FD (a pipe the emulator reads), so the emulator knows the app is ready the
 *   moment it is, instead of finding out by polling (as systemd's sd_notify does). The variable is
 *   removed so that the app's own child processes do not report their servers as the app's.
 * - a server on the app's port (`PORT`, or a mapped one) listens on 127.0.0.1 whatever host the
 *   app asked for (`0.0.0.0`, `::`, none): on a laptop the emulated app must not be reachable
 *   from the network (the platform's runtime is behind its own gateway);
 * Nothing happens without these variables.
 */
import { writeSync } from 'node:fs';
import net from 'node:net';

const target = Number(process.env.PORT);
const mapped = (process.env.CONNECT_DEV_MAP_PORTS ?? '')
  .split(',')
  .map((port) => Number(port.trim()))
  .filter((port) => Number.isInteger(port) && port > 0 && port !== target);
const notifyFd = Number(process.env.CONNECT_DEV_NOTIFY_FD);
delete process.env.CONNECT_DEV_NOTIFY_FD;
const notify = Number.isInteger(notifyFd) && notifyFd > 2;
const map = Number.isInteger(target) && target > 0 && mapped.length > 0;
const hasTarget = Number.isInteger(target) && target > 0;
const LOOPBACK = '127.0.0.1';

if (map || notify || hasTarget) {
  const listen = net.Server.prototype.listen;
  const remap = (port: unknown): unknown => {
    const asNumber = typeof port === 'string' && /^\d+$/.test(port) ? Number(port) : port;
    return typeof asNumber === 'number' && mapped.includes(asNumber) ? target : port;
  };
  net.Server.prototype.listen = function patchedListen(this: net.Server, ...args: unknown[]) {
    const first = args[0];
    const own = (port: unknown): boolean => hasTarget && Number(port) === target;
    if (typeof first === 'number' || (typeof first === 'string' && /^\d+$/.test(first))) {
      if (map) args[0] = remap(first);
      if (own(args[0])) {
        // listen(port[, host][, backlog][, callback]): set or insert the host.
        if (typeof args[1] === 'string') args[1] = LOOPBACK;
        else args.splice(1, 0, LOOPBACK);
      }
    } else if (first !== null && typeof first === 'object' && 'port' in first) {
      const options = first as net.ListenOptions;
      const port = map ? remap(options.port) : options.port;
      args[0] = { ...options, port, ...(own(port) ? { host: LOOPBACK } : {}) };
    }
    const server = (listen as (...a: unknown[]) => net.Server).apply(this, args);
    // Registered after listen() has added the app's own callback, so that the app's "listening"
    // log line comes before the emulator's ready line.
    if (notify) {
      this.once('listening', () => {
        const address = this.address();
        if (address === null || typeof address !== 'object') return;
        try {
          writeSync(notifyFd, `listening ${address.port}\n`);
        } catch {
          // The emulator went away or closed the pipe: polling still finds the port.
        }
      });
    }
    return server;
  } as typeof net.Server.prototype.listen;
}
