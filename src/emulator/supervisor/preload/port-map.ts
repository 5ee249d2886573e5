/**
 * Maps a `listen(8080)` (the port the platform's templates hard-code) to the `PORT` the
 * emulator assigned, so several such apps run side by side. The ports to map come from
 * CONNECT_DEV_MAP_PORTS (comma-separated, set by the emulator); nothing happens without it.
 */
import net from 'node:net';

const target = Number(process.env.PORT);
const mapped = (process.env.CONNECT_DEV_MAP_PORTS ?? '')
  .split(',')
  .map((port) => Number(port.trim()))
  .filter((port) => Number.isInteger(port) && port > 0 && port !== target);

if (Number.isInteger(target) && target > 0 && mapped.length > 0) {
  const listen = net.Server.prototype.listen;
  const remap = (port: unknown): unknown => {
    const asNumber = typeof port === 'string' && /^\d+$/.test(port) ? Number(port) : port;
    return typeof asNumber === 'number' && mapped.includes(asNumber) ? target : port;
  };
  net.Server.prototype.listen = function patchedListen(this: net.Server, ...args: unknown[]) {
    const first = args[0];
    if (typeof first === 'number' || typeof first === 'string') {
      args[0] = remap(first);
    } else if (first !== null && typeof first === 'object' && 'port' in first) {
      const options = first as net.ListenOptions;
      args[0] = { ...options, port: remap(options.port) };
    }
    return (listen as (...a: unknown[]) => net.Server).apply(this, args);
  } as typeof net.Server.prototype.listen;
}
