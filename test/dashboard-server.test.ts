/**
 * mountDashboard: the page and its modules are served under /__connect/, read only when
 * requested, with a strict content security policy, and nothing outside dashboard/ leaks.
 */
import { cp, mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';

import express from 'express';
import request from 'supertest';
import { afterEach, describe, expect, it } from 'vitest';

import { mountDashboard, openInBrowser } from '../src/emulator/admin/dashboard.js';
import { repoRoot, tempDir } from './helpers/cli.js';

function appWith(root?: string) {
  const app = express();
  mountDashboard(app, root === undefined ? {} : { root });
  return app;
}

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

describe('mountDashboard', () => {
  it('serves the page with a strict content security policy, and redirects /__connect to it', async () => {
    const app = appWith();
    const page = await request(app).get('/__connect/');
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    expect(page.headers['content-security-policy']).toContain("connect-src 'self'");
    expect(page.text).toContain('src="ui/app.js"');
    const bare = await request(app).get('/__connect');
    expect(bare.status).toBe(308);
    expect(bare.headers.location).toBe('/__connect/');
  });

  it('serves every module the page imports, transitively', async () => {
    const app = appWith();
    const seen = new Set<string>();
    const queue = ['app.js', 'styles.css', 'icon.svg'];
    while (queue.length > 0) {
      const file = queue.shift()!;
      if (seen.has(file)) continue;
      seen.add(file);
      const res = await request(app).get(`/__connect/ui/${file}`).buffer(true);
      expect(res.status, file).toBe(200);
      if (file.endsWith('.js')) {
        expect(res.headers['content-type']).toMatch(/^text\/javascript/);
        const text = res.text;
        for (const m of text.matchAll(/from '\.\/([a-z0-9-]+\.js)'/g)) queue.push(m[1]!);
      }
    }
    expect(seen.size).toBeGreaterThan(10);
  });

  it('serves nothing but dashboard files, and the OpenAPI description', async () => {
    const app = appWith();
    for (const path of [
      '/__connect/ui/..%2Fpackage.json',
      '/__connect/ui/index.html',
      '/__connect/ui/.hidden.js',
      '/__connect/ui/missing.js',
    ]) {
      const res = await request(app).get(path);
      expect(res.status, path).toBe(404);
    }
    const spec = await request(app).get('/__connect/api/openapi.yaml');
    expect(spec.status).toBe(200);
    expect(spec.text).toBe(await readFile(join(repoRoot, 'schemas', 'admin-api.openapi.yaml'), 'utf8'));
  });

  it('reads nothing until the page is requested', async () => {
    const dir = await tempDir('connect-dashboard-');
    cleanups.push(dir.cleanup);
    // Mounted over an empty folder: the files appear only afterwards, and are still served.
    const app = appWith(dir.path);
    await mkdir(join(dir.path, 'dashboard'));
    await cp(join(repoRoot, 'dashboard', 'index.html'), join(dir.path, 'dashboard', 'index.html'));
    const res = await request(app).get('/__connect/');
    expect(res.status).toBe(200);
    expect(res.text).toContain('<title>connect dev</title>');
    const missing = await request(app).get('/__connect/ui/app.js');
    expect(missing.status).toBe(404);
    expect(missing.body.error.code).toBe('DASHBOARD_FILE_NOT_FOUND');
  });
});

describe('openInBrowser', () => {
  it('warns, and does not throw, when there is no browser to run', async () => {
    const warnings: string[] = [];
    openInBrowser('http://127.0.0.1:1/__connect/', (w) => warnings.push(w), {
      BROWSER: '/nonexistent/browser',
    });
    for (let i = 0; i < 100 && warnings.length === 0; i += 1) await new Promise((r) => setTimeout(r, 20));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain('Could not open the browser');
    expect(warnings[0]).toContain('Open http://127.0.0.1:1/__connect/');
  });
});
