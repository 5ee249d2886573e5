/**
 * The emulator as a test harness: `startEmulator()` (the `connect-cli/testing` library) and
 * `connect dev --exec` both run the emulator in their own process through this handle. It starts
 * every application without watching, waits until each is ready (or fails at once with the
 * output tail of those that are not), records what the platform does while it runs (extension
 * calls, deliveries, job runs) and gives helpers that use the in-process emulator directly (no
 * HTTP through the admin API): call an extension, publish a message, run a job, create resources
 * in the local API, wait for a delivery or an extension call, read dead letters, stop.
 *
 * No process is left behind: each application runs in its own process group, the emulator's
 * guardian kills them if this process dies, and an `exit` hook kills what a forgotten stop()
 * left running.
 */
import { ConnectError, ExitCode, tail } from '../errors.js';
import { Emulator } from '../emulator/emulator.js';
import type { Delivery } from '../emulator/events/delivery.js';
import type { ExtensionAction, ExtensionCall } from '../emulator/extensions/runner.js';
import type { EmulatedPlatform } from '../emulator/platform/emulated-platform.js';
import { createCheckoutPlugin } from '../emulator/checkout/plugin.js';
import { createPlatformPlugin } from '../emulator/platform/plugin.js';
import type { PlatformInfo } from '../emulator/platform/environment.js';
import type { Resource } from '../emulator/platform/mock-internals.js';
import type { AppInfo, EmulatorLogger, JobRun, LogLine } from '../emulator/types.js';
import { packageVersion } from '../package-root.js';

export type { AppInfo, Delivery, ExtensionCall, JobRun, LogLine };

export interface StartEmulatorOptions {
  /** The repository (or its connect.yaml). Default: the current directory. */
  path?: string | undefined;
  /**
   * Configuration values, highest precedence (as `connect dev --env`): `{ 'APP.KEY': 'v' }` for
   * one application, `{ KEY: 'v' }` for every application that declares KEY; or the flags' strings.
   */
  env?: Record<string, string> | readonly string[] | undefined;
  /** The values file (default: connect.values.yaml at the repository root, when present). */
  values?: string | undefined;
  /** Run only these applications. */
  only?: readonly string[] | undefined;
  /** Build each application before starting it (default true). */
  build?: boolean | undefined;
  /** Run postDeploy / preUndeploy (default true: they register the extensions and subscriptions). */
  scripts?: boolean | undefined;
  /** Run the local commercetools API (default true). */
  platform?: boolean | undefined;
  /** Resources to create at start (JSON file), as `connect dev --seed`. */
  seed?: string | undefined;
  /** Default API Extensions / Subscriptions, as `--extension` / `--subscribe`. */
  extensions?: readonly string[] | undefined;
  subscriptions?: readonly string[] | undefined;
  /** The local project's key, as `connect dev --project-key` (default: the configured CTP_PROJECT_KEY, else a local one). */
  projectKey?: string | undefined;
  /** The cloud the deployment is emulated on, as `connect dev --provider` (`gcp` default, `aws`: SNS deliveries). */
  provider?: 'gcp' | 'aws' | undefined;
  /** Node.js for the applications, as `connect dev --node` (default `platform`). */
  node?: 'platform' | 'current' | undefined;
  /** Port of the admin API (default 0: any free port). */
  adminPort?: number | undefined;
  /** Milliseconds between SIGTERM and SIGKILL when stopping an application (default 2000). */
  graceMs?: number | undefined;
  /** Give up if the applications are not all ready within this time (default 120000 ms). */
  startTimeoutMs?: number | undefined;
  /**
   * Where the applications' output and the emulator's messages go: `'silent'` (default; the
   * output is still kept, see logs(), and shown when an app cannot start), `'inherit'`
   * (stderr), or a function.
   */
  logs?: 'silent' | 'inherit' | ((line: string) => void) | undefined;
  /** The inspector for these Node.js applications (`true`: every one), as `connect dev --inspect`. */
  inspect?: boolean | readonly string[] | undefined;
  /**
   * Inside `connect dev --exec` (CONNECT_DEV_ADMIN_URL set), use the emulator it runs when it runs
   * this repository (default true); false always starts one in this process.
   */
  attach?: boolean | undefined;
  /** Aborting stops the emulator; a start in progress then rejects (code ABORTED). */
  signal?: AbortSignal | undefined;
  /** @internal the logger of `connect dev --exec` */
  logger?: EmulatorLogger | undefined;
  /** @internal */
  version?: string | undefined;
  /** @internal `--inspect-brk` */
  inspectBrk?: boolean | undefined;
}

