/**
 * One supervisor per application: install and build it, then start it, as its runtime says
 * (runtimes/: Node.js installs when node_modules is missing, builds with `gcp-build`, else
 * `build`, starts its `start` script), in its own process group, decide "ready" (port accepts connections, and the health check passes when declared)
 * racing an early exit, restart a crashed app with backoff, stop it (SIGTERM, then SIGKILL).
 * Kinds: `http` (service, event, job: one HTTP server on PORT), `frontend` (Merchant Center
 * apps: their own start script, ready once their port answers), `static` (assets: built, then
 * served at the root of their own port, as the CDN serves them; ./assets-server.ts).
 */
import { request, type Server } from 'node:http';
import { join } from 'node:path';

import { tail } from '../../errors.js';
import { hasEndpoint, MERCHANT_CENTER_TYPES, type Application } from '../../spec/types.js';
import type { AppInfo, AppState, EmulatorLogger, EventBus, Health, LogLine, LogStream } from '../types.js';
import { closeServer, startAssetsServer } from './assets-server.js';
import type { Availability } from './gateway.js';
import type { Guardian } from './guardian.js';
import { canConnect } from './ports.js';
import { killGroup, runShell, spawnShell, stopGroup, type RunResult, type Spawned } from './process.js';
import { runtimeFor, type Runtime, type RuntimeApp, type RuntimeStep } from './runtimes/index.js';
import { nodeRuntime } from './runtimes/node.js';

export type AppKind = 'http' | 'frontend' | 'static';

export function kindOf(app: Application): AppKind {
  if (hasEndpoint(app)) return 'http';
  if (MERCHANT_CENTER_TYPES.includes(app.applicationType)) return 'frontend';
  return 'static';
}

export interface SupervisorOptions {
  app: Application;
  dir: string;
  /** The repository root (default: dir). */
  root?: string | undefined;
  /** The app's runtime; default: detected from its folder (runtimes/index.ts). */
  runtime?: Runtime | undefined;
  /** The port the emulator publishes (for service, event and job apps: their gateway's). */
  port: number | null;
  /** Where the app itself listens (its PORT) when a gateway fronts it; default: port. */
  appPort?: number | null | undefined;
  url: string | null;
  build: boolean;
  graceMs: number;
  guardian: Guardian;
  bus: EventBus;
  logger: EmulatorLogger;
  redact(text: string): string;
  /** The environment of the app for the next start (configuration + runtime variables). */
  environment(): Record<string, string>;
  /**
   * Frees the ports the emulator holds for the app until it binds them (its port, its inspector
   * port): called just before the app's process starts or its assets are served.
   */
  releasePorts?(): void;
  /** Environment for install/build (no PORT mapping needed, but the same configuration). */
  buildEnvironment(): Record<string, string>;
  /** Called once each time the app becomes ready. */
  onReady?(first: boolean): void;
  readyWarnMs?: number;
  /**
   * `--inspect-brk`: the address of the debugger the app waits for before its first line; the
   * warning of an app not ready says so instead of suspecting its port.
   */
  waitsForDebugger?: (() => string | undefined) | undefined;
  maxFailedStarts?: number;
  /** Tool versions: the platform's (fetched when missing, default) or the ones running here. */
  versions?: 'platform' | 'current' | undefined;
  /** Shows a warning once per emulator for the same key (default: every time). */
  warnOnce?(key: string, text: string): void;
  /** false with --no-watch: saving a file restarts nothing, so no hint says so. */
  watching?: boolean;
}

/** Steps shared by several apps (a workspace's install) that are running now, by key. */
const sharedSteps = new Map<string, Promise<RunResult>>();

/** Runs a step, or waits for the same shared step another app is running. */
function runStep(step: RuntimeStep, run: () => Promise<RunResult>): Promise<RunResult> {
  if (step.shared === undefined) return run();
  const running = sharedSteps.get(step.shared);
  if (running) return running;
  const key = step.shared;
  const started = run().finally(() => sharedSteps.delete(key));
  sharedSteps.set(key, started);
  return started;
}

