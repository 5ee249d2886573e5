/**
 * A small stand-in for the commercetools API on 127.0.0.1: OAuth client credentials and
 * query, create, and get/update/delete by key for one resource collection. Enough to test the connector
 * scripts without a real project; point CTP_API_URL/CTP_AUTH_URL at it.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

interface StoredResource {
  id: string;
  key: string;
  version: number;
  [field: string]: unknown;
}

export interface FakeCommercetools {
  url: string;
  resources: Map<string, StoredResource>;
  requests: { method: string; path: string; query: URLSearchParams; body: unknown }[];
  close: () => Promise<void>;
}

export async function startFakeCommercetools(projectKey: string, collection: string): Promise<FakeCommercetools> {
  const resources = new Map<string, StoredResource>();
  const requests: FakeCommercetools['requests'] = [];
  let nextId = 1;

  const server: Server = createServer((request, response) => {
    let text = '';
    request.on('data', (chunk: Buffer) => (text += chunk.toString()));
    request.on('end', () => {
      const url = new URL(request.url ?? '/', 'http://localhost');
      const path = url.pathname;
      const body: unknown = text && request.headers['content-type']?.includes('json') ? JSON.parse(text) : text;
      requests.push({ method: request.method ?? '', path, query: url.searchParams, body });
      const send = (status: number, payload: unknown) => {
        response.writeHead(status, { 'content-type': 'application/json' });
        response.end(JSON.stringify(payload));
      };
      const notFound = () =>
        send(404, { statusCode: 404, message: 'Not found', errors: [{ code: 'ResourceNotFound', message: 'Not found' }] });

      if (path === '/oauth/token') {
        send(200, { access_token: 'test-token', token_type: 'Bearer', expires_in: 172800, scope: 'manage_project' });
        return;
      }
      if (request.headers.authorization !== 'Bearer test-token') {
        send(401, { statusCode: 401, message: 'Unauthorized', errors: [{ code: 'invalid_token', message: 'no token' }] });
        return;
      }
      const base = `/${projectKey}/${collection}`;
      if (path === base && request.method === 'GET') {
        const results = [...resources.values()];
        send(200, { limit: 20, offset: 0, count: results.length, total: results.length, results });
        return;
      }
      if (path === base && request.method === 'POST') {
        const draft = body as { key: string };
        if (resources.has(draft.key)) {
          send(400, { statusCode: 400, message: 'Duplicate key', errors: [{ code: 'DuplicateField', message: 'key' }] });
          return;
        }
        const created = { ...draft, id: `id-${nextId++}`, version: 1 };
        resources.set(draft.key, created);
        send(201, created);
        return;
      }
      const match = path.startsWith(`${base}/key=`) ? decodeURIComponent(path.slice(base.length + 5)) : undefined;
      const existing = match === undefined ? undefined : resources.get(match);
      if (match === undefined || existing === undefined) {
        notFound();
        return;
      }
      if (request.method === 'GET') {
        send(200, existing);
      } else if (request.method === 'POST') {
        const update = body as { version: number; actions: { action: string; [field: string]: unknown }[] };
        if (update.version !== existing.version) {
          send(409, { statusCode: 409, message: 'Version mismatch', errors: [{ code: 'ConcurrentModification' }] });
          return;
        }
        for (const { action, ...fields } of update.actions) Object.assign(existing, { lastAction: action }, fields);
        existing.version += 1;
        send(200, existing);
      } else if (request.method === 'DELETE') {
        resources.delete(match);
        send(200, existing);
      } else {
        notFound();
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    resources,
    requests,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
