/**
 * Job applications fire on their schedule (UTC) with the request Cloud Scheduler sends
 * (runtime.md, our choice): `POST <endpoint>`, body `{}`, `User-Agent: Google-Cloud-Scheduler`.
 * A run still going when the next one is due is skipped and reported; every run (scheduled,
 * manual, skipped) goes into the run history.
 */
import { randomUUID } from 'node:crypto';
import { request } from 'node:http';

import type { EmulatorLogger, EventBus, JobRun } from '../types.js';
import { JOB_RUN_TIMEOUT_MS } from '../extensions/verdict.js';
import { describe as describeSchedule, nextFireTimes, parseSchedule, type Schedule } from './schedule.js';

export interface JobDefinition {
  name: string;
  schedule: string;
  /** Where the job answers (with its endpoint path), or null when it is not running. */
  url(): string | null;
}

export interface JobInfo {
  name: string;
  schedule: string;
  description: string;
  next: string[];
  running: boolean;
}

export interface SchedulerOptions {
  jobs: JobDefinition[];
  bus: EventBus;
  logger: EmulatorLogger;
  /** A run may take up to 30 minutes on the platform. */
  timeoutMs?: number;
  historyLimit?: number;
}

interface JobState {
  definition: JobDefinition;
  schedule: Schedule | undefined;
  error: string | undefined;
  timer: NodeJS.Timeout | undefined;
  running: Promise<JobRun> | undefined;
  runs: JobRun[];
}

const MAX_TIMER = 2 ** 31 - 1;

export class JobScheduler {
  private readonly jobs = new Map<string, JobState>();
  private started: Date = new Date();
  private stopped = false;

  constructor(private readonly options: SchedulerOptions) {
    for (const definition of options.jobs) {
      let schedule: Schedule | undefined;
      let error: string | undefined;
      try {
        schedule = parseSchedule(definition.schedule);
      } catch (e) {
        error = (e as Error).message;
      }
      this.jobs.set(definition.name, {
        definition,
        schedule,
        error,
        timer: undefined,
        running: undefined,
        runs: [],
      });
    }
  }

  names(): string[] {
    return [...this.jobs.keys()];
  }

  has(name: string): boolean {
    return this.jobs.has(name);
  }

  start(): void {
    this.started = new Date();
    this.stopped = false;
    for (const state of this.jobs.values()) {
      if (state.error !== undefined) {
        this.options.logger.warn(
          `${state.definition.name}: schedule "${state.definition.schedule}" cannot run: ${state.error}.`,
        );
        continue;
      }
      if (state.schedule?.kind === 'reboot') void this.fire(state, 'schedule');
      this.arm(state);
    }
  }

  stop(): void {
    this.stopped = true;
    for (const state of this.jobs.values()) clearTimeout(state.timer);
  }

  list(): JobInfo[] {
    const now = new Date();
    return [...this.jobs.values()].map((state) => ({
      name: state.definition.name,
      schedule: state.definition.schedule,
      description: state.error ?? (state.schedule ? describeSchedule(state.schedule) : ''),
      next: state.schedule
        ? nextFireTimes(state.schedule, now, 3, this.started).map((d) => d.toISOString())
        : [],
      running: state.running !== undefined,
    }));
  }

  runs(name: string): JobRun[] {
    return [...(this.jobs.get(name)?.runs ?? [])].reverse();
  }

  lastRun(name: string): JobRun | undefined {
    const runs = this.jobs.get(name)?.runs;
    return runs?.[runs.length - 1];
  }

  /** Runs a job now (manual trigger); resolves when the run finished. */
  async run(name: string): Promise<JobRun> {
    const state = this.jobs.get(name);
    if (!state) throw new Error(`unknown job ${name}`);
    return this.fire(state, 'manual');
  }

