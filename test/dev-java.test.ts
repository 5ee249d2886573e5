/**
 * `connect dev` on Java applications, end to end: the built CLI on a repository of two Java
 * services (one reads PORT, the other SERVER_PORT) and a Java job, built with Maven and run
 * with `java -jar`. Extension calls, a job run, a reload that rebuilds, a failed build that
 * keeps the previous version, Ctrl-C that leaves no JVM; and the apps that cannot run (no
 * Maven, a JDK older than the pom needs) stop alone with a message while the others run.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { cp, mkdir, readFile, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { EmulatorStatus } from '../src/emulator/emulator.js';
import type { ExtensionCall } from '../src/emulator/extensions/runner.js';
import type { JobRun } from '../src/emulator/types.js';
import { repoRoot, runCli, tempDir } from './helpers/cli.js';
import { javaSkip, mavenEnv } from './helpers/java.js';
import {
  adminUrl,
  allGone,
  apps,
  eventually,
  getJson,
  sleep,
  startDev,
  type DevProcess,
} from './dev-helpers.js';

interface JavaAnswer {
  pid: number;
  message: string;
  env: Record<string, string | null>;
}

const fixture = join(repoRoot, 'test', 'fixtures', 'java');

/** Pids of the JVMs whose command line names the repository. */
function jvmsOf(root: string): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const command = readFileSync(`/proc/${entry}/cmdline`, 'utf8');
      if (command.includes('java') && command.includes(root)) pids.push(Number(entry));
    } catch {
      // gone meanwhile
    }
  }
  return pids;
}

describe.skipIf(javaSkip !== undefined)('connect dev on Java applications', () => {
  let repo: { path: string; cleanup: () => Promise<void> };
  let dev: DevProcess;
  let admin: string;
  const env = mavenEnv();

  beforeAll(async () => {
    repo = await tempDir('connect-dev-java-');
    await cp(fixture, repo.path, { recursive: true });
    dev = startDev([repo.path, '--admin-port', '0', '--grace', '3000'], { env });
    await dev.waitFor(/applications ready/, 240_000, 'stderr');
    admin = await adminUrl(repo.path);
  }, 260_000);

  afterAll(async () => {
    if (dev.exitCode === null) dev.kill('SIGKILL');
    await repo.cleanup();
  });

  const answer = async (name: string): Promise<JavaAnswer> => {
    const app = await apps(admin);
    return getJson<JavaAnswer>(app(name).url ?? 'http://127.0.0.1:1/');
  };

  it('runs both services side by side, each on its own PORT and SERVER_PORT', async () => {
    const app = await apps(admin);
    for (const name of ['svc-a', 'svc-b', 'job']) expect(app(name).state).toBe('ready');
    expect(app('svc-a').port).not.toBe(app('svc-b').port);
    const a = await answer('svc-a');
    const b = await answer('svc-b');
    // Behind their gateways (on `port`), the apps listen on their own PORT (appPort).
    expect(a.env.PORT).toBe(String(app('svc-a').appPort));
    expect(a.env.SERVER_PORT).toBe(String(app('svc-a').appPort));
    expect(b.env.SERVER_PORT).toBe(String(app('svc-b').appPort));
    expect(a.message).toBe('v1');
    // The JVM reaches the local API through CTP_API_URL; the Node.js preload is not passed on.
    expect(a.env.CTP_API_URL).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(a.env.NODE_OPTIONS).toBeNull();
    // The pid shown is the JVM's own (it leads its process group).
    expect(app('svc-a').pid).toBe(a.pid);
  });

  it('calls both services as API Extensions and judges their answers', async () => {
    const called = await Promise.all(
      ['svc-a', 'svc-b'].map((name) =>
        runCli(
          [
            'trigger',
            'extension',
            name,
            '--resource',
            'cart',
            '--action',
            'Create',
            '--json',
            '--path',
            repo.path,
          ],
          { env },
        ),
      ),
    );
    for (const result of called) expect(result.exitCode, result.stderr).toBe(0);
    const [a, b] = called.map((result) => JSON.parse(result.stdout) as ExtensionCall);
    expect(a?.verdict).toMatchObject({ ok: true });
    expect(a?.response?.body).toEqual({
      actions: [{ action: 'setCustomerEmail', email: 'a-v1@example.com' }],
    });
    expect(b?.verdict).toMatchObject({ ok: true });
    expect(b?.response?.body).toEqual({ actions: [] });
  });

  it('runs the job', async () => {
    const result = await runCli(['trigger', 'job', 'job', '--json', '--path', repo.path], { env });
    expect(result.exitCode, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout) as JobRun).toMatchObject({ statusCode: 200, outcome: 'ok' });
  });

  it('rebuilds and restarts a service when its source changes, and only that one', async () => {
    const before = await answer('svc-a');
    const other = await answer('svc-b');
    const file = join(repo.path, 'svc-a', 'src', 'main', 'java', 'fixture', 'Message.java');
    await writeFile(file, (await readFile(file, 'utf8')).replace('"v1"', '"v2"'));
    const after = await eventually(
      async () => {
        const now = await answer('svc-a').catch(() => undefined);
        return now?.message === 'v2' ? now : undefined;
      },
      120_000,
      'svc-a answering v2',
    );
    expect(after.pid).not.toBe(before.pid);
    expect(jvmsOf(repo.path)).not.toContain(before.pid);
    expect((await answer('svc-b')).pid).toBe(other.pid);
  }, 130_000);

  it('keeps the previous version running when the build fails', async () => {
    const before = await answer('svc-a');
    const file = join(repo.path, 'svc-a', 'src', 'main', 'java', 'fixture', 'Message.java');
    const source = await readFile(file, 'utf8');
    await writeFile(file, source.replace('private Message', 'privat Message'));
    await dev.waitFor(
      /svc-a: mvn package -DskipTests failed .*previous version keeps running/,
      120_000,
      'stderr',
    );
    expect(dev.output().stderr).toMatch(/Message\.java:\[\d+,\d+\]/);
    const still = await answer('svc-a');
    expect(still).toMatchObject({ pid: before.pid, message: 'v2' });
    const status = await getJson<EmulatorStatus>(`${admin}/__connect/api/status`);
    expect(status.applications.find((app) => app.name === 'svc-a')).toMatchObject({
      state: 'ready',
      lastError: expect.stringMatching(/mvn package -DskipTests failed/),
    });
  }, 130_000);

  it('stops every JVM on Ctrl-C', async () => {
    const pids = jvmsOf(repo.path);
    expect(pids.length).toBeGreaterThanOrEqual(3);
    dev.kill('SIGINT');
    await dev;
    expect(await allGone(pids, 10_000)).toEqual([]);
    expect(jvmsOf(repo.path)).toEqual([]);
  }, 30_000);
});

