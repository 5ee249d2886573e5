/**
 * The tools a Node.js application is built and run with, as the platform would pick them:
 * - Node.js: the newest supported major (22, 24) that engines.node admits, else the newest LTS
 *   (24). When the running Node.js is another major, that major comes from the npm registry's
 *   `node` package (it brings the binary) into the user's cache directory
 *   (`$XDG_CACHE_HOME/connect/node/<major>`, else `~/.cache/connect/node/<major>`), once.
 * - Yarn (Classic), when the app needs it and none is on PATH: the `yarn` npm package into the
 *   same cache (`.../connect/yarn`).
 * Both are fetched with npm itself, one fetch per tool at a time, into a temporary folder renamed
 * into place, so that concurrent runs never see half a tool.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, rename, rm } from 'node:fs/promises';
import { homedir } from 'node:os';
import { basename, delimiter, dirname, join } from 'node:path';

/** The Node.js majors the runtime runs, newest first. */
export const PLATFORM_NODE_MAJORS = [24, 22] as const;
/** What the platform picks without engines.node (the newest LTS). */
export const DEFAULT_NODE_MAJOR = 24;

export function cacheRoot(env: Record<string, string | undefined>): string {
  const base = env.XDG_CACHE_HOME || join(env.HOME || homedir(), '.cache');
  return join(base, 'connect');
}

/**
 * The major the platform runs for this engines.node: the newest supported one it admits, the
 * default without engines.node, undefined when it admits none (validate's error).
 */
export async function platformNodeMajor(range: unknown): Promise<number | undefined> {
  if (range === undefined) return DEFAULT_NODE_MAJOR;
  if (typeof range !== 'string') return undefined;
  const [{ default: validRange }, { default: intersects }] = await Promise.all([
    import('semver/ranges/valid.js'),
    import('semver/ranges/intersects.js'),
  ]);
  if (validRange(range) === null) return undefined;
  return PLATFORM_NODE_MAJORS.find((major) => intersects(range, `>=${major}.0.0 <${major + 1}.0.0`));
}

/** The first directory of PATH holding an executable `name`. */
export function onPath(name: string, path: string | undefined): string | undefined {
  for (const dir of (path ?? '').split(delimiter)) {
    if (dir && existsSync(join(dir, name))) return dir;
  }
  return undefined;
}

export interface FetchLog {
  info(text: string): void;
}

const fetching = new Map<string, Promise<string>>();

/**
 * `npm install <spec>` into `<cache>/<folder>` (once; concurrent callers share the fetch) and
 * the directory holding `bin` there. Rejects with npm's output when it fails.
 */
