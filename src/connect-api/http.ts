/**
 * HTTP for the Connect API and the OAuth server, on undici: retries with exponential
 * backoff and jitter (network errors and 5xx for idempotent requests; 429 for any request,
 * honouring Retry-After), and an optional `--debug` trace with every secret masked.
 */
import { randomUUID } from 'node:crypto';

import { Agent, request } from 'undici';

import { ConnectError } from '../errors.js';
import { Redactor } from './redact.js';

export interface HttpRequest {
  method: 'GET' | 'POST' | 'DELETE';
  url: string;
  headers?: Record<string, string>;
  body?: string;
  /** Safe to send twice (GET, DELETE): network errors and 5xx are retried. */
  idempotent: boolean;
  correlationId?: string;
}

export interface HttpResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  correlationId: string;
}

export interface RetryPolicy {
  /** Attempts in all, the first included. */
  attempts: number;
  baseMs: number;
  maxMs: number;
  /** Retry-After values above this are not waited for. */
  maxRetryAfterMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { attempts: 4, baseMs: 400, maxMs: 8_000, maxRetryAfterMs: 60_000 };

export interface HttpOptions {
  trace?: ((line: string) => void) | undefined;
  redactor?: Redactor | undefined;
  retry?: Partial<RetryPolicy> | undefined;
  userAgent?: string | undefined;
  sleep?: ((ms: number) => Promise<void>) | undefined;
  random?: (() => number) | undefined;
}

const RETRYABLE_NETWORK = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'EPIPE',
  'ETIMEDOUT',
  'EAI_AGAIN',
  'UND_ERR_SOCKET',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
  'UND_ERR_CLOSED',
]);

/** Exponential backoff with "equal jitter": half fixed, half random, capped. */
export function backoffDelay(
  attempt: number,
  policy: RetryPolicy,
  random: () => number = Math.random,
): number {
  const ceiling = Math.min(policy.maxMs, policy.baseMs * 2 ** attempt);
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

/** Retry-After as seconds or an HTTP date; undefined when absent or unreadable. */
export function parseRetryAfter(value: string | string[] | undefined, now = Date.now()): number | undefined {
  const text = Array.isArray(value) ? value[0] : value;
  if (text === undefined || text.trim() === '') return undefined;
  if (/^\d+(\.\d+)?$/.test(text.trim())) return Math.round(Number(text) * 1000);
  const date = Date.parse(text);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

export function newCorrelationId(): string {
  return `connect-cli/${randomUUID()}`;
}

export class HttpClient {
  readonly redactor: Redactor;
  private readonly agent = new Agent({
    keepAliveTimeout: 2_000,
    headersTimeout: 60_000,
    bodyTimeout: 60_000,
  });
  private readonly policy: RetryPolicy;
  private readonly trace: ((line: string) => void) | undefined;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly random: () => number;
  private readonly userAgent: string;

  constructor(options: HttpOptions = {}) {
    this.redactor = options.redactor ?? new Redactor();
    this.policy = { ...DEFAULT_RETRY, ...options.retry };
    this.trace = options.trace;
    this.sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
    this.random = options.random ?? Math.random;
    this.userAgent = options.userAgent ?? 'connect-cli';
  }

  async send(req: HttpRequest): Promise<HttpResponse> {
    const correlationId = req.correlationId ?? newCorrelationId();
    const headers = {
      'user-agent': this.userAgent,
      accept: 'application/json',
      'x-correlation-id': correlationId,
      ...req.headers,
    };
    for (let attempt = 0; ; attempt += 1) {
      const last = attempt + 1 >= this.policy.attempts;
      this.traceRequest(req, headers, attempt);
      const started = Date.now();
      let response: HttpResponse;
      try {
        const answer = await request(req.url, {
          method: req.method,
          headers,
          body: req.body ?? null,
          dispatcher: this.agent,
        });
        response = {
          status: answer.statusCode,
          headers: answer.headers,
          text: await answer.body.text(),
          correlationId,
        };
      } catch (error) {
        const code = networkCode(error);
        this.traceLine(`← ${code ?? 'network error'} after ${Date.now() - started} ms`);
        // A refused connection never reached the server, so even a POST may be sent again.
        const retryable =
          code !== undefined && RETRYABLE_NETWORK.has(code) && (req.idempotent || code === 'ECONNREFUSED');
        if (!retryable || last) throw networkError(req, error, code, correlationId, this.redactor);
        await this.wait(backoffDelay(attempt, this.policy, this.random), `retrying after ${code}`);
        continue;
      }
      this.traceResponse(response, Date.now() - started);
      if (last) return response;
      if (response.status === 429) {
        const after = parseRetryAfter(response.headers['retry-after']);
        if (after !== undefined && after > this.policy.maxRetryAfterMs) return response;
        await this.wait(after ?? backoffDelay(attempt, this.policy, this.random), 'rate limited (429)');
        continue;
      }
      if (response.status >= 500 && req.idempotent) {
        await this.wait(backoffDelay(attempt, this.policy, this.random), `server error ${response.status}`);
        continue;
      }
      return response;
    }
  }

  async close(): Promise<void> {
    await this.agent.close();
  }

  private async wait(ms: number, why: string): Promise<void> {
    this.traceLine(`  ${why}: retrying in ${ms} ms`);
    await this.sleep(ms);
  }

  private traceLine(line: string): void {
    if (this.trace) this.trace(this.redactor.redact(`[debug] ${line}`));
  }

  private traceRequest(req: HttpRequest, headers: Record<string, string>, attempt: number): void {
    if (!this.trace) return;
    this.traceLine(`→ ${req.method} ${req.url}${attempt ? ` (attempt ${attempt + 1})` : ''}`);
    for (const [name, value] of Object.entries(headers)) {
      this.traceLine(
        `  ${name}: ${name.toLowerCase() === 'authorization' ? `${value.split(' ')[0]} ****` : value}`,
      );
    }
    if (req.body !== undefined) this.traceLine(`  body: ${this.redactBody(req.body)}`);
  }

  private traceResponse(response: HttpResponse, ms: number): void {
    if (!this.trace) return;
    this.traceLine(`← ${response.status} in ${ms} ms`);
    if (response.text) {
      const body = this.redactBody(response.text);
      this.traceLine(
        `  body: ${body.length > 2_000 ? `${body.slice(0, 2_000)}… (${body.length} chars)` : body}`,
      );
    }
  }

  /** JSON bodies are masked field by field; form bodies (OAuth) lose every value but grant_type. */
  private redactBody(body: string): string {
    try {
      return JSON.stringify(this.redactor.redactValue(JSON.parse(body) as unknown));
    } catch {
      return body.replace(/(^|&)([^=&]+)=([^&]*)/g, (match, sep: string, name: string) =>
        name === 'grant_type' || name === 'scope' ? match : `${sep}${name}=****`,
      );
    }
  }
}

function networkCode(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; current && depth < 5; depth += 1) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

function networkError(
  req: HttpRequest,
  error: unknown,
  code: string | undefined,
  correlationId: string,
  redactor: Redactor,
): ConnectError {
  const host = safeHost(req.url);
  const reason = error instanceof Error ? error.message : String(error);
  return new ConnectError(
    'NETWORK_ERROR',
    redactor.redact(
      `Could not reach ${host} (${code ?? reason}) for ${req.method} ${new URL(req.url).pathname}.`,
    ),
    {
      hint: 'check your network connection and the region; CTP_CONNECT_API_URL / CTP_AUTH_URL override the hosts',
      details: { code, correlationId },
      cause: error,
    },
  );
}

function safeHost(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}
