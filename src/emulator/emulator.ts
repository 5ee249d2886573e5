/**
 * The emulator: runs every application of a repository as the Connect runtime would.
 *
 * Start order: configuration (connect.yaml, values file, --env, .env) -> guardian -> ports and
 * the admin server's socket (127.0.0.1) -> plugins -> applications (install, build, start) ->
 * `.connect/dev.json` -> ready (postDeploy) -> job scheduler -> file watcher; the admin app
 * (express) loads after "ready" or at the first admin request, whichever comes first.
 * Stop order (reverse): watcher -> scheduler -> preUndeploy scripts -> applications (SIGTERM,
 * then SIGKILL of each process group) -> plugins -> admin server -> dev.json -> guardian.
 *
 * Everything observable goes through the typed bus (`emulator.bus`) and the injected logger.
 */
import { randomBytes } from 'node:crypto';
import { join, relative, sep } from 'node:path';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { setTimeout as delay } from 'node:timers/promises';

import { ConnectError, ExitCode, tail } from '../errors.js';
import {
  createRedactor,
  maskEntries,
  missingKeysMessage,
  VALUES_FILE_NAME,
  type ConfigEntry,
  type ResolvedConfiguration,
} from '../config/values.js';
import { hasEndpoint, type Application, type ConnectSpec } from '../spec/types.js';
import { createBus } from './bus.js';
import { frontendDefaults, isFrontend } from './frontend.js';
import { loadConfiguration, withFallbackLayer, type LoadedConfiguration } from './configuration.js';
import {
  API_CLIENT_VARIABLES,
  baseEnvironment,
  buildEnvironment,
  defaultApiClient,
  runtimeEntries,
  runtimeVariables,
} from './environment.js';
import type { JobInfo, JobScheduler } from './jobs/scheduler.js';
import { silentLogger } from './logger.js';
import { processAlive, readDevState, removeDevState, writeDevState } from './admin/state-file.js';
import { AppGateway } from './supervisor/gateway.js';
import { Guardian } from './supervisor/guardian.js';
import { reservePort } from './supervisor/ports.js';
import { runShell, type RunResult } from './supervisor/process.js';
import { runtimeFor, shutdownRuntimes } from './supervisor/runtimes/index.js';
import { AppSupervisor, kindOf } from './supervisor/supervisor.js';
import type {
  AppInfo,
  EmulatorLogger,
  EmulatorPlugin,
  EventBus,
  JobRun,
  LogLine,
  LogStream,
  PluginContext,
} from './types.js';

/** The longest a first postDeploy waits for the other applications to start. */
const SCRIPTS_WAIT_MS = 3000;
/** The platform cuts requests to service and event apps at 5 minutes (reference/runtime.md, Limits). */
const REQUEST_LIMIT_MS = 300_000;
/**
 * A job run may take 30 minutes: the scheduler says so itself when it gives up on a run
 * (jobs/scheduler.ts); its gateway cuts a second later, so that the scheduler's verdict comes first.
 */
const JOB_REQUEST_LIMIT_MS = 30 * 60_000 + 1000;

export interface EmulatorOptions {
  /** The repository (or its connect.yaml); default: cwd. */
  path?: string | undefined;
  valuesFile?: string | undefined;
  /** `--env` flags: `APP.KEY=value` or `KEY=value`. */
  env?: readonly string[] | undefined;
  /** Run only these applications. */
  only?: readonly string[] | undefined;
  build?: boolean | undefined;
  scripts?: boolean | undefined;
  watch?: boolean | undefined;
  /** Admin server port on 127.0.0.1 (0: any free port). */
  adminPort?: number | undefined;
  /** Grace period between SIGTERM and SIGKILL. */
  graceMs?: number | undefined;
  /** Debounce of the file watcher. */
  debounceMs?: number | undefined;
  scriptTimeoutMs?: number | undefined;
  /**
   * Run preUndeploy scripts when stopping (default: false). Without a kept project (--persist)
   * the local API's resources go away with the emulator, so there is nothing to undo; with one,
   * they would outlive the run.
   */
  preUndeployOnStop?: boolean | undefined;
  /**
   * Tool versions (Node.js, Yarn): `platform` (default), the ones the platform would use,
   * fetched into the user's cache when missing; `current`, whatever runs here.
   */
  versions?: 'platform' | 'current' | undefined;
  logger?: EmulatorLogger | undefined;
  plugins?: readonly EmulatorPlugin[] | undefined;
  processEnv?: NodeJS.ProcessEnv | undefined;
  cwd?: string | undefined;
  version?: string | undefined;
  /**
   * The admin API's bearer token (default: a new random one per run, written to
   * `.connect/dev.json` with mode 0600). In-process users read `emulator.adminToken`.
   */
  adminToken?: string | undefined;
  /**
   * `--inspect[=APP,...]` / `--inspect-brk`: the inspector of these Node.js applications (true:
   * every one) on 127.0.0.1, a distinct port each, kept across reloads (./inspect.ts).
   */
  inspect?: { apps: boolean | readonly string[]; brk: boolean } | undefined;
  /** Called once the admin API and the plugins listen, before the applications start. */
  onListening?: (() => void) | undefined;
  /** How long the ready line waits for an app that runs but never listens (default 30 s). */
  readyWaitMs?: number | undefined;
  /**
   * Requests to service and event apps not answered within this are cut by their gateway (504),
   * as the platform cuts them at 5 minutes (default; tests: CONNECT_DEV_REQUEST_TIMEOUT_MS).
   */
  requestTimeoutMs?: number | undefined;
}

