/**
 * One HTTP POST to an extension or event endpoint, as the platform makes it: JSON body,
 * given headers, no redirects followed, a hard deadline. Keep-alive sockets keep the
 * emulator's own overhead per call well under a millisecond.
 */
import http from 'node:http';
import https from 'node:https';

const httpAgent = new http.Agent({ keepAlive: true, maxSockets: 64 });
const httpsAgent = new https.Agent({ keepAlive: true, maxSockets: 64 });

export interface HttpCallResult {
  /** null when no answer came (timeout or connection error). */
  statusCode: number | null;
  text: string;
  durationMs: number;
  error?: { kind: 'timeout' | 'connection'; message: string };
}

const parsedUrls = new Map<string, URL>();

/** Parsing the same few app URLs again for every delivery shows in profiles; keep them. */
function parse(url: string): URL {
  let parsed = parsedUrls.get(url);
  if (!parsed) {
    if (parsedUrls.size > 256) parsedUrls.clear();
    parsed = new URL(url);
    parsedUrls.set(url, parsed);
  }
  return parsed;
}

export function postJson(
  url: string,
  body: unknown,
  options: { headers?: Record<string, string>; timeoutMs: number },
): Promise<HttpCallResult> {
  const payload = Buffer.from(JSON.stringify(body));
  const started = performance.now();
  const target = parse(url);
  const secure = target.protocol === 'https:';
  return new Promise((resolve) => {
    let settled = false;
    const finish = (result: Omit<HttpCallResult, 'durationMs'>): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve({ ...result, durationMs: performance.now() - started });
    };
    const request = (secure ? https : http).request(
      target,
      {
        method: 'POST',
        agent: secure ? httpsAgent : httpAgent,
        headers: {
          'content-type': 'application/json',
          'content-length': String(payload.length),
          ...options.headers,
        },
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () =>
          finish({ statusCode: response.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }),
        );
        response.on('error', (error) =>
          finish({ statusCode: null, text: '', error: { kind: 'connection', message: error.message } }),
        );
      },
    );
    const timer = setTimeout(() => {
      finish({
        statusCode: null,
        text: '',
        error: { kind: 'timeout', message: `no answer within ${options.timeoutMs} ms` },
      });
      request.destroy();
    }, options.timeoutMs);
    request.on('error', (error) => {
      finish({ statusCode: null, text: '', error: { kind: 'connection', message: error.message } });
    });
    request.end(payload);
  });
}
