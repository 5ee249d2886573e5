/**
 * The admin HTTP API of `connect dev` (contract: docs/admin-api.md). `createAdminApp()` only
 * builds the express app; the emulator listens on 127.0.0.1 (tests drive it with supertest).
 * Everything lives under `/__connect/`, except the assets apps, served at `/<app>/`.
 * Requests with a foreign `Origin` (cross-origin browser calls) or a foreign `Host` (DNS
 * rebinding) are refused.
 */
import express, { type NextFunction, type Request, type Response, type Router } from 'express';

import { isConnectError } from '../../errors.js';
import type { ConfigView, EmulatorStatus } from '../emulator.js';
import { mountDashboard } from './dashboard.js';
import type { JobInfo } from '../jobs/scheduler.js';
import { STREAM_EVENTS, type AppInfo, type EventBus, type JobRun, type LogLine } from '../types.js';

/** What the admin API needs from the emulator (the Emulator class implements it). */
export interface AdminBackend {
  readonly bus: EventBus;
  readonly adminUrl: string;
  status(): EmulatorStatus;
  application(name: string): AppInfo | undefined;
  logs(name: string, query: { limit?: number; q?: string; stream?: string }): LogLine[] | undefined;
  restartApp(name: string, rebuild: boolean): Promise<AppInfo>;
  /** Runs the app's postDeploy/preUndeploy script now. */
  runAppScript?(
    name: string,
    which: 'postDeploy' | 'preUndeploy',
  ): Promise<{ ran: boolean; code: number | null; durationMs: number }>;
  configView(name: string): ConfigView | undefined;
  jobs(): JobInfo[];
  runJob(name: string): Promise<JobRun>;
  jobRuns(name: string): JobRun[] | undefined;
  staticApps(): Array<{ name: string; dir: string }>;
  pluginRoutes(): unknown[];
}

export const ADMIN_PREFIX = '/__connect';
export { STREAM_EVENTS } from '../types.js';

function sendError(res: Response, status: number, code: string, message: string, hint?: string): void {
  res.status(status).json({ error: { code, message, ...(hint === undefined ? {} : { hint }) } });
}

function notFound(res: Response, what: string): void {
  sendError(res, 404, 'NOT_FOUND', `${what} not found.`, 'GET /__connect/api/status lists the applications');
}

function loopbackHost(host: string | undefined): boolean {
  if (!host) return true;
  return /^(127\.0\.0\.1|localhost|\[::1\])(:\d+)?$/i.test(host);
}