export interface EmulatorStatus {
  emulator: { version: string; root: string; startedAt: string; adminUrl: string; pid: number };
  applications: AppInfo[];
  platform?: unknown;
  plugins?: Record<string, unknown>;
}

export interface ConfigView {
  values: ConfigEntry[];
  missing: string[];
}

export class Emulator {
  readonly bus: EventBus = createBus();
  readonly logger: EmulatorLogger;
  root = '';
  spec: ConnectSpec = { deployAs: [] };
  adminUrl = '';
  startedAt = new Date();
  /** Every admin API request but the dashboard's static files needs `Authorization: Bearer <adminToken>`. */
  readonly adminToken: string;

  private config: LoadedConfiguration | undefined;
  private readonly supervisors = new Map<string, AppSupervisor>();
  /** The front (./supervisor/gateway.ts) of each service, event and job application. */
  private readonly gateways = new Map<string, AppGateway>();
  private readonly revisions = new Map<string, number>();
  private readonly postDeployed = new Set<string>();
  /** Resolves once the first start has settled (every app ready or failed), or on stop. */
  private readonly startSettled: Promise<void>;
  private markStartSettled: () => void = () => undefined;
  /** Public for tests: its pid is `emulator.guardian.pid`. */
  readonly guardian = new Guardian();
  private scheduler: JobScheduler | undefined;
  private server: Server | undefined;
  /** The admin app (express, the local API) once its loading has begun: stop() waits for it. */
  private adminAppLoading: Promise<unknown> | undefined;
  private watcher: { close(): Promise<void> } | undefined;
  /** Resolves once the file watcher is ready (undefined with --no-watch). */
  watching: Promise<void> | undefined;
  private redactor: (text: string) => string = (text) => text;
  private readonly plugins: EmulatorPlugin[];
  private startedPlugins: EmulatorPlugin[] = [];
  private stopping: Promise<void> | undefined;
  private readonly graceMs: number;
  private readonly warned = new Set<string>();
  /** Aborts the postDeploy scripts under way when stopping. */
  private readonly scripts = new AbortController();
  /** The first postDeploy scripts still to finish. */
  private readonly postDeploys = new Set<Promise<unknown>>();
  /** Inspector port of each application started with --inspect. */
  readonly inspectPorts = new Map<string, number>();
  /**
   * Ports the emulator holds until the app's process first starts, which binds them: the app's
   * port behind its gateway, and its inspector port (./inspect.ts).
   */
  private readonly portReservations = new Map<string, () => void>();
  private readonly inspectReservations = new Map<string, () => void>();

  constructor(private readonly options: EmulatorOptions = {}) {
    this.logger = options.logger ?? silentLogger;
    this.plugins = [...(options.plugins ?? [])];
    this.graceMs = options.graceMs ?? 5000;
    this.adminToken = options.adminToken ?? randomBytes(24).toString('base64url');
    this.guardian.onWarning = (text) => this.logger.warn(text);
    this.startSettled = new Promise((resolve) => (this.markStartSettled = resolve));
  }

  private get processEnv(): NodeJS.ProcessEnv {
    return this.options.processEnv ?? process.env;
  }