/** The local project's API client: what the applications get as CTP_* variables. */
export interface Credentials {
  projectKey: string;
  clientId: string;
  clientSecret: string;
  scope: string;
  apiUrl: string;
  authUrl: string;
  region: string;
}

export interface WaitOptions {
  /** Default 10000 ms. */
  timeoutMs?: number | undefined;
}

export interface ApiResponse {
  statusCode: number;
  body: unknown;
}

const REGION = 'europe-west1.gcp';

/** A running emulator; see StartEmulatorOptions and docs/testing-and-ci.md. */
export class TestEmulator implements ConnectEmulator {
  private readonly calls: ExtensionCall[] = [];
  private readonly deliveryById = new Map<string, Delivery>();
  private readonly runs: JobRun[] = [];
  private readonly waiters = new Set<() => void>();
  private stopping: Promise<void> | undefined;
  private readonly onExit = (): void => this.killNow();

  private constructor(
    /** The emulator itself, for what the helpers do not cover. */
    readonly emulator: Emulator,
    private readonly platformReady: () => Promise<EmulatedPlatform | undefined>,
  ) {
    const bus = emulator.bus;
    bus.on('extension-call', (call) => this.record(() => this.calls.push(call as ExtensionCall)));
    bus.on('delivery', (delivery) =>
      this.record(() => this.deliveryById.set((delivery as Delivery).id, delivery as Delivery)),
    );
    bus.on('job-run', (run) => this.record(() => this.runs.push(run)));
    process.once('exit', this.onExit);
  }