function fetchTool(options: {
  cache: string;
  folder: string;
  spec: string;
  bin: string;
  binary: string;
  env: Record<string, string>;
  log: FetchLog;
  what: string;
}): Promise<string> {
  const target = join(options.cache, options.folder);
  const binDir = join(target, options.bin);
  if (existsSync(join(binDir, options.binary))) return Promise.resolve(binDir);
  const key = target;
  const running = fetching.get(key);
  if (running) return running;
  const run = (async () => {
    const started = performance.now();
    await removeStale(target);
    const temporary = `${target}.tmp-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;
    await mkdir(temporary, { recursive: true });
    options.log.info(`Fetching ${options.what} from the npm registry (${options.spec}) into ${target} ...`);
    const timer = setInterval(() => {
      options.log.info(
        `... still fetching ${options.spec} (${Math.round((performance.now() - started) / 1000)} s)`,
      );
    }, 5000);
    timer.unref();
    try {
      const output = await runNpm(
        [
          'install',
          '--prefix',
          temporary,
          '--no-save',
          '--no-package-lock',
          '--no-audit',
          '--no-fund',
          '--ignore-scripts=false',
          '--loglevel=error',
          options.spec,
        ],
        options.env,
        temporary,
      );
      if (!existsSync(join(temporary, options.bin, options.binary))) {
        throw new Error(`${options.spec} installed no ${options.bin}/${options.binary}.\n${output}`);
      }
      await mkdir(options.cache, { recursive: true });
      try {
        await rename(temporary, target);
      } catch {
        // Another process put it there first.
        await rm(temporary, { recursive: true, force: true });
      }
      if (!existsSync(join(binDir, options.binary)))
        throw new Error(`${binDir}/${options.binary} is missing.`);
      options.log.info(
        `${options.what} ready in ${((performance.now() - started) / 1000).toFixed(1)} s (${binDir}).`,
      );
      return binDir;
    } catch (error) {
      await rm(temporary, { recursive: true, force: true });
      throw error;
    } finally {
      clearInterval(timer);
      fetching.delete(key);
    }
  })();
  fetching.set(key, run);
  return run;
}

/** Process groups of the fetches under way: they go when this process exits (Ctrl-C). */
const fetchGroups = new Set<number>();
let exitHook = false;

/** Kills the fetches under way (the emulator stops). */
export function killFetches(): void {
  for (const pid of fetchGroups) {
    try {
      process.kill(-pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
  fetchGroups.clear();
}

/** Leftovers of fetches interrupted before (`<target>.tmp-<pid>-*` of a process that is gone). */
async function removeStale(target: string): Promise<void> {
  const dir = dirname(target);
  const prefix = `${basename(target)}.tmp-`;
  for (const entry of await readdir(dir).catch(() => [] as string[])) {
    if (!entry.startsWith(prefix)) continue;
    const pid = Number(entry.slice(prefix.length).split('-')[0]);
    let alive: boolean;
    try {
      process.kill(pid, 0);
      alive = true;
    } catch {
      alive = false;
    }
    if (!alive) await rm(join(dir, entry), { recursive: true, force: true }).catch(() => undefined);
  }
}

function runNpm(args: string[], env: Record<string, string>, cwd: string): Promise<string> {
  if (!exitHook) {
    exitHook = true;
    process.once('exit', killFetches);
  }
  return new Promise((resolve, reject) => {
    const child = spawn('npm', args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    const group = child.pid;
    if (group !== undefined) fetchGroups.add(group);
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const timer = setTimeout(() => {
      if (group !== undefined) process.kill(-group, 'SIGKILL');
    }, 10 * 60_000);
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.once('close', (code) => {
      clearTimeout(timer);
      if (group !== undefined) fetchGroups.delete(group);
      if (code === 0) resolve(output);
      else reject(new Error(output.trim() || `npm exited with ${code}`));
    });
  });
}

/** The directory of the `node` binary of that major, fetched into the cache when needed. */
export function ensureNode(
  major: number,
  env: Record<string, string>,
  log: FetchLog,
): Promise<{ binDir: string }> {
  return fetchTool({
    cache: join(cacheRoot(env), 'node'),
    folder: String(major),
    spec: `node@${major}`,
    bin: join('node_modules', 'node', 'bin'),
    binary: 'node',
    env,
    log,
    what: `Node.js ${major}`,
  }).then((binDir) => ({ binDir }));
}

/** The exact version of a Node.js binary fetched by ensureNode (from its package.json). */
export async function fetchedNodeVersion(binDir: string): Promise<string | undefined> {
  try {
    const pkg = JSON.parse(await readFile(join(binDir, '..', 'package.json'), 'utf8')) as {
      version?: string;
    };
    return pkg.version;
  } catch {
    return undefined;
  }
}

/** The directory of a `yarn` (Classic) executable: on PATH, else fetched into the cache. */
export async function ensureYarn(env: Record<string, string>, log: FetchLog): Promise<string> {
  const found = onPath('yarn', env.PATH);
  if (found) return found;
  return fetchTool({
    cache: join(cacheRoot(env), 'yarn'),
    folder: '1',
    spec: 'yarn@1',
    bin: join('node_modules', '.bin'),
    binary: 'yarn',
    env,
    log,
    what: 'Yarn 1 (Classic)',
  });
}