  /** Starts everything; resolves when every application is ready or has failed. */
  async start(): Promise<void> {
    this.bus.emit('emulator', { state: 'starting' });
    this.startedAt = new Date();
    const timing = this.processEnv.CONNECT_DEV_TIMING
      ? (what: string) => this.logger.info(`[timing] ${what} at ${performance.now().toFixed(0)} ms`)
      : () => undefined;
    timing('emulator start');
    await this.loadConfig();
    timing('configuration loaded and validated');
    const selected = this.selectApplications();
    const other = await readDevState(this.root);
    if (other && other.pid !== process.pid && processAlive(other.pid)) {
      throw new ConnectError(
        'EMULATOR_ALREADY_RUNNING',
        `connect dev is already running for ${this.root} (pid ${other.pid}, admin ${other.adminUrl}).`,
        { hint: `stop it first (kill ${other.pid}), or use it: \`connect status ${this.root}\`` },
      );
    }

    this.guardian.start(this.graceMs);
    // Only what spawning the applications needs is on their critical path: the admin server
    // and the plugins' sockets listen at once (node:http is cheap), so every address an app
    // gets in its environment is known; what answers behind them (express, the local API) is
    // imported once the apps are on their way, and requests that arrive earlier wait for it.
    // On a small machine every millisecond of CPU spent here delays the apps' own start.
    let loadApp: () => void = () => undefined;
    const appWanted = new Promise<void>((resolve) => (loadApp = resolve));
    const adminApp = appWanted.then(async () => (await import('./admin/server.js')).createAdminApp(this));
    adminApp.catch(() => undefined);
    // A module still loading when stop() resolves would be required after a test runner has torn
    // its sandbox down (jest: "You are trying to `require` a file after the Jest environment has
    // been torn down"), so stop() waits for a load that has begun.
    void appWanted.then(() => (this.adminAppLoading ??= adminApp.catch(() => undefined)));
    const [server, ports] = await Promise.all([
      this.listenAdmin(adminApp, this.options.adminPort ?? 0, () => loadApp()),
      Promise.all(
        // Every app has its own origin: assets too (served at its root, as the CDN does). A
        // service, event or job app is published through its gateway, and listens behind it.
        selected.map(async (app) => {
          // Held until the app's process starts or its assets are served (an install or a build
          // may come first).
          const { port: appPort, release } = await reservePort();
          this.portReservations.set(app.name, release);
          if (kindOf(app) !== 'http') return [app.name, appPort, undefined] as const;
          const gateway = await this.startGateway(app, appPort);
          return [app.name, gateway.port, appPort] as const;
        }),
      ),
    ]).catch(async (error: unknown) => {
      await Promise.all([...this.gateways.values()].map((gateway) => gateway.close()));
      for (const release of this.portReservations.values()) release();
      throw error;
    });
    this.server = server;
    if (this.options.inspect) {
      const { devtoolsUrl, inspectorPorts } = await import('./inspect.js');
      const brk = this.options.inspect.brk;
      for (const [name, port, release] of await inspectorPorts(selected, this.options.inspect.apps)) {
        this.inspectPorts.set(name, port);
        this.inspectReservations.set(name, release);
        // Each runtime opens its own debugger (Java: JDWP); Node.js: the inspector (preload).
        const hint = (await runtimeFor(join(this.root, name))).debuggerHint?.(`127.0.0.1:${port}`, brk);
        this.logger.info(
          `${name}: ${hint ?? `inspector on 127.0.0.1:${port}${brk ? ' (waits for the debugger before the first line)' : ''}; attach from chrome://inspect or VS Code (docs/testing-and-ci.md).`}`,
        );
      }
      // The app prints its inspector's address as it opens it (each start: the id changes).
      this.bus.on('log', (line) => {
        const url = /Debugger listening on (ws:\/\/\S+)/.exec(line.text)?.[1];
        if (url && this.inspectPorts.has(line.application)) {
          this.logger.info(`${line.application}: DevTools: ${devtoolsUrl(url)}`);
        }
        // A JVM's JDWP agent says the same at each start (the first one and every reload), and
        // again once a debugger has detached (the app runs on then).
        const port = this.inspectPorts.get(line.application);
        const jdwp = /^Listening for transport dt_socket at address: (?:[\d.]+:)?(\d+)\s*$/.exec(
          line.text,
        )?.[1];
        if (port !== undefined && jdwp === String(port)) {
          const waits = brk && this.supervisors.get(line.application)?.state !== 'ready';
          this.logger.info(
            `${line.application}: JDWP debugger listening on 127.0.0.1:${port}${waits ? ' (the JVM waits for it before main)' : ''}`,
          );
        }
      });
    }
    const address = server.address();
    this.adminUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    // Written while the plugins start, and on disk before the addresses are announced (--json's
    // first line): whoever reads them can run `connect status`/`trigger` at once.
    const stateWritten = writeDevState({
      pid: process.pid,
      adminUrl: this.adminUrl,
      root: this.root,
      startedAt: this.startedAt.toISOString(),
      version: this.options.version ?? '0.0.0',
      token: this.adminToken,
    });
    stateWritten.catch(() => undefined);
    for (const [name, port, appPort] of ports) {
      const app = selected.find((candidate) => candidate.name === name) as Application;
      this.supervisors.set(name, this.createSupervisor(app, port, appPort));
    }
    this.refreshRedactor();

    for (const plugin of this.plugins) {
      await plugin.start(this.pluginContext());
      this.startedPlugins.push(plugin);
    }
    this.applyPluginValues();
    this.refreshRedactor();
    await stateWritten;
    this.options.onListening?.();

    const apps = Promise.all([...this.supervisors.values()].map((supervisor) => this.startApp(supervisor)));
    await Promise.all([...this.supervisors.values()].map((supervisor) => supervisor.launched));
    timing('applications launched');
    if (this.stopping) return;
    // Needed before "ready": loads while the apps start (it is small).
    const schedulerModule = import('./jobs/scheduler.js');
    schedulerModule.catch(() => undefined);
    this.logger.info(`Admin API on ${this.adminUrl}/__connect/api/status`);
    await this.settleOrGiveUp(apps);
    timing('applications settled');
    // Once the rest of start() (and the ready line) is out.
    setImmediate(this.markStartSettled);
    // Stopped (Ctrl-C) while starting: nothing more to start.
    if (this.stopping) {
      loadApp();
      return;
    }

    const { JobScheduler } = await schedulerModule;
    this.scheduler = new JobScheduler({
      jobs: selected
        .filter((app) => app.applicationType === 'job')
        .map((app) => ({
          name: app.name,
          schedule: app.applicationType === 'job' ? app.properties.schedule : '',
          url: () => {
            const supervisor = this.supervisors.get(app.name);
            return supervisor && supervisor.state === 'ready' ? supervisor.info().url : null;
          },
        })),
      bus: this.bus,
      logger: this.logger,
    });
    this.scheduler.start();

    // Not awaited: the apps are ready; the watcher's initial scan must not delay that.
    if (this.options.watch !== false) {
      this.watching = this.startWatcher().catch((error: unknown) =>
        this.logger.warn(`File watcher could not start: ${(error as Error).message}`),
      );
    }
    this.bus.emit('emulator', { state: 'running' });
    // Express loads once "ready" is out (or at the first admin request).
    setImmediate(loadApp);
  }