describe.skipIf(javaSkip !== undefined)('connect dev when a Java application cannot run', () => {
  it('stops that application with what to install; the others run', async () => {
    const repo = await tempDir('connect-dev-java-missing-');
    try {
      // A PATH with java and node but no Maven.
      const bin = join(repo.path, 'bin');
      await mkdir(bin);
      for (const tool of ['java', 'javac']) await symlink(`/usr/bin/${tool}`, join(bin, tool));
      await symlink(process.execPath, join(bin, 'node'));
      await cp(join(fixture, 'svc-a'), join(repo.path, 'no-maven'), { recursive: true });
      await cp(join(fixture, 'svc-b'), join(repo.path, 'newer-java'), { recursive: true });
      const pom = join(repo.path, 'newer-java', 'pom.xml');
      // 25: a release the runtime has (validate accepts it, so dev does not refuse the repository),
      // newer than this machine's JDK (17)
      await writeFile(pom, (await readFile(pom, 'utf8')).replace('>17<', '>25<'));
      await mkdir(join(repo.path, 'node-app'));
      await writeFile(
        join(repo.path, 'node-app', 'package.json'),
        JSON.stringify({ name: 'node-app', scripts: { start: 'node server.js' } }),
      );
      await writeFile(
        join(repo.path, 'node-app', 'server.js'),
        "require('node:http').createServer((q, s) => s.end('ok')).listen(process.env.PORT);\n",
      );
      await writeFile(
        join(repo.path, 'connect.yaml'),
        ['no-maven', 'newer-java', 'node-app']
          .map((name) => `  - name: ${name}\n    applicationType: service\n    endpoint: /\n`)
          .join('')
          .replace(/^/, 'deployAs:\n'),
      );
      const dev = startDev([repo.path, '--admin-port', '0', '--no-watch'], {
        env: { ...mavenEnv(), PATH: bin, JAVA_HOME: '' },
      });
      try {
        await dev.waitFor(/applications ready/, 60_000, 'stderr');
        const { stderr } = dev.output();
        expect(stderr).toMatch(/no-maven: Maven \(mvn\) is not installed.*\nTry: install Maven/);
        expect(stderr).toMatch(
          /newer-java: it needs Java 25 \(pom\.xml maven\.compiler\.release\) but \S+ is Java \d+/,
        );
        expect(stderr).toMatch(/Try: install JDK 25/);
        const app = await apps(await adminUrl(repo.path));
        expect(app('node-app').state).toBe('ready');
        expect(app('no-maven')).toMatchObject({ state: 'crashed', lastError: 'mvn not found' });
        expect(app('newer-java').state).toBe('crashed');
      } finally {
        dev.kill('SIGINT');
        await dev;
      }
    } finally {
      await repo.cleanup();
    }
  }, 90_000);
});

