import request from 'supertest';
import { describe, expect, it } from 'vitest';

import { ConnectError } from '../../errors.js';
import { createBus } from '../bus.js';
import type { AppInfo, JobRun } from '../types.js';
import { createAdminApp, type AdminBackend } from './server.js';

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

function backend(): AdminBackend {
  return {
    bus: createBus(),
    adminUrl: 'http://127.0.0.1:4000',
    status: () => ({
      emulator: { version: '1', root: '/r', startedAt: 'now', adminUrl: 'http://127.0.0.1:4000', pid: 1 },
      applications: [app],
    }),
    application: (name) => (name === 'svc' ? app : undefined),
    logs: (name) =>
      name === 'svc' ? [{ time: 't', application: 'svc', stream: 'stdout', text: 'hello' }] : undefined,
    restartApp: async () => app,
    configView: (name) => (name === 'svc' ? { values: [], missing: [] } : undefined),
    jobs: () => [],
    runJob: async (name) => {
      if (name !== 'job')
        throw new ConnectError('JOB_NOT_FOUND', `${name} is not a job`, { hint: 'use one of: job' });
      return run;
    },
    jobRuns: (name) => (name === 'job' ? [run] : undefined),
    staticApps: () => [],
    pluginRoutes: () => [],
  };
}

describe('admin API', () => {
  it('serves the status and application routes under /__connect/api', async () => {
    const admin = createAdminApp(backend());
    expect((await request(admin).get('/__connect/api/status')).body.applications[0].name).toBe('svc');
    expect((await request(admin).get('/__connect/api/applications/svc/logs')).body).toEqual({
      lines: [{ time: 't', stream: 'stdout', text: 'hello' }],
    });
    expect((await request(admin).post('/__connect/api/applications/svc/restart')).body.name).toBe('svc');
    expect((await request(admin).post('/__connect/api/jobs/job/run')).body.outcome).toBe('ok');
  });

  it('answers errors as {error: {code, message, hint}}', async () => {
    const admin = createAdminApp(backend());
    const missing = await request(admin).get('/__connect/api/applications/nope/config');
    expect(missing.status).toBe(404);
    expect(missing.body.error.code).toBe('NOT_FOUND');
    const job = await request(admin).post('/__connect/api/jobs/svc/run');
    expect(job.status).toBe(404);
    expect(job.body.error).toEqual({
      code: 'JOB_NOT_FOUND',
      message: 'svc is not a job',
      hint: 'use one of: job',
    });
  });

  it('refuses cross-origin browser requests and foreign hosts', async () => {
    const admin = createAdminApp(backend());
    const foreign = await request(admin).get('/__connect/api/status').set('Origin', 'http://evil.example');
    expect(foreign.status).toBe(403);
    expect(foreign.body.error.code).toBe('FORBIDDEN_ORIGIN');
    const own = await request(admin).get('/__connect/api/status').set('Origin', 'http://127.0.0.1:4000');
    expect(own.status).toBe(200);
    const rebinding = await request(admin).get('/__connect/api/status').set('Host', 'evil.example');
    expect(rebinding.status).toBe(403);
  });

  it('streams bus events as server-sent events', async () => {
    const back = backend();
    const admin = createAdminApp(back);
    const server = admin.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    const controller = new AbortController();
    const response = await fetch(`http://127.0.0.1:${port}/__connect/api/stream`, {
      signal: controller.signal,
    });
    const reader = response.body!.getReader();
    await reader.read();
    back.bus.emit('job-run', run);
    let text = '';
    while (!text.includes('\n\n')) text += new TextDecoder().decode((await reader.read()).value);
    expect(text).toBe(`event: job-run\ndata: ${JSON.stringify(run)}\n\n`);
    controller.abort();
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });
});