const LOG_LIMIT = 1000;
const TAIL_LINES = 15;

export class AppSupervisor {
  readonly name: string;
  readonly kind: AppKind;
  state: AppState = 'stopped';
  restarts = 0;
  health: Health | null;
  lastError: string | undefined;
  readonly logs: LogLine[] = [];

  private current: Spawned | undefined;
  /** The origin of an assets app (kept across rebuilds; closed on stop). */
  private assets: Server | undefined;
  private stopping = false;
  private hurried = false;
  /** The current process is being stopped (a restart): the gateway holds requests meanwhile. */
  private killing = false;
  private failedStarts = 0;
  private readyAt = 0;
  private restartTimer: NodeJS.Timeout | undefined;
  private healthTimer: NodeJS.Timeout | undefined;
  private everReady = false;
  private generation = 0;
  /** Output lines of the current process, for "the tail of its output". */
  private recent: string[] = [];
  /** A front end that answers on another port than the one it was given: where it does. */
  private answeringUrl: string | undefined;
  /** Ports the current process reported listening on (front ends may pick their own). */
  private reported = new Set<number>();

  private detected: Runtime | undefined;
  /** Aborts the install/build step under way when the app is stopped. */
  private steps = new AbortController();
  private queue: Promise<unknown> = Promise.resolve();
  private markLaunched: () => void = () => undefined;
  /** Resolves once the first start has spawned a process (or settled without one). */
  readonly launched: Promise<void> = new Promise((resolve) => {
    this.markLaunched = resolve;
  });

  constructor(private readonly options: SupervisorOptions) {
    this.name = options.app.name;
    this.kind = kindOf(options.app);
    this.health = this.healthCheck() ? 'unknown' : null;
  }

  get port(): number | null {
    return this.options.port;
  }

  /** Where the app itself listens (PORT): behind its gateway, another port than the published one. */
  get appPort(): number | null {
    return this.options.appPort === undefined ? this.options.port : this.options.appPort;
  }

  /** What the app's gateway does with a request now: pass it, hold it (starting), or refuse it. */
  availability(): Availability {
    if (this.state === 'ready' && this.current && !this.killing) return { state: 'serving' };
    if (this.stopping) return { state: 'down', reason: 'it is stopping' };
    // Still 'ready' without a process, or with one being stopped: a restart is under way.
    if (this.state === 'building' || this.state === 'starting' || this.state === 'ready') {
      return { state: 'starting' };
    }
    return { state: 'down', reason: this.lastError ?? this.state };
  }

  /** The URL the app was given (APPLICATION_URL, CONNECT_SERVICE_URL). */
  get url(): string | null {
    return this.options.url;
  }

  info(): AppInfo {
    return {
      name: this.name,
      type: this.options.app.applicationType,
      state: this.state,
      url: this.answeringUrl ?? this.options.url,
      port: this.options.port,
      ...(this.appPort !== this.options.port && this.appPort !== null ? { appPort: this.appPort } : {}),
      pid: this.current?.child.pid ?? null,
      restarts: this.restarts,
      health: this.health,
      ...(this.lastError === undefined ? {} : { lastError: this.lastError }),
      ...this.scriptNames(),
    };
  }

  private scriptNames(): { scripts?: string[] } {
    const app = this.options.app;
    const scripts =
      'scripts' in app && app.scripts
        ? Object.keys(app.scripts).filter((key) => key === 'postDeploy' || key === 'preUndeploy')
        : [];
    return scripts.length > 0 ? { scripts } : {};
  }

  /** Marks the app as not startable (e.g. required configuration missing). */
  block(message: string): void {
    this.lastError = message;
    this.setState('stopped');
  }

