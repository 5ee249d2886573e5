/**
 * Node.js applications, as the platform's buildpack treats them (../shared/reference/runtime.md
 * "Building"): the Node.js major engines.node asks for (22 or 24, else 24), Yarn or npm
 * (node-project.ts), a frozen install with a lock file and one that writes nothing new without,
 * then `npm run gcp-build` if that script exists, else `npm run build` if it exists; start with
 * `npm start` (its script, or `node server.js`). The chosen node and yarn come first on PATH
 * for every process of the app: install, build, start and the connect.yaml scripts.
 */
import { createHash } from 'node:crypto';
import { existsSync, lstatSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { delimiter, dirname, join, relative } from 'node:path';

import { checkEnginesNode } from '../../../spec/folders.js';
import { scriptCommand } from '../process.js';
import {
  detectProject,
  explainInstallFailure,
  installCommand,
  readJson,
  usesBuildLayout,
  type NodeProject,
} from './node-project.js';
import { ensureNode, ensureYarn, fetchedNodeVersion, killFetches, platformNodeMajor } from './node-tools.js';
import type { PlanOptions, Runtime, RuntimeApp, RuntimePlan, RuntimeStart, RuntimeStep } from './types.js';

/** What the last plan decided for an app folder, for the environment of its processes. */
interface NodeSetup {
  binDirs: string[];
  project: NodeProject;
}

const setups = new Map<string, NodeSetup>();

/** Written into node_modules after an install of ours: what it installed from. */
const STAMP = '.connect-dev-install';

async function installFingerprint(project: NodeProject, appDir: string): Promise<string> {
  const hash = createHash('sha256');
  for (const file of [
    project.lockFile,
    join(project.installDir, 'package.json'),
    join(appDir, 'package.json'),
  ]) {
    if (file) hash.update(await readFile(file).catch(() => Buffer.alloc(0)));
  }
  return hash.digest('hex');
}

/** Whether an install must run: no node_modules yet, or ours and package.json/lock changed since. */
async function needsInstall(project: NodeProject, fingerprint: string): Promise<boolean> {
  const modules = join(project.installDir, 'node_modules');
  if (!existsSync(modules)) return project.hasDependencies;
  const stamp = await readFile(join(modules, STAMP), 'utf8').catch(() => undefined);
  return stamp !== undefined && stamp.trim() !== fingerprint;
}

const currentMajor = (): number => Number(process.versions.node.split('.')[0]);

/** The bin directory of the Node.js the app runs on (undefined: leave PATH alone). */
async function chooseNode(
  app: RuntimeApp,
  range: unknown,
  options: PlanOptions,
): Promise<string | undefined> {
  const major = await platformNodeMajor(range);
  const current = currentMajor();
  const own = dirname(process.execPath);
  if (major === undefined || major === current) return own;
  const why = range === undefined ? 'no engines.node: the newest LTS' : `engines.node "${String(range)}"`;
  if (options.versions === 'current') {
    options.log.warnOnce(
      `node-current-${major}`,
      `Running on Node.js ${process.versions.node} (--node current); the platform would run Node.js ${major} (${why}) for ${app.name}.`,
    );
    return own;
  }
  try {
    const { binDir } = await ensureNode(major, options.env, options.log);
    const version = await fetchedNodeVersion(binDir);
    options.log.info(`Node.js ${version ?? major} (the platform's pick: ${why}).`);
    return binDir;
  } catch (error) {
    const first =
      String((error as Error).message)
        .split('\n')
        .find((line) => line.trim()) ?? '';
    options.log.warnOnce(
      `node-fetch-${major}`,
      `Could not fetch Node.js ${major} from the npm registry (${first.slice(0, 200)}): running on Node.js ${process.versions.node} instead of the platform's ${major} (${why}).\nTry: check the network or npm's registry setting, install Node.js ${major} yourself, or pass --node current to run on this Node.js without fetching.`,
    );
    return own;
  }
}

/** The build script the platform runs, and whether it can run here. */
function buildStep(app: RuntimeApp, scripts: Record<string, string>): RuntimeStep | RuntimePlan | undefined {
  const gcp = scriptCommand(scripts, 'gcp-build');
  const build = scriptCommand(scripts, 'build');
  if (gcp !== undefined && usesBuildLayout(gcp)) {
    if (build !== undefined) {
      return {
        kind: 'build',
        label: 'npm run build (gcp-build uses the platform build layout /tmp/lib, /workspace)',
        command: build,
      };
    }
    const message = `${app.name}: "gcp-build" relies on the platform's build layout (the repository root mounted at /tmp/lib, the application built in /workspace), which does not exist here: connect dev builds in place in ${app.dir} with the repository at ${app.root}.\nTry: add a "build" script that does the same with local paths (connect dev runs it instead of a gcp-build that needs /tmp/lib or /workspace), or depend on the shared folder as "file:../<folder>", which works in both places.`;
    return { ok: false, message, short: 'gcp-build needs the platform build layout' };
  }
  if (gcp !== undefined) return { kind: 'build', label: 'npm run gcp-build', command: gcp };
  if (build !== undefined) return { kind: 'build', label: 'npm run build', command: build };
  return undefined;
}

/**
 * Yarn Classic copies `file:` dependencies into node_modules: copy them again, so that a change
 * in the shared folder reaches the app (npm links them instead: nothing to do).
 */
function refreshCopies(project: NodeProject, appDir: string): RuntimeStep[] {
  if (project.manager !== 'yarn') return [];
  const steps: RuntimeStep[] = [];
  for (const [name, dir] of Object.entries(project.fileDeps)) {
    const target = join(project.installDir === appDir ? appDir : project.installDir, 'node_modules', name);
    let copied: boolean;
    try {
      copied = lstatSync(target).isDirectory();
    } catch {
      copied = false;
    }
    if (!copied) continue;
    const quote = (text: string) => `'${text.replace(/'/g, `'\\''`)}'`;
    steps.push({
      kind: 'install',
      label: `refresh ${name} (file: dependency copied by Yarn)`,
      command: `rm -rf ${quote(target)} && mkdir -p ${quote(target)} && (cd ${quote(dir)} && tar --exclude=./node_modules -cf - .) | (cd ${quote(target)} && tar -xf -)`,
    });
  }
  return steps;
}

export const nodeRuntime: Runtime = {
  id: 'node',
  generatedDirs: ['node_modules', 'dist', 'build', 'out', 'coverage', '.next', '.turbo', '.cache'],
  generatedFiles: ['package-lock.json', 'npm-shrinkwrap.json', 'yarn.lock', 'tsconfig.tsbuildinfo'],
  portVariable: 'PORT',

  shutdown() {
    killFetches();
  },

  detect(dir: string): Promise<boolean> {
    return Promise.resolve(existsSync(join(dir, 'package.json')));
  },

  async plan(app: RuntimeApp, options: PlanOptions): Promise<RuntimePlan> {
    const project = await detectProject(app.dir, app.root);
    if (!project) {
      const message = `${app.name}: no package.json in ${app.dir}.`;
      return { ok: false, message, short: message, noManifest: true };
    }
    const range = project.pkg.engines?.node;
    if (range !== undefined) {
      // The same words as `connect validate` (unsupported-node-version).
      const problem = await checkEnginesNode(range);
      if (problem) {
        return {
          ok: false,
          message: `${app.name}/package.json: ${problem}. The platform would refuse to build it.`,
          short: 'engines.node admits no supported Node.js',
        };
      }
    }
    const binDirs: string[] = [];
    const nodeDir = await chooseNode(app, range, options);
    if (nodeDir) binDirs.push(nodeDir);
    if (project.manager === 'yarn') {
      const path = [...binDirs, options.env.PATH].filter(Boolean).join(delimiter);
      try {
        binDirs.push(await ensureYarn({ ...options.env, PATH: path }, options.log));
      } catch (error) {
        const first =
          String((error as Error).message)
            .split('\n')
            .find((line) => line.trim()) ?? '';
        return {
          ok: false,
          message: `${app.name} is installed with Yarn (${project.reason}), and no yarn is on PATH; fetching yarn@1 from the npm registry failed: ${first.slice(0, 200)}\nTry: \`corepack enable\` or \`npm install -g yarn\`, then run connect dev again.`,
          short: 'Yarn is needed and missing',
        };
      }
    }
    setups.set(app.dir, { binDirs, project });

    const steps: RuntimeStep[] = [];
    const fingerprint = await installFingerprint(project, app.dir);
    if (await needsInstall(project, fingerprint)) {
      const install = installCommand(project);
      const where = relative(app.dir, project.installDir);
      steps.push({
        kind: 'install',
        label: where
          ? `${install.label} (at the workspace root ${relative(app.root, project.installDir) || '.'}/)`
          : install.label,
        command: install.command,
        cwd: project.installDir,
        shared: project.installDir,
        explain: (output) => explainInstallFailure(output, project, app.root),
        done: () =>
          writeFile(join(project.installDir, 'node_modules', STAMP), `${fingerprint}\n`).catch(
            () => undefined,
          ),
      });
    } else {
      steps.push(...refreshCopies(project, app.dir));
    }
    if (options.build) {
      const build = buildStep(app, project.pkg.scripts ?? {});
      if (build && 'ok' in build) return build;
      if (build) steps.push(build);
    }
    return { ok: true, steps };
  },

  async start(app: RuntimeApp): Promise<RuntimeStart> {
    const pkg = await readJson(join(app.dir, 'package.json'));
    let command = pkg ? scriptCommand(pkg.scripts ?? {}, 'start') : undefined;
    // npm start's default when there is no start script.
    if (command === undefined && existsSync(join(app.dir, 'server.js'))) command = 'node server.js';
    if (command === undefined) {
      return {
        ok: false,
        message: `${app.name}: no "start" script in ${join(app.dir, 'package.json')}.`,
        short: 'no start script',
      };
    }
    return { ok: true, command };
  },

  environment(app, env) {
    const setup = setups.get(app.dir);
    if (!setup) return env;
    const out = { ...env };
    if (setup.binDirs.length > 0) out.PATH = [...setup.binDirs, env.PATH].filter(Boolean).join(delimiter);
    // Without a lock file, npm writes none into the user's repository, also when a script
    // (postDeploy: `npm install && npm run build`) installs again.
    if (setup.project.manager === 'npm' && !setup.project.lockFile) out.npm_config_package_lock = 'false';
    return out;
  },

  async watch(app: RuntimeApp) {
    const project = await detectProject(app.dir, app.root);
    const output: string[] = [];
    const tsconfig = (await readJson(join(app.dir, 'tsconfig.json'))) as
      { compilerOptions?: { outDir?: unknown } } | undefined;
    const outDir = tsconfig?.compilerOptions?.outDir;
    if (typeof outDir === 'string' && !relative(app.dir, join(app.dir, outDir)).startsWith('..')) {
      output.push(relative(app.dir, join(app.dir, outDir)));
    }
    return { dirs: project?.localDirs ?? [], output };
  },
};
