/**
 * The gateway of one service, event or job application: on the platform every deployed app sits
 * behind the platform's load balancer, which cuts requests at the platform's limit (5 minutes for
 * service and event apps, 30 minutes for a job run), keeps serving through a redeploy and answers
 * for an app that is down. Locally the port the emulator publishes (status, CONNECT_APP_<NAME>_URL,
 * extension destinations, push endpoints) is this front; the app listens on another port (its
 * PORT) behind it.
 *
 * - Requests and responses stream both ways (http-proxy-3: no buffering, SSE and chunked bodies
 *   pass, WebSocket upgrades pass); the Host is kept and X-Forwarded-For/-Proto/-Host/-Port are
 *   added as a load balancer does.
 * - A request not answered completely within the limit: 504 `upstream request timeout` (what
 *   Cloud Run's front answers) when nothing was sent yet, else the connection is cut; the
 *   connection to the app is cut either way, and one warning line names the request.
 * - While the app (re)starts, a request waits for it (at most `readyWaitMs`, then 503); when it is
 *   down (crashed, blocked, stopped), 503 at once with a body saying so, and a log line.
 */
import {
  Agent,
  createServer,
  type ClientRequest,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import type { Socket } from 'node:net';

import type { ProxyServer } from 'http-proxy-3';

/** What the gateway does with a request now. */
export type Availability = { state: 'serving' } | { state: 'starting' } | { state: 'down'; reason: string };

export interface GatewayOptions {
  /** The application's name (log lines, bodies). */
  name: string;
  /** The port the emulator publishes (0: any free port); 127.0.0.1 only. */
  port: number;
  /** Where the application itself listens. */
  appPort: number;
  /** A request not answered completely within this is cut. */
  timeoutMs: number;
  /** The platform's limit, for the log line ("requests to service and event apps ... 5 minutes"). */
  platformLimit: string;
  /** How long a request waits for an app that is (re)starting (default 30 s). */
  readyWaitMs?: number | undefined;
  availability(): Availability;
  /** Calls `listener` when the app's state may have changed; returns the unsubscribe. */
  onChange(listener: () => void): () => void;
  warn(text: string): void;
}

const TIMEOUT_BODY = 'upstream request timeout';

/** A request in flight; `done` once answered, cut or gone. */
interface Call {
  req: IncomingMessage;
  res: ServerResponse;
  done: boolean;
}

/** The pathname of a request target, without its query (which may carry tokens). */
function pathOf(url: string | undefined): string {
  const path = (url ?? '/').split('?')[0] ?? '/';
  return path.length > 200 ? `${path.slice(0, 200)}…` : path;
}

function duration(ms: number): string {
  if (ms === 60_000) return '1 minute';
  // A job's gateway cuts a second after its 30 minutes: still "30 minutes".
  if (ms % 60_000 === 0 || ms >= 120_000) return `${Math.round(ms / 60_000)} minutes`;
  if (ms >= 1000) return `${+(ms / 1000).toFixed(1)} s`;
  return `${ms} ms`;
}

export class AppGateway {
  private proxy: Promise<ProxyServer> | undefined;
  /** The proxy once loaded. */
  private loaded: ProxyServer | undefined;
  private readonly agent = new Agent({ keepAlive: true, maxSockets: 256 });
  private readonly sockets = new Set<Socket>();
  /** The request to the app of each request in flight (cut at the deadline). */
  private readonly upstreams = new WeakMap<IncomingMessage, ClientRequest>();
  private closed = false;

  private constructor(
    private readonly server: Server,
    private readonly options: GatewayOptions,
  ) {}

  /** Listens on 127.0.0.1:options.port; the proxy itself loads at the first request. */
  static async start(options: GatewayOptions): Promise<AppGateway> {
    // The platform's load balancer imposes no limit of its own on receiving the request: the
    // gateway's deadline is the only one (node:http's default requestTimeout is 5 minutes too).
    const server = createServer({ requestTimeout: 0, keepAliveTimeout: 5000 });
    const gateway = new AppGateway(server, options);
    server.on('request', (req: IncomingMessage, res: ServerResponse) => {
      gateway.web(req, res).catch((error: unknown) => {
        options.warn(
          `${options.name}: the gateway failed on ${req.method ?? 'GET'} ${pathOf(req.url)}: ${String(error)}`,
        );
        if (res.headersSent) res.destroy();
        else plain(res, 502, 'bad gateway\n');
      });
    });
    server.on('upgrade', (req: IncomingMessage, socket: Socket, head: Buffer) => {
      gateway.upgrade(req, socket, head).catch(() => socket.destroy());
    });
    server.on('connection', (socket: Socket) => {
      gateway.sockets.add(socket);
      socket.once('close', () => gateway.sockets.delete(socket));
    });
    server.on('clientError', (_error, socket: Socket) => socket.destroy());
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port, '127.0.0.1', () => {
        server.off('error', reject);
        resolve();
      });
    });
    return gateway;
  }

  /** The port the gateway listens on (the one the emulator publishes). */
  get port(): number {
    const address = this.server.address();
    return typeof address === 'object' && address ? address.port : 0;
  }

  async close(): Promise<void> {
    this.closed = true;
    await new Promise<void>((resolve) => {
      this.server.close(() => resolve());
      this.server.closeAllConnections();
      for (const socket of this.sockets) socket.destroy();
    });
    this.agent.destroy();
    if (this.proxy) (await this.proxy).close();
  }

  private loadProxy(): Promise<ProxyServer> {
    this.proxy ??= import('http-proxy-3').then((module) => {
      // A CommonJS module: its default export is module.exports (Node.js, the bundle) or the
      // ProxyServer class (its typings): both have createProxyServer.
      const proxy = module.default.createProxyServer({
        target: { host: '127.0.0.1', port: this.options.appPort },
        agent: this.agent,
        xfwd: true,
        ws: true,
        changeOrigin: false,
      });
      // Errors are handled by each call's callback; this keeps an unhandled one from throwing.
      proxy.on('error', () => undefined);
      proxy.on('proxyReq', (proxyReq, req) => this.upstreams.set(req, proxyReq));
      this.loaded = proxy;
      return proxy;
    });
    return this.proxy;
  }

  /** Until the app serves, is down, or the wait is over (then: down). */
  private whenServing(closed: Promise<void>): Promise<Availability> {
    const now = this.options.availability();
    if (now.state !== 'starting') return Promise.resolve(now);
    const waitMs = this.options.readyWaitMs ?? 30_000;
    return new Promise((resolve) => {
      const finish = (result: Availability): void => {
        clearInterval(tick);
        clearTimeout(timer);
        unsubscribe();
        resolve(result);
      };
      const check = (): void => {
        const availability = this.options.availability();
        if (availability.state !== 'starting') finish(availability);
      };
      const unsubscribe = this.options.onChange(check);
      // A restart's stop does not announce itself: look again now and then as well.
      const tick = setInterval(check, 50);
      const timer = setTimeout(
        () =>
          finish({
            state: 'down',
            reason: `it is still starting after ${duration(waitMs)}`,
          }),
        waitMs,
      );
      void closed.then(() => finish({ state: 'down', reason: 'the client went away' }));
    });
  }

  /**
   * One request. The usual case (the app serves, the proxy is loaded) stays synchronous: no
   * promise per request, only the deadline's timer (the emulator's own calls come this way too).
   */
  private async web(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const call: Call = { req, res, done: false };
    const deadline = setTimeout(() => this.expire(call), this.options.timeoutMs);
    res.once('close', () => {
      call.done = true;
      clearTimeout(deadline);
    });
    let availability = this.options.availability();
    if (availability.state === 'serving' && this.loaded) {
      this.pass(call, this.loaded);
      return;
    }
    if (availability.state === 'starting') {
      availability = await this.whenServing(new Promise<void>((resolve) => res.once('close', resolve)));
    }
    if (call.done) return;
    if (availability.state !== 'serving') {
      this.refuse(call, availability.state === 'down' ? availability.reason : 'it is starting');
      return;
    }
    const proxy = await this.loadProxy();
    if (!call.done) this.pass(call, proxy);
  }

  private pass(call: Call, proxy: ProxyServer): void {
    const { req, res } = call;
    proxy.web(req, res, {}, (error) => {
      if (call.done) return;
      if (res.headersSent) {
        res.destroy();
        return;
      }
      const now = this.options.availability();
      const code = (error as NodeJS.ErrnoException).code;
      const why =
        now.state === 'down'
          ? now.reason
          : code === 'ECONNREFUSED'
            ? 'nothing accepts connections on its port'
            : `it closed the connection without answering (${code ?? error.message})`;
      this.refuse(call, why);
    });
  }

  /** The deadline: 504 if nothing was sent yet, else the connection is cut; the app's too. */
  private expire(call: Call): void {
    if (call.done) return;
    call.done = true;
    const { req, res } = call;
    const { name, timeoutMs, platformLimit } = this.options;
    this.upstreams.get(req)?.destroy();
    this.options.warn(
      `${name}: ${req.method ?? 'GET'} ${pathOf(req.url)} was not answered within ${duration(timeoutMs)}: the platform cuts ${platformLimit}. ${
        res.headersSent
          ? 'The response had started: the connection was cut.'
          : `The client got 504 (${TIMEOUT_BODY}).`
      }`,
    );
    if (res.headersSent) res.destroy();
    else plain(res, 504, TIMEOUT_BODY);
  }

  /** 503 with a short body saying the app is not running, and one log line. */
  private refuse(call: Call, why: string): void {
    const { name } = this.options;
    const { req, res } = call;
    const reason = why.split('\n')[0] ?? why;
    this.options.warn(
      `${name}: ${req.method ?? 'GET'} ${pathOf(req.url)} answered 503: the application is not running (${reason}).`,
    );
    plain(res, 503, `${name} is not running (${reason}).\n`);
  }

  private async upgrade(req: IncomingMessage, socket: Socket, head: Buffer): Promise<void> {
    const { name, timeoutMs } = this.options;
    const path = pathOf(req.url);
    const closed = new Promise<void>((resolve) => socket.once('close', resolve));
    socket.on('error', () => undefined);
    // On the platform a WebSocket is a long request: the same limit applies.
    const deadline = setTimeout(() => {
      this.options.warn(
        `${name}: WebSocket ${path} cut after ${duration(timeoutMs)}: the platform cuts ${this.options.platformLimit}.`,
      );
      socket.destroy();
    }, timeoutMs);
    void closed.then(() => clearTimeout(deadline));
    const availability = await this.whenServing(closed);
    if (socket.destroyed) return;
    if (availability.state !== 'serving') {
      const why = availability.state === 'down' ? availability.reason : 'it is starting';
      this.options.warn(`${name}: WebSocket ${path} answered 503: the application is not running (${why}).`);
      const body = `${name} is not running (${why}).\n`;
      socket.end(
        `HTTP/1.1 503 Service Unavailable\r\ncontent-type: text/plain; charset=utf-8\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`,
      );
      return;
    }
    const proxy = await this.loadProxy();
    if (socket.destroyed || this.closed) return;
    proxy.ws(req, socket, head, {}, () => socket.destroy());
  }
}

function plain(res: ServerResponse, status: number, body: string): void {
  res.writeHead(status, {
    'content-type': 'text/plain; charset=utf-8',
    'content-length': Buffer.byteLength(body),
    connection: 'close',
  });
  res.end(body);
}