describe.skipIf(javaSkip !== undefined)('connect dev --inspect on a Java application', () => {
  it('starts the JVM with the JDWP agent on a printed port that answers the JDWP handshake', async () => {
    const repo = await tempDir('connect-dev-java-inspect-');
    try {
      await cp(fixture, repo.path, { recursive: true });
      const dev = startDev(
        [repo.path, '--admin-port', '0', '--no-watch', '--only', 'svc-a,svc-b', '--inspect=svc-a'],
        { env: mavenEnv() },
      );
      try {
        await dev.waitFor(/applications ready/, 240_000, 'stderr');
        const { stderr } = dev.output();
        const port = Number(/svc-a: JDWP debugger on 127\.0\.0\.1:(\d+);/.exec(stderr)?.[1]);
        expect(port).toBeGreaterThan(0);
        expect(stderr).toContain(`jdb -attach 127.0.0.1:${port}`);
        // Only the application named gets a debugger.
        expect(stderr).not.toMatch(/svc-b: JDWP/);
        const jvm = jvmsOf(repo.path).map((pid) => readFileSync(`/proc/${pid}/cmdline`, 'utf8'));
        expect(jvm.filter((command) => command.includes('-agentlib:jdwp='))).toEqual([
          expect.stringContaining(`server=y,suspend=n,address=127.0.0.1:${port}`),
        ]);
        // A real JDWP handshake: the agent answers the 14 ASCII bytes with the same 14.
        const reply = await new Promise<string>((resolve, reject) => {
          const socket = connect(port, '127.0.0.1', () => socket.write('JDWP-Handshake'));
          let received = Buffer.alloc(0);
          const timer = setTimeout(() => {
            socket.destroy();
            reject(new Error(`no handshake within 10 s (got ${JSON.stringify(received.toString())})`));
          }, 10_000);
          socket.on('data', (chunk: Buffer) => {
            received = Buffer.concat([received, chunk]);
            if (received.length >= 14) {
              clearTimeout(timer);
              socket.destroy();
              resolve(received.subarray(0, 14).toString('ascii'));
            }
          });
          socket.on('error', (error) => {
            clearTimeout(timer);
            reject(error);
          });
        });
        expect(reply).toBe('JDWP-Handshake');
        // The debugger detached; the service still answers.
        const app = await apps(await adminUrl(repo.path));
        expect(app('svc-a').state).toBe('ready');
        expect((await getJson<JavaAnswer>(app('svc-a').url ?? 'http://127.0.0.1:1/')).message).toBe('v1');
      } finally {
        dev.kill('SIGINT');
        await dev;
      }
    } finally {
      await repo.cleanup();
    }
  }, 260_000);
});

/**
 * A minimal JDWP debugger: the handshake, then, once the agent's VM_START event (Event.Composite,
 * 64/100; with suspend=y every thread is suspended) has come, VirtualMachine.Resume (1/9).
 * Resolves with the socket (kept open: the debugger stays attached) once the reply says no error.
 */
