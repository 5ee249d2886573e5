// `connect dev` on a kit-style TypeScript connector (generated here, in the style of the
// platform's starters: four apps, service, event, job and a second service "processor" as a
// payment connector has; each `gcp-build: tsc` into build/, `start: node build/index.js`, one
// HTTP server on the hard-coded 8080):
// - start to all four apps ready under `connect dev` (installed already; builds with tsc, starts),
//   against the same apps built (`tsc`) and started (`node build/index.js`) by hand, one at a time
//   (they all listen on 8080): the ratio to the slowest app by hand (a lower bound: as if all four
//   could build and start side by side with a core each) and to all four one after another;
// - Ctrl-C: SIGINT to the `connect dev` process gone (target under 2 s plus the apps' own
//   shutdown, which is immediate here).
// Both sides run on this Node.js (`connect dev --node current`) and the TypeScript compiler of
// this repository (the apps' node_modules is a link to it: nothing is fetched).
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { cli, fmt, median, report, root } from './lib.js';

const RUNS = 5;
const APPS = [
  ['service', 'service', '/service'],
  ['event', 'event', '/event'],
  ['job', 'job', '/job'],
  ['processor', 'service', '/'],
];
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

const INDEX = (name) => `import * as dotenvLike from './config';
import { createServer, IncomingMessage, ServerResponse } from 'node:http';
import { handle } from './routes';

const PORT = 8080;

const server = createServer((req: IncomingMessage, res: ServerResponse) => {
  handle(req, res).catch((error: unknown) => {
    res.statusCode = 500;
    res.end(String(error));
  });
});

server.listen(PORT, () => {
  console.info(\`${name} running on port \${PORT} (\${dotenvLike.region()})\`);
});
`;
const CONFIG = `export function region(): string {
  return process.env.CTP_REGION ?? 'europe-west1.gcp';
}

export interface Settings {
  projectKey: string;
  clientId: string;
}

export function readSettings(): Settings {
  return { projectKey: process.env.CTP_PROJECT_KEY ?? '', clientId: process.env.CTP_CLIENT_ID ?? '' };
}
`;
const ROUTES = `import type { IncomingMessage, ServerResponse } from 'node:http';
import { readSettings } from './config';

async function body(req: IncomingMessage): Promise<string> {
  let text = '';
  for await (const chunk of req) text += String(chunk);
  return text;
}

export async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
  const text = req.method === 'POST' ? await body(req) : '';
  const settings = readSettings();
  res.setHeader('content-type', 'application/json');
  res.end(JSON.stringify({ ok: true, bytes: text.length, project: settings.projectKey }));
}
`;
const TSCONFIG = JSON.stringify(
  {
    compilerOptions: {
      target: 'ES2022',
      module: 'commonjs',
      strict: true,
      esModuleInterop: true,
      skipLibCheck: true,
      types: ['node'],
      outDir: './build',
      rootDir: './src',
    },
    exclude: ['node_modules', 'build'],
  },
  null,
  2,
);

function connector() {
  const dir = mkdtempSync(join(tmpdir(), 'bench-build-'));
  const yaml = ['deployAs:'];
  for (const [name, type, endpoint] of APPS) {
    yaml.push(`  - name: ${name}`, `    applicationType: ${type}`, `    endpoint: ${endpoint}`);
    if (type === 'job') yaml.push('    properties:', '      schedule: "0 0 * * *"');
    mkdirSync(join(dir, name, 'src'), { recursive: true });
    writeFileSync(
      join(dir, name, 'package.json'),
      JSON.stringify(
        {
          name: `${name}-typescript`,
          version: '1.0.0',
          private: true,
          engines: { node: '22 || 24' },
          scripts: { start: 'node build/index.js', 'gcp-build': 'tsc', build: 'tsc' },
        },
        null,
        2,
      ),
    );
    writeFileSync(join(dir, name, 'tsconfig.json'), TSCONFIG);
    writeFileSync(join(dir, name, 'src', 'index.ts'), INDEX(name));
    writeFileSync(join(dir, name, 'src', 'config.ts'), CONFIG);
    writeFileSync(join(dir, name, 'src', 'routes.ts'), ROUTES);
  }
  writeFileSync(join(dir, 'connect.yaml'), `${yaml.join('\n')}\n`);
  // The compiler and @types/node, found from every app as `npm run` finds them (PATH and
  // module resolution walk up to the repository's node_modules).
  symlinkSync(join(root, 'node_modules'), join(dir, 'node_modules'));
  return dir;
}

