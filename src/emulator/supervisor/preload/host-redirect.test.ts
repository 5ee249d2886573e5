import { execFile } from 'node:child_process';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { promisify } from 'node:util';

import { describe, expect, it } from 'vitest';

import { hostRedirectPreload } from '../../platform/plugin.js';
import { redirectedUrl } from './host-redirect.js';

describe('host-redirect preload', () => {
  const bases = { api: 'http://127.0.0.1:1234', auth: 'http://127.0.0.1:5678' };

  it('maps the platform API and auth hosts of every region, and nothing else', () => {
    expect(
      redirectedUrl(new URL('https://api.europe-west1.gcp.commercetools.com/p/carts?limit=1'), bases)?.href,
    ).toBe('http://127.0.0.1:1234/p/carts?limit=1');
    expect(
      redirectedUrl(new URL('https://auth.us-central1.gcp.commercetools.com/oauth/token'), bases)?.href,
    ).toBe('http://127.0.0.1:5678/oauth/token');
    expect(redirectedUrl(new URL('https://api.eu-central-1.aws.commercetools.com/x'), bases)?.host).toBe(
      '127.0.0.1:1234',
    );
    expect(redirectedUrl(new URL('https://mc.europe-west1.gcp.commercetools.com/'), bases)).toBeNull();
    // The checkout hosts go to their own local servers, and nowhere when the emulator has none.
    const checkout = {
      ...bases,
      session: 'http://127.0.0.1:2001',
      checkout: 'http://127.0.0.1:2002',
      'mc-api': 'http://127.0.0.1:2003',
    };
    expect(
      redirectedUrl(new URL('https://session.europe-west1.gcp.commercetools.com/p/sessions/s1'), checkout)
        ?.href,
    ).toBe('http://127.0.0.1:2001/p/sessions/s1');
    expect(
      redirectedUrl(
        new URL('https://checkout.us-central1.gcp.commercetools.com/p/recurring-payment-jobs'),
        checkout,
      )?.href,
    ).toBe('http://127.0.0.1:2002/p/recurring-payment-jobs');
    expect(
      redirectedUrl(
        new URL('https://mc-api.europe-west1.gcp.commercetools.com/.well-known/jwks.json'),
        checkout,
      )?.href,
    ).toBe('http://127.0.0.1:2003/.well-known/jwks.json');
    expect(redirectedUrl(new URL('https://session.europe-west1.gcp.commercetools.com/p'), bases)).toBeNull();
    expect(redirectedUrl(new URL('https://example.com/'), bases)).toBeNull();
  });

  it('redirects fetch, https.request and https.get (CommonJS and ESM) in a child process', async () => {
    const seen: string[] = [];
    const server = http.createServer((req, res) => {
      seen.push(`${req.method} ${req.url}`);
      res.end('ok');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const local = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const script = `
      import https from 'node:https';
      import { request } from 'node:https';
      import { createRequire } from 'node:module';
      const cjs = createRequire(import.meta.url)('https');
      const read = (res) => new Promise((r) => { let b = ''; res.on('data', (c) => (b += c)); res.on('end', () => r(b)); });
      const out = [];
      out.push(await (await fetch('https://api.europe-west1.gcp.commercetools.com/a?x=1')).text());
      out.push(await (await fetch(new Request('https://auth.europe-west1.gcp.commercetools.com/oauth/token', { method: 'POST', body: 'grant_type=client_credentials' }))).text());
      out.push(await new Promise((r) => { const q = request('https://api.europe-west1.gcp.commercetools.com/b', (res) => read(res).then(r)); q.end(); }));
      out.push(await new Promise((r) => https.get({ hostname: 'api.europe-west1.gcp.commercetools.com', path: '/c' }, (res) => read(res).then(r))));
      out.push(await new Promise((r) => { const q = cjs.request({ host: 'api.europe-west1.gcp.commercetools.com', path: '/d', method: 'DELETE' }, (res) => read(res).then(r)); q.end(); }));
      console.log(JSON.stringify(out));
    `;
    try {
      const { stdout } = await promisify(execFile)(
        process.execPath,
        ['--require', hostRedirectPreload(), '--input-type=module', '-e', script],
        { env: { ...process.env, CONNECT_EMULATOR_API_URL: local, CONNECT_EMULATOR_AUTH_URL: local } },
      );
      expect(JSON.parse(stdout)).toEqual(['ok', 'ok', 'ok', 'ok', 'ok']);
      expect(seen).toEqual(['GET /a?x=1', 'POST /oauth/token', 'GET /b', 'GET /c', 'DELETE /d']);

      // CTP_API_URL set to the real platform (values file): nothing is patched.
      const probe =
        "import https from 'node:https'; console.log(JSON.stringify([String(https.request).includes('rewrite'), String(fetch).includes('redirectedUrl')]))";
      const untouched = await promisify(execFile)(
        process.execPath,
        ['--require', hostRedirectPreload(), '--input-type=module', '-e', probe],
        {
          env: {
            ...process.env,
            CONNECT_EMULATOR_API_URL: local,
            CTP_API_URL: 'https://api.europe-west1.gcp.commercetools.com',
          },
        },
      );
      expect(JSON.parse(untouched.stdout)).toEqual([false, false]);
      const patched = await promisify(execFile)(
        process.execPath,
        ['--require', hostRedirectPreload(), '--input-type=module', '-e', probe],
        { env: { ...process.env, CONNECT_EMULATOR_API_URL: local, CTP_API_URL: local } },
      );
      expect(JSON.parse(patched.stdout)).toEqual([true, true]);
    } finally {
      server.close();
    }
  });
});