  /**
   * Waits for every application to be ready or failed, but not for one that runs and never
   * listens: once nothing is building and an app has been starting for `readyWaitMs` (default
   * 30 s; CONNECT_DEV_READY_WAIT_MS), the others get their ready line, URLs, scheduler and
   * triggers, and a warning names the app (it still becomes ready whenever it listens).
   */
  private async settleOrGiveUp(apps: Promise<unknown>): Promise<void> {
    const limit = this.options.readyWaitMs ?? (Number(this.processEnv.CONNECT_DEV_READY_WAIT_MS) || 30_000);
    let settled = false;
    void apps.then(() => (settled = true));
    let startingSince = Date.now();
    while (!settled && !this.stopping) {
      await Promise.race([apps, delay(250, undefined, { ref: false })]);
      const states = [...this.supervisors.values()].map((supervisor) => supervisor.state);
      if (states.includes('building')) startingSince = Date.now();
      if (settled || Date.now() - startingSince < limit) continue;
      const stuck = [...this.supervisors.values()]
        .filter((supervisor) => supervisor.state === 'starting')
        .map((supervisor) => supervisor.name);
      this.logger.warn(
        `${stuck.join(', ')} ${stuck.length === 1 ? 'has' : 'have'} not listened on ${stuck.length === 1 ? 'its' : 'their'} port after ${Math.round(limit / 1000)} s; the other applications run meanwhile (check ${stuck.length === 1 ? 'its' : 'their'} logs: \`connect logs ${stuck[0] ?? ''}\`).`,
      );
      return;
    }
  }

  /**
   * A second Ctrl-C / SIGTERM during a stop: the applications get no more grace (SIGKILL now,
   * and at once for those not stopped yet); the rest of the stop (preUndeploy, dev.json) goes on.
   */
  endGracePeriod(): void {
    for (const supervisor of this.supervisors.values()) supervisor.hurry();
  }

  /** Stops everything (idempotent); see the stop order in the file header. */
  stop(): Promise<void> {
    this.stopping ??= this.doStop();
    return this.stopping;
  }

  private async doStop(): Promise<void> {
    const timing = this.processEnv.CONNECT_DEV_TIMING
      ? (what: string) => this.logger.info(`[timing] ${what} at ${performance.now().toFixed(0)} ms`)
      : () => undefined;
    timing('stop');
    this.bus.emit('emulator', { state: 'stopping' });
    this.markStartSettled();
    await this.watching;
    await this.watcher?.close().catch(() => undefined);
    timing('watcher closed');
    this.scheduler?.stop();
    await shutdownRuntimes();
    // A postDeploy still running (the starters' `npm install && npm run build && ...`) is cut
    // short: the deployment it belongs to is going away.
    this.scripts.abort();
    if (this.options.scripts !== false && this.options.preUndeployOnStop === true) {
      await Promise.all(
        [...this.supervisors.values()]
          .filter((supervisor) => this.postDeployed.has(supervisor.name))
          .map((supervisor) => this.runScript(supervisor, 'preUndeploy')),
      );
    }
    timing('scripts done');
    await Promise.all([...this.supervisors.values()].map((supervisor) => supervisor.stop()));
    await Promise.all([...this.gateways.values()].map((gateway) => gateway.close()));
    for (const held of [this.portReservations, this.inspectReservations]) {
      for (const release of held.values()) release();
      held.clear();
    }
    timing('applications stopped');
    for (const plugin of [...this.startedPlugins].reverse()) {
      await plugin
        .stop()
        .catch((error: unknown) => this.logger.warn(`${plugin.name} did not stop cleanly: ${String(error)}`));
    }
    if (this.server) {
      const server = this.server;
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    }
    await this.adminAppLoading;
    timing('plugins and admin server stopped');
    if (this.root) await removeDevState(this.root).catch(() => undefined);
    this.guardian.close();
    this.bus.emit('emulator', { state: 'stopped' });
  }

  /**
   * Resolves once the postDeploy scripts of the first start have finished (they register the
   * extensions and subscriptions a test relies on); `connect dev --exec` waits for it.
   */
  async postDeploysSettled(): Promise<void> {
    while (this.postDeploys.size > 0) await Promise.allSettled([...this.postDeploys]);
  }

  /** Lets the guardian kill this process group too if the emulator dies (`connect dev --exec`'s command). */
  guardProcessGroup(pgid: number | undefined): void {
    this.guardian.add(pgid);
  }

  // ----- queries (admin API, plugins, status) -----

  status(): EmulatorStatus {
    const platform = this.startedPlugins.find((plugin) => plugin.name === 'platform');
    const others = this.startedPlugins.filter((plugin) => plugin.name !== 'platform');
    return {
      emulator: {
        version: this.options.version ?? '0.0.0',
        root: this.root,
        startedAt: this.startedAt.toISOString(),
        adminUrl: this.adminUrl,
        pid: process.pid,
      },
      applications: this.applications(),
      ...(platform ? { platform: platform.info() } : {}),
      ...(others.length > 0 ? { plugins: Object.fromEntries(others.map((p) => [p.name, p.info()])) } : {}),
    };
  }

  applications(): AppInfo[] {
    return [...this.supervisors.values()].map((supervisor) => this.appInfo(supervisor));
  }

  application(name: string): AppInfo | undefined {
    const supervisor = this.supervisors.get(name);
    return supervisor ? this.appInfo(supervisor) : undefined;
  }

  logs(name: string, query: { limit?: number; q?: string; stream?: string } = {}): LogLine[] | undefined {
    const supervisor = this.supervisors.get(name);
    if (!supervisor) return undefined;
    let lines = supervisor.logs;
    if (query.stream) lines = lines.filter((line) => line.stream === query.stream);
    if (query.q) {
      const q = query.q.toLowerCase();
      lines = lines.filter((line) => line.text.toLowerCase().includes(q));
    }
    return lines.slice(-(query.limit && query.limit > 0 ? query.limit : 200));
  }

