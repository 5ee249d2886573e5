#!/usr/bin/env node
// Compiles src/ to dist/ and writes the oclif manifest (so `connect` starts without
// importing every command). With --if-stale it does nothing when dist/ is newer than
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
execFileSync(bin('oclif'), ['manifest'], {
  cwd: root,
  stdio: ['ignore', 'ignore', 'inherit'],
  // The oclif tool's own update notice is noise in every build.
  env: { ...process.env, OCLIF_SKIP_NEW_VERSION_CHECK: 'true' },
});
