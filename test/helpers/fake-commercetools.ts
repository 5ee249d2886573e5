/**
 * A minimal stand-in for the commercetools HTTP API on 127.0.0.1 (the remote side, the only
 * thing the scaffold tests fake): OAuth client credentials and create / get / update / delete
 * by key of extensions and subscriptions, enough for the templates' connector scripts.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeResource {
  key: string;
  version: number;
  [field: string]: unknown;
}

export async function startFakeCommercetools(projectKey: string) {
  const collections: Record<string, Map<string, FakeResource>> = {
    extensions: new Map(),
    subscriptions: new Map(),
  };
  const server = createServer((request, response) => {
    let text = '';
    request.on('data', (chunk: Buffer) => (text += chunk.toString()));
    request.on('end', () => {
      const send = (status: number, body: unknown) => {
        response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
      };
      const path = new URL(request.url ?? '/', 'http://localhost').pathname;
      if (path === '/oauth/token') {
        send(200, { access_token: 'token', token_type: 'Bearer', expires_in: 3600, scope: 'manage_project' });
        return;
      }
      const match = new RegExp(`^/${projectKey}/(extensions|subscriptions)(?:/key=([^/]+))?$`).exec(path);
      const collection = match ? collections[match[1] ?? ''] : undefined;
      if (!match || !collection || request.headers.authorization !== 'Bearer token') {
        send(404, {
          statusCode: 404,
          message: 'Not found',
          errors: [{ code: 'ResourceNotFound', message: path }],
        });
        return;
      }
      const key = match[2] === undefined ? undefined : decodeURIComponent(match[2]);
      const body = text ? (JSON.parse(text) as Record<string, unknown>) : {};
      if (key === undefined && request.method === 'POST') {
        const created = { ...body, key: String(body.key), id: `id-${collection.size + 1}`, version: 1 };
        collection.set(created.key, created);
        send(201, created);
        return;
      }
      const existing = key === undefined ? undefined : collection.get(key);
      if (existing === undefined || key === undefined) {
        send(404, {
          statusCode: 404,
          message: 'Not found',
          errors: [{ code: 'ResourceNotFound', message: path }],
        });
      } else if (request.method === 'GET') {
        send(200, existing);
      } else if (request.method === 'POST') {
        for (const { action: _action, ...fields } of body.actions as Record<string, unknown>[]) {
          Object.assign(existing, fields);
        }
        existing.version += 1;
        send(200, existing);
      } else if (request.method === 'DELETE') {
        collection.delete(key);
        send(200, existing);
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { url, collections, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}