  /** The configuration an application gets, secured values masked. */
  configView(name: string): ConfigView | undefined {
    const supervisor = this.supervisors.get(name);
    const resolved = this.config?.resolved.get(name);
    if (!supervisor || !resolved) return undefined;
    const app = this.specOf(name) as Application;
    const env = this.appEnvironment(supervisor, app, true);
    const declared = new Set(resolved.values.map((entry) => entry.key));
    const runtimeKeys = Object.keys(this.runtimeFor(app, supervisor)).concat(
      this.spec.inheritAs?.apiClient ? [...API_CLIENT_VARIABLES] : [],
      Object.keys(this.pluginEnv(app)),
    );
    const secretKeys = new Set(['CTP_CLIENT_SECRET', ...this.pluginSecretKeys()]);
    const runtime = runtimeEntries(
      env,
      [...new Set(runtimeKeys)].filter((key) => !declared.has(key)),
      (key) => secretKeys.has(key),
    );
    return { values: maskEntries([...resolved.values, ...runtime]), missing: [...resolved.missing] };
  }

  jobs(): JobInfo[] {
    return this.scheduler?.list() ?? [];
  }

  jobRuns(name: string): JobRun[] | undefined {
    return this.scheduler?.has(name) ? this.scheduler.runs(name) : undefined;
  }

  async runJob(name: string): Promise<JobRun> {
    if (!this.scheduler?.has(name)) {
      const jobs = this.scheduler?.names() ?? [];
      throw new ConnectError('JOB_NOT_FOUND', `${name} is not a job application run by this emulator.`, {
        hint: jobs.length > 0 ? `use one of: ${jobs.join(', ')}` : 'this emulator runs no job application',
        exitCode: ExitCode.Usage,
      });
    }
    return this.scheduler.run(name);
  }

  /** Restarts an application (rebuilding it first when asked). */
  async restartApp(name: string, rebuild: boolean): Promise<AppInfo> {
    const supervisor = this.supervisors.get(name);
    if (!supervisor) throw this.unknownApp(name);
    const resolved = this.config?.resolved.get(name);
    if (resolved && resolved.missing.length > 0) {
      supervisor.block(missingKeysMessage(resolved, this.valuesFileName()));
      this.logger.error(missingKeysMessage(resolved, this.valuesFileName()));
      return this.appInfo(supervisor);
    }
    if (
      supervisor.state === 'stopped' ||
      (supervisor.state === 'crashed' && supervisor.info().pid === null)
    ) {
      await this.startApp(supervisor);
    } else {
      await supervisor.restart(rebuild);
    }
    return this.appInfo(supervisor);
  }

  /**
   * Runs an application's postDeploy or preUndeploy script now (the dashboard's and the admin
   * API's "run script"); resolves once it has finished. preUndeploy is not run at Ctrl-C unless
   * the project is kept (--persist): this is how it is exercised otherwise.
   */
  async runAppScript(
    name: string,
    which: 'postDeploy' | 'preUndeploy',
  ): Promise<{ ran: boolean; code: number | null; durationMs: number }> {
    const supervisor = this.supervisors.get(name);
    if (!supervisor) throw this.unknownApp(name);
    const app = this.specOf(name);
    const command = app && 'scripts' in app ? app.scripts?.[which] : undefined;
    if (!command) return { ran: false, code: null, durationMs: 0 };
    const result = await this.runScript(supervisor, which);
    if (which === 'postDeploy') this.postDeployed.add(name);
    if (which === 'preUndeploy') this.postDeployed.delete(name);
    return { ran: true, code: result?.code ?? null, durationMs: Math.round(result?.durationMs ?? 0) };
  }

  staticApps(): Array<{ name: string; dir: string }> {
    return [...this.supervisors.values()]
      .filter((supervisor) => supervisor.kind === 'static')
      .map((supervisor) => ({ name: supervisor.name, dir: join(this.root, supervisor.name, 'public') }));
  }

  pluginRoutes(): unknown[] {
    return this.plugins.map((plugin) => plugin.routes?.()).filter((router) => router !== undefined);
  }

  specOf(name: string): Application | undefined {
    return this.spec.deployAs.find((app) => app.name === name);
  }

  redact(text: string): string {
    return this.redactor(text);
  }

  /** The dashboard's address with this run's token (it becomes a cookie scoped to the admin API). */
  dashboardUrl(): string {
    return `${this.adminUrl}/__connect/?token=${encodeURIComponent(this.adminToken)}`;
  }

  // ----- internals -----

  private unknownApp(name: string): ConnectError {
    const known = [...this.supervisors.keys()];
    return new ConnectError('APPLICATION_NOT_FOUND', `${name} is not an application run by this emulator.`, {
      hint: `use one of: ${known.join(', ') || '(none)'}`,
      exitCode: ExitCode.Usage,
    });
  }

  private valuesFileName(): string {
    return this.config?.values.file ?? VALUES_FILE_NAME;
  }

  private async loadConfig(): Promise<void> {
    this.config = await loadConfiguration({
      path: this.options.path ?? this.options.cwd ?? process.cwd(),
      valuesFile: this.options.valuesFile,
      env: this.options.env ?? [],
      processEnv: this.processEnv,
      cwd: this.options.cwd ?? process.cwd(),
    });
    this.root = this.config.loaded.root;
    this.spec = this.config.loaded.spec;
    this.applyPluginValues();
  }

  /**
   * Declared keys nobody set get the value a started plugin supplies, or a Merchant Center
   * app's local ID (source `emulator`).
   */
  private applyPluginValues(): void {
    if (!this.config) return;
    if (this.startedPlugins.length === 0 && !this.spec.deployAs.some(isFrontend)) return;
    this.config = withFallbackLayer(this.config, {
      source: 'emulator',
      get: (application, key) => {
        const app = this.specOf(application);
        return app ? (this.pluginEnv(app)[key] ?? this.frontendValues(app)[key]) : undefined;
      },
    });
  }

