/**
 * An assets application served as the platform's CDN serves it: the files of its `public/`
 * folder at the root of an origin of its own (one port per assets app), readable from any
 * other origin (`Access-Control-Allow-Origin: *`, preflight answered), so that a storefront on
 * another origin loads an enabler's ES module from it. node:http only: it starts with the apps.
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.htm': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.cjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.xml': 'application/xml',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.wasm': 'application/wasm',
  '.webmanifest': 'application/manifest+json',
};

/** The headers every answer carries, as the CDN's: any origin may read the files. */
const CORS = {
  'access-control-allow-origin': '*',
  'access-control-expose-headers': 'content-length, content-type, etag, last-modified',
};

export function contentType(file: string): string {
  return TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream';
}

/** The file under `root` for a URL path, or null when it would leave `root`. */
export function fileFor(root: string, urlPath: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath.split('?')[0]?.split('#')[0] ?? '/');
  } catch {
    return null;
  }
  if (decoded.includes('\0')) return null;
  const file = normalize(join(root, decoded));
  if (file !== root && !file.startsWith(root.endsWith(sep) ? root : `${root}${sep}`)) return null;
  return file;
}

async function resolveFile(
  root: string,
  urlPath: string,
): Promise<{ file: string; size: number; mtime: Date } | null> {
  const file = fileFor(root, urlPath);
  if (!file) return null;
  try {
    let info = await stat(file);
    let target = file;
    if (info.isDirectory()) {
      target = join(file, 'index.html');
      info = await stat(target);
    }
    return info.isFile() ? { file: target, size: info.size, mtime: info.mtime } : null;
  } catch {
    return null;
  }
}

/** The request handler for the assets in `root` (a `public/` folder). */
export function assetsHandler(root: () => string): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    const method = req.method ?? 'GET';
    if (method === 'OPTIONS') {
      res.writeHead(204, {
        ...CORS,
        'access-control-allow-methods': 'GET, HEAD, OPTIONS',
        'access-control-allow-headers': req.headers['access-control-request-headers'] ?? '*',
        'access-control-max-age': '3600',
        vary: 'Access-Control-Request-Headers',
      });
      res.end();
      return;
    }
    if (method !== 'GET' && method !== 'HEAD') {
      res.writeHead(405, {
        ...CORS,
        allow: 'GET, HEAD, OPTIONS',
        'content-type': 'text/plain; charset=utf-8',
      });
      res.end('Method Not Allowed\n');
      return;
    }
    void resolveFile(root(), req.url ?? '/').then((found) => {
      if (!found) {
        res.writeHead(404, { ...CORS, 'content-type': 'text/plain; charset=utf-8' });
        res.end('Not Found\n');
        return;
      }
      const etag = `W/"${found.size.toString(16)}-${found.mtime.getTime().toString(16)}"`;
      const headers = {
        ...CORS,
        'content-type': contentType(found.file),
        'cache-control': 'no-cache',
        etag,
        'last-modified': found.mtime.toUTCString(),
      };
      if (req.headers['if-none-match'] === etag) {
        res.writeHead(304, headers);
        res.end();
        return;
      }
      res.writeHead(200, { ...headers, 'content-length': String(found.size) });
      if (method === 'HEAD') {
        res.end();
        return;
      }
      createReadStream(found.file)
        .on('error', () => res.destroy())
        .pipe(res);
    });
  };
}

/** Serves `root` on 127.0.0.1:port until closed. */
export async function startAssetsServer(root: () => string, port: number): Promise<Server> {
  const server = createServer(assetsHandler(root));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  return server;
}

export function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}
