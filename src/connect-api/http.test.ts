import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

import { describe, expect, it } from 'vitest';

import { backoffDelay, DEFAULT_RETRY, HttpClient, parseRetryAfter } from './http.js';
import { Redactor } from './redact.js';

describe('backoff', () => {
  it('grows exponentially, stays within [ceiling/2, ceiling] and is capped', () => {
    const policy = { ...DEFAULT_RETRY, baseMs: 400, maxMs: 8_000 };
    expect(backoffDelay(0, policy, () => 0)).toBe(200);
    expect(backoffDelay(0, policy, () => 1)).toBe(400);
    expect(backoffDelay(2, policy, () => 0.5)).toBe(1_200);
    expect(backoffDelay(10, policy, () => 1)).toBe(8_000);
  });

  it('reads Retry-After as seconds or as a date', () => {
    expect(parseRetryAfter('3')).toBe(3_000);
    expect(parseRetryAfter(new Date(10_000).toUTCString(), 4_000)).toBe(6_000);
    expect(parseRetryAfter(undefined)).toBeUndefined();
    expect(parseRetryAfter('soon')).toBeUndefined();
  });
});

describe('HttpClient', () => {
  it('retries a 503 GET, not a 503 POST, and traces with secrets masked', async () => {
    let calls = 0;
    const server = createServer((req, res) => {
      calls += 1;
      res.writeHead(calls === 1 || req.method === 'POST' ? 503 : 200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ token: 'tok-123456', echo: 'my-password-value' }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/x`;
    const lines: string[] = [];
    const http = new HttpClient({
      trace: (line) => lines.push(line),
      redactor: new Redactor().add('my-password-value'),
      sleep: async () => {},
    });
    try {
      const get = await http.send({
        method: 'GET',
        url,
        idempotent: true,
        headers: { authorization: 'Bearer abc.def' },
      });
      expect(get.status).toBe(200);
      expect(calls).toBe(2);
      const post = await http.send({ method: 'POST', url, idempotent: false, body: '{}' });
      expect(post.status).toBe(503);
      expect(calls).toBe(3);
      const trace = lines.join('\n');
      expect(trace).toContain('authorization: Bearer ****');
      expect(trace).toContain('"token":"****"');
      expect(trace).not.toContain('my-password-value');
      expect(trace).not.toContain('abc.def');
    } finally {
      await http.close();
      server.close();
    }
  });
});
