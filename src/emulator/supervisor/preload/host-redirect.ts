/**
 * Sends requests for the platform's API and auth hosts (`https://api.<region>.commercetools.com`,
 * `https://auth.<region>.commercetools.com`, which the official templates hard-code or derive
 * from CTP_REGION) to the emulator's local commercetools API, and its checkout hosts
 * (`session.`, `checkout.`, `mc-api.`: the payment connectors' defaults) to the local Session
 * API, Checkout API and Merchant Center JWKS, and on an AWS deployment Amazon SNS's host
 * (`sns.<region>.amazonaws.com`: signing certificate, SubscribeURL, UnsubscribeURL) to the
 * emulator's stand-in for it, unchanged otherwise. Covers
 * `fetch` (global, and the commercetools SDK that uses it) and everything built on
 * `https.request` (node-fetch, axios, got). Does nothing unless the emulator set
 * CONNECT_EMULATOR_API_URL / CONNECT_EMULATOR_AUTH_URL, nor when CTP_API_URL was set to the
 * real platform.
 */
import http from 'node:http';
import https from 'node:https';
import { syncBuiltinESMExports } from 'node:module';

const apiBase = process.env.CONNECT_EMULATOR_API_URL;
const authBase = process.env.CONNECT_EMULATOR_AUTH_URL ?? apiBase;

const PLATFORM_HOST =
  /^(api|auth|session|checkout|mc-api)\.(?:[a-z0-9-]+\.)*(?:commercetools\.com|commercetools\.co|sphere\.io)$/i;

/** Amazon SNS's regional host (src/emulator/events/sns-host.ts). */
const SNS_HOST = /^sns\.[a-z0-9-]+\.amazonaws\.com(?:\.cn)?$/i;

type Bases = { api?: string | undefined; auth?: string | undefined } & Partial<
  Record<'session' | 'checkout' | 'mc-api' | 'sns', string | undefined>
>;

/** The checkout hosts (src/emulator/checkout): Session API, Checkout API, Merchant Center API (JWKS). */
const checkoutBases = {
  session: process.env.CONNECT_EMULATOR_SESSION_URL,
  checkout: process.env.CONNECT_EMULATOR_CHECKOUT_URL,
  'mc-api': process.env.CONNECT_EMULATOR_MC_API_URL,
  sns: process.env.CONNECT_EMULATOR_SNS_URL,
};

/** The local URL for a platform URL, or null when the host is not the platform's. */
export function redirectedUrl(
  url: URL,
  bases: Bases = { api: apiBase, auth: authBase, ...checkoutBases },
): URL | null {
  const match = PLATFORM_HOST.exec(url.hostname);
  if (!match && !SNS_HOST.test(url.hostname)) return null;
  const kind = (match ? (match[1]?.toLowerCase() ?? 'api') : 'sns') as keyof Bases;
  const base = bases[kind];
  if (!base) return null;
  const local = new URL(base);
  return new URL(`${local.origin}${url.pathname}${url.search}`);
}

type RequestArgs = [unknown, unknown?, unknown?];

/** Rewrites the arguments of https.request/get when they target a platform host. */
function rewrite(args: RequestArgs): RequestArgs | null {
  const [first, second, third] = args;
  let url: URL | null = null;
  let options: Record<string, unknown> = {};
  let callback: unknown;
  if (typeof first === 'string' || first instanceof URL) {
    url = new URL(String(first));
    if (typeof second === 'function') callback = second;
    else {
      options = (second as Record<string, unknown> | undefined) ?? {};
      callback = third;
    }
  } else if (first && typeof first === 'object') {
    options = first as Record<string, unknown>;
    callback = second;
    const host = String(options.hostname ?? options.host ?? 'localhost').replace(/:\d+$/, '');
    url = new URL(`https://${host}${String(options.path ?? '/')}`);
  }
  if (!url) return null;
  const hostname = String(options.hostname ?? options.host ?? url.hostname).replace(/:\d+$/, '');
  const target = redirectedUrl(new URL(`https://${hostname}${url.pathname}${url.search}`));
  if (!target) return null;
  const path = String(options.path ?? `${url.pathname}${url.search}`);
  const rewritten: Record<string, unknown> = {
    ...(first instanceof URL || typeof first === 'string' ? { method: 'GET' } : {}),
    ...options,
    protocol: 'http:',
    hostname: target.hostname,
    host: target.hostname,
    port: Number(target.port),
    path,
  };
  // An https.Agent cannot carry a plain-HTTP request.
  if (rewritten.agent instanceof https.Agent) delete rewritten.agent;
  return [rewritten, callback];
}

/**
 * A values file (or --env) that points CTP_API_URL at a real platform host means "use the real
 * platform": then nothing is redirected.
 */
function userChoseRemote(): boolean {
  const chosen = process.env.CTP_API_URL;
  if (!chosen || chosen === apiBase) return false;
  try {
    return PLATFORM_HOST.test(new URL(chosen).hostname);
  } catch {
    return false;
  }
}

if (apiBase && !userChoseRemote()) {
  const originalRequest = https.request;
  const originalGet = https.get;
  https.request = function request(this: unknown, ...args: unknown[]) {
    const rewritten = rewrite(args as RequestArgs);
    if (!rewritten) return (originalRequest as (...a: unknown[]) => http.ClientRequest).apply(this, args);
    const [options, callback] = rewritten;
    return callback === undefined
      ? http.request(options as http.RequestOptions)
      : http.request(options as http.RequestOptions, callback as (res: http.IncomingMessage) => void);
  } as typeof https.request;
  https.get = function get(this: unknown, ...args: unknown[]) {
    const rewritten = rewrite(args as RequestArgs);
    if (!rewritten) return (originalGet as (...a: unknown[]) => http.ClientRequest).apply(this, args);
    const [options, callback] = rewritten;
    return callback === undefined
      ? http.get(options as http.RequestOptions)
      : http.get(options as http.RequestOptions, callback as (res: http.IncomingMessage) => void);
  } as typeof https.get;
  syncBuiltinESMExports();

  const originalFetch = globalThis.fetch;
  if (typeof originalFetch === 'function') {
    globalThis.fetch = function fetch(input: string | URL | Request, init?: RequestInit) {
      const raw = typeof input === 'string' || input instanceof URL ? String(input) : input.url;
      let target: URL | null;
      try {
        target = redirectedUrl(new URL(raw));
      } catch {
        target = null;
      }
      if (!target) return originalFetch(input, init);
      if (typeof input === 'string' || input instanceof URL) return originalFetch(target, init);
      return originalFetch(new Request(target, input), init);
    } as typeof globalThis.fetch;
  }
}
