#!/usr/bin/env node
// Compiles src/ to dist/, bundles the commands into dist/bundle/ and writes the oclif manifest
// (so `connect` starts without importing every command). With --if-stale it does nothing when dist/ is newer than
// every source file, which keeps `npm test` and `npm run bench` quick after a build.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const manifest = join(root, 'oclif.manifest.json');

function newest(dir) {
  let latest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    latest = Math.max(latest, entry.isDirectory() ? newest(path) : statSync(path).mtimeMs);
  }
  return latest;
}

if (process.argv.includes('--if-stale') && existsSync(manifest)) {
  const sources = Math.max(newest(join(root, 'src')), statSync(join(root, 'package.json')).mtimeMs);
  if (statSync(manifest).mtimeMs >= sources) process.exit(0);
}

const bin = (name) => join(root, 'node_modules', '.bin', name);
rmSync(join(root, 'dist'), { force: true, recursive: true });
rmSync(manifest, { force: true });
execFileSync(bin('tsc'), ['-p', join(root, 'tsconfig.json')], { cwd: root, stdio: 'inherit' });
// The declarations of `connect-cli/testing` (package.json "exports"), with what they import.
execFileSync(bin('tsc'), ['-p', join(root, 'tsconfig.testing.json')], { cwd: root, stdio: 'inherit' });
await bundle();
await bundlePreloads();
await bundleTestingCommonJs();
execFileSync(bin('oclif'), ['manifest'], {
  cwd: root,
  stdio: ['ignore', 'ignore', 'inherit'],
  // The oclif tool's own update notice is noise in every build.
  env: { ...process.env, OCLIF_SKIP_NEW_VERSION_CHECK: 'true' },
});

/**
 * One ESM bundle per command (and hook) with shared chunks, dependencies included: Node.js
 * resolves, reads and compiles one file instead of hundreds, which takes 100-300 ms off every
 * start and 10-20 MB off `connect dev`. Dynamic `import()`s stay lazy as chunks of their own.
 * bin/run.js takes oclif's runner from the bundle too (dist/cli/main.js), so the runner and the
 * commands share one copy of @oclif/core. The oclif plugins (help, autocomplete, not-found) stay
 * outside: oclif loads them from node_modules by their package names.
 * The preloads, which other processes load by path, are bundled apart (bundlePreloads).
 */
async function bundle() {
  const { build } = await import('esbuild');
  const dist = join(root, 'dist');
  const entries = [
    join(dist, 'cli', 'main.js'),
    join(dist, 'cli', 'hooks', 'command-not-found.js'),
    join(dist, 'cli', 'dev', 'fast.js'),
    // `import { startEmulator } from 'connect-cli/testing'` (package.json "exports").
    join(dist, 'testing', 'index.js'),
  ];
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith('.js')) entries.push(path);
    }
  };
  walk(join(dist, 'commands'));
  await build({
    entryPoints: entries,
    outbase: dist,
    outdir: join(dist, 'bundle'),
    chunkNames: 'chunks/[name]-[hash]',
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20.19',
    // typescript and ts-node: oclif's development mode only (running a plugin from its .ts sources).
    external: ['@oclif/plugin-*', 'typescript', 'ts-node'],
    alias: { msw: join(root, 'scripts', 'bundle', 'msw-stub.js') },
    plugins: [builtinsByRequire(['http'])],
    // CommonJS dependencies inside an ES module still need `require` for Node's built-ins.
    banner: {
      js: "import { createRequire as __connectCreateRequire } from 'node:module'; const require = __connectCreateRequire(import.meta.url);",
    },
    // Minified: V8 keeps the source of every loaded module in memory, and the local platform's
    // dependencies are large (about 10 MB less RSS for `connect dev`). Stack traces map back to
    // the sources with NODE_OPTIONS=--enable-source-maps.
    minify: true,
    sourcemap: 'linked',
    logLevel: 'warning',
  });
}

/**
 * Node.js 22+ gives `node:http` lazy exports (WebSocket, CloseEvent, MessageEvent) that load its
 * copy of undici when read, and `import`ing a built-in reads every export to build the module's
 * namespace: about 30 ms of CPU at every start of `connect dev`, before any app is spawned.
 * `require` reads nothing. So the bundle takes these built-ins through `require` (the banner's),
 * behind a module that re-exports their plain values (the lazy ones stay on the default export).
 */
function builtinsByRequire(names) {
  const filter = new RegExp(`^(node:)?(${names.join('|')})$`);
  const namespace = 'builtin-by-require';
  return {
    name: namespace,
    setup(build) {
      build.onResolve({ filter }, (args) => {
        const name = args.path.replace(/^node:/, '');
        if (args.kind === 'require-call') return { path: `node:${name}`, external: true };
        return { path: name, namespace };
      });
      build.onLoad({ filter: /.*/, namespace }, async ({ path }) => {
        const { createRequire } = await import('node:module');
        const plain = Object.entries(Object.getOwnPropertyDescriptors(createRequire(import.meta.url)(path)))
          .filter(([key, descriptor]) => 'value' in descriptor && /^[A-Za-z_$][\w$]*$/.test(key))
          .map(([key]) => key);
        const contents = [
          `const builtin = require('node:${path}');`,
          'export default builtin;',
          ...plain.map((key) => `export const ${key} = builtin.${key};`),
        ].join('\n');
        return { contents, loader: 'js', resolveDir: root };
      });
    },
  };
}

/**
 * `require('connect-cli/testing')` (jest without ES modules): the same library as one CommonJS
 * file. `import.meta.url` (package-root.ts finds the package from it) becomes the file's URL.
 */
async function bundleTestingCommonJs() {
  const { build } = await import('esbuild');
  await build({
    entryPoints: [join(root, 'dist', 'testing', 'index.js')],
    outfile: join(root, 'dist', 'bundle', 'testing', 'index.cjs'),
    bundle: true,
    format: 'cjs',
    platform: 'node',
    target: 'node20.19',
    external: ['typescript', 'ts-node'],
    alias: { msw: join(root, 'scripts', 'bundle', 'msw-stub.js') },
    define: { 'import.meta.url': '__connectImportMetaUrl' },
    // jest runs CommonJS in a vm context whose `import()` throws "A dynamic import callback was
    // invoked without --experimental-vm-modules": every `import()` left in the file (Node.js
    // built-ins loaded lazily, e.g. `await import('node:fs/promises')`) becomes a `require`.
    supported: { 'dynamic-import': false },
    banner: { js: "const __connectImportMetaUrl = require('node:url').pathToFileURL(__filename).href;" },
    minify: true,
    sourcemap: 'linked',
    logLevel: 'warning',
  });
}

/**
 * The preloads that `connect dev` puts into every application process (NODE_OPTIONS), as single
 * CommonJS files for `--require`: an `--import` preload starts Node.js's ES module loader before
 * the app, which costs every app start (and restart) 10-20 ms more. `--require` runs before CommonJS
 * and ES module apps alike. Syntax for Node 18, in case an app's own Node.js is older than ours.
 */
async function bundlePreloads() {
  const { build } = await import('esbuild');
  const preload = join(root, 'dist', 'emulator', 'supervisor', 'preload');
  await build({
    entryPoints: { app: join(preload, 'index.js'), 'host-redirect': join(preload, 'host-redirect.js') },
    outdir: join(root, 'dist', 'preload'),
    outExtension: { '.js': '.cjs' },
    bundle: true,
    format: 'cjs',
    platform: 'node',
    target: 'node18',
    logLevel: 'warning',
  });
}
