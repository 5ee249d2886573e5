// Shared helpers for benchmarks: wall-time medians of commands, measured in the same run
// as a `node -e 0` baseline, with and without NODE_EXTRA_CA_CERTS (which adds ~90 ms to
// every Node start on our machines).
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

export const root = fileURLToPath(new URL('..', import.meta.url));
export const cli = join(root, 'bin', 'run.js');

export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

export function envWithoutCa(env = process.env) {
  const copy = { ...env };
  delete copy.NODE_EXTRA_CA_CERTS;
  return copy;
}

/** Median wall time in ms of running `command args` `runs` times (after one warm-up). */
export function timeCommand(command, args, { runs = 15, env = process.env, cwd = root } = {}) {
  const once = () => {
    const start = process.hrtime.bigint();
    const result = spawnSync(command, args, { env, cwd, stdio: 'ignore' });
    const ms = Number(process.hrtime.bigint() - start) / 1e6;
    if (result.status !== 0 && result.status !== 1) {
      throw new Error(`${command} ${args.join(' ')} exited ${result.status}`);
    }
    return ms;
  };
  once();
  const samples = Array.from({ length: runs }, once);
  return median(samples);
}

export function fmt(ms) {
  return `${ms.toFixed(1)} ms`;
}

export function report(name, value, extra = '') {
  process.stdout.write(`${name.padEnd(58)} ${String(value).padStart(14)}${extra ? `  ${extra}` : ''}\n`);
}

/**
 * Where the `connect dev` running on `repo` answers, from its `.connect/dev.json`: the admin URL,
 * and the admin API's per-run token as a header (every admin request needs it) and as the
 * dashboard's `?token=` query.
 */
export function devAdmin(repo) {
  const { adminUrl, token } = JSON.parse(readFileSync(join(repo, '.connect', 'dev.json'), 'utf8'));
  return {
    adminUrl,
    headers: { authorization: `Bearer ${token}` },
    dashboardUrl: `${adminUrl}/__connect/?token=${encodeURIComponent(token)}`,
  };
}
