// A Java service (test/fixtures/java/svc-a: the JDK's HTTP server, no dependencies), start to
// ready:
// - by hand, as the platform starts it: `java -jar target/svc-a-1.0.0.jar` with PORT set, until
//   the port accepts connections;
// - under `connect dev --no-build` (the jar is built once beforehand): from the command to
//   "applications ready", the emulator's own start included;
// - under `connect dev` when the jar is newer than the sources (no Maven run), and after a
//   source changed (`mvn package -DskipTests`, incremental: what every reload pays).
// Skipped, with one line saying why, without java and mvn. On Debian the build reads Debian's
// Maven repository (as the tests do: test/helpers/java.ts).
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { connect, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';

import { cli, fmt, median, report, root } from './lib.js';

const RUNS = 5;
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

function onPath(name) {
  return (process.env.PATH ?? '').split(delimiter).some((dir) => dir && existsSync(join(dir, name)));
}

function mavenEnv() {
  const debian = '/usr/share/maven-repo';
  if (!existsSync(join(debian, 'org/apache/maven/plugins/maven-jar-plugin/3.3.0'))) return process.env;
  const home = join(tmpdir(), 'connect-cli-java-tests');
  mkdirSync(join(home, '.m2'), { recursive: true });
  const repository = (tag) =>
    `<${tag}><id>central</id><url>file://${debian}</url><releases><checksumPolicy>ignore</checksumPolicy></releases><snapshots><enabled>false</enabled></snapshots></${tag}>`;
  writeFileSync(
    join(home, '.m2', 'settings.xml'),
    `<settings><profiles><profile><id>debian</id><repositories>${repository('repository')}</repositories><pluginRepositories>${repository('pluginRepository')}</pluginRepositories></profile></profiles><activeProfiles><activeProfile>debian</activeProfile></activeProfiles></settings>\n`,
  );
  return { ...process.env, MAVEN_OPTS: `-Duser.home=${home}` };
}

function freePort() {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

function canConnect(port) {
  return new Promise((resolve) => {
    const socket = connect({ port, host: '127.0.0.1' });
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => (socket.destroy(), resolve(false)));
  });
}

async function byHand(dir) {
  const port = await freePort();
  const start = process.hrtime.bigint();
  const child = spawn('java', ['-jar', join('target', 'svc-a-1.0.0.jar')], {
    cwd: join(dir, 'svc-a'),
    stdio: 'ignore',
    env: { ...process.env, PORT: String(port) },
  });
  while (!(await canConnect(port))) await sleep(5);
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  child.kill('SIGTERM');
  await new Promise((resolve) => child.once('exit', resolve));
  return ms;
}

async function underDev(dir, args, env) {
  const start = process.hrtime.bigint();
  const child = spawn(
    process.execPath,
    [cli, 'dev', dir, '--admin-port', '0', '--no-watch', '--no-scripts', ...args],
    {
      stdio: ['ignore', 'ignore', 'pipe'],
      env: { ...env, NO_COLOR: '1' },
    },
  );
  let stderr = '';
  child.stderr.on('data', (chunk) => (stderr += chunk));
  while (!/applications ready/.test(stderr)) {
    if (child.exitCode !== null) throw new Error(`connect dev exited: ${stderr}`);
    await sleep(2);
  }
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  child.kill('SIGTERM');
  await new Promise((resolve) => child.once('exit', resolve));
  return ms;
}

export default async function javaBench() {
  if (!['java', 'javac', 'mvn'].every(onPath)) {
    report(
      'java service start to ready',
      'skipped',
      'no java/javac/mvn: install a JDK 17 and Maven (see .ci/run)',
    );
    return;
  }
  const env = mavenEnv();
  const dir = mkdtempSync(join(tmpdir(), 'bench-java-'));
  try {
    cpSync(join(root, 'test', 'fixtures', 'java', 'svc-a'), join(dir, 'svc-a'), { recursive: true });
    writeFileSync(
      join(dir, 'connect.yaml'),
      'deployAs:\n  - name: svc-a\n    applicationType: service\n    endpoint: /a\n',
    );
    const build = spawnSync('mvn', ['-B', '-q', 'package', '-DskipTests'], { cwd: join(dir, 'svc-a'), env });
    if (build.status !== 0) throw new Error(`mvn package failed:\n${build.stdout}${build.stderr}`);
    await byHand(dir);
    const hand = [];
    const dev = [];
    for (let i = 0; i < RUNS; i += 1) {
      hand.push(await byHand(dir));
      dev.push(await underDev(dir, ['--no-build'], env));
    }
    const handMs = median(hand);
    const devMs = median(dev);
    report('java service ready by hand (java -jar)', fmt(handMs));
    report(
      'connect dev --no-build start to java service ready',
      fmt(devMs),
      `${(devMs / handMs).toFixed(2)}x by hand (+${fmt(devMs - handMs)})`,
    );
    const upToDate = [];
    for (let i = 0; i < 3; i += 1) upToDate.push(await underDev(dir, [], env));
    report('connect dev, jar up to date (no Maven run), to ready', fmt(median(upToDate)), 'median of 3');
    const source = join(dir, 'svc-a', 'src', 'main', 'java', 'fixture', 'Message.java');
    const built = [];
    for (let i = 0; i < 3; i += 1) {
      utimesSync(source, new Date(), new Date());
      built.push(await underDev(dir, [], env));
    }
    report('connect dev, a source changed (mvn package), to ready', fmt(median(built)), 'median of 3');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
