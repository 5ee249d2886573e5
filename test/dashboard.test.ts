/**
 * The dashboard in a real browser (Debian's Chromium through playwright-core) on `connect dev`
 * running a fixture repository with real child applications: applications become ready on
 * screen, "run now" shows the run, an extension call shows its verdict, a failing event app
 * lands a message in dead letters and a replay after the fix delivers it. The admin API's
 * answers are checked against schemas/admin-api.openapi.yaml on the way. Screenshots of every
 * page go to test-results/dashboard/.
 */
import { chmod, cp, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { adminFetch, adminUrl, eventually, getJson, startDev, type DevProcess } from './dev-helpers.js';
import { launchBrowser, screenshot, skipBrowserTests } from './helpers/browser.js';
import { repoRoot, tempDir } from './helpers/cli.js';
import { compileOpenApi, loadOpenApi, operationsOf, responseSchema } from './helpers/openapi.js';

const SECRET = 'dash-very-secret-value';
const WAIT = { timeout: 30_000 };

// Generous per-test time: two shared cores, and the dead letter needs five delivery attempts.
describe.skipIf(skipBrowserTests)('the dashboard on connect dev', { timeout: 120_000 }, () => {
  let repo: { path: string; cleanup: () => Promise<void> };
  let dev: DevProcess;
  let admin: string;
  let browser: Awaited<ReturnType<typeof launchBrowser>>;
  let page: Page;
  let platform = false;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    repo = await tempDir('connect-dashboard-repo-');
    await cp(join(repoRoot, 'test', 'fixtures', 'dashboard'), repo.path, { recursive: true });
    await cp(join(repo.path, 'connect.yaml'), join(repo.path, 'event', 'fail.flag'));
    // `--open` runs $BROWSER with the dashboard's URL: here, a script that writes it down.
    const browserScript = join(repo.path, 'fake-browser.sh');
    await writeFile(browserScript, `#!/bin/sh\necho "$1" > "${join(repo.path, 'opened.txt')}"\n`);
    await chmod(browserScript, 0o755);
    dev = startDev([repo.path, '--no-watch', '--grace', '1000', '--open'], {
      env: { BROWSER: browserScript },
    });
    await dev.waitFor(/applications ready/, 60_000, 'stderr');
    admin = await adminUrl(repo.path);
    platform = (await adminFetch(`${admin}/__connect/api/platform`)).ok;
    browser = await launchBrowser();
    page = browser.context.pages()[0] ?? (await browser.context.newPage());
    page.on('pageerror', (error) => pageErrors.push(error.message));
  });

  afterAll(async () => {
    await browser?.close();
    if (dev && dev.exitCode === null) {
      dev.kill('SIGTERM');
      await Promise.race([dev, new Promise((resolve) => setTimeout(resolve, 10_000))]);
      if (dev.exitCode === null) dev.kill('SIGKILL');
    }
    await repo?.cleanup();
  });

  it('is announced by connect dev and shows every application ready, live', async () => {
    const token = (
      JSON.parse(await readFile(join(repo.path, '.connect', 'dev.json'), 'utf8')) as { token: string }
    ).token;
    const dashboard = `${admin}/__connect/?token=${token}`;
    expect(dev.output().stderr).toContain(`Dashboard: ${dashboard}`);
    const opened = await eventually(() => readFile(join(repo.path, 'opened.txt'), 'utf8'), 10_000, '--open');
    expect(opened.trim()).toBe(dashboard);
    // The URL's token becomes the page's cookie: the page then works without it.
    await page.goto(dashboard);
    expect(page.url()).toMatch(new RegExp(`^${admin}/__connect/(#.*)?$`));
    for (const name of ['service', 'event', 'job']) {
      await page.locator(`tr[data-app="${name}"] td.state`, { hasText: 'ready' }).waitFor(WAIT);
    }
    await page.locator('#connection', { hasText: 'live' }).waitFor(WAIT);
    expect(await page.locator('tr[data-app="service"]').textContent()).toContain('/service');

    // A restart made elsewhere (here: the admin API, as `connect` commands do) shows up without reload.
    const pid = await page.locator('tr[data-app="job"] td.pid').textContent();
    expect(pid).toMatch(/^\d+$/);
    const restarted = await getJson<{ name: string }>(`${admin}/__connect/api/applications/job/restart`, {
      method: 'POST',
    });
    expect(restarted.name).toBe('job');
    await page.locator('tr[data-app="job"] td.pid', { hasNotText: pid! }).waitFor(WAIT);
    await page.locator('tr[data-app="job"] td.state', { hasText: 'ready' }).waitFor(WAIT);
    expect(await page.locator('tr[data-app="job"] td.pid').textContent()).toMatch(/^\d+$/);

    // The buttons: Rebuild on the event app (no build script: it restarts it).
    const eventPid = await page.locator('tr[data-app="event"] td.pid').textContent();
    await page.click('tr[data-app="event"] button:has-text("Rebuild")');
    await page.locator('tr[data-app="event"] td.pid', { hasNotText: eventPid! }).waitFor(WAIT);
    await page.locator('tr[data-app="event"] td.state', { hasText: 'ready' }).waitFor(WAIT);
    await screenshot(page, '01-applications');
  });

  it('shows an application log with search and level filter', async () => {
    await page.goto(`${admin}/__connect/#/apps/service`);
    await page.locator('.log .line', { hasText: 'service listening, hello' }).waitFor(WAIT);
    await page.fill('input[name="q"]', 'listening');
    await page.locator('.log mark', { hasText: 'listening' }).first().waitFor(WAIT);
    const lines = await page.locator('.log .line').allTextContents();
    expect(lines.length).toBeGreaterThan(0);
    expect(lines.every((line) => line.toLowerCase().includes('listening'))).toBe(true);
    await page.fill('input[name="q"]', 'no line says this');
    await page.locator('.log .empty', { hasText: 'No matching lines' }).waitFor(WAIT);
    await page.fill('input[name="q"]', '');
    await page.selectOption('select[name="level"]', 'error');
    await page.locator('.log .empty', { hasText: 'No matching lines' }).waitFor(WAIT);
    await page.selectOption('select[name="level"]', 'all');
    await screenshot(page, '02-application-log');
  });

  it('runs a job now, with the keyboard only, and shows the run', async () => {
    await page.goto('about:blank'); // a fresh load: nothing focused yet
    await page.goto(`${admin}/__connect/#/apps`);
    await page.locator('tr[data-app="job"]').waitFor(WAIT);
    await page.keyboard.press('4'); // the Jobs page
    await page.locator('article[data-job="job"]').waitFor(WAIT);
    expect(await page.locator('article[data-job="job"] .words').textContent()).toContain(
      'at 00:00 UTC on day 1 of the month in January',
    );
    const next = await page.locator('article[data-job="job"] ol.next li').first().textContent();
    expect(next).toMatch(/^\d{4}-01-01 00:00:00 UTC · /);
    let focused = '';
    for (let i = 0; i < 40 && focused !== 'Run job now'; i += 1) {
      await page.keyboard.press('Tab');
      focused = String(await page.evaluate(`document.activeElement?.getAttribute('aria-label') ?? ''`));
    }
    expect(focused).toBe('Run job now');
    await page.keyboard.press('Enter');
    const run = page.locator('article[data-job="job"] tr[data-run]', { hasText: 'manual' });
    await run.first().waitFor(WAIT);
    expect(await run.first().getAttribute('data-outcome')).toBe('ok');
    expect(await run.first().textContent()).toContain('200');
    const runs = await getJson<{ runs: Array<{ trigger: string; outcome: string }> }>(
      `${admin}/__connect/api/jobs/job/runs`,
    );
    expect(
      runs.runs.some(
        (r: { trigger: string; outcome: string }) => r.trigger === 'manual' && r.outcome === 'ok',
      ),
    ).toBe(true);
    await screenshot(page, '03-jobs');
  });

  it('shows each value of the configuration with its source, secured values masked', async () => {
    await page.goto(`${admin}/__connect/#/config/service`);
    const secret = page.locator('tr[data-config="DASH_SECRET"]');
    await secret.waitFor(WAIT);
    expect(await secret.textContent()).toContain('****');
    expect(await secret.textContent()).toContain('values file');
    expect(await page.locator('tr[data-config="GREETING"]').textContent()).toContain('connect.yaml default');
    expect(await page.content()).not.toContain(SECRET);
    await screenshot(page, '04-configuration');

    // Another application, with the keyboard: the focus stays on the select.
    await page.focus('select[name="application"]');
    await page.keyboard.press('ArrowDown');
    await page.locator('table[aria-label="Configuration of event"]').waitFor(WAIT);
    expect(await page.evaluate(`document.activeElement?.getAttribute('name')`)).toBe('application');
    expect(page.url()).toContain('#/config/event');
  });

  it('sends an extension call from the form and shows its verdict', async (ctx) => {
    if (!platform) ctx.skip(); // the emulated platform (issue 5) is not part of this connect dev
    await page.goto(`${admin}/__connect/#/extensions`);
    await page
      .locator('select[name="application"] option[value="service"]')
      .waitFor({ state: 'attached', ...WAIT });
    await page.selectOption('select[name="application"]', 'service');
    await page.selectOption('select[name="resource"]', 'cart');
    await page.selectOption('select[name="action"]', 'Create');
    await page.click('button:has-text("Send call")');
    const call = page.locator('details[data-call]').first();
    await call.locator('.verdict', { hasText: 'ok' }).waitFor(WAIT);
    await call.locator('summary').focus();
    await page.keyboard.press('Enter');
    await call.locator('.verdict-line', { hasText: 'Production would accept this call' }).waitFor(WAIT);
    const changed = call.locator('table[aria-label="What changed"] tr', { hasText: 'customerEmail' });
    expect(await changed.textContent()).toContain('"dashboard@example.com"');
    expect(await call.locator('.budget').getAttribute('aria-label')).toMatch(/ms of 2\.00 s budget/);
    await screenshot(page, '05-extensions');
  });

  it('lands a failing delivery in dead letters, and replays it once the app is fixed', async (ctx) => {
    if (!platform) ctx.skip(); // the emulated platform (issue 5) is not part of this connect dev
    await page.goto(`${admin}/__connect/#/events`);
    await page
      .locator('select[name="application"] option[value="event"]')
      .waitFor({ state: 'attached', ...WAIT });
    await page.selectOption('select[name="application"]', 'event');
    await page.fill('input[name="type"]', 'OrderCreated');
    // Two messages: one replayed alone, the other with "Replay all".
    await page.click('button:has-text("Publish")');
    await page.locator('.result', { hasText: 'Published' }).waitFor(WAIT);
    await page.fill('input[name="type"]', 'CustomerCreated');
    await page.click('button:has-text("Publish")');
    const dead = page.locator('tr[data-dead]');
    await dead.nth(1).waitFor({ timeout: 45_000 });
    const id = (await page.locator('tr[data-dead]', { hasText: 'OrderCreated' }).getAttribute('data-dead'))!;
    const other = (await page
      .locator('tr[data-dead]', { hasText: 'CustomerCreated' })
      .getAttribute('data-dead'))!;
    const message = page.locator(`details[data-message="${id}"]`);
    expect(await message.getAttribute('data-state')).toBe('dead');
    expect(await message.textContent()).toContain('5 attempt(s)');
    expect(await page.locator('nav a[href="#/events"] .count').textContent()).toBe('2 dead letters');
    await screenshot(page, '06-events-dead-letter');

    await rm(join(repo.path, 'event', 'fail.flag'));
    await page.click(`button[aria-label="Replay ${id}"]`);
    await page.locator(`details[data-message="${id}"][data-state="acked"]`).waitFor(WAIT);
    expect(await page.locator('tr[data-dead]').count()).toBe(1);
    const still = await getJson<{ messages: Array<{ id: string }> }>(
      `${admin}/__connect/api/events/messages?dead=true`,
    );
    expect(still.messages.map((m) => m.id)).toEqual([other]);
    await page.click('button:has-text("Replay all (1)")');
    await page.locator(`details[data-message="${other}"][data-state="acked"]`).waitFor(WAIT);
    await page.locator('text=No dead letters.').waitFor(WAIT);
    const after = await getJson<{ messages: Array<{ id: string }> }>(
      `${admin}/__connect/api/events/messages?dead=true`,
    );
    expect(after.messages).toEqual([]);
    await screenshot(page, '07-events-replayed');

    // The event app's log, filtered to errors, shows the failed attempts only.
    await page.goto(`${admin}/__connect/#/apps/event`);
    await page.locator('.log .line').first().waitFor(WAIT);
    await page.selectOption('select[name="level"]', 'error');
    const errors = await page.locator('.log .line').allTextContents();
    expect(errors.length).toBeGreaterThanOrEqual(10);
    expect(errors.every((line) => line.includes('fail.flag present'))).toBe(true);
  });

  it('creates a cart and an order in the local project', async (ctx) => {
    if (!platform) ctx.skip(); // the emulated platform (issue 5) is not part of this connect dev
    await page.goto(`${admin}/__connect/#/project/cart`);
    await page.locator('.tab[aria-current="page"]', { hasText: 'Carts' }).waitFor(WAIT);
    await page.fill('input[name="customerEmail"]', 'shopper@example.com');
    await page.click('button:has-text("Create cart")');
    const cart = page.locator('details[data-resource]', { hasText: 'shopper@example.com' });
    await cart.first().waitFor(WAIT);
    const cartId = (await cart.first().getAttribute('data-resource'))!;
    const option = page.locator(`select[name="cart"] option[value^="${cartId}@"]`);
    await option.waitFor({ state: 'attached', ...WAIT });
    await page.selectOption('select[name="cart"]', (await option.getAttribute('value'))!);
    await page.click('button:has-text("Create order")');
    await page.locator('.tab[aria-current="page"]', { hasText: 'Orders' }).waitFor(WAIT);
    await page.locator('details[data-resource]').first().waitFor(WAIT);
    // The order is made from the cart created above (the local API may hold other orders, e.g. a published sample).
    const orders = await getJson<{ results: Array<{ cart?: { id: string }; customerEmail?: string }> }>(
      `${admin}/__connect/api/resources/order`,
    );
    const made = orders.results.filter((o) => o.cart?.id === cartId);
    expect(made).toHaveLength(1);
    expect(made[0]!.customerEmail).toBe('shopper@example.com');
    await page.locator('details[data-resource]', { hasText: 'shopper@example.com' }).first().waitFor(WAIT);
    await screenshot(page, '08-local-project');
  });

  it('answers as schemas/admin-api.openapi.yaml describes', async () => {
    const doc = await loadOpenApi();
    const validate = await compileOpenApi(doc);
    const names: Record<string, string> = { name: 'job', app: 'event', typeId: 'cart' };
    const missing: string[] = [];
    for (const { method, path, operation } of operationsOf(doc)) {
      if (method !== 'get' || path.endsWith('/stream')) continue;
      const url = `${admin}${path.replace(/\{(\w+)\}/g, (_m, p: string) => names[p]!)}`;
      const response = await adminFetch(url);
      const schema = responseSchema(doc, operation, response.status);
      if (response.status === 404 && (await response.clone().text()).includes('No such admin route')) {
        missing.push(`GET ${path}`);
        continue;
      }
      expect(response.status, `GET ${path}`).toBe(200);
      if (schema) expect(validate(schema, await response.json()), `GET ${path}`).toEqual([]);
    }
    // The platform's routes come with the emulated platform; everything else must be there.
    const platformRoutes = /\/(platform|extensions|events|resources)\b/;
    expect(missing.filter((route) => platform || !platformRoutes.test(route))).toEqual([]);

    const run = await adminFetch(`${admin}/__connect/api/jobs/job/run`, { method: 'POST' });
    expect(validate('JobRun', await run.json())).toEqual([]);
    const unknown = await adminFetch(`${admin}/__connect/api/applications/nope/restart`, { method: 'POST' });
    expect(unknown.status).toBe(404);
    expect(validate('Error', await unknown.json())).toEqual([]);
    // Cross-origin browser calls are refused.
    const foreign = await adminFetch(`${admin}/__connect/api/status`, {
      headers: { origin: 'http://evil.example' },
    });
    expect(foreign.status).toBe(403);
  });

  it('reads well in dark mode, and the page never failed', async () => {
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.goto(`${admin}/__connect/#/apps`);
    await page.locator('tr[data-app="service"] td.state', { hasText: 'ready' }).waitFor(WAIT);
    const background = await page.evaluate('getComputedStyle(document.body).backgroundColor');
    expect(background).toBe('rgb(15, 18, 22)');
    await screenshot(page, '09-applications-dark');
    expect(pageErrors).toEqual([]);
    await eventually(() => dev.exitCode === null, 1000, 'connect dev still running');
  });
});
