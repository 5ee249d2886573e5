/**
 * `connect dev` installs, builds and runs applications as the platform does (issue 12): Yarn or
 * npm, frozen installs, nothing new written into the repository, workspaces, `file:../shared`,
 * symlinked application folders, the Node.js major engines.node picks, a gcp-build that needs
 * the platform's build layout, reloads on shared folders and never on the emulator's own writes.
 * Fixtures: test/fixtures/build (our own, in the style of the platform's starters; the only
 * dependency is a local `shared` folder, so installs are fast and need no registry).
 * Yarn and Node.js 22/24 come from the user's cache (~/.cache/connect), fetched from the npm
 * registry the first time; offline, the tests that need them skip.
 */
import { existsSync, lstatSync } from 'node:fs';
import { cp, readFile, rename, symlink, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { join } from 'node:path';

import { afterEach, describe, expect, it } from 'vitest';

import {
  adminFetch,
  adminUrl,
  eventually,
  getJson,
  sleep,
  startDev,
  type DevProcess,
} from './dev-helpers.js';
import { repoRoot, runCli, tempDir } from './helpers/cli.js';

const fixtures = join(repoRoot, 'test', 'fixtures', 'build');

interface Answer {
  name: string;
  node: string;
  pid: number;
  shared: string;
}

const running: DevProcess[] = [];
const cleanups: Array<() => Promise<void>> = [];

afterEach(async () => {
  for (const dev of running.splice(0)) {
    if (dev.exitCode === null) {
      dev.kill('SIGTERM');
      await Promise.race([dev, sleep(8000)]);
      if (dev.exitCode === null) dev.kill('SIGKILL');
    }
  }
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

async function copy(name: string): Promise<string> {
  const dir = await tempDir('connect-build-');
  cleanups.push(dir.cleanup);
  await cp(join(fixtures, name), dir.path, { recursive: true });
  return dir.path;
}

function dev(root: string, args: string[] = [], env: Record<string, string> = {}): DevProcess {
  const child = startDev([root, '--admin-port', '0', '--no-platform', ...args], { env });
  running.push(child);
  return child;
}

async function answers(root: string): Promise<Record<string, Answer>> {
  const admin = await adminUrl(root);
  const status = await getJson<{ applications: Array<{ name: string; url: string | null; state: string }> }>(
    `${admin}/__connect/api/status`,
  );
  const out: Record<string, Answer> = {};
  for (const app of status.applications) {
    if (app.url && app.state === 'ready') out[app.name] = await getJson<Answer>(app.url);
  }
  return out;
}

/** Skips the test when this machine cannot get a Node.js or Yarn it needs (offline). */
function skipWhenOffline(output: string, skip: (note: string) => void): void {
  if (/Could not fetch Node\.js|fetching yarn@1 from the npm registry failed/.test(output)) {
    skip('the npm registry is not reachable: Node.js/Yarn cannot be fetched');
  }
}

describe('package managers', () => {
  it('installs a yarn workspace (one yarn.lock at the root) once, frozen, and scripts run with yarn', async (context) => {
    const root = await copy('yarn-workspaces');
    const child = dev(root);
    await child.waitFor(
      /applications ready|Could not fetch|yarn@1 from the npm registry failed/,
      120_000,
      'stderr',
    );
    skipWhenOffline(child.output().stdout + child.output().stderr, (note) => context.skip(note));
    await child.waitFor(/2\/2 applications ready/, 60_000, 'stderr');
    const out = child.output().stdout;
    // One install at the root for both apps, frozen.
    expect(out.match(/yarn install --frozen-lockfile \(at the workspace root \.\/\)/g)?.length).toBe(2);
    expect(out.match(/yarn install v1/g)?.length).toBe(1);
    const got = await answers(root);
    expect(got.service?.shared).toBe('shared v1');
    expect(got.event?.shared).toBe('shared v1');
    // postDeploy (`yarn run ...`) finds the same yarn on PATH.
    await child.waitFor(/post-deploy ran on v\d+\.\d+\.\d+ with yarn\/1\./, 30_000, 'stdout');
    expect(existsSync(join(root, 'service', 'yarn.lock'))).toBe(false);
    expect(existsSync(join(root, 'package-lock.json'))).toBe(false);
  });

  it('uses yarn when the app folder has a yarn.lock, and a change in the shared folder reloads both apps', async (context) => {
    const root = await copy('yarn-app');
    const lock = await readFile(join(root, 'service', 'yarn.lock'), 'utf8');
    const child = dev(root);
    await child.waitFor(
      /applications ready|Could not fetch|yarn@1 from the npm registry failed/,
      120_000,
      'stderr',
    );
    skipWhenOffline(child.output().stdout + child.output().stderr, (note) => context.skip(note));
    await child.waitFor(/2\/2 applications ready/, 60_000, 'stderr');
    expect(child.output().stdout).toMatch(/service \| yarn install --frozen-lockfile\n/);
    const before = await answers(root);
    await child.waitFor(/postDeploy done/, 30_000, 'stderr');
    await writeFile(join(root, 'shared', 'index.js'), "exports.message = () => 'shared v2';\n");
    // Yarn copies file: dependencies: the copy is refreshed, and both apps restart.
    const after = await eventually(
      async () => {
        const now = await answers(root);
        return now.service?.shared === 'shared v2' && now.event?.shared === 'shared v2' ? now : undefined;
      },
      30_000,
      'both apps to answer with the new shared module',
    );
    expect(after.service?.pid).not.toBe(before.service?.pid);
    expect(after.event?.pid).not.toBe(before.event?.pid);
    expect(await readFile(join(root, 'service', 'yarn.lock'), 'utf8')).toBe(lock);
  });

  it('without a lock file installs without writing one, also when postDeploy runs npm install; no reload from its own writes', async () => {
    const root = await copy('no-lock');
    const child = dev(root, ['--node', 'current']);
    await child.waitFor(/2\/2 applications ready/, 90_000, 'stderr');
    expect(child.output().stdout).toMatch(/service \| npm install --no-package-lock/);
    await child.waitFor(/service: postDeploy done/, 60_000, 'stderr');
    await sleep(1500);
    for (const app of ['service', 'event']) {
      expect(existsSync(join(root, app, 'package-lock.json'))).toBe(false);
      expect(existsSync(join(root, app, 'node_modules', 'shared'))).toBe(true);
    }
    expect(child.output().stderr).not.toMatch(/changed, reloading/);
    // preUndeploy is not run at stop without --persist: nothing outlives the run.
    child.kill('SIGINT');
    await child;
    expect(child.output().stdout).not.toMatch(/preUndeploy/);
  });

  it('installs an npm workspace once at the root (npm ci) for every app that belongs to it', async () => {
    const root = await copy('npm-workspaces');
    const lock = await readFile(join(root, 'package-lock.json'), 'utf8');
    const child = dev(root, ['--node', 'current']);
    await child.waitFor(/2\/2 applications ready/, 90_000, 'stderr');
    const out = child.output().stdout;
    expect(out.match(/npm ci \(at the workspace root \.\/\)/g)?.length).toBe(2);
    expect(out.match(/added \d+ packages? in/g)?.length).toBe(1);
    const got = await answers(root);
    expect(got.service?.shared).toBe('shared v1');
    expect(got.event?.shared).toBe('shared v1');
    expect(await readFile(join(root, 'package-lock.json'), 'utf8')).toBe(lock);
    // A workspace package the apps depend on reloads them.
    await writeFile(join(root, 'shared', 'index.js'), "exports.message = () => 'shared v2';\n");
    await eventually(
      async () => {
        const now = await answers(root);
        return now.service?.shared === 'shared v2' && now.event?.shared === 'shared v2';
      },
      30_000,
      'both apps to reload',
    );
  });
});

describe('shared folders and symlinks', () => {
  it('runs an app whose folder is a symlink, with a file:../shared dependency, and reloads it on edits', async () => {
    const root = await copy('file-shared');
    await rename(join(root, 'service'), join(root, 'service-impl'));
    await symlink('service-impl', join(root, 'service'));
    expect(lstatSync(join(root, 'service')).isSymbolicLink()).toBe(true);
    const child = dev(root, ['--node', 'current']);
    await child.waitFor(/2\/2 applications ready/, 90_000, 'stderr');
    expect(child.output().stdout).toMatch(/service \| npm ci\n/);
    const before = await answers(root);
    expect(before.service?.shared).toBe('shared v1');
    await child.waitFor(/postDeploy done/, 30_000, 'stderr');
    await sleep(500);
    expect(child.output().stderr).not.toMatch(/changed, reloading/);
    // An edit through the symlink's real folder reloads the app.
    const source = join(root, 'service-impl', 'src', 'index.js');
    await writeFile(source, `${await readFile(source, 'utf8')}\n// edited\n`);
    await child.waitFor(/service: .*index\.js changed, reloading/, 20_000, 'stderr');
    await writeFile(join(root, 'shared', 'index.js'), "exports.message = () => 'shared v2';\n");
    await eventually(
      async () => {
        const now = await answers(root);
        return now.service?.shared === 'shared v2' && now.event?.shared === 'shared v2';
      },
      30_000,
      'both apps to reload with the shared change',
    );
  });

  it('builds with "build" when gcp-build needs /tmp/lib, and says why an app with only such a gcp-build cannot', async () => {
    const root = await copy('build-layout');
    const child = dev(root, ['--node', 'current', '--no-scripts']);
    await child.waitFor(/1\/2 applications ready/, 60_000, 'stderr');
    const { stdout, stderr } = child.output();
    expect(stdout).toMatch(/event +\| npm run build \(gcp-build uses the platform build layout/);
    expect(stdout).toMatch(/event +\| local build/);
    expect(stderr).toMatch(
      /service: "gcp-build" relies on the platform's build layout \(the repository root mounted at \/tmp\/lib, the application built in \/workspace\)/,
    );
    expect(stderr).toMatch(/Try: add a "build" script/);
  });
});

describe('Node.js versions', () => {
  it('runs each app on the major engines.node picks (>=24: 24, 22.x: 22), fetched when this Node.js is another', async (context) => {
    const root = await copy('node24');
    const child = dev(root);
    await child.waitFor(/applications ready/, 240_000, 'stderr');
    skipWhenOffline(child.output().stderr, (note) => context.skip(note));
    const got = await answers(root);
    expect(got.service?.node).toMatch(/^v24\./);
    expect(got.event?.node).toMatch(/^v22\./);
    await child.waitFor(/post-deploy ran on v24\./, 30_000, 'stdout');
  });

  it('--node current runs on this Node.js with one warning', async () => {
    const root = await copy('node24');
    const child = dev(root, ['--node', 'current', '--no-scripts']);
    await child.waitFor(/2\/2 applications ready/, 90_000, 'stderr');
    const got = await answers(root);
    expect(got.service?.node).toBe(process.version);
    const current = Number(process.versions.node.split('.')[0]);
    const warnings =
      child.output().stderr.match(/\(--node current\); the platform would run Node\.js/g) ?? [];
    // One per major that differs from this one (24 for service, 22 for event).
    expect(warnings.length).toBe([24, 22].filter((major) => major !== current).length);
  });

  it("refuses an engines.node the platform cannot run, with validate's words", async () => {
    const root = await copy('node24');
    const file = join(root, 'event', 'package.json');
    const pkg = JSON.parse(await readFile(file, 'utf8')) as { engines: { node: string } };
    pkg.engines.node = '18.x';
    await writeFile(file, JSON.stringify(pkg, null, 2));
    const validate = await runCli(['validate', root]);
    expect(validate.exitCode).not.toBe(0);
    expect(validate.stdout + validate.stderr).toMatch(
      /engines\.node "18\.x" admits no Node\.js version the runtime supports \(22, 24\)/,
    );
    // `connect dev` refuses exactly what `connect validate` reports as errors: the whole repository,
    // as the platform refuses the deployment, with validate's words and no application started.
    const child = dev(root, ['--node', 'current', '--no-scripts']);
    await eventually(() => child.exitCode !== null, 30_000, 'connect dev to refuse');
    expect(child.exitCode).not.toBe(0);
    const { stderr } = child.output();
    expect(stderr).toContain('CONNECT_YAML_INVALID');
    expect(stderr).toMatch(
      /event\/package\.json: engines\.node "18\.x" admits no Node\.js version the runtime supports \(22, 24\)/,
    );
    expect(stderr).toMatch(/^Try: run `connect validate /m);
    expect(stderr).not.toMatch(/applications ready|\n\s+at /);
  });
});

describe('frozen installs', () => {
  let registry: Server | undefined;
  afterEach(() => registry?.close());

  it('names the package and version a registry lacks (404) and what to do', async () => {
    // The registry is remote: a local one that has nothing stands in for it.
    registry = createServer((_req, res) => {
      res.statusCode = 404;
      res.setHeader('content-type', 'application/json');
      res.end('{"error":"Not found"}');
    });
    await new Promise<void>((resolve) => registry?.listen(0, '127.0.0.1', resolve));
    const address = registry.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    const root = await copy('file-shared');
    const file = join(root, 'service', 'package.json');
    const pkg = JSON.parse(await readFile(file, 'utf8')) as { dependencies: Record<string, string> };
    pkg.dependencies['left-pad'] = '1.3.0';
    await writeFile(file, JSON.stringify(pkg, null, 2));
    const lockFile = join(root, 'service', 'package-lock.json');
    const lock = JSON.parse(await readFile(lockFile, 'utf8')) as {
      packages: Record<string, Record<string, unknown>>;
    };
    (lock.packages[''] as { dependencies: Record<string, string> }).dependencies['left-pad'] = '1.3.0';
    lock.packages['node_modules/left-pad'] = {
      version: '1.3.0',
      resolved: 'https://registry.npmjs.org/left-pad/-/left-pad-1.3.0.tgz',
      integrity:
        'sha512-XI5MPzVNApjAyhQzphX8BkmKsKUxD4LdyK24iZeQEwR3OU0zfhSHkEk+sM1Zgg96yDbxZjbI1cPN/2rsiHaVLA==',
      license: 'WTFPL',
    };
    await writeFile(lockFile, JSON.stringify(lock, null, 2));
    const child = dev(root, ['--node', 'current', '--no-scripts'], {
      npm_config_registry: `http://127.0.0.1:${port}/`,
      npm_config_cache: join(root, '.npm-cache'),
      npm_config_fetch_retries: '0',
    });
    await child.waitFor(/1\/2 applications ready/, 90_000, 'stderr');
    const { stderr } = child.output();
    expect(stderr).toMatch(/service: npm ci failed/);
    expect(stderr).toMatch(
      /service\/package-lock\.json pins left-pad@1\.3\.0, which the npm registry reachable from here does not have \(404 Not Found\)/,
    );
    expect(stderr).toMatch(/Try: check `npm config get registry`/);
  });
});

describe('scripts on demand', () => {
  it('runs preUndeploy from the admin API', async () => {
    const root = await copy('file-shared');
    const yaml = join(root, 'connect.yaml');
    await writeFile(
      yaml,
      (await readFile(yaml, 'utf8')).replace(
        '      postDeploy: npm run connector:post-deploy\n',
        '      postDeploy: npm run connector:post-deploy\n      preUndeploy: node -e "console.log(\'undeployed\')"\n',
      ),
    );
    const child = dev(root, ['--node', 'current']);
    await child.waitFor(/2\/2 applications ready/, 90_000, 'stderr');
    const admin = await adminUrl(root);
    const result = await getJson<{ ran: boolean; code: number }>(
      `${admin}/__connect/api/applications/service/scripts/preUndeploy`,
      { method: 'POST' },
    );
    expect(result).toMatchObject({ ran: true, code: 0 });
    expect(child.output().stdout).toMatch(/\[preUndeploy\] undeployed/);
    const none = await getJson<{ ran: boolean }>(
      `${admin}/__connect/api/applications/event/scripts/preUndeploy`,
      {
        method: 'POST',
      },
    );
    expect(none.ran).toBe(false);
    const bad = await adminFetch(`${admin}/__connect/api/applications/service/scripts/deploy`, {
      method: 'POST',
    });
    expect(bad.status).toBe(400);
    // The same from the CLI.
    const cli = await runCli(['trigger', 'script', 'service', 'preUndeploy', '--path', root, '--json']);
    expect(cli.exitCode).toBe(0);
    expect(JSON.parse(cli.stdout)).toMatchObject({
      application: 'service',
      script: 'preUndeploy',
      ran: true,
      code: 0,
    });
  });
});
