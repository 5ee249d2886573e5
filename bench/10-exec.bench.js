// `connect dev --exec true` on examples/connector (copied to a temp dir): the whole run (start,
// every app ready, run `true`, stop everything, exit), as a ratio to the emulator's own
// start-to-ready (`connect dev` until its "applications ready" line, as in 04-dev.bench.js).
// What --exec adds is the stop (preUndeploy scripts, SIGTERM to each app, the local platform)
// and, with scripts, waiting for the postDeploy scripts before the command starts.
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { cli, fmt, median, report, root } from './lib.js';

const RUNS = 5;

function startToReady(dir) {
  return new Promise((resolve, reject) => {
    const start = process.hrtime.bigint();
    const child = spawn(
      process.execPath,
      [cli, 'dev', dir, '--no-scripts', '--no-watch', '--admin-port', '0'],
      {
        stdio: ['ignore', 'ignore', 'pipe'],
        env: { ...process.env, NO_COLOR: '1' },
      },
    );
    let stderr = '';
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
      if (/applications ready/.test(stderr) && !child.readyAt) {
        child.readyAt = Number(process.hrtime.bigint() - start) / 1e6;
        child.kill('SIGTERM');
      }
    });
    child.once('exit', () => (child.readyAt ? resolve(child.readyAt) : reject(new Error(stderr))));
  });
}

function execRun(dir, extra = []) {
  const start = process.hrtime.bigint();
  const result = spawnSync(
    process.execPath,
    [cli, 'dev', dir, '--admin-port', '0', ...extra, '--exec', 'true'],
    {
      stdio: ['ignore', 'ignore', 'pipe'],
      env: { ...process.env, NO_COLOR: '1' },
    },
  );
  if (result.status !== 0)
    throw new Error(`connect dev --exec true exited ${result.status}: ${result.stderr}`);
  return Number(process.hrtime.bigint() - start) / 1e6;
}

export default async function execBench() {
  const dir = mkdtempSync(join(tmpdir(), 'bench-exec-'));
  cpSync(join(root, 'examples', 'connector'), dir, { recursive: true });
  try {
    const ready = [];
    const exec = [];
    const execScripts = [];
    for (let i = 0; i < RUNS; i += 1) {
      ready.push(await startToReady(dir));
      exec.push(execRun(dir, ['--no-scripts']));
      execScripts.push(execRun(dir));
    }
    const readyMs = median(ready);
    report('connect dev: start to all 3 apps ready (--no-scripts)', fmt(readyMs));
    report(
      'connect dev --exec true --no-scripts: start, run, stop, exit',
      fmt(median(exec)),
      `${(median(exec) / readyMs).toFixed(2)}x start-to-ready`,
    );
    report(
      'connect dev --exec true (postDeploy before, preUndeploy after)',
      fmt(median(execScripts)),
      `${(median(execScripts) / readyMs).toFixed(2)}x start-to-ready`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
