/**
 * End to end: `connect dev` (the built CLI) runs a payment connector written the way
 * connect-payments-sdk processors are (test/fixtures/checkout/connector/processor: the same
 * HTTP calls to the Session API, the JWKS, the auth server's introspection), unchanged.
 * Sessions come from `connect trigger session` and the Session API itself, Merchant Center
 * tokens from `connect trigger mc-token`; refusals are the production ones.
 */
import { cp, readFile } from 'node:fs/promises';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { PlatformInfo } from '../src/emulator/platform/local-api.js';
import type { CheckoutInfo } from '../src/emulator/checkout/plugin.js';
import { repoRoot, runCli, spawnCli, tempDir } from './helpers/cli.js';
import { adminFetch, adminUrl as readAdminToken } from './dev-helpers.js';

const fixture = join(repoRoot, 'test/fixtures/checkout/connector');

async function poll<T>(check: () => Promise<T | undefined | false>, timeoutMs: number): Promise<T> {
  const started = Date.now();
  for (;;) {
    const value = await check().catch(() => undefined);
    if (value) return value;
    if (Date.now() - started > timeoutMs) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- answers are arbitrary JSON the tests index freely
type Json = Record<string, any>;

/** fetch(), with the run's admin token on admin URLs (learned by readAdminToken()). */
async function call(url: string, init: RequestInit = {}): Promise<{ status: number; body: Json }> {
  const response = await adminFetch(url, init);
  const text = await response.text();
  return { status: response.status, body: (text ? JSON.parse(text) : {}) as Json };
}

describe('checkout and payments: sessions, Merchant Center JWTs, introspection (end to end)', () => {
  let dir: Awaited<ReturnType<typeof tempDir>>;
  let dev: ReturnType<typeof spawnCli>;
  let output = '';
  let adminUrl: string;
  let processor: string;
  let platform: PlatformInfo;
  let checkout: CheckoutInfo;
  let cartId: string;
  const cli = (args: string[]) => runCli([...args, '--path', dir.path]);
  const basic = () =>
    `Basic ${Buffer.from(`${platform.clientId}:${platform.clientSecret}`).toString('base64')}`;
  const accessToken = async (scope?: string) => {
    const query = new URLSearchParams({ grant_type: 'client_credentials', ...(scope ? { scope } : {}) });
    const res = await call(`${platform.authUrl}/oauth/token?${query}`, {
      method: 'POST',
      headers: { authorization: basic() },
    });
    return res.body as { access_token: string; scope: string };
  };

  beforeAll(async () => {
    dir = await tempDir('connect-checkout-e2e-');
    await cp(fixture, dir.path, { recursive: true });
    dev = spawnCli(
      ['dev', dir.path, '--no-watch', '--admin-port', '0', '--persist', join(dir.path, '.connect/project')],
      {
        cwd: dir.path,
        all: true,
      },
    );
    dev.all?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const status = await poll(async () => {
      const result = await runCli(['status', '--json', dir.path]);
      if (result.exitCode !== 0) return undefined;
      const parsed = JSON.parse(result.stdout) as {
        emulator: { adminUrl: string };
        applications: Array<{ name: string; state: string; url: string }>;
        platform: PlatformInfo;
        plugins: { checkout: CheckoutInfo };
      };
      return parsed.applications.every((a) => a.state === 'ready') ? parsed : undefined;
    }, 90_000);
    adminUrl = status.emulator.adminUrl;
    await readAdminToken(dir.path);
    platform = status.platform;
    checkout = status.plugins.checkout;
    processor = status.applications.find((a) => a.name === 'processor')!.url.replace(/\/$/, '');
    const cart = await call(`${adminUrl}/__connect/api/resources/cart`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ currency: 'EUR', key: 'checkout-cart' }),
    });
    expect(cart.status).toBe(201);
    cartId = cart.body.id as string;
  }, 120_000);

  afterAll(async () => {
    if (dev) {
      dev.kill('SIGTERM');
      await dev.catch(() => undefined);
    }
    await dir?.cleanup();
  });

  it('gives the app the local Session, Checkout, JWKS and issuer URLs over the connect.yaml defaults', async () => {
    const config = await call(`${adminUrl}/__connect/api/applications/processor/config`);
    const value = (key: string) =>
      (config.body.values as Array<{ key: string; value: string }>).find((v) => v.key === key)?.value;
    expect(value('CTP_SESSION_URL')).toBe(checkout.sessionUrl);
    expect(value('CTP_CHECKOUT_URL')).toBe(checkout.checkoutUrl);
    expect(value('CTP_JWKS_URL')).toBe(checkout.jwksUrl);
    expect(value('CTP_JWT_ISSUER')).toBe(checkout.jwtIssuer);
    expect(checkout.sessionUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });

  it('a session from `connect trigger session` authenticates storefront calls, and the payment lands on the cart', async () => {
    const created = await cli([
      'trigger',
      'session',
      '--cart',
      cartId,
      '--payment-methods',
      'card,invoice',
      '--payment-interface',
      'fixture-psp',
      '--json',
    ]);
    expect(created.exitCode, created.stderr).toBe(0);
    const { session } = JSON.parse(created.stdout) as { session: Json };
    expect(session).toMatchObject({
      state: 'ACTIVE',
      version: 1,
      activeCart: { cartRef: { id: cartId } },
      metadata: {
        processorUrl: processor,
        allowedPaymentMethods: ['card', 'invoice'],
        paymentInterface: 'fixture-psp',
      },
    });
    expect(Date.parse(session.expiryAt as string) - Date.parse(session.createdAt as string)).toBe(3_600_000);

    const config = await call(`${processor}/operations/config`, {
      headers: { 'x-session-id': session.id as string },
    });
    expect(config).toEqual({ status: 200, body: expect.objectContaining({ cartId }) });

    const paid = await call(`${processor}/payments`, {
      method: 'POST',
      headers: { 'x-session-id': session.id as string, 'content-type': 'application/json' },
      body: JSON.stringify({ paymentMethod: { type: 'card' } }),
    });
    expect(paid.status, JSON.stringify(paid.body)).toBe(200);
    const cart = await call(
      `${adminUrl}/__connect/api/resources/cart?where=${encodeURIComponent(`id="${cartId}"`)}`,
    );
    expect(cart.body.results[0].paymentInfo.payments).toEqual([
      { typeId: 'payment', id: paid.body.paymentReference },
    ]);
    const payments = await call(`${adminUrl}/__connect/api/resources/payment`);
    expect(payments.body.results[0]).toMatchObject({
      paymentMethodInfo: { paymentInterface: 'fixture-psp', method: 'card' },
    });

    const refused = await call(`${processor}/payments`, {
      method: 'POST',
      headers: { 'x-session-id': session.id as string, 'content-type': 'application/json' },
      body: JSON.stringify({ paymentMethod: { type: 'purchaseorder' } }),
    });
    expect(refused.status).toBe(400);
  });

  it('the Session API itself creates and serves sessions, with the platform auth and scopes', async () => {
    const { access_token } = await accessToken();
    const post = (token: string, project: string, body: unknown) =>
      call(`${checkout.sessionUrl}/${project}/sessions`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    const created = await post(access_token, platform.projectKey, {
      cart: { cartRef: { id: cartId } },
      metadata: { processorUrl: processor, allowedPaymentMethods: ['card'] },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body.activeCart).toEqual({ cartRef: { id: cartId } });
    const got = await call(`${checkout.sessionUrl}/${platform.projectKey}/sessions/${created.body.id}`, {
      headers: { authorization: `Bearer ${access_token}` },
    });
    expect(got).toEqual({ status: 200, body: created.body });

    expect((await post('not-a-token', platform.projectKey, {})).status).toBe(401);
    expect(
      (await call(`${checkout.sessionUrl}/${platform.projectKey}/sessions/${created.body.id}`)).status,
    ).toBe(401);
    const other = await post(access_token, 'someone-elses-project', { cart: { cartRef: { id: cartId } } });
    expect(other.status).toBe(403);
    expect(other.body.errors[0].code).toBe('insufficient_scope');
    const narrow = await accessToken(`view_products:${platform.projectKey}`);
    const denied = await post(narrow.access_token, platform.projectKey, {
      cart: { cartRef: { id: cartId } },
    });
    expect(denied.status).toBe(403);
    const missing = await post(access_token, platform.projectKey, {
      cart: { cartRef: { id: 'no-such-cart' } },
    });
    expect(missing.status).toBe(400);
    expect(missing.body.errors[0].code).toBe('ReferencedResourceNotFound');
  });

  it('refuses an expired, unknown or foreign session as production does (401 Session is not active)', async () => {
    const short = await cli(['trigger', 'session', '--cart', cartId, '--expires-in', '4']);
    expect(short.exitCode, short.stderr).toBe(0);
    const shortId = short.stdout.trim();
    expect(
      (await call(`${processor}/operations/config`, { headers: { 'x-session-id': shortId } })).status,
    ).toBe(200);
    const listed = async () =>
      ((await call(`${adminUrl}/__connect/api/checkout/sessions`)).body.sessions as Json[]).find(
        (s) => s.id === shortId,
      )!;
    const expiry = Date.parse((await listed()).expiryAt as string);
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, expiry - Date.now() + 50)));
    const expired = await call(`${processor}/operations/config`, { headers: { 'x-session-id': shortId } });
    expect(expired).toEqual({
      status: 401,
      body: expect.objectContaining({ message: 'Session is not active', error: 'invalid_token' }),
    });
    expect((await listed()).state).toBe('EXPIRED');

    const unknown = await call(`${processor}/operations/config`, {
      headers: { 'x-session-id': '00000000-0000-4000-8000-000000000000' },
    });
    expect(unknown.status).toBe(401);
    const none = await call(`${processor}/operations/config`);
    expect(none.status).toBe(401);
    // A session of this project read under another project's key (what a processor of another project does).
    const { access_token } = await accessToken();
    const foreign = await call(`${checkout.sessionUrl}/another-project/sessions/${shortId}`, {
      headers: { authorization: `Bearer ${access_token}` },
    });
    expect(foreign.status).toBe(403);
    expect(output).toMatch(/auth refused: commercetools session is not ACTIVE, current status: EXPIRED/);
  });

  it('a Merchant Center JWT from `connect trigger mc-token` passes /operations/*; a bad signature, issuer or project does not', async () => {
    const minted = await cli(['trigger', 'mc-token', '--json']);
    expect(minted.exitCode, minted.stderr).toBe(0);
    const token = JSON.parse(minted.stdout) as {
      token: string;
      claims: Json;
      issuer: string;
      audience: string;
    };
    expect(token.issuer).toBe(checkout.jwtIssuer);
    expect(token.audience).toBe(processor);
    expect(token.claims[`${checkout.jwtIssuer}/claims/project_key`]).toBe(platform.projectKey);
    const status = await call(`${processor}/operations/status`, {
      headers: { authorization: `Bearer ${token.token}` },
    });
    expect(status).toEqual({
      status: 200,
      body: expect.objectContaining({ status: 'OK', user: 'connect-dev-user' }),
    });
    const components = await call(`${processor}/operations/payment-components`, {
      headers: { authorization: `Bearer ${token.token}` },
    });
    expect(components.status).toBe(200);

    const [h, p, s] = token.token.split('.') as [string, string, string];
    const flipped = `${h}.${p}.${s.slice(0, -4)}${s.slice(-4) === 'AAAA' ? 'BBBB' : 'AAAA'}`;
    const bad = await call(`${processor}/operations/status`, {
      headers: { authorization: `Bearer ${flipped}` },
    });
    expect(bad).toEqual({ status: 401, body: expect.objectContaining({ message: 'invalid signature' }) });
    const forged = `${h}.${Buffer.from(JSON.stringify({ ...token.claims, sub: 'someone' })).toString('base64url')}.${s}`;
    expect(
      (await call(`${processor}/operations/status`, { headers: { authorization: `Bearer ${forged}` } }))
        .status,
    ).toBe(401);

    const otherProject = JSON.parse(
      (await cli(['trigger', 'mc-token', '--project-key', 'another-project', '--json'])).stdout,
    ) as { token: string };
    const wrongProject = await call(`${processor}/operations/status`, {
      headers: { authorization: `Bearer ${otherProject.token}` },
    });
    expect(wrongProject).toEqual({
      status: 401,
      body: expect.objectContaining({ message: 'Project key does not match.' }),
    });
    const otherIssuer = JSON.parse(
      (await cli(['trigger', 'mc-token', '--issuer', 'https://issuer.example', '--json'])).stdout,
    ) as { token: string };
    expect(
      (
        await call(`${processor}/operations/status`, {
          headers: { authorization: `Bearer ${otherIssuer.token}` },
        })
      ).status,
    ).toBe(401);

    const jwks = await call(checkout.jwksUrl);
    expect(jwks.body.keys).toEqual([
      expect.objectContaining({ kty: 'RSA', alg: 'RS256', use: 'sig', kid: expect.any(String) }),
    ]);
    expect(jwks.body.keys[0].d).toBeUndefined();
  });

  it('introspection answers active with the scopes, inactive for unknown tokens, and only to the API client', async () => {
    const { access_token, scope } = await accessToken();
    expect(scope).toBe(platform.scope);
    const introspect = (token: string, auth = basic()) =>
      call(`${platform.authUrl}/oauth/introspect`, {
        method: 'POST',
        headers: { authorization: auth, 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ token }),
      });
    const active = await introspect(access_token);
    expect(active.status).toBe(200);
    expect(active.body).toEqual({
      active: true,
      scope: platform.scope,
      client_id: platform.clientId,
      exp: expect.any(Number),
    });
    expect(active.body.exp).toBeGreaterThan(Date.now() + 47 * 3600_000);
    expect(await introspect('unknown-token')).toEqual({ status: 200, body: { active: false } });
    const wrongClient = await introspect(
      access_token,
      `Basic ${Buffer.from('someone:else').toString('base64')}`,
    );
    expect(wrongClient.status).toBe(401);

    // The processor's OAuth-protected operation: introspection + authorities, then the payment is captured.
    const payment = (await call(`${adminUrl}/__connect/api/resources/payment`)).body.results[0] as Json;
    const capture = (token: string) =>
      call(`${processor}/operations/payment-intents/${payment.id}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ actions: [{ action: 'capturePayment', amount: payment.amountPlanned }] }),
      });
    expect((await capture('unknown-token')).status).toBe(401);
    const narrow = await accessToken(`view_products:${platform.projectKey}`);
    expect(await capture(narrow.access_token)).toEqual({
      status: 401,
      body: expect.objectContaining({ message: 'Not authorized' }),
    });
    expect(await capture(access_token)).toEqual({ status: 200, body: { outcome: 'approved' } });
    const after = (await call(`${adminUrl}/__connect/api/resources/payment`)).body.results[0] as Json;
    expect(after.transactions.map((t: Json) => t.type)).toEqual(['Authorization', 'Charge']);
  });

  it('keeps the signing key and sessions in the persist folder, and explains bad input', async () => {
    const saved = JSON.parse(
      await readFile(join(dir.path, '.connect/project/checkout.json'), 'utf8'),
    ) as Json;
    expect(saved.signingKey.kid).toBe((await call(checkout.jwksUrl)).body.keys[0].kid);
    expect(saved.sessions.length).toBeGreaterThanOrEqual(3);
    const noCart = await cli(['trigger', 'session', '--cart', 'no-such-cart']);
    expect(noCart.exitCode).toBe(2);
    expect(noCart.stderr).toMatch(/CART_NOT_FOUND/);
    expect(noCart.stderr).toMatch(/Try:/);
    expect(noCart.stderr).not.toMatch(/\n\s+at /);
    const badMeta = await cli(['trigger', 'session', '--cart', cartId, '--metadata', 'novalue']);
    expect(badMeta.exitCode).toBe(2);
  });

  it('after a restart with the same --persist folder, earlier tokens and sessions still work', async () => {
    const minted = JSON.parse((await cli(['trigger', 'mc-token', '--json'])).stdout) as { token: string };
    const session = (await cli(['trigger', 'session', '--cart', cartId])).stdout.trim();
    dev.kill('SIGTERM');
    await dev.catch(() => undefined);
    dev = spawnCli(
      ['dev', dir.path, '--no-watch', '--admin-port', '0', '--persist', join(dir.path, '.connect/project')],
      {
        cwd: dir.path,
        all: true,
      },
    );
    dev.all?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const status = await poll(async () => {
      const result = await runCli(['status', '--json', dir.path]);
      if (result.exitCode !== 0) return undefined;
      const parsed = JSON.parse(result.stdout) as {
        applications: Array<{ name: string; state: string; url: string }>;
        plugins: { checkout: CheckoutInfo };
      };
      return parsed.applications.every((a) => a.state === 'ready') ? parsed : undefined;
    }, 90_000);
    expect(status.plugins.checkout).toEqual(checkout);
    const url = status.applications.find((a) => a.name === 'processor')!.url.replace(/\/$/, '');
    const checked = await call(`${url}/operations/status`, {
      headers: { authorization: `Bearer ${minted.token}` },
    });
    expect(checked.status, JSON.stringify(checked.body)).toBe(200);
    const config = await call(`${url}/operations/config`, { headers: { 'x-session-id': session } });
    expect(config).toEqual({ status: 200, body: expect.objectContaining({ cartId }) });
  }, 120_000);
});

describe('checkout in the browser: the dashboard form, and a storefront loading the enabler', () => {
  it('starts a session from the dashboard, and a storefront on another origin pays with the enabler', async () => {
    const { launchBrowser } = await import('./helpers/browser.js');
    const http = await import('node:http');
    const dir = await tempDir('connect-checkout-browser-');
    await cp(fixture, dir.path, { recursive: true });
    const dev = spawnCli(['dev', dir.path, '--no-watch', '--admin-port', '0'], { cwd: dir.path, all: true });
    let output = '';
    dev.all?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    // The storefront: a page on its own origin that imports the enabler from the assets URL.
    const storefront = http.createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><title>shop</title>');
    });
    await new Promise<void>((resolve) => storefront.listen(0, '127.0.0.1', resolve));
    const shop = `http://127.0.0.1:${(storefront.address() as { port: number }).port}/`;
    let browser: Awaited<ReturnType<typeof launchBrowser>> | undefined;
    try {
      const status = await poll(async () => {
        const result = await runCli(['status', '--json', dir.path]);
        if (result.exitCode !== 0) return undefined;
        const parsed = JSON.parse(result.stdout) as {
          emulator: { adminUrl: string };
          applications: Array<{ name: string; state: string; url: string }>;
        };
        return parsed.applications.every((a) => a.state === 'ready') ? parsed : undefined;
      }, 90_000);
      const admin = status.emulator.adminUrl;
      await readAdminToken(dir.path);
      // The dashboard gets the run's token once from the URL `connect dev` prints (then a cookie).
      const { token: adminToken } = JSON.parse(
        await readFile(join(dir.path, '.connect', 'dev.json'), 'utf8'),
      ) as {
        token: string;
      };
      const enabler = status.applications.find((a) => a.name === 'enabler')!.url;
      const processorUrl = status.applications.find((a) => a.name === 'processor')!.url.replace(/\/$/, '');
      const cart = await call(`${admin}/__connect/api/resources/cart`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ currency: 'EUR' }),
      });
      browser = await launchBrowser();
      const page = browser.context.pages()[0] ?? (await browser.context.newPage());
      await page.goto(`${admin}/__connect/?token=${encodeURIComponent(adminToken)}#/project/cart`);
      const option = page.locator(`select[name="session-cart"] option[value^="${cart.body.id}@"]`);
      await option.waitFor({ state: 'attached', timeout: 15_000 });
      await page.selectOption('select[name="session-cart"]', (await option.getAttribute('value'))!);
      await page.fill('input[name="allowedPaymentMethods"]', 'card');
      await page.click('button:has-text("Start session")');
      const sessionId = (await page
        .locator('[data-key="session-id"]')
        .textContent({ timeout: 15_000 }))!.trim();
      const sessions = (await call(`${admin}/__connect/api/checkout/sessions`)).body.sessions as Json[];
      expect(sessions.find((s) => s.id === sessionId)).toMatchObject({
        activeCart: { cartRef: { id: cart.body.id } },
        metadata: { processorUrl, allowedPaymentMethods: ['card'] },
      });

      await page.goto(shop);
      // A string, so that the test runner does not rewrite the page's import().
      const paid = await page.evaluate(`(async () => {
        const { Enabler } = await import(${JSON.stringify(`${enabler}connector-enabler.es.js`)});
        return new Enabler({ processorUrl: ${JSON.stringify(processorUrl)}, sessionId: ${JSON.stringify(sessionId)} })
          .pay({ paymentMethod: { type: 'card' } });
      })()`);
      const reference = (paid as { paymentReference: string }).paymentReference;
      expect(reference).toEqual(expect.any(String));
      const carts = await call(
        `${admin}/__connect/api/resources/cart?where=${encodeURIComponent(`id="${cart.body.id}"`)}`,
      );
      expect(carts.body.results[0].paymentInfo.payments).toEqual([{ typeId: 'payment', id: reference }]);

      await page.goto(`${admin}/__connect/#/project/cart`);
      await page.click('button:has-text("Mint Merchant Center token")');
      const token = (await page.locator('[data-key="mc-token"]').textContent({ timeout: 15_000 }))!.trim();
      const checked = await call(`${processorUrl}/operations/status`, {
        headers: { authorization: `Bearer ${token}` },
      });
      expect(checked.status, output).toBe(200);
    } finally {
      await browser?.close();
      storefront.close();
      dev.kill('SIGTERM');
      await dev.catch(() => undefined);
      await dir.cleanup();
    }
  }, 180_000);
});
