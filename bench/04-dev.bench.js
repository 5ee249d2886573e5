// `connect dev` figures on examples/connector (copied to a temp dir):
// - start to all applications ready, next to the same apps started by hand (`npm start` in each
//   folder with the Node.js connect dev runs them on, one at a time since they all hard-code 8080; the by-hand figure is the slowest of them:
//   when the last app would be ready if all three could start side by side with a core each, so
//   a lower bound on this 2-core machine, where `connect dev` starts all three at once) — target
//   under 1.2x; measured with NODE_EXTRA_CA_CERTS as set here and unset;
// - reload latency from a file save to the new code answering — target under 300 ms (no build step);
// - the emulator's own memory (RSS of the `connect dev` process; its guardian reported apart) —
//   target under 100 MB.
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { connect } from 'node:net';
import { homedir, tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';

import { cli, devAdmin, envWithoutCa, fmt, median, report, root } from './lib.js';

const RUNS = 7;
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

function copyExample() {
  const dir = mkdtempSync(join(tmpdir(), 'bench-dev-'));
  cpSync(join(root, 'examples', 'connector'), dir, { recursive: true });
  return dir;
}

function canConnect(port) {
  return new Promise((resolve) => {
    const socket = connect({ port, host: '127.0.0.1' });
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => (socket.destroy(), resolve(false)));
  });
}

function killGroup(child) {
  try {
    process.kill(-child.pid, 'SIGKILL');
  } catch {
    // already gone
  }
}

async function byHand(dir, app, command = ['npm', 'start'], env = process.env) {
  const start = process.hrtime.bigint();
  const child = spawn(command[0], command.slice(1), {
    cwd: join(dir, app),
    stdio: 'ignore',
    detached: true,
    env,
  });
  while (!(await canConnect(8080))) await sleep(5);
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  killGroup(child);
  while (await canConnect(8080)) await sleep(5);
  return ms;
}

function startDev(dir, args = [], env = process.env) {
  const child = spawn(process.execPath, [cli, 'dev', dir, '--no-scripts', ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...env, NO_COLOR: '1' },
  });
  let stderr = '';
  child.stderr.on('data', (chunk) => (stderr += chunk));
  child.stdout.resume();
  const ready = new Promise((resolve, reject) => {
    const timer = setInterval(() => {
      if (/applications ready/.test(stderr)) {
        clearInterval(timer);
        resolve();
      }
      if (child.exitCode !== null) {
        clearInterval(timer);
        reject(new Error(`connect dev exited: ${stderr}`));
      }
    }, 2);
  });
  const stop = async () => {
    child.kill('SIGTERM');
    if (child.exitCode === null) await new Promise((resolve) => child.once('exit', resolve));
  };
  return { child, ready, stop };
}

function post(url) {
  return new Promise((resolve) => {
    const req = request(url, { method: 'POST' }, (res) => {
      let body = '';
      res.on('data', (chunk) => (body += chunk));
      res.on('end', () => resolve(body));
    });
    req.on('error', () => resolve(''));
    req.end('{}');
  });
}

function rssMb(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return kb / 1024;
}

/**
 * The PATH `connect dev` gives the apps: its default `--node platform` runs them on the Node.js
 * the platform would (24 for the example), fetched once into the cache; by hand they get the same
 * one, so that both sides start the same binary. Without it in the cache: this Node.js.
 */
function platformNodeEnv(env) {
  const cache = env.XDG_CACHE_HOME || join(env.HOME || homedir(), '.cache');
  const bin = join(cache, 'connect', 'node', '24', 'node_modules', 'node', 'bin');
  return existsSync(join(bin, 'node')) ? { ...env, PATH: `${bin}${delimiter}${env.PATH}` } : env;
}

export default async function devBench() {
  const dir = copyExample();
  try {
    // Once, so that the platform's Node.js is in the cache (fetched on a first run) and the disk
    // cache is warm for both sides.
    const warm = startDev(dir, ['--no-watch']);
    await warm.ready;
    await warm.stop();
    // Start to ready, by hand and with `connect dev` alternately, with NODE_EXTRA_CA_CERTS as set
    // here and unset ("[no CA]"; it costs every Node.js start: the emulator's four and npm's two).
    for (const [label, env] of [
      ['', process.env],
      [' [no CA]', envWithoutCa()],
    ]) {
      const hand = [];
      const handSum = [];
      const devTimes = [];
      for (let i = 0; i < RUNS; i += 1) {
        const times = [];
        for (const app of ['service', 'event', 'job'])
          times.push(await byHand(dir, app, undefined, platformNodeEnv(env)));
        hand.push(Math.max(...times));
        handSum.push(times.reduce((a, b) => a + b, 0));
        const start = process.hrtime.bigint();
        const dev = startDev(dir, ['--no-watch'], env);
        await dev.ready;
        devTimes.push(Number(process.hrtime.bigint() - start) / 1e6);
        await dev.stop();
      }
      const handMs = median(hand);
      const devMs = median(devTimes);
      report(`apps ready by hand (npm start, slowest of 3)${label}`, fmt(handMs));
      report(`apps ready by hand (npm start, 3 one after another)${label}`, fmt(median(handSum)));
      report(
        `connect dev start to all 3 apps ready${label}`,
        fmt(devMs),
        `${(devMs / handMs).toFixed(2)}x by hand (target < 1.2x)`,
      );
    }

    // Reload latency and memory.
    const dev = startDev(dir);
    await dev.ready;
    const admin = devAdmin(dir);
    const status = await (
      await fetch(`${admin.adminUrl}/__connect/api/status`, { headers: admin.headers })
    ).json();
    const jobUrl = status.applications.find((app) => app.name === 'job').url;
    await sleep(300);
    const file = join(dir, 'job', 'index.js');
    const original = readFileSync(file, 'utf8');
    const reloads = [];
    for (let i = 1; i <= RUNS; i += 1) {
      const marker = `reload-${i}`;
      const start = process.hrtime.bigint();
      writeFileSync(
        file,
        original.replace('JSON.stringify({ runs })', `JSON.stringify({ runs, marker: '${marker}' })`),
      );
      while (!(await post(jobUrl)).includes(marker)) await sleep(2);
      reloads.push(Number(process.hrtime.bigint() - start) / 1e6);
      await sleep(300);
    }
    const guardian = readFileSync(`/proc/${dev.child.pid}/task/${dev.child.pid}/children`, 'utf8')
      .trim()
      .split(/\s+/)
      .map(Number)
      .find((pid) => readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('connect-dev-guardian'));
    report(
      'emulator RSS (connect dev process, 3 apps running)',
      `${rssMb(dev.child.pid).toFixed(1)} MB`,
      'target < 100 MB',
    );
    if (guardian) report('guardian RSS (separate process)', `${rssMb(guardian).toFixed(1)} MB`);
    await dev.stop();
    const nodeStart = [];
    for (let i = 0; i < RUNS; i += 1)
      nodeStart.push(await byHand(dir, 'job', [process.execPath, 'index.js']));
    const reloadMs = median(reloads);
    const appMs = median(nodeStart);
    report('the job app alone: `node index.js` to listening', fmt(appMs));
    report(
      'reload: file save to new code answering (no build)',
      fmt(reloadMs),
      `${fmt(reloadMs - appMs)} over the app's own start (target < 300 ms)`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
