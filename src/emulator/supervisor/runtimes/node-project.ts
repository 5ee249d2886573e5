/**
 * What the platform's build decides about a Node.js application before it runs anything
 * (../shared/reference/runtime.md "Building"): the package manager (Yarn when a yarn.lock is at
 * the repository root, the platform's rule, or in the application's folder, the official CLI's
 * rule; npm otherwise), where the install runs (the application's folder, or the root of the
 * npm/yarn workspace it belongs to, where the one lock file is), whether it is frozen (a lock
 * file) and the local folders the application uses (`file:`/`link:` dependencies, workspace
 * siblings), whose changes reload it.
 */
import { existsSync, realpathSync, statSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';

export type PackageManager = 'npm' | 'yarn';

export interface PackageJson {
  name?: string;
  scripts?: Record<string, string>;
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  workspaces?: string[] | { packages?: string[] };
  engines?: Record<string, unknown>;
  packageManager?: string;
}

export interface NodeProject {
  manager: PackageManager;
  /** Why that manager, for the log: "yarn.lock at the repository root". */
  reason: string;
  /** Where the install runs: the app's folder, or its workspace root. */
  installDir: string;
  /** The workspace root the app belongs to, if any. */
  workspaceRoot: string | undefined;
  /** The lock file the install honours (absolute), if any. */
  lockFile: string | undefined;
  /** Whether the application (or its workspace) declares any dependency. */
  hasDependencies: boolean;
  /** Local folders the app depends on (file:/link: dependencies, workspace packages). */
  localDirs: string[];
  /** `file:` dependencies that are folders: name -> absolute folder. */
  fileDeps: Record<string, string>;
  pkg: PackageJson;
}

export async function readJson(file: string): Promise<PackageJson | undefined> {
  try {
    const value: unknown = JSON.parse(await readFile(file, 'utf8'));
    return value !== null && typeof value === 'object' && !Array.isArray(value)
      ? (value as PackageJson)
      : undefined;
  } catch {
    return undefined;
  }
}

function workspacePatterns(pkg: PackageJson | undefined): string[] {
  const field = pkg?.workspaces;
  const list = Array.isArray(field) ? field : Array.isArray(field?.packages) ? field.packages : [];
  return list.filter((item): item is string => typeof item === 'string');
}

/** A workspace pattern (`packages/*`, `apps/**`, `service`) as a regular expression on a relative path. */
export function patternRegExp(pattern: string): RegExp {
  const clean = pattern.replace(/^\.\//, '').replace(/\/+$/, '');
  let out = '';
  for (let i = 0; i < clean.length; i += 1) {
    const char = clean[i] as string;
    if (char === '*' && clean[i + 1] === '*') {
      out += '.*';
      i += 1;
    } else if (char === '*') out += '[^/]*';
    else if (char === '?') out += '[^/]';
    else out += /[\\^$.|+()[\]{}]/.test(char) ? `\\${char}` : char;
  }
  return new RegExp(`^${out}$`);
}

function isInside(dir: string, parent: string): boolean {
  const rel = relative(parent, dir);
  return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel);
}

function real(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return path;
  }
}

const toPosix = (path: string): string => path.split(sep).join('/');

/** The workspace root (between the app's folder and the repository root) that lists the app. */
async function findWorkspaceRoot(appDir: string, root: string): Promise<string | undefined> {
  const candidates: Array<[string, string]> = [];
  // The app's folder as connect.yaml names it, and where it really is (a symlinked folder).
  for (const [dir, top] of [
    [appDir, root],
    [real(appDir), real(root)],
  ] as const) {
    let current = dirname(dir);
    for (;;) {
      candidates.push([current, dir]);
      if (current === top || !isInside(current, top) || dirname(current) === current) break;
      current = dirname(current);
    }
  }
  for (const [candidate, dir] of candidates) {
    const patterns = workspacePatterns(await readJson(join(candidate, 'package.json')));
    if (patterns.length === 0) continue;
    const rel = toPosix(relative(candidate, dir));
    if (patterns.some((pattern) => !pattern.startsWith('!') && patternRegExp(pattern).test(rel)))
      return candidate;
  }
  return undefined;
}

