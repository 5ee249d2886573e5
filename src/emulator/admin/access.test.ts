import express from 'express';
import request from 'supertest';
import { describe, expect, it } from 'vitest';

import { createBus } from '../bus.js';
import type { AppInfo, JobRun } from '../types.js';
import { checkAccess, tokenCookieName } from './access.js';
import { createAdminApp, type AdminBackend } from './server.js';

const ADMIN = 'http://127.0.0.1:4000';
const TOKEN = 'run-token-123';
const app: AppInfo = {
  name: 'svc',
  type: 'service',
  state: 'ready',
  url: 'http://127.0.0.1:1/svc',
  port: 1,
  pid: 2,
  restarts: 0,
  health: null,
};
const run: JobRun = {
  id: '1',
  application: 'job',
  trigger: 'manual',
  startedAt: 'now',
  durationMs: 1,
  statusCode: 200,
  outcome: 'ok',
};

/** A backend that counts what took effect. */
function backend(effects: string[]): AdminBackend {
  const plugin = express.Router();
  plugin.use(express.json());
  for (const path of [
    '/extensions/:app/trigger',
    '/events/:app/publish',
    '/events/replay',
    '/resources/:typeId',
  ]) {
    plugin.post(path, (req, res) => {
      effects.push(`POST ${req.path}`);
      res.json({ ok: true });
    });
  }
  plugin.get('/platform', (_req, res) => {
    effects.push('GET /platform');
    res.json({ clientSecret: 'secret' });
  });
  return {
    bus: createBus(),
    adminUrl: ADMIN,
    adminToken: TOKEN,
    status: () => ({
      emulator: { version: '1', root: '/r', startedAt: 'now', adminUrl: ADMIN, pid: 1 },
      applications: [app],
    }),
    application: (name) => (name === 'svc' ? app : undefined),
    logs: () => [],
    restartApp: async (name, rebuild) => {
      effects.push(`${rebuild ? 'rebuild' : 'restart'} ${name}`);
      return app;
    },
    configView: () => ({ values: [], missing: [] }),
    jobs: () => [],
    runJob: async (name) => {
      effects.push(`run ${name}`);
      return run;
    },
    jobRuns: () => [run],
    staticApps: () => [],
    pluginRoutes: () => [plugin],
  };
}

const MUTATING = [
  '/api/applications/svc/restart',
  '/api/applications/svc/rebuild',
  '/api/jobs/job/run',
  '/api/extensions/svc/trigger',
  '/api/events/event/publish',
  '/api/events/replay',
  '/api/resources/extension',
];
const PREFIXES = ['/__connect', '/__CONNECT', '/__Connect', '/%5F_connect'];

describe('admin API access', () => {
  it('no mutating route takes effect for a foreign page: any case of the prefix, JSON, text/plain or form posts', async () => {
    const effects: string[] = [];
    const admin = createAdminApp(backend(effects));
    const refused: number[] = [];
    for (const prefix of PREFIXES) {
      for (const route of MUTATING) {
        const url = `${prefix}${route}`;
        const attempts = [
          request(admin).post(url).set('origin', 'http://evil.example').send({ id: 'x' }),
          request(admin).post(url).set('content-type', 'text/plain').send('{"id":"x"}'),
          request(admin)
            .post(url)
            .set('origin', 'null')
            .set('content-type', 'application/x-www-form-urlencoded')
            .send('id=x'),
          request(admin).post(url).set('sec-fetch-site', 'cross-site').send({}),
          // The dashboard's cookie alone (another page on 127.0.0.1 gets it sent: same site).
          request(admin)
            .post(url)
            .set('cookie', `${tokenCookieName(ADMIN)}=${TOKEN}`)
            .set('origin', 'http://127.0.0.1:3000')
            .send({}),
          request(admin)
            .post(url)
            .set('cookie', `${tokenCookieName(ADMIN)}=${TOKEN}`)
            .send({}),
          // A foreign origin even with the right token (a page that stole it is still a page).
          request(admin)
            .post(url)
            .set('origin', 'http://evil.example')
            .set('authorization', `Bearer ${TOKEN}`)
            .send({}),
        ];
        for (const response of await Promise.all(attempts)) refused.push(response.status);
      }
    }
    expect(effects).toEqual([]);
    expect(new Set(refused)).toEqual(new Set([401, 403]));
  });

  it('reads need the token too (the local client secret is not for other local users)', async () => {
    const effects: string[] = [];
    const admin = createAdminApp(backend(effects));
    for (const path of [
      '/__connect/api/platform',
      '/__CONNECT/api/platform',
      '/__connect/api/status',
      '/__connect/api/stream',
    ]) {
      const response = await request(admin).get(path);
      expect(response.status, path).toBe(401);
      expect(response.body.error.code).toBe('ADMIN_TOKEN_REQUIRED');
      expect(response.body.error.hint).toMatch(/dev\.json/);
    }
    const wrong = await request(admin).get('/__connect/api/status').set('authorization', 'Bearer nope');
    expect(wrong.status).toBe(401);
    expect(wrong.body.error.code).toBe('ADMIN_TOKEN_INVALID');
    expect(effects).toEqual([]);
  });

  it('works with the token (CLI) and with the dashboard cookie from its own origin', async () => {
    const effects: string[] = [];
    const admin = createAdminApp(backend(effects));
    const auth = { authorization: `Bearer ${TOKEN}` };
    expect((await request(admin).get('/__connect/api/platform').set(auth)).body).toEqual({
      clientSecret: 'secret',
    });
    for (const route of MUTATING) {
      const response = await request(admin).post(`/__connect${route}`).set(auth).send({});
      expect(response.status, route).toBe(200);
    }
    expect(effects).toHaveLength(MUTATING.length + 1);

    // The dashboard URL's token becomes an HttpOnly, SameSite=Strict cookie for the admin path.
    const page = await request(admin).get(`/__connect/?token=${TOKEN}`);
    expect(page.status).toBe(303);
    expect(page.headers.location).toBe('/__connect/');
    const cookie = String(page.headers['set-cookie']);
    expect(cookie).toMatch(
      new RegExp(`^${tokenCookieName(ADMIN)}=${TOKEN}; Path=/__connect; HttpOnly; SameSite=Strict`),
    );
    const jar = `${tokenCookieName(ADMIN)}=${TOKEN}`;
    expect((await request(admin).get('/__connect/api/status').set('cookie', jar)).status).toBe(200);
    const restart = await request(admin)
      .post('/__connect/api/applications/svc/restart')
      .set('cookie', jar)
      .set('origin', ADMIN);
    expect(restart.status).toBe(200);
    expect((await request(admin).get('/__connect/?token=wrong')).status).toBe(401);
  });

  it('serves the dashboard page and its files without the token (they hold no data)', async () => {
    const admin = createAdminApp(backend([]));
    expect((await request(admin).get('/__connect/api/openapi.yaml')).status).not.toBe(401);
    expect((await request(admin).get('/__connect/ui/app.js')).status).not.toBe(401);
    // Not the exact spelling: not a public file.
    expect((await request(admin).get('/__CONNECT/ui/app.js')).status).toBe(401);
  });
});

describe('checkAccess', () => {
  const context = { adminUrl: ADMIN, token: TOKEN, assetsApps: ['shop'] };
  it('lets a plain read of an assets app through, not a cross-origin write to it', () => {
    expect(checkAccess({ method: 'GET', path: '/shop/index.html' }, context).kind).toBe('allow');
    expect(
      checkAccess({ method: 'POST', path: '/shop/x', origin: 'http://evil.example' }, context),
    ).toMatchObject({ kind: 'refuse', status: 403 });
  });
});
