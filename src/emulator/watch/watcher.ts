/**
 * Reload: chokidar watches each application's folder (not node_modules, build output, .git)
 * and the configuration files; changes are debounced and batched per application, so one save
 * (or a burst of them) rebuilds and restarts only the application that changed. Batches for
 * the same application never overlap: changes during a reload queue one more reload.
 */
import { join, relative, sep } from 'node:path';

import { watch } from 'chokidar';

const IGNORED_DIRS = new Set([
  'node_modules',
  '.git',
  'dist',
  'build',
  'out',
  'coverage',
  '.connect',
  '.next',
  '.turbo',
  '.cache',
]);

export interface WatchOptions {
  root: string;
  applications: string[];
  /** Absolute paths of connect.yaml, the values file, the root .env. */
  configFiles: string[];
  debounceMs: number;
  /**
   * Folders outside the applications' own whose changes reload the applications listed (shared
   * modules: `file:` dependencies, workspace packages), by absolute path.
   */
  sharedDirs?: ReadonlyMap<string, readonly string[]> | undefined;
  /** More paths to ignore (absolute): what the applications' runtimes write. */
  ignore?: ((path: string) => boolean) | undefined;
  onAppChange(application: string, files: string[]): Promise<void>;
  onConfigChange(files: string[]): Promise<void>;
  onError(error: Error): void;
}

export function isIgnored(path: string, root: string): boolean {
  const rel = relative(root, path);
  if (rel === '' || rel.startsWith('..')) return false;
  const parts = rel.split(sep);
  // public/ is build output of front ends and assets; other apps may keep sources there, but
  // rebuilding on build output would loop.
  return (
    parts.some((part, index) => IGNORED_DIRS.has(part) || (index === 1 && part === 'public')) ||
    /\.(log|swp)$|~$/.test(rel)
  );
}

function isWithin(path: string, dir: string): boolean {
  const rel = relative(dir, path);
  return rel === '' || (!rel.startsWith('..') && !rel.startsWith(sep));
}

/** A shared folder outside the repository: its dependencies and build output are not sources. */
function isIgnoredOutside(path: string): boolean {
  return path.split(sep).some((part) => IGNORED_DIRS.has(part));
}

export async function watchRepository(options: WatchOptions): Promise<{ close(): Promise<void> }> {
  const { root } = options;
  const pending = new Map<string, Set<string>>();
  const timers = new Map<string, NodeJS.Timeout>();
  const busy = new Map<string, Promise<void>>();
  const configKey = '\0config';

  const flush = (key: string): void => {
    timers.delete(key);
    if (busy.has(key)) return; // re-flushed when the running batch ends
    const files = [...(pending.get(key) ?? [])];
    pending.delete(key);
    if (files.length === 0) return;
    const run = (key === configKey ? options.onConfigChange(files) : options.onAppChange(key, files))
      .catch((error: unknown) => options.onError(error as Error))
      .finally(() => {
        busy.delete(key);
        if (pending.has(key)) schedule(key);
      });
    busy.set(key, run);
  };

  const schedule = (key: string): void => {
    clearTimeout(timers.get(key));
    timers.set(
      key,
      setTimeout(() => flush(key), options.debounceMs),
    );
  };

  const onEvent = (path: string): void => {
    const absolute = path.startsWith(sep) ? path : join(root, path);
    const keys: string[] = [];
    if (options.configFiles.includes(absolute)) keys.push(configKey);
    else if (!options.ignore?.(absolute)) {
      const app = relative(root, absolute).split(sep)[0];
      if (app && options.applications.includes(app)) keys.push(app);
      else {
        for (const [dir, apps] of options.sharedDirs ?? []) {
          if (isWithin(absolute, dir)) keys.push(...apps);
        }
      }
    }
    for (const key of new Set(keys)) {
      let set = pending.get(key);
      if (!set) pending.set(key, (set = new Set()));
      set.add(relative(root, absolute));
      schedule(key);
    }
  };

  const targets = [
    ...options.applications.map((app) => join(root, app)),
    ...options.configFiles,
    ...(options.sharedDirs?.keys() ?? []),
  ];
  const watcher = watch(targets, {
    ignoreInitial: true,
    ignored: (path: string) =>
      !options.configFiles.includes(path) &&
      (isIgnored(path, root) ||
        (relative(root, path).startsWith('..') && isIgnoredOutside(path)) ||
        (options.ignore?.(path) ?? false)),
    awaitWriteFinish: false,
    atomic: true,
  });
  watcher.on('all', (_event, path) => onEvent(path));
  watcher.on('error', (error) => options.onError(error as Error));
  await new Promise<void>((resolve) => watcher.once('ready', () => resolve()));
  return {
    async close() {
      for (const timer of timers.values()) clearTimeout(timer);
      await watcher.close();
    },
  };
}