  /** Starts the emulator; resolves once every application is ready, rejects (having stopped everything) otherwise. */
  /**
   * `internal.quickStop` (`connect dev --exec`, whose process exits right after): stop() does not
   * wait for a local API still loading. A test process goes on, so the library's stop() does.
   */
  static async start(
    options: StartEmulatorOptions = {},
    internal: { quickStop?: boolean } = {},
  ): Promise<TestEmulator> {
    const plugin =
      options.platform === false
        ? undefined
        : createPlatformPlugin({
            seedFile: options.seed,
            extensions: options.extensions ?? [],
            subscriptions: options.subscriptions ?? [],
            valuesFile: options.values,
            projectKey: options.projectKey,
            provider: options.provider,
            // Without it stop() resolves only once nothing of the emulator is left working: a
            // local API still loading after it would be required after jest has torn the test
            // file's sandbox down, and keep jest from exiting.
            quickStop: internal.quickStop === true,
          });
    const sink = options.logs;
    const write = (text: string): void => {
      if (sink === 'inherit') process.stderr.write(`${text}\n`);
      else if (typeof sink === 'function') sink(text);
    };
    const logger: EmulatorLogger = options.logger ?? {
      info: (text) => write(text),
      warn: (text) => write(`warning: ${text}`),
      error: (text) => write(`error: ${text}`),
      appLine: (line) => write(`${line.application} | ${line.text}`),
    };
    const emulator = new Emulator({
      path: options.path,
      valuesFile: options.values,
      env: Array.isArray(options.env) ? options.env : envFlags(options.env as Record<string, string>),
      only: options.only,
      build: options.build,
      scripts: options.scripts,
      watch: false,
      adminPort: options.adminPort ?? 0,
      graceMs: options.graceMs ?? 2000,
      logger,
      version: options.version ?? packageVersion,
      versions: options.node ?? 'platform',
      plugins: plugin ? [plugin, createCheckoutPlugin({ platform: plugin })] : [],
      ...(options.inspect ? { inspect: { apps: options.inspect, brk: options.inspectBrk === true } } : {}),
    });
    const handle = new TestEmulator(emulator, () => plugin?.ready() ?? Promise.resolve(undefined));
    const timeoutMs = options.startTimeoutMs ?? 120_000;
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), timeoutMs);
    });
    const abort = (): void => void handle.stop();
    options.signal?.addEventListener('abort', abort, { once: true });
    try {
      if (options.signal?.aborted) throw aborted();
      const first = await Promise.race([emulator.start().then(() => 'started' as const), timedOut]);
      if (first === 'started') await Promise.race([emulator.postDeploysSettled(), timedOut]);
      if (options.signal?.aborted) throw aborted();
      if (first === 'timeout') {
        throw new ConnectError(
          'EMULATOR_START_TIMEOUT',
          `The applications were not all ready within ${timeoutMs} ms: ${handle.describeApps()}.`,
          { hint: 'raise startTimeoutMs, or look at the applications\u2019 output (logs: "inherit")' },
        );
      }
      handle.assertReady();
    } catch (error) {
      await handle.stop();
      throw error;
    } finally {
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', abort);
    }
    return handle;
  }

  // ----- what runs -----

  get adminUrl(): string {
    return this.emulator.adminUrl;
  }

  /** The repository root. */
  get root(): string {
    return this.emulator.root;
  }

  /** Every application, by name (a snapshot). */
  get apps(): Record<string, AppInfo> {
    return Object.fromEntries(this.emulator.applications().map((app) => [app.name, app]));
  }

  app(name: string): AppInfo {
    return findApp(this.emulator.applications(), name);
  }

  /** Where an application answers (its endpoint included). */
  url(name: string): string {
    return urlOf(this.app(name));
  }

  /** The local project's credentials (undefined when started with platform: false). */
  get credentials(): Credentials | undefined {
    const info = this.emulator.status().platform as PlatformInfo | null | undefined;
    if (!info) return undefined;
    return {
      projectKey: info.projectKey,
      clientId: info.clientId,
      clientSecret: info.clientSecret,
      scope: info.scope,
      apiUrl: info.apiUrl,
      authUrl: info.authUrl,
      region: REGION,
    };
  }

  /**
   * The environment a test process needs: CONNECT_DEV_ADMIN_URL and CONNECT_DEV_ADMIN_TOKEN (the
   * admin API's bearer token), the local project's CTP_* values and CONNECT_APP_<NAME>_URL for
   * each application (what `connect dev --exec` gives CMD).
   */
  get env(): Record<string, string> {
    return testEnvironment(
      this.adminUrl,
      this.emulator.adminToken,
      this.credentials,
      this.emulator.applications(),
    );
  }

  // ----- helpers -----

  /** Calls a service application as the platform calls an API Extension (a sample resource unless `obj` is given). */
  async callExtension(
    app: string,
    input: { resource: string; action?: ExtensionAction; obj?: Resource; oldObj?: Resource },
  ): Promise<ExtensionCall> {
    const platform = await this.platform();
    return platform.extensions.trigger(app, {
      resource: input.resource,
      action: input.action ?? 'Create',
      obj: input.obj,
      oldObj: input.oldObj,
    });
  }

  /** Publishes a message to an event application (a realistic sample unless `payload` is given); resolves after the first attempt. */
  async publish(
    app: string,
    input: { type: string; payload?: unknown; format?: 'Platform' | 'CloudEvents' },
  ): Promise<Delivery> {
    const platform = await this.platform();
    return platform.publish(app, input);
  }

  /** Runs a job application now, as its schedule would. */
  runJob(app: string): Promise<JobRun> {
    return this.emulator.runJob(app);
  }

  /** Creates a resource in the local API, as the apps would: extensions run, messages and subscriptions follow. */
  async create<T = Resource>(typeId: string, draft: unknown): Promise<T> {
    const platform = await this.platform();
    return (await platform.api.create(typeId, draft)) as T;
  }

  /** A request to the local API (path after the project key, e.g. `/carts?limit=1`). */
  async request(method: 'GET' | 'POST' | 'DELETE', path: string, body?: unknown): Promise<ApiResponse> {
    const platform = await this.platform();
    return platform.api.request(method, path.startsWith('/') ? path : `/${path}`, body);
  }

  /** Every API Extension call since the start. */
  async extensionCalls(): Promise<ExtensionCall[]> {
    return [...this.calls];
  }

  /** Every delivery to event applications since the start, in its latest state. */
  async deliveries(): Promise<Delivery[]> {
    return [...this.deliveryById.values()];
  }

  /** Deliveries the platform gave up on (kept in `.connect/dead-letters.json` too). */
  async deadLetters(): Promise<Delivery[]> {
    const platform = await this.platform();
    return platform.deliveries.list({ dead: true });
  }

  /** Job runs since the start (of one application, or all). */
  async jobRuns(app?: string): Promise<JobRun[]> {
    return this.runs.filter((run) => app === undefined || run.application === app);
  }

  /** An application's output lines (the last 1000). */
  async logs(app: string): Promise<string[]> {
    const lines = this.emulator.logs(app, { limit: 1000 });
    if (!lines) throw unknownApp(this.emulator.applications(), app);
    return lines.map((line) => line.text);
  }

  /** Resolves with the first extension call (past or future) matching `predicate`. */
  waitForExtensionCall(
    predicate: (call: ExtensionCall) => boolean,
    options: WaitOptions = {},
  ): Promise<ExtensionCall> {
    return this.waitFor(
      'extension call',
      () => this.calls.find(predicate),
      options,
      () => this.calls.map(describeCall),
    );
  }

  /** Resolves with the first delivery (past or future, in any state it reaches) matching `predicate`. */
  waitForDelivery(predicate: (delivery: Delivery) => boolean, options: WaitOptions = {}): Promise<Delivery> {
    return this.waitFor(
      'delivery',
      () => [...this.deliveryById.values()].find(predicate),
      options,
      () => [...this.deliveryById.values()].map(describeDelivery),
    );
  }

  /** Stops everything (idempotent): preUndeploy scripts, then every application. */
  stop(): Promise<void> {
    this.stopping ??= this.emulator.stop().finally(() => {
      process.off('exit', this.onExit);
      for (const wake of this.waiters) wake();
    });
    return this.stopping;
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.stop();
  }

  // ----- internals -----

  private record(change: () => void): void {
    change();
    for (const wake of [...this.waiters]) wake();
  }

  private async platform(): Promise<EmulatedPlatform> {
    const platform = await this.platformReady();
    if (!platform) {
      throw new ConnectError('NO_PLATFORM', 'The local commercetools API is not running.', {
        hint: 'start the emulator with platform: true (the default)',
      });
    }
    return platform;
  }

  private waitFor<T>(
    what: string,
    find: () => T | undefined,
    options: WaitOptions,
    seen: () => string[],
  ): Promise<T> {
    const timeoutMs = options.timeoutMs ?? 10_000;
    return new Promise<T>((resolve, reject) => {
      const done = (): void => {
        clearTimeout(timer);
        this.waiters.delete(check);
      };
      const check = (): void => {
        const found = find();
        if (found !== undefined) {
          done();
          resolve(found);
        } else if (this.stopping) {
          done();
          reject(
            new Error(`The emulator stopped while waiting for a matching ${what}. ${sawText(what, seen())}`),
          );
        }
      };
      const timer = setTimeout(() => {
        done();
        reject(new Error(`No ${what} matched within ${timeoutMs} ms. ${sawText(what, seen())}`));
      }, timeoutMs);
      this.waiters.add(check);
      check();
    });
  }

  private assertReady(): void {
    const failed = this.emulator.applications().filter((app) => app.state !== 'ready');
    if (failed.length === 0) return;
    const details = failed.map((app) => {
      const lines = this.emulator.logs(app.name, { limit: 15 })?.map((line) => line.text) ?? [];
      return `${app.name}: ${app.state}${app.lastError ? ` (${app.lastError})` : ''}${
        lines.length > 0 ? `\n${tail(lines.join('\n'), 15).replace(/^/gm, '  | ')}` : ''
      }`;
    });
    throw new ConnectError(
      'APP_NOT_READY',
      `${failed.map((app) => app.name).join(', ')} could not start:\n${details.join('\n')}`,
      {
        hint: 'fix the application (run `connect dev` to see its output as it starts), or leave it out with --only',
        details: { applications: failed },
      },
    );
  }

  private describeApps(): string {
    return this.emulator
      .applications()
      .map((app) => `${app.name} ${app.state}`)
      .join(', ');
  }

  /** At process exit, synchronously: SIGKILL to every application's process group still there. */
  private killNow(): void {
    for (const app of this.emulator.applications()) {
      if (app.pid === null) continue;
      try {
        process.kill(-app.pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }
  }
}

/**
 * What startEmulator() gives: TestEmulator (an emulator of this process) or, inside
 * `connect dev --exec`, AttachedEmulator (the one that command runs).
 */
export interface ConnectEmulator {
  readonly adminUrl: string;
  readonly root: string;
  readonly apps: Record<string, AppInfo>;
  app(name: string): AppInfo;
  url(name: string): string;
  readonly credentials: Credentials | undefined;
  readonly env: Record<string, string>;
  callExtension(
    app: string,
    input: { resource: string; action?: ExtensionAction; obj?: Resource; oldObj?: Resource },
  ): Promise<ExtensionCall>;
  publish(
    app: string,
    input: { type: string; payload?: unknown; format?: 'Platform' | 'CloudEvents' },
  ): Promise<Delivery>;
  runJob(app: string): Promise<JobRun>;
  create<T = Resource>(typeId: string, draft: unknown): Promise<T>;
  request(method: 'GET' | 'POST' | 'DELETE', path: string, body?: unknown): Promise<ApiResponse>;
  extensionCalls(): Promise<ExtensionCall[]>;
  deliveries(): Promise<Delivery[]>;
  deadLetters(): Promise<Delivery[]>;
  jobRuns(app?: string): Promise<JobRun[]>;
  logs(app: string): Promise<string[]>;
  waitForExtensionCall(
    predicate: (call: ExtensionCall) => boolean,
    options?: WaitOptions,
  ): Promise<ExtensionCall>;
  waitForDelivery(predicate: (delivery: Delivery) => boolean, options?: WaitOptions): Promise<Delivery>;
  stop(): Promise<void>;
  [Symbol.asyncDispose](): Promise<void>;
}

/**
 * Starts the emulator on a repository in this process (TestEmulator). Inside `connect dev
 * --exec` on the same repository (CONNECT_DEV_ADMIN_URL set), it uses that emulator instead
 * (AttachedEmulator) unless `attach: false`.
 */
export async function startEmulator(options: StartEmulatorOptions = {}): Promise<ConnectEmulator> {
  const adminUrl = process.env.CONNECT_DEV_ADMIN_URL;
  if (adminUrl && options.attach !== false) {
    const [{ realpath }, { dirname }, { findSpecFile }, { AttachedEmulator }] = await Promise.all([
      import('node:fs/promises'),
      import('node:path'),
      import('../spec/load.js'),
      import('./attached.js'),
    ]);
    const root = await realpath(dirname(await findSpecFile(options.path ?? process.cwd())));
    const attached = await AttachedEmulator.attach(adminUrl, root);
    if (attached) return attached;
  }
  return TestEmulator.start(options);
}

/** `CONNECT_APP_<NAME>_URL`: the application's name in capitals, other characters as `_`. */
/**
 * What `connect dev --exec` gives CMD: the admin API and its token, the local project's CTP_*
 * values (with the starters' CTP_CLIENT_* aliases) and CONNECT_APP_<NAME>_URL of each app.
 */
export function testEnvironment(
  adminUrl: string,
  adminToken: string | undefined,
  credentials: Credentials | undefined,
  applications: readonly AppInfo[],
): Record<string, string> {
  const env: Record<string, string> = { CONNECT_DEV_ADMIN_URL: adminUrl };
  if (adminToken) env.CONNECT_DEV_ADMIN_TOKEN = adminToken;
  if (credentials) {
    Object.assign(env, {
      CTP_PROJECT_KEY: credentials.projectKey,
      CTP_CLIENT_ID: credentials.clientId,
      CTP_CLIENT_SECRET: credentials.clientSecret,
      CTP_SCOPE: credentials.scope,
      CTP_CLIENT_SCOPE: credentials.scope,
      CTP_API_URL: credentials.apiUrl,
      CTP_AUTH_URL: credentials.authUrl,
      CTP_REGION: credentials.region,
      CTP_CLIENT_REGION: credentials.region,
    });
  }
  for (const app of applications) {
    if (app.url !== null) env[`CONNECT_APP_${envName(app.name)}_URL`] = app.url;
  }
  return env;
}

/** The application `name` of `apps`, or the usage error naming the others. */
export function findApp(apps: readonly AppInfo[], name: string): AppInfo {
  const app = apps.find((candidate) => candidate.name === name);
  if (!app) throw unknownApp(apps, name);
  return app;
}

function unknownApp(apps: readonly AppInfo[], name: string): ConnectError {
  return new ConnectError('APPLICATION_NOT_FOUND', `${name} is not an application of this emulator.`, {
    hint: `use one of: ${apps.map((app) => app.name).join(', ') || '(none)'}`,
    exitCode: ExitCode.Usage,
  });
}

/** Where an application answers (its endpoint included). */
export function urlOf(app: AppInfo): string {
  if (app.url === null)
    throw new ConnectError('NO_URL', `${app.name} has no URL.`, {
      hint: 'ask for an application that serves HTTP',
    });
  return app.url;
}

export function envName(app: string): string {
  return app.toUpperCase().replace(/[^A-Z0-9]/g, '_');
}

function aborted(): ConnectError {
  return new ConnectError('ABORTED', 'The emulator was stopped while starting.', {
    hint: 'nothing to do: it was asked to stop',
  });
}

function envFlags(env: Record<string, string> | undefined): string[] {
  return Object.entries(env ?? {}).map(([key, value]) => `${key}=${value}`);
}

export function sawText(what: string, seen: string[]): string {
  if (seen.length === 0) return `Saw no ${what} at all.`;
  const shown = seen.slice(-10);
  const plural = what.endsWith('y') ? `${what.slice(0, -1)}ies` : `${what}s`;
  return `Saw ${seen.length} ${seen.length === 1 ? what : plural}${seen.length > shown.length ? ` (the last ${shown.length})` : ''}:\n${shown.map((line) => `  - ${line}`).join('\n')}`;
}

export function describeCall(call: ExtensionCall): string {
  const status = call.response ? String(call.response.statusCode) : 'no answer';
  return `${call.request.resource.typeId} ${call.request.action} -> ${call.application ?? call.url}: ${status}, ${call.actions.length} action(s)${call.verdict.ok ? '' : `, ${call.verdict.code ?? 'failed'}: ${call.verdict.message}`}`;
}

export function describeDelivery(delivery: Delivery): string {
  const last = delivery.attempts.at(-1);
  return `${delivery.type} -> ${delivery.application}: ${delivery.state}${last ? ` (last attempt ${last.statusCode ?? last.error ?? 'no answer'})` : ''}, ${delivery.attempts.length} attempt(s)`;
}
