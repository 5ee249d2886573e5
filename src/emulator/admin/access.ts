/**
 * Who may call the admin API. Paths are compared as express routes them (case-insensitively),
 * so `/__CONNECT/api/...` is the API too. Three rules:
 * - a request sent by a page of another origin (`Origin`, `Sec-Fetch-Site`) is refused, except
 *   plain reads of public files;
 * - every route but the dashboard's static files and the assets apps needs this run's token:
 *   `Authorization: Bearer <token>` (the CLI reads it from `.connect/dev.json`, mode 0600), or
 *   the dashboard's cookie, set once from the `?token=` of the URL `connect dev` prints
 *   (as Jupyter does);
 * - a cookie is ambient, so a state-changing request that relies on it must also come from the
 *   admin origin itself (Origin header present and equal).
 */
import { timingSafeEqual } from 'node:crypto';

export const TOKEN_COOKIE_PREFIX = 'connect_admin_';

export interface AccessRequest {
  method: string;
  path: string;
  origin?: string | undefined;
  secFetchSite?: string | undefined;
  authorization?: string | undefined;
  cookie?: string | undefined;
  query?: Record<string, unknown> | undefined;
}

export interface AccessContext {
  adminUrl: string;
  /** Undefined: no token check (unit tests of the routes only). */
  token: string | undefined;
  /** Names of the assets applications served at `/<name>/`. */
  assetsApps: readonly string[];
}

export type AccessVerdict =
  | { kind: 'allow' }
  | { kind: 'set-cookie'; name: string; value: string }
  | { kind: 'refuse'; status: 401 | 403; code: string; message: string; hint: string };

const PREFIX = '/__connect';
const SAFE_METHODS = new Set(['GET', 'HEAD']);

/** The dashboard's own files: no data, no effect. Exact spelling only. */
function dashboardFile(path: string): boolean {
  return (
    path === PREFIX ||
    path === `${PREFIX}/` ||
    path === `${PREFIX}/api/openapi.yaml` ||
    /^\/__connect\/ui\/[a-z0-9][a-z0-9-]*\.[a-z]+$/.test(path)
  );
}

function assetsPath(path: string, apps: readonly string[]): boolean {
  const first = path.split('/')[1] ?? '';
  return first !== '' && apps.includes(first);
}

export function tokenCookieName(adminUrl: string): string {
  // Cookies ignore the port: one name per admin port keeps two emulators apart.
  const port = /:(\d+)$/.exec(adminUrl)?.[1] ?? '0';
  return `${TOKEN_COOKIE_PREFIX}${port}`;
}

function sameToken(given: string | undefined, expected: string): boolean {
  if (given === undefined) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

function cookieValue(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const index = part.indexOf('=');
    if (index > 0 && part.slice(0, index).trim() === name) {
      try {
        return decodeURIComponent(part.slice(index + 1).trim());
      } catch {
        return undefined;
      }
    }
  }
  return undefined;
}

export function ownOrigins(adminUrl: string): string[] {
  return adminUrl ? [adminUrl, adminUrl.replace('127.0.0.1', 'localhost')] : [];
}

const HINT =
  'use the CLI (`connect status`, `connect trigger ...` read the token from .connect/dev.json), send `Authorization: Bearer <token>` with the token of .connect/dev.json, or open the dashboard URL `connect dev` printed';

export function checkAccess(request: AccessRequest, context: AccessContext): AccessVerdict {
  const safe = SAFE_METHODS.has(request.method.toUpperCase());
  const publicFile = safe && (dashboardFile(request.path) || assetsPath(request.path, context.assetsApps));
  const own = ownOrigins(context.adminUrl);
  const foreignOrigin = request.origin !== undefined && !own.includes(request.origin);
  const crossSite = request.secFetchSite === 'cross-site' || request.secFetchSite === 'same-site';
  if (!publicFile && (foreignOrigin || (crossSite && request.origin === undefined))) {
    return {
      kind: 'refuse',
      status: 403,
      code: 'FORBIDDEN_ORIGIN',
      message: `Cross-origin requests (from ${request.origin ?? request.secFetchSite}) are refused.`,
      hint: 'call the admin API from the CLI or from the dashboard it serves',
    };
  }
  const token = context.token;
  if (token === undefined) return { kind: 'allow' };
  const cookieName = tokenCookieName(context.adminUrl);

  if (publicFile) {
    const given = request.query?.token;
    if (
      typeof given === 'string' &&
      dashboardFile(request.path) &&
      request.path !== `${PREFIX}/api/openapi.yaml`
    ) {
      if (!sameToken(given, token)) {
        return {
          kind: 'refuse',
          status: 401,
          code: 'ADMIN_TOKEN_INVALID',
          message: 'The token of this dashboard URL is not the one of the running `connect dev`.',
          hint: 'open the Dashboard URL printed by the `connect dev` running now',
        };
      }
      return { kind: 'set-cookie', name: cookieName, value: token };
    }
    return { kind: 'allow' };
  }

  const bearer = /^Bearer\s+(\S+)$/i.exec(request.authorization ?? '')?.[1];
  if (sameToken(bearer, token)) return { kind: 'allow' };
  if (sameToken(cookieValue(request.cookie, cookieName), token)) {
    if (safe || (request.origin !== undefined && own.includes(request.origin))) return { kind: 'allow' };
    return {
      kind: 'refuse',
      status: 403,
      code: 'FORBIDDEN_ORIGIN',
      message: 'A request that changes something must say where it comes from (Origin header).',
      hint: 'send `Authorization: Bearer <token>` instead of the dashboard cookie',
    };
  }
  return {
    kind: 'refuse',
    status: 401,
    code: bearer === undefined ? 'ADMIN_TOKEN_REQUIRED' : 'ADMIN_TOKEN_INVALID',
    message:
      bearer === undefined
        ? 'The admin API needs the token of this `connect dev` run.'
        : 'This is not the token of the running `connect dev`.',
    hint: HINT,
  };
}
