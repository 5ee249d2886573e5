// The dashboard: what it weighs, how fast `connect dev` serves it (first request reads the
// files, later ones come from memory), and how long Chromium takes from navigation to the
// applications on screen. Runs `connect dev` on the browser test's fixture repository.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, cpSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

import { cli, devAdmin, fmt, median, report, root } from './lib.js';

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

async function startDev(repo) {
  const child = spawn(process.execPath, [cli, 'dev', repo, '--no-watch', '--grace', '1000'], {
    stdio: ['ignore', 'ignore', 'pipe'],
    env: { ...process.env, NO_COLOR: '1' },
  });
  let stderr = '';
  child.stderr.on('data', (chunk) => (stderr += chunk));
  const deadline = Date.now() + 60_000;
  while (!/applications ready/.test(stderr)) {
    if (Date.now() > deadline || child.exitCode !== null)
      throw new Error(`connect dev did not start:\n${stderr}`);
    await sleep(50);
  }
  return { child, ...devAdmin(repo) };
}

async function timeFetch(url, headers) {
  const start = performance.now();
  const response = await fetch(url, { headers });
  await response.arrayBuffer();
  return performance.now() - start;
}

export default async function dashboard() {
  const dir = join(root, 'dashboard');
  const files = readdirSync(dir).filter((f) => /\.(js|css|html|svg)$/.test(f));
  const bytes = files.reduce((sum, f) => sum + statSync(join(dir, f)).size, 0);
  const gzipped = files.reduce((sum, f) => sum + gzipSync(readFileSync(join(dir, f))).length, 0);
  report(
    'dashboard assets (files / bytes / gzipped)',
    `${files.length} / ${(bytes / 1024).toFixed(1)} KB`,
    `${(gzipped / 1024).toFixed(1)} KB gzipped`,
  );

  // What the dashboard adds to `connect dev`'s start: importing the module and mounting its
  // routes (no file is read until the page is requested).
  // The module loader is warmed first with another small module, and node:child_process is
  // loaded: connect dev has both long before the admin server loads.
  await import('node:child_process');
  await import(join(root, 'dist', 'errors.js'));
  const start = performance.now();
  const { mountDashboard } = await import(join(root, 'dist', 'emulator', 'admin', 'dashboard.js'));
  const imported = performance.now();
  const routes = [];
  mountDashboard({ get: (path) => routes.push(path) });
  report(
    'dashboard cost at connect dev start (import + mount)',
    fmt(performance.now() - start),
    `import ${fmt(imported - start)}, ${routes.length} routes`,
  );

  const repo = mkdtempSync(join(tmpdir(), 'bench-dashboard-'));
  cpSync(join(root, 'test', 'fixtures', 'dashboard'), repo, { recursive: true });
  const { child, adminUrl, headers, dashboardUrl } = await startDev(repo);
  try {
    const page = `${adminUrl}/__connect/`;
    // Right after the ready line the local platform is still loading (it loads after the apps are
    // spawned, and blocks the event loop for a few hundred ms): requests wait meanwhile.
    const afterReady = await timeFetch(`${adminUrl}/__connect/api/status`, headers);
    const status = await (await fetch(`${adminUrl}/__connect/api/status`, { headers })).json();
    if (status.platform?.apiUrl) await fetch(status.platform.apiUrl).catch(() => undefined); // answers once loaded
    report(
      'admin API first request right after the ready line',
      fmt(afterReady),
      'waits while the platform loads',
    );
    const cold = await timeFetch(page, headers);
    const samples = [];
    for (let i = 0; i < 20; i += 1) samples.push(await timeFetch(page, headers));
    const warm = median(samples);
    report('GET /__connect/ first request (reads the file)', fmt(cold));
    report('GET /__connect/ later requests (median of 20)', fmt(warm));

    if (existsSync('/usr/bin/chromium')) {
      const { chromium } = await import('playwright-core');
      const profile = mkdtempSync(join(tmpdir(), 'bench-chromium-'));
      const context = await chromium.launchPersistentContext(profile, {
        executablePath: '/usr/bin/chromium',
        headless: true,
        args: [
          '--headless',
          '--no-sandbox',
          '--disable-gpu',
          '--disable-quic',
          '--no-first-run',
          '--disable-background-networking',
          '--disable-component-update',
          '--disable-sync',
        ],
      });
      const tab = context.pages()[0] ?? (await context.newPage());
      const samples = [];
      for (let i = 0; i < 6; i += 1) {
        const start = performance.now();
        await tab.goto(`${dashboardUrl}#/apps`);
        await tab.locator('tr[data-app="job"] td.state', { hasText: 'ready' }).waitFor({ timeout: 30_000 });
        if (i > 0) samples.push(performance.now() - start); // the first load warms the browser
      }
      report('navigation -> applications on screen (median of 5)', fmt(median(samples)));
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    } else {
      report('navigation -> applications on screen', 'skipped', 'no /usr/bin/chromium');
    }
  } finally {
    child.kill('SIGTERM');
    await new Promise((resolve) => child.once('exit', resolve));
    rmSync(repo, { recursive: true, force: true });
  }
}
