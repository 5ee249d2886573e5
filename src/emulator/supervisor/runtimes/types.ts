/**
 * How an application of one language is installed, built and started: one module per runtime
 * (node.ts; java.ts ...), behind this interface. The supervisor decides when (first start,
 * reload, restart); the runtime says what to run and with which environment. Everything a
 * runtime returns is plain data, so it is easy to test without spawning anything.
 */

/** The application as the runtime sees it. */
export interface RuntimeApp {
  name: string;
  /** The application's folder (as connect.yaml names it: may be a symlink). */
  dir: string;
  /** The repository root (where connect.yaml is). */
  root: string;
  /** `service` | `event` | `job` | `merchant-center-custom-application` | ... */
  type: string;
}

/** One command run to completion before the app starts (install, build). */
export interface RuntimeStep {
  /** What the log shows, e.g. `npm ci` or `npm run build`. */
  label: string;
  /** The shell command (`sh -c`). */
  command: string;
  /** Where it runs; default: the app's folder (an install of a workspace runs at its root). */
  cwd?: string | undefined;
  kind: 'install' | 'build';
  /**
   * Steps of several apps with the same key run once (e.g. the install at the root of a
   * workspace several apps belong to): the others wait for its result.
   */
  shared?: string | undefined;
  /** Called after the step succeeded (e.g. to remember what was installed). */
  done?: (() => Promise<void>) | undefined;
  /**
   * Turns a failure's output into an actionable message (e.g. a version the registry lacks);
   * undefined: the generic "<label> failed" with the output's tail.
   */
  explain?: ((output: string) => string | undefined) | undefined;
}

export interface PlanOptions {
  build: boolean;
  /** The environment installs and builds get (PATH, HOME, XDG_CACHE_HOME, npm_config_*). */
  env: Record<string, string>;
  /**
   * `platform` (default): the tool versions the platform would use, fetched when missing;
   * `current`: whatever runs here (one warning when it differs).
   */
  versions?: 'platform' | 'current' | undefined;
  log: {
    /** A line in the app's log (and the terminal). */
    info(text: string): void;
    /** A warning shown once per emulator for the same `key`. */
    warnOnce(key: string, text: string): void;
  };
}

/** What must happen before the app starts, or why it cannot. */
export type RuntimePlan =
  | { ok: true; steps: RuntimeStep[] }
  /** `noManifest`: the folder has no package.json/pom.xml (fine for an assets folder). */
  | { ok: false; message: string; short: string; noManifest?: boolean };

/** How the app is started, or why it cannot be. */
export type RuntimeStart = { ok: true; command: string } | { ok: false; message: string; short: string };

export interface Runtime {
  /** `node`, `java`, ... */
  readonly id: string;
  /** Whether the folder holds an application of this runtime (its manifest is there). */
  detect(dir: string): Promise<boolean>;
  /**
   * Install (when needed) and build steps, in order. May fetch the tools the app needs (a
   * Node.js version, Yarn) first, saying so through `log`.
   */
  plan(app: RuntimeApp, options: PlanOptions): Promise<RuntimePlan>;
  /** The command that starts the app (`npm start`'s script, `java -jar ...`). */
  start(app: RuntimeApp): Promise<RuntimeStart>;
  /**
   * The environment of one of the app's processes: the emulator's environment of the app
   * (configuration, runtime variables) adjusted for this runtime (PATH with the tools it
   * installs with, the Node.js it runs on ...). `purpose` says which process it is.
   */
  environment(
    app: RuntimeApp,
    env: Record<string, string>,
    purpose: 'install' | 'build' | 'start' | 'script',
  ): Record<string, string>;
  /**
   * Folder names (any depth inside the app) the runtime writes into and the watcher ignores:
   * dependencies and build output (`node_modules`, `dist`; `target` for Maven).
   */
  readonly generatedDirs: readonly string[];
  /** Files the runtime's own installs/builds rewrite (lock files): never a reason to reload. */
  readonly generatedFiles: readonly string[];
  /**
   * Besides the app's folder: folders outside it whose changes reload the app (shared modules),
   * and folders inside it (relative) that the build writes (an outDir of its own).
   */
  watch(app: RuntimeApp): Promise<{ dirs: string[]; output: string[] }>;
  /** Stops what the runtime is fetching (the emulator is stopping). */
  shutdown?(): void;
  /**
   * `connect dev --inspect`: the runtime opens a debugger port when the start environment has
   * CONNECT_DEV_INSPECT (`127.0.0.1:PORT`; CONNECT_DEV_INSPECT_WAIT=1: wait for it), and says
   * here how to attach. Undefined: the Node.js inspector (preload/inspect.ts).
   */
  debuggerHint?(address: string, wait: boolean): string;
  /** The variable that tells the app which port to listen on (the platform sets PORT). */
  readonly portVariable: string;
  /**
   * Whether a change of this path (relative to the app's folder; '' is the folder) is a reason
   * to rebuild; undefined: every path but the generated ones (Java: src/, pom.xml, project.toml).
   */
  watches?(path: string): boolean;
}
