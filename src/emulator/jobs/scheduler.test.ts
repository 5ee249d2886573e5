import { createServer, type Server } from 'node:http';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createBus } from '../bus.js';
import { MemoryLogger } from '../logger.js';
import type { JobRun } from '../types.js';
import { nextFireTimes, parseSchedule } from './schedule.js';
import { JobScheduler } from './scheduler.js';

describe('JobScheduler', () => {
  let server: Server;
  let url: string;
  const requests: Array<{
    method: string | undefined;
    agent: string | undefined;
    type: string | undefined;
    body: string;
  }> = [];
  let release: (() => void) | undefined;

  beforeAll(async () => {
    server = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk) => (body += chunk));
      req.on('end', () => {
        requests.push({
          method: req.method,
          agent: req.headers['user-agent'],
          type: req.headers['content-type'],
          body,
        });
        if (req.url === '/slow') {
          release = () => res.end('done');
          return;
        }
        res.statusCode = req.url === '/fail' ? 500 : 200;
        res.end(req.url === '/fail' ? 'boom' : '');
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  });

  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  function scheduler(path: string, running = true) {
    const bus = createBus();
    const events: JobRun[] = [];
    bus.on('job-run', (run) => events.push(run));
    const logger = new MemoryLogger();
    const jobs = new JobScheduler({
      jobs: [{ name: 'job', schedule: '0 0 1 1 *', url: () => (running ? `${url}${path}` : null) }],
      bus,
      logger,
    });
    return { jobs, events, logger };
  }

  it('sends the Cloud Scheduler request and records the run', async () => {
    const { jobs, events } = scheduler('/job');
    const run = await jobs.run('job');
    expect(run).toMatchObject({ application: 'job', trigger: 'manual', outcome: 'ok', statusCode: 200 });
    expect(requests.at(-1)).toEqual({
      method: 'POST',
      agent: 'Google-Cloud-Scheduler',
      type: 'application/json',
      body: '{}',
    });
    expect(jobs.runs('job')).toEqual([run]);
    expect(events).toEqual([run]);
  });

  it('reports a failing run with the answer, and a job that is not running', async () => {
    const failed = await scheduler('/fail').jobs.run('job');
    expect(failed).toMatchObject({ outcome: 'failed', statusCode: 500, message: 'boom' });
    const down = await scheduler('/job', false).jobs.run('job');
    expect(down).toMatchObject({ outcome: 'error', statusCode: null, message: 'job is not running' });
  });

  it('skips a run while the previous one is still going', async () => {
    const { jobs, logger } = scheduler('/slow');
    const first = jobs.run('job');
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(jobs.list()[0]?.running).toBe(true);
    const second = await jobs.run('job');
    expect(second).toMatchObject({ outcome: 'skipped', message: 'the previous run is still going' });
    release?.();
    expect((await first).outcome).toBe('ok');
    expect(jobs.runs('job').map((run) => run.outcome)).toEqual(['ok', 'skipped']);
    expect(logger.text()).toContain('skipped');
  });

  it('lists jobs with their next fire times in UTC', () => {
    const [job] = scheduler('/job').jobs.list();
    expect(job?.next[0]).toMatch(/-01-01T00:00:00\.000Z$/);
  });
});

describe('schedules', () => {
  it('keeps a steady @every cadence from the start and rejects invalid schedules', () => {
    const start = new Date('2026-01-01T00:00:00Z');
    const times = nextFireTimes(parseSchedule('@every 2s'), new Date('2026-01-01T00:00:03.500Z'), 2, start);
    expect(times.map((d) => d.toISOString())).toEqual([
      '2026-01-01T00:00:04.000Z',
      '2026-01-01T00:00:06.000Z',
    ]);
    expect(nextFireTimes(parseSchedule('@reboot'), start, 1)).toEqual([]);
    expect(() => parseSchedule('0 0 * * MON')).toThrow();
  });
});