function canConnect(port) {
  return new Promise((resolve) => {
    const socket = connect({ port, host: '127.0.0.1' });
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => (socket.destroy(), resolve(false)));
  });
}

function run(command, args, cwd) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, stdio: 'ignore' });
    child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${command} exited ${code}`))));
  });
}

/** `tsc` then `node build/index.js` until 8080 accepts connections. */
async function byHand(dir, app) {
  const cwd = join(dir, app);
  rmSync(join(cwd, 'build'), { recursive: true, force: true });
  const start = process.hrtime.bigint();
  await run(process.execPath, [join(root, 'node_modules', 'typescript', 'bin', 'tsc')], cwd);
  const child = spawn(process.execPath, ['build/index.js'], { cwd, stdio: 'ignore', detached: true });
  while (!(await canConnect(8080))) await sleep(5);
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  process.kill(-child.pid, 'SIGKILL');
  while (await canConnect(8080)) await sleep(5);
  return ms;
}

function startDev(dir) {
  const child = spawn(
    process.execPath,
    [
      cli,
      'dev',
      dir,
      '--no-scripts',
      '--no-watch',
      '--no-platform',
      '--node',
      'current',
      '--admin-port',
      '0',
    ],
    { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NO_COLOR: '1' } },
  );
  let stderr = '';
  child.stderr.on('data', (chunk) => (stderr += chunk));
  child.stdout.resume();
  const ready = new Promise((resolve, reject) => {
    const timer = setInterval(() => {
      if (/4\/4 applications ready/.test(stderr)) {
        clearInterval(timer);
        resolve();
      } else if (/applications ready/.test(stderr) || child.exitCode !== null) {
        clearInterval(timer);
        reject(new Error(`connect dev did not start the 4 apps: ${stderr}`));
      }
    }, 2);
  });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  return { child, ready, exited };
}

export default async function buildBench() {
  const dir = connector();
  try {
    const hand = [];
    const handSum = [];
    const devTimes = [];
    const stops = [];
    for (let i = 0; i < RUNS; i += 1) {
      const times = [];
      for (const [app] of APPS) times.push(await byHand(dir, app));
      hand.push(Math.max(...times));
      handSum.push(times.reduce((a, b) => a + b, 0));
      for (const [app] of APPS) rmSync(join(dir, app, 'build'), { recursive: true, force: true });
      const start = process.hrtime.bigint();
      const dev = startDev(dir);
      await dev.ready;
      devTimes.push(Number(process.hrtime.bigint() - start) / 1e6);
      const stopStart = process.hrtime.bigint();
      dev.child.kill('SIGINT');
      await dev.exited;
      stops.push(Number(process.hrtime.bigint() - stopStart) / 1e6);
    }
    const handMs = median(hand);
    const sumMs = median(handSum);
    const devMs = median(devTimes);
    report('kit-style TS, by hand: tsc + node, slowest of 4', fmt(handMs));
    report('kit-style TS, by hand: tsc + node, 4 one after another', fmt(sumMs));
    report(
      'kit-style TS, connect dev start to 4 apps ready (tsc builds)',
      fmt(devMs),
      `${(devMs / handMs).toFixed(2)}x slowest by hand, ${(devMs / sumMs).toFixed(2)}x all by hand`,
    );
    report('kit-style TS, Ctrl-C to connect dev gone', fmt(median(stops)), 'target < 2000 ms');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