function attachAndResume(port: number): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => socket.write('JDWP-Handshake'));
    let received = Buffer.alloc(0);
    let shaken = false;
    const seen: string[] = [];
    const timer = setTimeout(() => {
      socket.destroy();
      reject(
        new Error(`no JDWP VM_START and Resume reply within 20 s (saw: ${seen.join(', ') || 'nothing'})`),
      );
    }, 20_000);
    socket.on('data', (chunk: Buffer) => {
      received = Buffer.concat([received, chunk]);
      if (!shaken) {
        if (received.length < 14) return;
        if (received.subarray(0, 14).toString('ascii') !== 'JDWP-Handshake') {
          clearTimeout(timer);
          reject(new Error(`not a JDWP handshake: ${JSON.stringify(received.toString())}`));
          return;
        }
        shaken = true;
        received = received.subarray(14);
      }
      while (received.length >= 11 && received.length >= received.readUInt32BE(0)) {
        const packet = received.subarray(0, received.readUInt32BE(0));
        received = received.subarray(packet.length);
        const reply = packet[8] === 0x80;
        seen.push(
          reply
            ? `reply ${packet.readUInt32BE(4)} error ${packet.readUInt16BE(9)}`
            : `command ${packet[9]}/${packet[10]}`,
        );
        if (!reply && packet[9] === 64 && packet[10] === 100) {
          // id 1, flags 0, command set 1 (VirtualMachine), command 9 (Resume), no data.
          const resume = Buffer.from([0, 0, 0, 11, 0, 0, 0, 1, 0, 1, 9]);
          socket.write(resume);
        } else if (reply && packet.readUInt32BE(4) === 1) {
          clearTimeout(timer);
          if (packet.readUInt16BE(9) === 0) resolve(socket);
          else reject(new Error(`VirtualMachine.Resume failed: JDWP error ${packet.readUInt16BE(9)}`));
        }
      }
    });
    socket.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
  });
}

describe.skipIf(javaSkip !== undefined)('connect dev --inspect-brk on a Java application', () => {
  it('the JVM waits for a real debugger, runs once it resumes, and waits again on the same port after a reload', async () => {
    const repo = await tempDir('connect-dev-java-brk-');
    const debuggers: Socket[] = [];
    try {
      await cp(fixture, repo.path, { recursive: true });
      const dev = startDev([repo.path, '--admin-port', '0', '--only', 'svc-a', '--inspect-brk=svc-a'], {
        env: mavenEnv(),
      });
      try {
        const waiting =
          /svc-a: JDWP debugger listening on 127\.0\.0\.1:(\d+) \(the JVM waits for it before main\)/g;
        await dev.waitFor(new RegExp(waiting.source), 240_000, 'stderr');
        const port = Number([...dev.output().stderr.matchAll(waiting)][0]?.[1]);
        expect(dev.output().stderr).toContain(`svc-a: JDWP debugger on 127.0.0.1:${port} (suspend=y`);
        const admin = await eventually(() => adminUrl(repo.path), 10_000, 'dev.json');
        const app = async () => (await apps(admin))('svc-a');
        // Suspended before main: the JVM runs, its HTTP port stays closed.
        await sleep(2000);
        expect((await app()).state).toBe('starting');
        const url = (await app()).url ?? 'http://127.0.0.1:1/';
        await expect(fetch(url, { signal: AbortSignal.timeout(2000) })).rejects.toThrow();

        debuggers.push(await attachAndResume(port));
        await eventually(async () => (await app()).state === 'ready', 30_000, 'svc-a ready once resumed');
        expect((await getJson<JavaAnswer>(url)).message).toBe('v1');

        // A reload: rebuilt, restarted, and suspended again on the same port.
        const file = join(repo.path, 'svc-a', 'src', 'main', 'java', 'fixture', 'Message.java');
        await writeFile(file, (await readFile(file, 'utf8')).replace('"v1"', '"v2"'));
        await eventually(
          () => [...dev.output().stderr.matchAll(waiting)].length >= 2,
          240_000,
          'a second wait',
        );
        expect([...dev.output().stderr.matchAll(waiting)].map((match) => Number(match[1]))).toEqual([
          port,
          port,
        ]);
        await sleep(1000);
        expect((await app()).state).not.toBe('ready');
        debuggers.push(await attachAndResume(port));
        await eventually(
          async () => (await app()).state === 'ready',
          30_000,
          'svc-a ready again once resumed',
        );
        expect((await getJson<JavaAnswer>(url)).message).toBe('v2');
      } finally {
        for (const socket of debuggers) socket.destroy();
        dev.kill('SIGINT');
        await dev;
      }
      expect(jvmsOf(repo.path)).toEqual([]);
    } finally {
      await repo.cleanup();
    }
  }, 300_000);
});
