/**
 * Helpers for the platform tests: tiny real HTTP apps on 127.0.0.1:0 whose behaviour a test
 * sets per request, and an authenticated client of the local commercetools API.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

import type { PlatformInfo } from '../src/emulator/platform/local-api.js';

export interface Received {
  headers: http.IncomingHttpHeaders;
  url: string;
  body: unknown;
}

export type Handler = (request: Received) => { status: number; body?: unknown; delayMs?: number };

export interface TestApp {
  url: string;
  received: Received[];
  handle: Handler;
  close(): Promise<void>;
}

/** An HTTP app answering with `handle` (changeable at any time), recording every request. */
export async function startApp(path: string, handle: Handler = () => ({ status: 200 })): Promise<TestApp> {
  const app: Partial<TestApp> & { received: Received[]; handle: Handler } = { received: [], handle };
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      const received: Received = {
        headers: req.headers,
        url: req.url ?? '',
        body: text ? JSON.parse(text) : undefined,
      };
      app.received.push(received);
      const answer = app.handle(received);
      const send = () => {
        if (answer.body === undefined) res.writeHead(answer.status).end();
        else
          res
            .writeHead(answer.status, { 'content-type': 'application/json' })
            .end(typeof answer.body === 'string' ? answer.body : JSON.stringify(answer.body));
      };
      if (answer.delayMs) setTimeout(send, answer.delayMs);
      else send();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  app.url = `http://127.0.0.1:${port}${path}`;
  app.close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return app as TestApp;
}

/** Decodes the notification inside a Pub/Sub push body. */
export function decodePush(body: unknown): Record<string, unknown> {
  const message = (body as { message: { data: string } }).message;
  return JSON.parse(Buffer.from(message.data, 'base64').toString('utf8')) as Record<string, unknown>;
}

/** A client of the local API that authenticates like the SDK does (client credentials). */
export async function apiClient(info: PlatformInfo) {
  const basic = Buffer.from(`${info.clientId}:${info.clientSecret}`).toString('base64');
  const tokenResponse = await fetch(
    `${info.authUrl}/oauth/token?grant_type=client_credentials&scope=${encodeURIComponent(info.scope)}`,
    { method: 'POST', headers: { authorization: `Basic ${basic}` } },
  );
  const token = ((await tokenResponse.json()) as { access_token: string }).access_token;
  const call = async (method: string, path: string, body?: unknown) => {
    const response = await fetch(`${info.apiUrl}/${info.projectKey}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- API answers are arbitrary JSON the tests index freely
    return { status: response.status, body: (text ? JSON.parse(text) : undefined) as Record<string, any> };
  };
  return {
    get: (path: string) => call('GET', path),
    post: (path: string, body: unknown) => call('POST', path, body),
    delete: (path: string) => call('DELETE', path),
  };
}

/** Polls `check` until it returns a truthy value (for asynchronous deliveries). */
export async function eventually<T>(check: () => T | undefined | false, timeoutMs = 10_000): Promise<T> {
  const started = Date.now();
  for (;;) {
    const value = check();
    if (value) return value;
    if (Date.now() - started > timeoutMs) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
