/**
 * Serves the dashboard (the static files of dashboard/ at the package root) under the admin
 * prefix: GET /__connect/ is the page, /__connect/ui/<file> its modules and styles, and
 * /__connect/api/openapi.yaml the admin API's description. Nothing is read from disk until a
 * page is requested, so the dashboard costs `connect dev` nothing at start.
 */
import { spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

import type { Express, Request, Response } from 'express';

import { packageRoot } from '../../package-root.js';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.yaml': 'application/yaml; charset=utf-8',
};

// The page loads only its own files and talks only to its own origin.
const SECURITY_HEADERS = {
  'Content-Security-Policy':
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
    "font-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cache-Control': 'no-cache',
};

export interface DashboardOptions {
  /** Where dashboard/ and schemas/ live; the package root by default (tests may point elsewhere). */
  root?: string;
  /** The admin prefix; `/__connect` as in docs/admin-api.md. */
  prefix?: string;
}

export function mountDashboard(app: Express, options: DashboardOptions = {}): void {
  const root = options.root ?? packageRoot;
  const prefix = options.prefix ?? '/__connect';
  const cache = new Map<string, Buffer>();

  async function send(res: Response, path: string, type: string): Promise<void> {
    let body = cache.get(path);
    if (!body) {
      try {
        body = await readFile(path);
      } catch {
        res.status(404).json({
          error: {
            code: 'DASHBOARD_FILE_NOT_FOUND',
            message: `The dashboard file ${path} is missing from this installation.`,
            hint: 'Reinstall the CLI package (the dashboard/ folder ships with it).',
          },
        });
        return;
      }
      cache.set(path, body);
    }
    res.set({ ...SECURITY_HEADERS, 'Content-Type': type }).send(body);
  }

  // Non-strict routing matches /__connect and /__connect/ alike; the page's relative URLs need the slash.
  app.get(`${prefix}/`, (req: Request, res: Response) => {
    if (!req.originalUrl.split('?')[0]!.endsWith('/')) return res.redirect(308, `${prefix}/`);
    return send(res, join(root, 'dashboard', 'index.html'), TYPES['.html']!);
  });
  app.get(`${prefix}/ui/:file`, (req: Request, res: Response) => {
    const file = String(req.params.file);
    const ext = /^[a-z0-9][a-z0-9-]*(\.[a-z]+)$/.exec(file)?.[1];
    const type = ext === undefined || ext === '.html' ? undefined : TYPES[ext];
    if (type === undefined) {
      res.status(404).json({ error: { code: 'NOT_FOUND', message: `No dashboard file ${file}.` } });
      return;
    }
    return send(res, join(root, 'dashboard', file), type);
  });
  app.get(`${prefix}/api/openapi.yaml`, (_req: Request, res: Response) =>
    send(res, join(root, 'schemas', 'admin-api.openapi.yaml'), TYPES['.yaml']!),
  );
}

/**
 * Opens a URL in the user's browser (`connect dev --open`): $BROWSER when set, else the
 * platform's opener. Never fails the caller: a missing opener is reported through `warn`.
 */
export function openInBrowser(url: string, warn: (message: string) => void, env = process.env): void {
  const [command, args] =
    env.BROWSER && env.BROWSER !== ''
      ? [env.BROWSER, [url]]
      : process.platform === 'darwin'
        ? ['open', [url]]
        : process.platform === 'win32'
          ? ['cmd', ['/c', 'start', '""', url]]
          : ['xdg-open', [url]];
  try {
    const child = spawn(command, args, { detached: true, stdio: 'ignore', windowsHide: true });
    child.on('error', (error) =>
      warn(`Could not open the browser (${command}: ${error.message}). Open ${url}`),
    );
    child.unref();
  } catch (error) {
    warn(`Could not open the browser (${(error as Error).message}). Open ${url}`);
  }
}