  private selectApplications(): Application[] {
    const all = this.spec.deployAs;
    const only = (this.options.only ?? []).filter((name) => name.length > 0);
    if (only.length === 0) return [...all];
    const names = all.map((app) => app.name);
    for (const name of only) {
      if (!names.includes(name)) {
        throw new ConnectError(
          'APPLICATION_NOT_FOUND',
          `--only names "${name}", which connect.yaml does not declare.`,
          {
            hint: `use one or more of: ${names.join(', ')}`,
            exitCode: ExitCode.Usage,
          },
        );
      }
    }
    return all.filter((app) => only.includes(app.name));
  }

  private appUrl(app: Application, port: number | null): string | null {
    if (hasEndpoint(app) && port !== null) {
      const endpoint = app.endpoint.startsWith('/') ? app.endpoint : `/${app.endpoint}`;
      return `http://127.0.0.1:${port}${endpoint}`;
    }
    if (port !== null) return `http://127.0.0.1:${port}${app.applicationType === 'assets' ? '/' : ''}`;
    if (app.applicationType === 'assets') return `${this.adminUrl}/${app.name}/`;
    return null;
  }

  /**
   * The front of a service, event or job app, on a port of its own (which the emulator
   * publishes); the app listens on appPort behind it.
   */
  private async startGateway(app: Application, appPort: number): Promise<AppGateway> {
    const job = app.applicationType === 'job';
    const timeoutMs = job
      ? JOB_REQUEST_LIMIT_MS
      : (this.options.requestTimeoutMs ??
        (Number(this.processEnv.CONNECT_DEV_REQUEST_TIMEOUT_MS) || REQUEST_LIMIT_MS));
    const gateway = await AppGateway.start({
      name: app.name,
      port: 0,
      appPort,
      timeoutMs,
      platformLimit: job ? 'job runs at 30 minutes' : 'requests to service and event apps at 5 minutes',
      availability: () =>
        this.supervisors.get(app.name)?.availability() ?? { state: 'down', reason: 'it is not started' },
      onChange: (listener) =>
        this.bus.on('app', (info) => {
          if (info.name === app.name) listener();
        }),
      warn: (text) => this.logger.warn(text),
    });
    this.gateways.set(app.name, gateway);
    return gateway;
  }

  private createSupervisor(app: Application, port: number | null, appPort?: number): AppSupervisor {
    const kind = kindOf(app);
    const supervisor: AppSupervisor = new AppSupervisor({
      app,
      dir: join(this.root, app.name),
      root: this.root,
      port,
      ...(appPort === undefined ? {} : { appPort }),
      url: this.appUrl(app, port),
      build: this.options.build !== false,
      versions: this.options.versions,
      warnOnce: (key, text) => {
        if (this.warned.has(key)) return;
        this.warned.add(key);
        this.logger.warn(text);
      },
      watching: this.options.watch !== false,
      graceMs: this.graceMs,
      waitsForDebugger: () => {
        const port = this.options.inspect?.brk ? this.inspectPorts.get(app.name) : undefined;
        return port === undefined ? undefined : `127.0.0.1:${port}`;
      },
      guardian: this.guardian,
      bus: this.bus,
      logger: this.logger,
      redact: (text) => this.redactor(text),
      environment: () => this.appEnvironment(supervisor, app, kind !== 'static'),
      releasePorts: () => {
        for (const held of [this.portReservations, this.inspectReservations]) {
          held.get(app.name)?.();
          held.delete(app.name);
        }
      },
      buildEnvironment: () => this.appEnvironment(supervisor, app, false),
      onReady: (first) => {
        if (!first || this.options.scripts === false) return;
        // At the first start the script waits for the other apps (at most a few seconds): it
        // would compete with them for the CPU, and may load the local API, while they start.
        const run = Promise.race([this.startSettled, delay(SCRIPTS_WAIT_MS, undefined, { ref: false })]).then(
          () => {
            if (this.stopping || this.postDeployed.has(app.name)) return;
            this.postDeployed.add(app.name);
            return this.runScript(supervisor, 'postDeploy');
          },
        );
        this.postDeploys.add(run);
        const forget = (): boolean => this.postDeploys.delete(run);
        void run.then(forget, forget);
      },
    });
    this.revisions.set(app.name, 1);
    return supervisor;
  }

  private async startApp(supervisor: AppSupervisor): Promise<void> {
    const resolved = this.config?.resolved.get(supervisor.name);
    if (resolved && resolved.missing.length > 0) {
      const message = missingKeysMessage(resolved, this.valuesFileName());
      this.logger.error(message);
      supervisor.block(message);
      return;
    }
    await supervisor.start();
  }

  private runtimeFor(app: Application, supervisor: AppSupervisor): Record<string, string> {
    return {
      ...this.frontendValues(app),
      ...runtimeVariables({
        app,
        port: supervisor.appPort,
        url: supervisor.url,
        revision: this.revisions.get(app.name) ?? 1,
        adminUrl: this.adminUrl,
      }),
    };
  }

  /** Local values of a Merchant Center app's IDs (for the ones nobody configured). */
  private frontendValues(app: Application): Record<string, string> {
    if (!isFrontend(app)) return {};
    const platform = this.pluginEnv(app);
    const region = this.config?.resolved.get(app.name)?.values.find((e) => e.key === 'CTP_REGION')?.value;
    return frontendDefaults(app, {
      projectKey: platform.CTP_PROJECT_KEY ?? 'connect-dev',
      region: region ?? platform.CTP_REGION,
    });
  }

  private pluginEnv(app: Application): Record<string, string> {
    const out: Record<string, string> = {};
    for (const plugin of this.startedPlugins) Object.assign(out, plugin.env?.(app) ?? {});
    return out;
  }

