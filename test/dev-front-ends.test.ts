/**
 * Merchant Center front ends and assets, as the platform runs them: two front ends that would
 * both listen on mc-scripts' port 3001 run side by side, each on its own port, with local
 * values for the IDs nobody set, ready only once they answer; an assets app is served at the
 * root of an origin of its own with `Access-Control-Allow-Origin: *`, so that a page on another
 * origin imports its ES module.
 */
import { existsSync } from 'node:fs';
import { createServer, type Server } from 'node:http';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { CHROMIUM, launchBrowser } from './helpers/browser.js';
import { adminUrl, copyFixture, getJson, startDev, type DevProcess } from './dev-helpers.js';

interface AppInfo {
  name: string;
  type: string;
  state: string;
  url: string;
  port: number;
}

describe('connect dev: Merchant Center front ends and assets', () => {
  let repo: Awaited<ReturnType<typeof copyFixture>>;
  let dev: DevProcess;
  let admin: string;
  let apps: Map<string, AppInfo>;

  beforeAll(async () => {
    repo = await copyFixture('front-ends');
    dev = startDev([repo.path, '--no-watch', '--admin-port', '0']);
    await dev.waitFor(/3\/3 applications ready/, 90_000);
    // Taken right at the ready line: "ready" must already mean "answers".
    admin = await adminUrl(repo.path);
    const status = await getJson<{ applications: AppInfo[] }>(`${admin}/__connect/api/status`);
    apps = new Map(status.applications.map((app) => [app.name, app]));
  }, 120_000);

  afterAll(async () => {
    dev?.kill('SIGTERM');
    await dev?.catch(() => undefined);
    await repo?.cleanup();
  });

  it('runs two front ends side by side, each answering at the URL status shows', async () => {
    const orders = apps.get('orders-app') as AppInfo;
    const panel = apps.get('product-panel') as AppInfo;
    expect(orders.state).toBe('ready');
    expect(panel.state).toBe('ready');
    expect(orders.port).not.toBe(panel.port);
    expect(orders.url).toBe(`http://127.0.0.1:${orders.port}`);
    expect(panel.url).toBe(`http://127.0.0.1:${panel.port}`);

    // orders-app reads HTTP_PORT, as mc-scripts does; its config got local IDs of the right shape.
    const config = await getJson<Record<string, string>>(orders.url);
    expect(config).toEqual({
      name: 'Orders',
      entryPointUriPath: 'orders-app',
      cloudIdentifier: 'gcp-eu',
      applicationId: expect.stringMatching(/^c[a-z0-9]{24}$/) as unknown as string,
      url: orders.url,
      initialProjectKey: 'connect-dev',
    });
    // product-panel hard-codes 3001: it lands on its own port all the same.
    const view = await getJson<Record<string, string>>(panel.url);
    expect(view).toEqual({
      name: 'Product panel',
      cloudIdentifier: 'gcp-eu',
      customViewId: expect.stringMatching(/^c[a-z0-9]{24}$/) as unknown as string,
      url: panel.url,
    });
    expect(dev.output().stderr).not.toMatch(/Missing environment variable/);

    // The configuration view says where the IDs came from.
    const values = await getJson<{ values: { key: string; source: string }[]; missing: string[] }>(
      `${admin}/__connect/api/applications/orders-app/config`,
    );
    expect(values.missing).toEqual([]);
    expect(values.values.find((entry) => entry.key === 'CUSTOM_APPLICATION_ID')?.source).toBe('emulator');
  });

  it('serves assets at the root of their own origin, readable from any origin', async () => {
    const enabler = apps.get('enabler') as AppInfo;
    expect(enabler.state).toBe('ready');
    expect(enabler.url).toBe(`http://127.0.0.1:${enabler.port}/`);
    expect(new URL(enabler.url).origin).not.toBe(new URL(admin).origin);

    const module = await fetch(`${enabler.url}connector-enabler.es.js`, {
      headers: { origin: 'http://127.0.0.1:1' },
    });
    expect(module.status).toBe(200);
    expect(module.headers.get('access-control-allow-origin')).toBe('*');
    expect(module.headers.get('content-type')).toMatch(/^text\/javascript/);
    expect(await module.text()).toContain('export class Enabler');

    const preflight = await fetch(`${enabler.url}connector-enabler.es.js`, {
      method: 'OPTIONS',
      headers: {
        origin: 'http://127.0.0.1:1',
        'access-control-request-method': 'GET',
        'access-control-request-headers': 'x-session-id',
      },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe('*');
    expect(preflight.headers.get('access-control-allow-methods')).toContain('GET');
    expect(preflight.headers.get('access-control-allow-headers')).toBe('x-session-id');

    expect((await fetch(enabler.url)).status).toBe(200);
    const missing = await fetch(`${enabler.url}nope.js`);
    expect(missing.status).toBe(404);
    expect(missing.headers.get('access-control-allow-origin')).toBe('*');
    // Nothing outside public/ is reachable.
    expect((await fetch(`${enabler.url}..%2fpackage.json`)).status).toBe(404);
    expect((await fetch(`${enabler.url}%2e%2e/build.js`)).status).toBe(404);
  });

  it.skipIf(!existsSync(CHROMIUM))(
    'lets a page on another origin import the enabler module',
    async () => {
      const enabler = apps.get('enabler') as AppInfo;
      const page = `<!doctype html><script type="module">
      import { Enabler } from '${enabler.url}connector-enabler.es.js';
      globalThis.loaded = new Enabler({ processorUrl: 'http://processor' }).describe();
    </script>`;
      const storefront: Server = createServer((_req, res) => {
        res.setHeader('content-type', 'text/html');
        res.end(page);
      });
      await new Promise<void>((resolve) => storefront.listen(0, '127.0.0.1', resolve));
      const address = storefront.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      const browser = await launchBrowser();
      try {
        const tab = await browser.context.newPage();
        await tab.goto(`http://127.0.0.1:${port}/`);
        const loaded = await tab.waitForFunction(
          () => (globalThis as unknown as { loaded?: string }).loaded,
          null,
          {
            timeout: 10_000,
          },
        );
        expect(await loaded.jsonValue()).toBe('enabler for http://processor');
      } finally {
        await browser.close();
        storefront.close();
      }
    },
    60_000,
  );
});