  private arm(state: JobState): void {
    if (this.stopped || !state.schedule) return;
    const [next] = nextFireTimes(state.schedule, new Date(), 1, this.started);
    if (!next) return;
    const delay = Math.max(0, next.getTime() - Date.now());
    state.timer = setTimeout(
      () => {
        if (delay >= MAX_TIMER) return this.arm(state);
        void this.fire(state, 'schedule');
        this.arm(state);
      },
      Math.min(delay, MAX_TIMER),
    );
    state.timer.unref();
  }

  private fire(state: JobState, trigger: JobRun['trigger']): Promise<JobRun> {
    const name = state.definition.name;
    if (state.running) {
      const skipped: JobRun = {
        id: randomUUID(),
        application: name,
        trigger,
        startedAt: new Date().toISOString(),
        durationMs: 0,
        statusCode: null,
        outcome: 'skipped',
        message: 'the previous run is still going',
      };
      this.options.logger.warn(`${name}: ${trigger} run skipped: the previous run is still going.`);
      this.record(state, skipped);
      return Promise.resolve(skipped);
    }
    const running = this.execute(state, trigger).finally(() => {
      state.running = undefined;
    });
    state.running = running;
    return running;
  }

  private async execute(state: JobState, trigger: JobRun['trigger']): Promise<JobRun> {
    const name = state.definition.name;
    const startedAt = new Date();
    const started = performance.now();
    const url = state.definition.url();
    const base = { id: randomUUID(), application: name, trigger, startedAt: startedAt.toISOString() };
    let run: JobRun;
    if (url === null) {
      run = { ...base, durationMs: 0, statusCode: null, outcome: 'error', message: `${name} is not running` };
    } else {
      const result = await post(url, this.options.timeoutMs ?? JOB_RUN_TIMEOUT_MS);
      const durationMs = Math.round(performance.now() - started);
      if (result.statusCode === null) {
        run = {
          ...base,
          durationMs,
          statusCode: null,
          outcome: 'error',
          message: result.error ?? 'no answer',
        };
      } else {
        const ok = result.statusCode >= 200 && result.statusCode < 300;
        run = {
          ...base,
          durationMs,
          statusCode: result.statusCode,
          outcome: ok ? 'ok' : 'failed',
          ...(ok ? {} : { message: result.body.slice(0, 500) }),
        };
      }
    }
    const text = `${name}: ${trigger} run ${run.outcome}${run.statusCode === null ? '' : ` (${run.statusCode})`} in ${run.durationMs} ms${run.message ? `: ${run.message}` : ''}`;
    if (run.outcome === 'ok') this.options.logger.info(text);
    else this.options.logger.warn(text);
    this.record(state, run);
    return run;
  }

  private record(state: JobState, run: JobRun): void {
    state.runs.push(run);
    const limit = this.options.historyLimit ?? 200;
    if (state.runs.length > limit) state.runs.splice(0, state.runs.length - limit);
    this.options.bus.emit('job-run', run);
  }
}

function post(
  url: string,
  timeoutMs: number,
): Promise<{ statusCode: number | null; body: string; error?: string }> {
  return new Promise((resolve) => {
    const body = '{}';
    const req = request(
      url,
      {
        method: 'POST',
        timeout: timeoutMs,
        headers: {
          'Content-Type': 'application/json',
          'Content-Length': Buffer.byteLength(body),
          'User-Agent': 'Google-Cloud-Scheduler',
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          resolve({ statusCode: res.statusCode ?? null, body: Buffer.concat(chunks).toString('utf8') }),
        );
        res.on('error', (error) => resolve({ statusCode: null, body: '', error: error.message }));
      },
    );
    req.on('timeout', () =>
      req.destroy(
        new Error(
          timeoutMs === JOB_RUN_TIMEOUT_MS
            ? `no answer within 30 minutes: the platform stops a job run after 30 minutes`
            : `no answer within ${timeoutMs} ms`,
        ),
      ),
    );
    req.on('error', (error) => resolve({ statusCode: null, body: '', error: error.message }));
    req.end(body);
  });
}