  private pluginSecretKeys(): string[] {
    return this.startedPlugins.flatMap((plugin) => plugin.secrets?.() ?? []);
  }

  private appEnvironment(
    supervisor: AppSupervisor,
    app: Application,
    preload: boolean,
  ): Record<string, string> {
    const env = buildEnvironment({
      base: baseEnvironment(this.processEnv),
      spec: this.spec,
      configuration: this.config?.resolved.get(app.name),
      runtime: this.runtimeFor(app, supervisor),
      plugin: this.pluginEnv(app),
      dir: join(this.root, app.name),
      root: this.root,
      preload,
    });
    const inspectPort = preload ? this.inspectPorts.get(app.name) : undefined;
    if (inspectPort !== undefined) {
      env.CONNECT_DEV_INSPECT = `127.0.0.1:${inspectPort}`;
      if (this.options.inspect?.brk) env.CONNECT_DEV_INSPECT_WAIT = '1';
    }
    return env;
  }

  private refreshRedactor(): void {
    const secrets: Array<string | null> = [];
    for (const resolved of this.config?.resolved.values() ?? []) {
      for (const entry of resolved.values) {
        // What the emulator itself supplies for a secured key (the local project key, client id,
        // region) is no secret: masking "connect-dev" in every log line helps nobody. Its local
        // client secret still is masked.
        if (entry.secured && (entry.source !== 'emulator' || /SECRET|PASSWORD|TOKEN/i.test(entry.key))) {
          secrets.push(entry.value);
        }
      }
    }
    if (this.spec.inheritAs?.apiClient) secrets.push(defaultApiClient(this.spec).CTP_CLIENT_SECRET ?? null);
    for (const app of this.spec.deployAs) {
      const env = this.pluginEnv(app);
      for (const key of this.pluginSecretKeys()) secrets.push(env[key] ?? null);
    }
    this.redactor = createRedactor(secrets);
  }

  private async runScript(
    supervisor: AppSupervisor,
    which: 'postDeploy' | 'preUndeploy',
  ): Promise<RunResult | undefined> {
    const app = this.specOf(supervisor.name);
    const command = app && 'scripts' in app ? app.scripts?.[which] : undefined;
    if (!app || !command) return undefined;
    const stream: LogStream = 'system';
    supervisor.log(stream, `${which}: ${command}`);
    const result = await runShell(command, {
      cwd: join(this.root, app.name),
      env: supervisor.runtimeEnvironment(this.appEnvironment(supervisor, app, false), 'script'),
      guardian: this.guardian,
      timeoutMs: this.options.scriptTimeoutMs ?? 300_000,
      ...(which === 'postDeploy' ? { signal: this.scripts.signal } : {}),
      onLine: (lineStream, text) => supervisor.log(lineStream, `[${which}] ${text}`),
    });
    if (result.code === 0) {
      this.logger.info(`${app.name}: ${which} done in ${Math.round(result.durationMs)} ms.`);
      return result;
    }
    if (which === 'postDeploy' && this.scripts.signal.aborted) {
      supervisor.log('system', `${which} stopped: connect dev is stopping.`);
      return result;
    }
    const why = result.timedOut ? 'timed out' : `exited with ${result.code ?? result.signal}`;
    this.logger.warn(
      `${app.name}: ${which} ${why}; on the platform this is a Warning in the deployment report and the application keeps running.${
        result.output ? `\n${this.redactor(tail(result.output, 15))}` : ''
      }`,
    );
    return result;
  }

  private appInfo(supervisor: AppSupervisor): AppInfo {
    const info = supervisor.info();
    const last = this.scheduler?.lastRun(supervisor.name);
    return last ? { ...info, lastJobRun: last } : info;
  }

  private directUrl(name: string): string | null {
    const supervisor = this.supervisors.get(name);
    const url = supervisor?.url;
    if (!supervisor || !url || !this.gateways.has(name) || supervisor.availability().state !== 'serving')
      return null;
    const direct = new URL(url);
    direct.port = String(supervisor.appPort);
    return direct.href;
  }

  private pluginContext(): PluginContext {
    return {
      root: this.root,
      spec: this.spec,
      bus: this.bus,
      logger: this.logger,
      adminUrl: this.adminUrl,
      applications: () => this.applications(),
      application: (name) => this.application(name),
      directUrl: (name) => this.directUrl(name),
      specOf: (name) => this.specOf(name),
      configuration: (name) => this.config?.resolved.get(name),
      redact: (text) => this.redactor(text),
    };
  }