export function createAdminApp(backend: AdminBackend): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);

  app.use((req: Request, res: Response, next: NextFunction) => {
    if (!loopbackHost(req.headers.host)) {
      sendError(res, 403, 'FORBIDDEN_HOST', `Requests for host ${req.headers.host} are refused.`);
      return;
    }
    const origin = req.headers.origin;
    if (origin !== undefined && req.path.startsWith(`${ADMIN_PREFIX}/`)) {
      const own = backend.adminUrl;
      const allowed = own ? [own, own.replace('127.0.0.1', 'localhost')] : [];
      if (!allowed.includes(origin)) {
        sendError(res, 403, 'FORBIDDEN_ORIGIN', `Cross-origin requests (from ${origin}) are refused.`);
        return;
      }
    }
    next();
  });

  // The dashboard (and /__connect/api/openapi.yaml) before the API's catch-all 404.
  mountDashboard(app);

  const api = express.Router();
  api.use(express.json({ limit: '5mb' }));

  api.get('/status', (_req, res) => {
    res.json(backend.status());
  });

  api.get('/applications/:name/logs', (req, res) => {
    const limit = Number(req.query.limit ?? 200);
    const q = typeof req.query.q === 'string' ? req.query.q : undefined;
    const stream = typeof req.query.stream === 'string' ? req.query.stream : undefined;
    const lines = backend.logs(req.params.name, {
      ...(Number.isFinite(limit) ? { limit } : {}),
      ...(q === undefined ? {} : { q }),
      ...(stream === undefined ? {} : { stream }),
    });
    if (!lines) return notFound(res, `application ${req.params.name}`);
    res.json({ lines: lines.map(({ time, stream: s, text }) => ({ time, stream: s, text })) });
  });

  for (const action of ['restart', 'rebuild'] as const) {
    api.post(`/applications/:name/${action}`, async (req, res, next) => {
      if (!backend.application(req.params.name)) return notFound(res, `application ${req.params.name}`);
      try {
        res.json(await backend.restartApp(req.params.name, action === 'rebuild'));
      } catch (error) {
        next(error);
      }
    });
  }

  api.post('/applications/:name/scripts/:which', async (req, res, next) => {
    if (!backend.application(req.params.name)) return notFound(res, `application ${req.params.name}`);
    const which = req.params.which;
    if (which !== 'postDeploy' && which !== 'preUndeploy') {
      return sendError(res, 400, 'USAGE', `No script "${which}".`, 'use postDeploy or preUndeploy');
    }
    if (!backend.runAppScript) return sendError(res, 501, 'NOT_SUPPORTED', 'Scripts cannot be run here.');
    try {
      const result = await backend.runAppScript(
        req.params.name,
        which === 'postDeploy' ? 'postDeploy' : 'preUndeploy',
      );
      res.json({ application: req.params.name, script: which, ...result });
    } catch (error) {
      next(error);
    }
  });

  api.get('/applications/:name/config', (req, res) => {
    const view = backend.configView(req.params.name);
    if (!view) return notFound(res, `application ${req.params.name}`);
    res.json(view);
  });

  api.get('/jobs', (_req, res) => {
    res.json({ jobs: backend.jobs() });
  });

  api.post('/jobs/:name/run', async (req, res, next) => {
    try {
      res.json(await backend.runJob(req.params.name));
    } catch (error) {
      next(error);
    }
  });

  api.get('/jobs/:name/runs', (req, res) => {
    const runs = backend.jobRuns(req.params.name);
    if (!runs) return notFound(res, `job ${req.params.name}`);
    res.json({ runs });
  });

  api.get('/stream', (req, res) => {
    res.writeHead(200, {
      'Content-Type': 'text/event-stream',
      'Cache-Control': 'no-cache',
      Connection: 'keep-alive',
    });
    res.write(': connected\n\n');
    const unsubscribe = STREAM_EVENTS.map((event) =>
      backend.bus.on(event, (payload) => {
        res.write(`event: ${event}\ndata: ${JSON.stringify(payload)}\n\n`);
      }),
    );
    const heartbeat = setInterval(() => res.write(': ping\n\n'), 15_000);
    heartbeat.unref();
    req.on('close', () => {
      clearInterval(heartbeat);
      for (const off of unsubscribe) off();
    });
  });

  for (const router of backend.pluginRoutes()) api.use(router as Router);

  api.use((_req, res) => {
    sendError(res, 404, 'NOT_FOUND', 'No such admin route.', 'see docs/admin-api.md');
  });

  api.use((error: unknown, _req: Request, res: Response, _next: NextFunction) => {
    if (isConnectError(error)) {
      const status = error.code.endsWith('NOT_FOUND') ? 404 : 400;
      sendError(res, status, error.code, error.message, error.hint);
      return;
    }
    const status = (error as { status?: number }).status;
    if (typeof status === 'number' && status >= 400 && status < 500) {
      sendError(res, status, 'BAD_REQUEST', (error as Error).message);
      return;
    }
    sendError(res, 500, 'INTERNAL', (error as Error).message ?? String(error));
  });

  app.use(`${ADMIN_PREFIX}/api`, api);

  // Assets apps: looked up per request, since the apps are known only after the server listens.
  const statics = new Map<string, express.RequestHandler>();
  app.use((req: Request, res: Response, next: NextFunction) => {
    const [, first] = req.path.split('/');
    const target = backend.staticApps().find((candidate) => candidate.name === first);
    if (!target) return next();
    let handler = statics.get(target.dir);
    if (!handler) statics.set(target.dir, (handler = express.static(target.dir)));
    const url = req.url;
    req.url = req.url.slice(target.name.length + 1) || '/';
    handler(req, res, (error?: unknown) => {
      req.url = url;
      next(error);
    });
  });

  app.use((_req, res) => {
    sendError(res, 404, 'NOT_FOUND', 'Nothing here.', `the admin API is under ${ADMIN_PREFIX}/api`);
  });
  return app;
}
