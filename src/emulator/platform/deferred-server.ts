/**
 * The local API's socket, opened before the API itself is ready: `connect dev` knows the
 * address (and can hand it to apps in CTP_API_URL) at once, while the mock loads in the
 * background; requests that arrive early wait until it is attached.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

type Handler = (req: http.IncomingMessage, res: http.ServerResponse) => void;

export class DeferredServer {
  private handler: Handler | undefined;
  private waiting: Array<[http.IncomingMessage, http.ServerResponse]> = [];
  private firstRequest: (() => void) | undefined;

  private constructor(readonly server: http.Server) {}

  static async listen(port = 0): Promise<DeferredServer> {
    const server = http.createServer();
    const self = new DeferredServer(server);
    server.on('request', (req: http.IncomingMessage, res: http.ServerResponse) => self.dispatch(req, res));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => resolve());
    });
    return self;
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  /** Calls `listener` when the first request arrives before a handler is attached. */
  onFirstRequest(listener: () => void): void {
    this.firstRequest = listener;
  }

  /** Starts serving with `handler` (requests that waited go first). */
  attach(handler: Handler): void {
    this.handler = handler;
    for (const [req, res] of this.waiting.splice(0)) handler(req, res);
  }

  /** The API could not start: answer every request with 503 and the reason. */
  fail(message: string): void {
    this.attach((_req, res) => {
      res
        .writeHead(503, { 'content-type': 'application/json' })
        .end(JSON.stringify({ statusCode: 503, message, errors: [{ code: 'ServiceUnavailable', message }] }));
    });
  }

  close(): Promise<void> {
    return new Promise((resolve) => {
      this.server.closeAllConnections();
      this.server.close(() => resolve());
    });
  }

  private dispatch(req: http.IncomingMessage, res: http.ServerResponse): void {
    if (this.handler) {
      this.handler(req, res);
      return;
    }
    this.waiting.push([req, res]);
    const listener = this.firstRequest;
    this.firstRequest = undefined;
    listener?.();
  }
}