  log(stream: LogStream, text: string): void {
    // Maven prints colour resets even in batch mode: at the start of a line (after a script's
    // `[postDeploy] `) they do nothing but clutter the log, and a line of nothing else is dropped.
    // eslint-disable-next-line no-control-regex -- the escape character is what is matched
    const cleaned = text.replace(/^((?:\[\w+\] )?)(?:\u001b\[0?m)+/, '$1');
    if (cleaned !== text && (cleaned === '' || /^\[\w+\] $/.test(cleaned))) return;
    text = cleaned;
    const line: LogLine = {
      time: new Date().toISOString(),
      application: this.name,
      stream,
      text: this.options.redact(text),
    };
    this.logs.push(line);
    if (this.logs.length > LOG_LIMIT) this.logs.splice(0, this.logs.length - LOG_LIMIT);
    if (stream !== 'system') {
      this.recent.push(line.text);
      if (this.recent.length > 200) this.recent.splice(0, this.recent.length - 200);
    }
    this.options.logger.appLine(line);
    this.options.bus.emit('log', line);
  }

  /** Installs (if needed), builds and starts; resolves once ready or failed. */
  start(): Promise<void> {
    this.preempt();
    return this.serial(async () => {
      this.clearTimers();
      await this.kill();
      this.stopping = false;
      this.lastError = undefined;
      const built = await this.prepare();
      if (!built || this.stopping) return;
      await this.launch();
    });
  }

  /**
   * Rebuilds (unless `rebuild` is false) and restarts. A failing build leaves the running
   * version untouched and returns false.
   */
  restart(rebuild: boolean): Promise<boolean> {
    if (this.stopping) return Promise.resolve(false);
    this.preempt();
    return this.serial(async () => {
      if (this.stopping) return false;
      this.clearTimers();
      const running = this.current !== undefined && this.state === 'ready';
      if (rebuild) {
        const built = await this.prepare(running);
        if (!built) return false;
      }
      await this.kill();
      this.failedStarts = 0;
      this.lastError = undefined;
      if (this.stopping) return false;
      await this.launch();
      return true;
    });
  }

  /** Starts, restarts and crash restarts run one at a time, in order. */
  private serial<T>(task: () => Promise<T>): Promise<T> {
    const run = this.queue.then(task, task);
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** A start still waiting for "ready" gives way to a newer request (e.g. the fix being saved). */
  private preempt(): void {
    if (this.state === 'starting') this.generation += 1;
  }

  async stop(): Promise<void> {
    this.stopping = true;
    this.steps.abort();
    this.steps = new AbortController();
    this.clearTimers();
    await this.kill();
    if (this.assets) {
      const assets = this.assets;
      this.assets = undefined;
      await closeServer(assets);
    }
    this.setState('stopped');
  }

  /** Ends the grace period of a stop (a second Ctrl-C / SIGTERM): the process group goes now. */
  hurry(): void {
    this.hurried = true;
    if (this.current) killGroup(this.current.child.pid, 'SIGKILL');
  }

  private healthCheck() {
    const app = this.options.app;
    return 'healthCheck' in app ? app.healthCheck : undefined;
  }

  private setState(state: AppState): void {
    this.state = state;
    this.markLaunched();
    this.options.bus.emit('app', this.info());
  }

  private clearTimers(): void {
    clearTimeout(this.restartTimer);
    clearInterval(this.healthTimer);
    this.restartTimer = undefined;
    this.healthTimer = undefined;
  }

  private async kill(): Promise<void> {
    const current = this.current;
    if (!current) return;
    this.generation += 1;
    this.killing = true;
    try {
      await stopGroup(current, this.hurried ? 0 : this.options.graceMs);
    } finally {
      this.killing = false;
    }
    if (this.current === current) this.current = undefined;
  }

  /** The app as its runtime sees it. */
  private runtimeApp(): RuntimeApp {
    return {
      name: this.name,
      dir: this.options.dir,
      root: this.options.root ?? this.options.dir,
      type: this.options.app.applicationType,
    };
  }

  /** The runtime of the app's folder (detected again at each build: a manifest may appear). */
  private async runtime(): Promise<Runtime> {
    this.detected = this.options.runtime ?? (await runtimeFor(this.options.dir));
    return this.detected;
  }

  /** What the watcher must know of the app's runtime: shared folders, what the runtime writes. */
  async watchTargets(): Promise<{
    shared: string[];
    dirs: Set<string>;
    files: Set<string>;
    output: string[];
    watches: ((path: string) => boolean) | undefined;
  }> {
    const runtime = this.detected ?? (await this.runtime());
    const watched = await runtime.watch(this.runtimeApp()).catch(() => ({ dirs: [], output: [] }));
    return {
      shared: watched.dirs,
      dirs: new Set(runtime.generatedDirs),
      files: new Set(runtime.generatedFiles),
      output: watched.output,
      watches: runtime.watches ? (path) => runtime.watches?.(path) ?? true : undefined,
    };
  }

  /** The environment of one of the app's processes, as its runtime adjusts it. */
  runtimeEnvironment(
    env: Record<string, string>,
    purpose: 'install' | 'build' | 'start' | 'script',
  ): Record<string, string> {
    return (this.detected ?? this.options.runtime ?? nodeRuntime).environment(
      this.runtimeApp(),
      env,
      purpose,
    );
  }

  /** Install (when needed), then build, as the app's runtime says. Returns false on failure. */
  private async prepare(keepState = false): Promise<boolean> {
    const runtime = await this.runtime();
    const plan = await runtime.plan(this.runtimeApp(), {
      build: this.options.build,
      env: this.options.buildEnvironment(),
      versions: this.options.versions,
      log: {
        info: (text) => this.log('system', text),
        warnOnce: (key, text) => {
          this.log('system', text);
          if (this.options.warnOnce) this.options.warnOnce(key, text);
          else this.options.logger.warn(text);
        },
      },
    });
    if (this.stopping) return false;
    if (!plan.ok) {
      if (plan.noManifest && this.kind === 'static') {
        this.setState('ready');
        return true;
      }
      this.fail(plan.message, plan.short);
      return false;
    }
    const steps = plan.steps;
    if (steps.length === 0) return true;
    if (!keepState) this.setState('building');
    for (const step of steps) {
      const { label } = step;
      this.log('system', `${label}`);
      const result = await runStep(step, () =>
        runShell(step.command, {
          cwd: step.cwd ?? this.options.dir,
          env: runtime.environment(this.runtimeApp(), this.options.buildEnvironment(), step.kind),
          guardian: this.options.guardian,
          onLine: (stream, text) => this.log(stream, text),
          signal: this.steps.signal,
        }),
      );
      if (this.stopping) return false;
      if (result.code === 0) await step.done?.();
      if (result.code !== 0) {
        const message = `${label} failed (exit code ${result.code ?? result.signal})`;
        const explained = step.explain?.(result.output);
        const details = explained ?? this.options.redact(tail(result.output, TAIL_LINES));
        if (keepState) {
          this.lastError = message;
          this.options.logger.error(
            `${this.name}: ${message}; the previous version keeps running.\n${details}`,
          );
          this.options.bus.emit('app', this.info());
        } else {
          this.fail(`${this.name}: ${message}.\n${details}`, message);
        }
        return false;
      }
    }
    return true;
  }

  private fail(message: string, short = message): void {
    this.lastError = short;
    this.options.logger.error(message);
    this.setState('crashed');
  }

  private async launch(): Promise<void> {
    if (this.kind === 'static') {
      const port = this.options.port;
      if (!this.assets && port !== null) {
        try {
          this.options.releasePorts?.();
          this.assets = await startAssetsServer(() => join(this.options.dir, 'public'), port);
        } catch (error) {
          this.fail(
            `${this.name}: cannot serve its assets on 127.0.0.1:${port}: ${(error as Error).message}. Run connect dev again (the port is chosen anew).`,
            `cannot serve on port ${port}`,
          );
          return;
        }
      }
      if (this.stopping) return;
      this.setState('ready');
      return;
    }
    const runtime = await this.runtime();
    const start = await runtime.start(this.runtimeApp());
    if (!start.ok) {
      this.fail(start.message, start.short);
      return;
    }
    const command = start.command;
    this.recent = [];
    this.reported = new Set();
    this.answeringUrl = undefined;
    this.setState('starting');
    const generation = ++this.generation;
    let heard = (): void => undefined;
    const listening = new Promise<void>((resolve) => (heard = resolve));
    const env = runtime.environment(this.runtimeApp(), this.options.environment(), 'start');
    this.options.releasePorts?.();
    const spawned = spawnShell(command, {
      cwd: this.options.dir,
      env,
      guardian: this.options.guardian,
      onLine: (stream, text) => this.log(stream, text),
      onListening: (port) => {
        if (port === this.appPort) heard();
        else this.reported.add(port);
      },
    });
    this.current = spawned;
    this.options.bus.emit('app', this.info());

    const exit = spawned.exited.then((result) => ({ kind: 'exit' as const, ...result }));
    // A front end (mc-scripts) is ready when it answers HTTP, on its port or one it chose.
    const ready = (
      this.kind === 'frontend' ? this.waitFrontend(generation) : this.waitReady(generation, listening)
    ).then((ok) => (ok ? { kind: 'ready' as const } : { kind: 'stale' as const }));
    const first = await Promise.race([exit, ready]);
    if (generation !== this.generation || this.stopping) {
      return;
    }
    if (first.kind === 'ready') {
      this.failedStarts = 0;
      this.readyAt = Date.now();
      this.lastError = undefined;
      if (this.health !== null) this.health = 'healthy';
      this.setState('ready');
      const wasReady = this.everReady;
      this.everReady = true;
      this.options.onReady?.(!wasReady);
      this.watchHealth(generation);
      void exit.then((result) => {
        if (generation !== this.generation || this.stopping) return;
        this.onExit(result.code, result.signal, true);
      });
      return;
    }
    if (first.kind === 'exit') this.onExit(first.code, first.signal, false);
  }

  private onExit(code: number | null, signal: NodeJS.Signals | null, wasReady: boolean): void {
    this.current = undefined;
    this.clearTimers();
    const how = signal ? `signal ${signal}` : `exit code ${code}`;
    const what = wasReady ? `crashed (${how})` : `exited before it was ready (${how})`;
    const output = tail(this.recent.join('\n'), TAIL_LINES);
    this.lastError = what;
    if (wasReady && Date.now() - this.readyAt > 10_000) this.failedStarts = 0;
    this.failedStarts += 1;
    const max = this.options.maxFailedStarts ?? 5;
    const giveUp = this.failedStarts >= max;
    const delay = Math.min(500 * 2 ** (this.failedStarts - 1), 30_000);
    this.options.logger.error(
      `${this.name} ${what}.${output ? `\nLast output:\n${output}` : ''}\n${
        giveUp
          ? `Not restarting after ${max} failed starts in a row: ${
              this.options.watching === false
                ? `fix it, then restart it on the dashboard (Restart) or run \`connect dev\` again (--no-watch: saving a file restarts nothing).`
                : `save a file of ${this.name} or run \`connect dev\` again.`
            }`
          : `Restarting in ${delay} ms.`
      }`,
    );
    this.setState('crashed');
    if (giveUp || this.stopping) return;
    this.restartTimer = setTimeout(() => {
      this.restartTimer = undefined;
      if (this.stopping) return;
      this.restarts += 1;
      void this.serial(() => this.launch());
    }, delay);
  }

  /**
   * Until the port accepts connections (and the health check passes); false if superseded or
   * stopped. A Node.js app says when it listens (`listening`, through the preload): then there is
   * nothing to poll. Polling the port stays as the fallback for processes the preload does not
   * reach, every 50 ms, so that it does not take CPU from the apps that are starting.
   */
  private async waitReady(generation: number, listening: Promise<void>): Promise<boolean> {
    const port = this.appPort;
    if (port === null) return true;
    const check = this.healthCheck();
    const started = Date.now();
    let warned = false;
    let heard = false;
    void listening.then(() => (heard = true));
    const warnAfter = this.options.readyWarnMs ?? 30_000;
    while (generation === this.generation && !this.stopping && this.current) {
      if (heard || (await canConnect(port))) {
        if (!check) return true;
        const status = await httpStatus(port, check.path, (check.timeoutSeconds ?? 5) * 1000);
        if (status >= 200 && status < 300) return true;
      }
      if (!warned && Date.now() - started > warnAfter) {
        warned = true;
        const debuggerAddress = this.options.waitsForDebugger?.();
        this.options.logger.warn(
          debuggerAddress
            ? `${this.name} is not ready after ${Math.round(warnAfter / 1000)} s: with --inspect-brk it waits for a debugger on ${debuggerAddress} before its first line; attach one and it starts.`
            : `${this.name} is not ready after ${Math.round(warnAfter / 1000)} s: nothing accepts connections on port ${port}${check ? ` or ${check.path} does not answer 2xx` : ''}. Does it listen on process.env.PORT (or 8080)?`,
        );
      }
      const pause = new Promise((resolve) => setTimeout(resolve, heard ? 10 : 50));
      await (heard ? pause : Promise.race([pause, listening]));
    }
    return false;
  }

  /**
   * Until a front end answers HTTP (any status: a dev server answers once its first bundle is
   * built) on its port, or on another port it reported listening on (then that is its URL).
   */
  private async waitFrontend(generation: number): Promise<boolean> {
    const port = this.options.port;
    if (port === null) return true;
    const started = Date.now();
    let warned = false;
    const warnAfter = this.options.readyWarnMs ?? 30_000;
    while (generation === this.generation && !this.stopping && this.current) {
      for (const candidate of [port, ...this.reported]) {
        if (!(await canConnect(candidate))) continue;
        // A dev server holds the first request until its bundle is built: wait for it.
        if ((await httpStatus(candidate, '/', 120_000)) === 0) continue;
        if (generation !== this.generation) return false;
        if (candidate !== port) {
          this.answeringUrl = `http://127.0.0.1:${candidate}`;
          this.options.logger.warn(
            `${this.name} answers on port ${candidate}, not on the port it was given (${port}, in HTTP_PORT and PORT): its URL is ${this.answeringUrl}.`,
          );
        }
        return true;
      }
      if (!warned && Date.now() - started > warnAfter) {
        warned = true;
        this.options.logger.warn(
          `${this.name} is not ready after ${Math.round(warnAfter / 1000)} s: nothing answers HTTP on port ${port}. Does its start script listen on HTTP_PORT or PORT (mc-scripts start does)?`,
        );
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    return false;
  }

  private watchHealth(generation: number): void {
    const check = this.healthCheck();
    const port = this.appPort;
    if (!check || port === null) return;
    const threshold = check.unhealthyThreshold ?? 3;
    let failures = 0;
    let busy = false;
    this.healthTimer = setInterval(
      () => {
        if (busy || generation !== this.generation) return;
        busy = true;
        void httpStatus(port, check.path, (check.timeoutSeconds ?? 5) * 1000).then((status) => {
          busy = false;
          if (generation !== this.generation || this.stopping) return;
          if (status >= 200 && status < 300) {
            failures = 0;
            if (this.health !== 'healthy') {
              this.health = 'healthy';
              this.options.bus.emit('app', this.info());
            }
            return;
          }
          failures += 1;
          if (failures >= threshold) {
            this.health = 'unhealthy';
            this.options.logger.warn(
              `${this.name} is unhealthy: ${check.path} failed ${failures} times in a row (last: ${status === 0 ? 'no answer' : status}). Restarting it.`,
            );
            this.restarts += 1;
            void this.restart(false);
          }
        });
      },
      (check.intervalSeconds ?? 10) * 1000,
    );
    this.healthTimer.unref();
  }
}

/** The status code of GET path on 127.0.0.1:port; 0 when there is no answer in time. */
export function httpStatus(port: number, path: string, timeoutMs: number): Promise<number> {
  return new Promise((resolve) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        path: path.startsWith('/') ? path : `/${path}`,
        method: 'GET',
        timeout: timeoutMs,
      },
      (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      },
    );
    req.on('timeout', () => req.destroy());
    req.on('error', () => resolve(0));
    req.end();
  });
}