/** The folders of a workspace's packages, by package name. */
async function workspacePackages(workspaceRoot: string): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  const patterns = workspacePatterns(await readJson(join(workspaceRoot, 'package.json')));
  const walk = async (dir: string, depth: number): Promise<void> => {
    const pkg = await readJson(join(dir, 'package.json'));
    const rel = toPosix(relative(workspaceRoot, dir));
    if (pkg?.name && patterns.some((pattern) => patternRegExp(pattern).test(rel))) out.set(pkg.name, dir);
    if (depth >= 3) return;
    const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
    await Promise.all(
      entries
        .filter(
          (entry) =>
            (entry.isDirectory() || entry.isSymbolicLink()) &&
            entry.name !== 'node_modules' &&
            !entry.name.startsWith('.'),
        )
        .map((entry) => walk(join(dir, entry.name), depth + 1)),
    );
  };
  await walk(workspaceRoot, 0);
  return out;
}

function dependencies(pkg: PackageJson): Record<string, string> {
  return { ...pkg.optionalDependencies, ...pkg.devDependencies, ...pkg.dependencies };
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

export async function detectProject(appDir: string, root: string): Promise<NodeProject | undefined> {
  const pkg = await readJson(join(appDir, 'package.json'));
  if (!pkg) return undefined;
  const workspaceRoot = await findWorkspaceRoot(appDir, root);
  const installDir = workspaceRoot ?? appDir;

  let manager: PackageManager = 'npm';
  let reason = 'no yarn.lock';
  if (existsSync(join(root, 'yarn.lock'))) {
    manager = 'yarn';
    reason = 'yarn.lock at the repository root';
  } else if (existsSync(join(appDir, 'yarn.lock'))) {
    manager = 'yarn';
    reason = `yarn.lock in ${relative(root, appDir) || '.'}/`;
  } else if (workspaceRoot && existsSync(join(workspaceRoot, 'yarn.lock'))) {
    manager = 'yarn';
    reason = 'yarn.lock at the workspace root';
  }
  const locks = manager === 'yarn' ? ['yarn.lock'] : ['npm-shrinkwrap.json', 'package-lock.json'];
  const lock = locks.map((name) => join(installDir, name)).find((file) => existsSync(file));

  const localDirs = new Set<string>();
  const fileDeps: Record<string, string> = {};
  const deps = dependencies(pkg);
  const base = real(appDir);
  for (const [name, spec] of Object.entries(deps)) {
    if (typeof spec !== 'string') continue;
    const match = /^(file|link|portal):(.+)$/.exec(spec);
    if (!match?.[2]) continue;
    const dir = resolve(base, match[2]);
    if (!isDirectory(dir)) continue;
    localDirs.add(dir);
    if (match[1] === 'file') fileDeps[name] = dir;
  }
  let hasDependencies = Object.keys(deps).length > 0;
  if (workspaceRoot) {
    const rootPkg = await readJson(join(workspaceRoot, 'package.json'));
    if (rootPkg && Object.keys(dependencies(rootPkg)).length > 0) hasDependencies = true;
    const members = await workspacePackages(workspaceRoot);
    for (const name of Object.keys(deps)) {
      const dir = members.get(name);
      if (dir && real(dir) !== base) localDirs.add(dir);
    }
  }
  return {
    manager,
    reason,
    installDir,
    workspaceRoot,
    lockFile: lock,
    hasDependencies,
    localDirs: [...localDirs],
    fileDeps,
    pkg,
  };
}

/** The install the platform's build runs: frozen with a lock file, writing nothing new without one. */
export function installCommand(project: NodeProject): { label: string; command: string } {
  if (project.manager === 'yarn') {
    return project.lockFile
      ? {
          label: 'yarn install --frozen-lockfile',
          command: 'yarn install --frozen-lockfile --non-interactive',
        }
      : { label: 'yarn install --no-lockfile', command: 'yarn install --no-lockfile --non-interactive' };
  }
  return project.lockFile
    ? { label: 'npm ci', command: 'npm ci --no-audit --no-fund' }
    : {
        label: 'npm install --no-package-lock',
        command: 'npm install --no-package-lock --no-audit --no-fund',
      };
}

/**
 * An actionable explanation of a failed install, when its output says why: a version the
 * registry does not have (404, ETARGET), a lock file out of sync with package.json.
 */
export function explainInstallFailure(
  output: string,
  project: NodeProject,
  root: string,
): string | undefined {
  const lock = project.lockFile ? relative(root, project.lockFile) : 'the lock file';
  const where = relative(root, project.installDir) || '.';
  const missing = missingVersion(output);
  if (missing) {
    const name = missing.version ? `${missing.name}@${missing.version}` : missing.name;
    return [
      `${lock} pins ${name}, which the npm registry reachable from here does not have (${missing.why}).`,
      `The platform installs from the public registry, so this can be a limit of this machine's registry (a mirror or proxy) rather than of the connector.`,
      `Try: check \`npm config get registry\` and \`npm view ${missing.name} versions\`; update the pin (\`${
        project.manager === 'yarn'
          ? `yarn upgrade ${missing.name}`
          : `npm install ${missing.name}@<available version>`
      }\` in ${where}/); or, only to try it locally, install without the lock file in a copy of the repository (\`npm install --no-package-lock\`).`,
    ].join('\n');
  }
  if (/can only install packages when your package\.json and package-lock\.json.*are in sync/s.test(output)) {
    return `${lock} is out of sync with package.json: the platform's \`npm ci\` would fail the same way.\nTry: run \`npm install\` in ${where}/ and commit the updated ${lock}.`;
  }
  if (/Your lockfile needs to be updated|--frozen-lockfile/.test(output) && project.manager === 'yarn') {
    return `${lock} is out of sync with package.json: the platform's frozen Yarn install would fail the same way.\nTry: run \`yarn install\` in ${where}/ and commit the updated ${lock}.`;
  }
  return undefined;
}

/** The package (and version) an install could not find, from npm's or yarn's output. */
export function missingVersion(output: string): { name: string; version?: string; why: string } | undefined {
  // npm: No matching version found for x@1.2.3 (ETARGET)
  let match = /No matching version found for ((?:@[^/\s]+\/)?[^@\s]+)@([^\s.]+(?:\.[^\s.]+)*)\.?/.exec(
    output,
  );
  if (match?.[1] && match[2]) return { name: match[1], version: match[2].replace(/\.$/, ''), why: 'ETARGET' };
  // npm: 404 Not Found - GET https://registry/@scope%2fname/-/name-1.2.3.tgz
  match = /404[^\n]*GET \S*?\/((?:@[^/]+(?:%2f|\/))?[^/\s]+)\/-\/[^/\s]+?-(\d+\.\d+\.\d+[^/\s]*?)\.tgz/i.exec(
    output,
  );
  if (match?.[1] && match[2])
    return {
      name: decodeURIComponent(match[1]).replace('%2f', '/'),
      version: match[2],
      why: '404 Not Found',
    };
  // npm: 404  'x@1.2.3' is not in this registry.
  match = /'((?:@[^/\s]+\/)?[^@\s']+)@([^'\s]+)' is not in (?:this|the npm) registry/.exec(output);
  if (match?.[1] && match[2]) return { name: match[1], version: match[2], why: '404 Not Found' };
  // npm: 404 Not Found - GET https://registry/x - Not found
  match = /404 Not Found - GET \S*?\/((?:@[^/\s]+(?:%2f|\/))?[^/\s]+) - Not found/i.exec(output);
  if (match?.[1]) return { name: decodeURIComponent(match[1]), why: '404 Not Found' };
  // yarn: Couldn't find any versions for "x" that matches "1.2.3"
  match = /Couldn't find any versions for "([^"]+)" that matches "([^"]+)"/.exec(output);
  if (match?.[1] && match[2]) return { name: match[1], version: match[2], why: 'no such version' };
  // yarn: "https://registry.yarnpkg.com/x/-/x-1.2.3.tgz: Request failed \"404 Not Found\""
  match = /\/((?:@[^/]+\/)?[^/\s]+)\/-\/[^/\s]+?-(\d+\.\d+\.\d+[^/\s]*?)\.tgz: Request failed \\?"404/.exec(
    output,
  );
  if (match?.[1] && match[2]) return { name: match[1], version: match[2], why: '404 Not Found' };
  return undefined;
}

/** Shell commands in a script that rely on the platform's build layout (/tmp/lib, /workspace). */
export function usesBuildLayout(command: string): boolean {
  return /(^|[\s'"=:;(])\/tmp\/lib(\/|\b)|(^|[\s'"=:;(])\/workspace(\/|\b)/.test(command);
}