  /**
   * Listens on 127.0.0.1:port; each request waits for the express app (see start()), and the
   * first one asks for it to be loaded now.
   */
  private async listenAdmin(
    app: Promise<(req: IncomingMessage, res: ServerResponse) => void>,
    port: number,
    wanted: () => void,
  ): Promise<Server> {
    const server = createServer((req, res) => {
      wanted();
      app.then(
        (handler) => handler(req, res),
        (error: unknown) => {
          res.statusCode = 500;
          res.setHeader('content-type', 'application/json');
          res.end(JSON.stringify({ error: { code: 'INTERNAL', message: String(error) } }));
        },
      );
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', (error: NodeJS.ErrnoException) => {
        reject(
          error.code === 'EADDRINUSE'
            ? new ConnectError('PORT_IN_USE', `The admin port ${port} is in use.`, {
                hint: 'pass another --admin-port, or 0 for any free port',
              })
            : error,
        );
      });
      server.listen(port, '127.0.0.1', () => resolve());
    });
    return server;
  }

  // ----- reload -----

  private async startWatcher(): Promise<void> {
    const { watchRepository } = await import('./watch/watcher.js');
    const { sharedDirs, ignore } = await this.watchTargets();
    this.watcher = await watchRepository({
      root: this.root,
      applications: [...this.supervisors.keys()],
      sharedDirs,
      ignore,
      configFiles: [
        this.config?.loaded.file ?? join(this.root, 'connect.yaml'),
        this.config?.values.file ?? join(this.root, VALUES_FILE_NAME),
        join(this.root, '.env'),
      ],
      debounceMs: this.options.debounceMs ?? 50,
      onAppChange: (name, files) => this.onAppChange(name, files),
      onConfigChange: (files) => this.onConfigChange(files),
      onError: (error) => this.logger.warn(`File watcher: ${error.message}`),
    });
  }

  /**
   * What the runtimes add to the watch: shared folders (reload every app that uses them) and what
   * they write themselves (lock files, build output), which never reloads anything.
   */
  private async watchTargets(): Promise<{
    sharedDirs: Map<string, string[]>;
    ignore: (path: string) => boolean;
  }> {
    const sharedDirs = new Map<string, string[]>();
    const outputs = new Map<
      string,
      {
        dirs: Set<string>;
        files: Set<string>;
        output: string[];
        watches: ((path: string) => boolean) | undefined;
      }
    >();
    await Promise.all(
      [...this.supervisors.values()].map(async (supervisor) => {
        const targets = await supervisor.watchTargets();
        outputs.set(supervisor.name, targets);
        for (const dir of targets.shared) {
          const inApp = [...this.supervisors.keys()].some(
            (name) => !relative(join(this.root, name), dir).startsWith('..'),
          );
          if (inApp) continue;
          sharedDirs.set(dir, [...(sharedDirs.get(dir) ?? []), supervisor.name]);
        }
      }),
    );
    const generatedFiles = new Set([...outputs.values()].flatMap((entry) => [...entry.files]));
    const ignore = (path: string): boolean => {
      const rel = relative(this.root, path);
      const parts = rel.split(sep);
      if (generatedFiles.has(parts[parts.length - 1] ?? '')) return true;
      const entry = parts[0] === undefined ? undefined : outputs.get(parts[0]);
      if (!entry) return false;
      const inside = parts.slice(1);
      if (inside.some((part) => entry.dirs.has(part))) return true;
      const insideRel = inside.join('/');
      // Java rebuilds from src/, pom.xml ... only (runtimes/java.ts).
      if (entry.watches && !entry.watches(insideRel)) return true;
      return entry.output.some((dir) => insideRel === dir || insideRel.startsWith(`${dir}/`));
    };
    return { sharedDirs, ignore };
  }

  private async onAppChange(name: string, files: string[]): Promise<void> {
    const supervisor = this.supervisors.get(name);
    if (!supervisor || this.stopping) return;
    if (files.some((file) => file.endsWith(`${name}/.env`) || file.endsWith(`${name}\\.env`))) {
      await this.onConfigChange(files);
      return;
    }
    this.logger.info(
      `${name}: ${files.length === 1 ? files[0] : `${files.length} files`} changed, reloading.`,
    );
    this.revisions.set(name, (this.revisions.get(name) ?? 1) + 1);
    await this.restartApp(name, true);
  }

  private async onConfigChange(files: string[]): Promise<void> {
    if (this.stopping) return;
    const previous = this.config;
    try {
      await this.loadConfig();
    } catch (error) {
      this.logger.error(
        `${files.map((file) => file.replace(`${this.root}/`, '')).join(', ')} changed but cannot be used: ${(error as Error).message} The applications keep their previous configuration.`,
      );
      this.config = previous;
      if (previous) {
        this.root = previous.loaded.root;
        this.spec = previous.loaded.spec;
      }
      return;
    }
    this.refreshRedactor();
    for (const plugin of this.startedPlugins) plugin.configurationChanged?.();
    const added = this.spec.deployAs
      .map((app) => app.name)
      .filter(
        (name) =>
          !this.supervisors.has(name) && !previous?.loaded.spec.deployAs.some((app) => app.name === name),
      );
    if (added.length > 0 && (this.options.only ?? []).length === 0) {
      this.logger.warn(
        `connect.yaml now declares ${added.join(', ')}: restart connect dev to run ${added.length === 1 ? 'it' : 'them'}.`,
      );
    }
    const changed: string[] = [];
    for (const [name, supervisor] of this.supervisors) {
      const before = previous?.resolved.get(name);
      const after = this.config?.resolved.get(name);
      const specBefore = JSON.stringify(previous?.loaded.spec.deployAs.find((app) => app.name === name));
      const specAfter = JSON.stringify(this.specOf(name));
      if (!after) continue;
      if (sameConfig(before, after) && specBefore === specAfter && supervisor.state !== 'stopped') continue;
      changed.push(name);
    }
    if (changed.length === 0) {
      this.logger.info('Configuration re-read: no application affected.');
      return;
    }
    this.logger.info(`Configuration changed: restarting ${changed.join(', ')}.`);
    await Promise.all(
      changed.map(async (name) => {
        this.revisions.set(name, (this.revisions.get(name) ?? 1) + 1);
        await this.restartApp(name, false);
      }),
    );
  }
}

function sameConfig(a: ResolvedConfiguration | undefined, b: ResolvedConfiguration | undefined): boolean {
  const view = (config: ResolvedConfiguration | undefined) =>
    JSON.stringify(config?.values.map((entry) => [entry.key, entry.value]) ?? null);
  return view(a) === view(b);
}
