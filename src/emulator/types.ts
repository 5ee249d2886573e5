/**
 * The emulator's shared types: application states, the typed event bus, the logger, and the
 * plugin interface through which other subsystems (the emulated platform of issue 5: local
 * commercetools API, API Extensions, Subscriptions) join `connect dev`.
 *
 * ## Writing a plugin
 * ```ts
 * const plugin: EmulatorPlugin = {
 *   name: 'platform',
 *   async start(ctx) { ... ctx.bus.on('app', (app) => ...); ctx.logger.info('...'); },
 *   async stop() { ... },
 *   info() { return { apiUrl } },          // shown under `platform` in GET /__connect/api/status
 *   routes() { return router },            // express.Router mounted under /__connect/api
 *   env(app) { return { CTP_API_URL: apiUrl } }, // extra env for that app and its scripts
 * };
 * new Emulator({ root, plugins: [plugin] });
 * ```
 * Order: plugins start (in the order given) after the admin server listens (so `ctx.adminUrl`
 * is known; requests to it wait until the admin app is loaded, which happens once the apps
 * are on their way or at the first request) and before any application builds, so `env()`
 * can be called for every app start; they stop (in reverse order) after every application
 * has stopped. start() is on the applications' critical path: keep it to what `env()` needs
 * (addresses, credentials) and load the rest later.
 * `env(app)` is called each time an application (or one of its scripts) starts: values it
 * returns override the emulator's runtime defaults (e.g. the `CTP_*` API client variables
 * and the `CONNECT_GCP_*` topic), but never the app's own configured values nor `PORT`/`K_*`.
 * Values under keys listed by `secrets?()` are redacted from every output.
 */
import type { Application, ApplicationType, ConnectSpec } from '../spec/types.js';
import type { ConfigEntry, ResolvedConfiguration } from '../config/values.js';

export type AppState = 'building' | 'starting' | 'ready' | 'crashed' | 'stopped';
export type Health = 'unknown' | 'healthy' | 'unhealthy';

/** One application as the admin API and `connect status` show it (docs/admin-api.md `App`). */
// A type (not an interface) so that it fits Record<string, unknown> (tables).
export type AppInfo = {
  name: string;
  type: ApplicationType;
  state: AppState;
  /** Where the application answers, including its endpoint path; null when not applicable. */
  url: string | null;
  port: number | null;
  /** Where a service, event or job app itself listens (its PORT), behind its gateway on `port`. */
  appPort?: number;
  pid: number | null;
  restarts: number;
  health: Health | null;
  lastError?: string;
  lastJobRun?: JobRun;
  /** The connect.yaml scripts the application declares (`postDeploy`, `preUndeploy`), if any. */
  scripts?: string[];
};

export type JobRun = {
  id: string;
  application: string;
  trigger: 'schedule' | 'manual';
  startedAt: string;
  durationMs: number;
  statusCode: number | null;
  outcome: 'ok' | 'failed' | 'skipped' | 'error';
  message?: string;
};

export type LogStream = 'stdout' | 'stderr' | 'system';

export interface LogLine {
  time: string;
  application: string;
  stream: LogStream;
  /** Already redacted: secured values are `****`. */
  text: string;
}

/**
 * The events of the bus (`event name -> payload`). The SSE stream of the admin API forwards
 * each of them with the same name. Plugins may add their own (`extension-call`, `message`,
 * `delivery`, `dead-letter`) through `PlatformEvents`.
 */
export interface EmulatorEvents {
  app: AppInfo;
  log: LogLine;
  'job-run': JobRun;
  'extension-call': unknown;
  message: unknown;
  delivery: unknown;
  'dead-letter': unknown;
  /** The emulator is ready (every app started or failed) or stopping. */
  emulator: { state: 'starting' | 'running' | 'stopping' | 'stopped' };
}

export type EventName = keyof EmulatorEvents;

/** The events the admin API's stream (and `connect dev --json`) carries. */
export const STREAM_EVENTS: EventName[] = [
  'app',
  'log',
  'job-run',
  'extension-call',
  'message',
  'delivery',
  'dead-letter',
];

export interface EventBus {
  on<E extends EventName>(event: E, listener: (payload: EmulatorEvents[E]) => void): () => void;
  off<E extends EventName>(event: E, listener: (payload: EmulatorEvents[E]) => void): void;
  emit<E extends EventName>(event: E, payload: EmulatorEvents[E]): void;
}

/** Everything the emulator says goes through this (tests inject one that records). */
export interface EmulatorLogger {
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
  /** One line of an application's (or its build's or scripts') output, already redacted. */
  appLine(line: LogLine): void;
}

/** What a plugin can see and use. */
export interface PluginContext {
  root: string;
  spec: ConnectSpec;
  bus: EventBus;
  logger: EmulatorLogger;
  /** `http://127.0.0.1:<port>` of the admin server. */
  adminUrl: string;
  /** The applications the emulator runs (after `--only`). */
  applications(): AppInfo[];
  application(name: string): AppInfo | undefined;
  /**
   * The application's own address behind its gateway while it serves (the emulator's own calls go
   * there: the gateway's limits are longer than theirs), else null (they go through the gateway,
   * which holds them while the app restarts).
   */
  directUrl?(name: string): string | null;
  /** The spec entry of an application. */
  specOf(name: string): Application | undefined;
  /** The resolved configuration of an application (values plain: mask before showing). */
  configuration(name: string): ResolvedConfiguration | undefined;
  /** Redacts every secured value known to the emulator from a text. */
  redact(text: string): string;
}

export interface EmulatorPlugin {
  name: string;
  start(ctx: PluginContext): Promise<void>;
  stop(): Promise<void>;
  /** Shown in the status (`platform` for the platform plugin, else under `plugins.<name>`). */
  info(): unknown;
  /** Routes mounted under `/__connect/api` (an express Router; typed loosely to keep express lazy). */
  routes?(): unknown;
  /** Extra environment for an application and its scripts. */
  env?(app: Application): Record<string, string>;
  /** Names of the keys of env() whose values are secret. */
  secrets?(): string[];
  /** connect.yaml, the values file or a .env changed and was re-read. */
  configurationChanged?(): void;
}

export type { ConfigEntry };
