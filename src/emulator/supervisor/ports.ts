/** Ports: a free one for each app, and a probe for "accepts connections". */
import net from 'node:net';

/** A port free on 127.0.0.1 right now (the OS picks it). */
export async function freePort(): Promise<number> {
  const { port, release } = await reservePort();
  release();
  return port;
}

/**
 * A port on 127.0.0.1 (the OS picks it), kept bound until `release()`: nobody else (another
 * `connect dev`, another test) is handed it meanwhile. For a port an application binds itself
 * later, after an install or a build: release it just before the process starts.
 */
export function reservePort(): Promise<{ port: number; release: () => void }> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      resolve({ port, release: () => server.close() });
    });
  });
}

/** True when something accepts a TCP connection on host:port. */
export function canConnect(port: number, host = '127.0.0.1', timeoutMs = 500): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ port, host });
    const done = (ok: boolean): void => {
      socket.removeAllListeners();
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}
