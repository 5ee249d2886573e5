/**
 * Java applications, as the platform's Maven buildpack treats them (../shared/reference/
 * runtime.md "Java"): build with Maven (`./mvnw` when the folder has one, else `mvn`), tests
 * skipped, then run `java -jar` on the one jar of target/ whose manifest names a Main-Class,
 * with PORT set. Locally:
 * - `mvn package` without `clean` (the platform starts from a fresh checkout; here `clean`
 *   would throw away incremental compilation), with the user's ~/.m2 and settings, so a
 *   populated local repository builds offline; jars older than the build are ignored; no
 *   Maven run at all when the jar is newer than everything it is built from (src/, pom.xml);
 * - the jar runs from a copy under .connect/java/<app>/, so a rebuild never rewrites the jar
 *   of the running JVM, and a failed build leaves the previous copy to run and restart;
 * - SERVER_PORT = PORT (Spring Boot's name), so several Spring Boot apps run side by side;
 * - the JVM sizes itself for the platform's memory (-XX:MaxRAM: 512 MB, 4 GB for jobs);
 * - `connect dev --inspect`: the JDWP agent on the port the emulator chose (CONNECT_DEV_INSPECT,
 *   kept across reloads), suspend=y with --inspect-brk;
 * - no java/mvn, or a JDK older than the pom compiles for: the app does not start, with a
 *   message naming what to install; the other applications run.
 */
import { execFile } from 'node:child_process';
import { constants } from 'node:fs';
import { access, copyFile, mkdir, readdir, readFile, realpath, rm, stat } from 'node:fs/promises';
import { delimiter, dirname, join } from 'node:path';

import {
  compiledRelease,
  javaMajor,
  parsePom,
  PREFERRED_JAVA_RELEASE,
  runtimeVersionOf,
} from '../../../spec/java.js';
import { mainClassOf, readManifest } from './jar.js';
import type { Runtime, RuntimeApp, RuntimePlan, RuntimeStart, RuntimeStep } from './types.js';

const INSTALL_JDK = `install JDK ${PREFERRED_JAVA_RELEASE} (Debian/Ubuntu: apt-get install openjdk-${PREFERRED_JAVA_RELEASE}-jdk-headless; macOS: brew install openjdk@${PREFERRED_JAVA_RELEASE}; any system: sdk install java ${PREFERRED_JAVA_RELEASE}-tem) or point JAVA_HOME at one`;
const INSTALL_MAVEN =
  'install Maven (Debian/Ubuntu: apt-get install maven; macOS: brew install maven; any system: sdk install maven), or add the Maven wrapper (mvn wrapper:wrapper) to the folder';

/** What the emulator remembers per application folder between builds and starts. */
interface Memory {
  /** When the last build started (jars older than that are leftovers). */
  builtAt?: number;
  /** The jar of target/ copied last, and its copy. */
  copied?: { source: string; mtimeMs: number; size: number; copy: string };
}
const memory = new Map<string, Memory>();

function remember(dir: string): Memory {
  let entry = memory.get(dir);
  if (!entry) memory.set(dir, (entry = {}));
  return entry;
}

async function executable(path: string): Promise<boolean> {
  return access(path, constants.X_OK).then(
    () => true,
    () => false,
  );
}

/** The first executable `name` on PATH. */
async function which(name: string, path: string | undefined): Promise<string | undefined> {
  for (const dir of (path ?? '').split(delimiter).filter(Boolean)) {
    const candidate = join(dir, name);
    if (await executable(candidate)) return candidate;
  }
  return undefined;
}

/** `java` (and `javac`) of JAVA_HOME, else of PATH. */
async function javaTools(): Promise<{ java?: string | undefined; javac?: string | undefined }> {
  const home = process.env.JAVA_HOME;
  if (home && (await executable(join(home, 'bin', 'java')))) {
    return {
      java: join(home, 'bin', 'java'),
      javac: (await executable(join(home, 'bin', 'javac'))) ? join(home, 'bin', 'javac') : undefined,
    };
  }
  return { java: await which('java', process.env.PATH), javac: await which('javac', process.env.PATH) };
}

/** The major version `java -version` reports (e.g. 17), undefined when it cannot tell. */
export function parseJavaVersion(output: string): number | undefined {
  const quoted = /version "([^"]+)"/.exec(output)?.[1];
  return quoted === undefined ? undefined : javaMajor(quoted.replace(/[-+_].*$/, ''));
}

const versions = new Map<string, Promise<number | undefined>>();

/**
 * The JDK's major version: from the `release` file of its home (JAVA_VERSION="17.0.15"), which
 * costs no JVM start on the app's way to ready; else from `java -version`.
 */
function javaVersion(java: string): Promise<number | undefined> {
  let known = versions.get(java);
  if (!known) {
    known = realpath(java)
      .then((real) => readFile(join(dirname(dirname(real)), 'release'), 'utf8'))
      .then((release) => {
        const version = /^JAVA_VERSION="([^"]+)"/m.exec(release)?.[1];
        return version === undefined ? undefined : parseJavaVersion(`version "${version}"`);
      })
      .catch(() => undefined)
      .then(
        (version) =>
          version ??
          new Promise<number | undefined>((resolve) => {
            execFile(java, ['-version'], { timeout: 20_000 }, (error, stdout, stderr) => {
              resolve(error ? undefined : parseJavaVersion(`${stderr}\n${stdout}`));
            });
          }),
      );
    versions.set(java, known);
  }
  return known;
}

/** The Java release the app needs: what its pom compiles for, else project.toml's pin. */
async function neededRelease(dir: string): Promise<{ release?: number; from?: string; error?: string }> {
  const xml = await readFile(join(dir, 'pom.xml'), 'utf8').catch(() => undefined);
  if (xml === undefined) return { error: 'pom.xml cannot be read' };
  const parsed = parsePom(xml);
  if ('error' in parsed) {
    return { error: `pom.xml is not valid (line ${parsed.error.line}: ${parsed.error.message})` };
  }
  const compiled = compiledRelease(parsed.pom);
  if (compiled.release !== undefined)
    return { release: compiled.release, from: `pom.xml ${compiled.from ?? ''}` };
  const toml = await readFile(join(dir, 'project.toml'), 'utf8').catch(() => undefined);
  const pinned = toml === undefined ? undefined : runtimeVersionOf(toml);
  const release = pinned ? javaMajor(pinned.value) : undefined;
  return release === undefined ? {} : { release, from: 'project.toml GOOGLE_RUNTIME_VERSION' };
}

/** Maven's own errors out of its output (without its "re-run with -e" boilerplate). */
export function explainMaven(output: string): string | undefined {
  const errors = output
    .split('\n')
    .filter((line) => line.startsWith('[ERROR]'))
    .map((line) => line.replace(/^\[ERROR\]\s?/, ''))
    .filter(
      (line) =>
        line.trim() !== '' &&
        !/^(To see the full stack trace|Re-run Maven using|For more information about the errors|\[Help \d+\]|After correcting the problems)/.test(
          line.trim(),
        ) &&
        !line.startsWith('-> [Help'),
    );
  if (errors.length === 0) return undefined;
  const unresolved = /Could not (?:resolve|transfer|find artifact)|Non-resolvable|offline mode/i.test(output);
  const shown = errors.slice(0, 12).join('\n');
  return unresolved
    ? `${shown}\nMaven could not get a dependency or plugin: it uses your ~/.m2/repository and ~/.m2/settings.xml (mirrors, proxies, offline); check the network, or build once with \`mvn package\` where the repository is reachable.`
    : shown;
}

async function jarsOf(dir: string): Promise<Array<{ path: string; mtimeMs: number; size: number }>> {
  const target = join(dir, 'target');
  const names = await readdir(target).catch(() => [] as string[]);
  const out: Array<{ path: string; mtimeMs: number; size: number }> = [];
  for (const name of names.filter((candidate) => candidate.endsWith('.jar'))) {
    const path = join(target, name);
    const info = await stat(path).catch(() => undefined);
    if (!info?.isFile()) continue;
    const manifest = await readManifest(path);
    if (manifest !== undefined && mainClassOf(manifest) !== undefined)
      out.push({ path, mtimeMs: info.mtimeMs, size: info.size });
  }
  return out;
}

/** The newest modification time of what Maven builds from (src/, pom.xml, project.toml, .mvn/). */
async function newestInput(dir: string): Promise<number> {
  let newest = 0;
  const visit = async (path: string): Promise<void> => {
    const info = await stat(path).catch(() => undefined);
    if (!info) return;
    newest = Math.max(newest, info.mtimeMs);
    if (!info.isDirectory()) return;
    for (const name of await readdir(path).catch(() => [] as string[])) await visit(join(path, name));
  };
  for (const input of ['src', 'pom.xml', 'project.toml', '.mvn']) await visit(join(dir, input));
  return newest;
}

/** The JVM option that opens a JDWP debugger port at `address` (`127.0.0.1:PORT`). */
export function jdwpAgent(address: string, wait: boolean): string {
  return `-agentlib:jdwp=transport=dt_socket,server=y,suspend=${wait ? 'y' : 'n'},address=${address}`;
}

function quote(value: string): string {
  return /^[\w@%+=:,./-]+$/.test(value) ? value : `'${value.replace(/'/g, `'\\''`)}'`;
}

export const javaRuntime: Runtime = {
  id: 'java',
  generatedDirs: ['target'],
  generatedFiles: [],
  portVariable: 'PORT',

  detect(dir: string): Promise<boolean> {
    return stat(join(dir, 'pom.xml')).then(
      (info) => info.isFile(),
      () => false,
    );
  },

  async plan(app: RuntimeApp, options: { build: boolean }): Promise<RuntimePlan> {
    const fail = (problem: string, short: string, hint: string): RuntimePlan => ({
      ok: false,
      message: `${app.name}: ${problem}; it does not start (the other applications run).\nTry: ${hint}`,
      short,
    });
    const tools = await javaTools();
    if (tools.java === undefined) {
      return fail(
        'Java (java) is not installed: the application is a Java application (pom.xml)',
        'java not found',
        INSTALL_JDK,
      );
    }
    const needed = await neededRelease(app.dir);
    if (needed.error !== undefined) {
      return fail(
        needed.error,
        'invalid pom.xml',
        `fix ${app.name}/pom.xml; \`connect validate\` shows where`,
      );
    }
    const have = await javaVersion(tools.java);
    if (needed.release !== undefined && have !== undefined && have < needed.release) {
      return fail(
        `it needs Java ${needed.release} (${needed.from ?? 'pom.xml'}) but ${tools.java} is Java ${have}`,
        `needs Java ${needed.release}, found ${have}`,
        INSTALL_JDK.replaceAll(
          String(PREFERRED_JAVA_RELEASE),
          String(Math.max(needed.release, PREFERRED_JAVA_RELEASE)),
        ),
      );
    }
    const wrapper = (await executable(join(app.dir, 'mvnw'))) ? './mvnw' : undefined;
    const mvn = wrapper ?? (await which('mvn', process.env.PATH));
    if (mvn === undefined) {
      return fail(
        'Maven (mvn) is not installed: the platform builds Java applications with Maven',
        'mvn not found',
        INSTALL_MAVEN,
      );
    }
    const jars = await jarsOf(app.dir);
    if (jars.length > 0 && !options.build) return { ok: true, steps: [] };
    // Nothing Maven builds from changed since the jar was made: a Maven run would only take its
    // own start-up time (seconds) to say so. Touch pom.xml (or remove target/) to force one.
    const built = Math.min(...jars.map((jar) => jar.mtimeMs));
    if (jars.length > 0 && (await newestInput(app.dir)) < built) return { ok: true, steps: [] };
    if (tools.javac === undefined) {
      return fail(
        `${tools.java} is a Java runtime without a compiler (javac): Maven needs a JDK`,
        'no JDK (javac)',
        INSTALL_JDK,
      );
    }
    const step: RuntimeStep = {
      kind: 'build',
      label: `${wrapper ?? 'mvn'} package -DskipTests`,
      // The buildpack's flags (it is quiet too), without `clean` (see the header).
      command: `${quote(mvn)} --batch-mode --quiet -Dstyle.color=never package -DskipTests -Dhttp.keepAlive=false`,
      explain: explainMaven,
    };
    remember(app.dir).builtAt = Date.now();
    return { ok: true, steps: [step] };
  },

  async start(app: RuntimeApp): Promise<RuntimeStart> {
    const state = remember(app.dir);
    let jars = await jarsOf(app.dir);
    const builtAt = state.builtAt;
    // Leftovers of earlier builds (another artifactId or version) are not what the platform sees.
    if (jars.length > 1 && builtAt !== undefined) {
      const fresh = jars.filter((jar) => jar.mtimeMs >= builtAt - 2000);
      if (fresh.length > 0) jars = fresh;
    }
    if (jars.length === 0) {
      return {
        ok: false,
        message: `${app.name}: no jar in ${app.name}/target/ names a Main-Class, so there is nothing to run (the platform fails the same way: "did not find any jar files with a Main-Class manifest entry").\nTry: \`connect validate\`; add spring-boot-maven-plugin, or a Main-Class through the shade or jar plugin`,
        short: 'no executable jar',
      };
    }
    if (jars.length > 1) {
      return {
        ok: false,
        message: `${app.name}: several jars in ${app.name}/target/ name a Main-Class (${jars.map((jar) => jar.path.slice(app.dir.length + 1)).join(', ')}); the platform refuses to choose ("found more than one jar with a Main-Class manifest entry").\nTry: \`connect validate\`; set the Main-Class in one plugin only`,
        short: 'several executable jars',
      };
    }
    const jar = jars[0] as { path: string; mtimeMs: number; size: number };
    const previous = state.copied;
    let copy = previous?.copy;
    if (
      !previous ||
      previous.source !== jar.path ||
      previous.mtimeMs !== jar.mtimeMs ||
      previous.size !== jar.size ||
      !(await stat(previous.copy).catch(() => undefined))
    ) {
      const runDir = join(app.root, '.connect', 'java', app.name);
      await mkdir(runDir, { recursive: true });
      copy = join(runDir, `${Date.now()}-${jar.path.slice(jar.path.lastIndexOf('/') + 1)}`);
      await copyFile(jar.path, copy);
      // The JVM of an earlier copy has been stopped (a start follows a stop); on Linux and
      // macOS an open file may be removed anyway.
      for (const name of await readdir(runDir).catch(() => [] as string[])) {
        if (join(runDir, name) !== copy) await rm(join(runDir, name), { force: true }).catch(() => undefined);
      }
      state.copied = { source: jar.path, mtimeMs: jar.mtimeMs, size: jar.size, copy };
    }
    const { java } = await javaTools();
    const maxRam = app.type === 'job' ? '4g' : '512m';
    return {
      ok: true,
      // exec: the JVM itself leads the process group (its pid is the one shown, its exit the one seen).
      // CONNECT_DEV_JDWP: the debugger agent with --inspect (environment() below).
      command: `exec ${quote(java ?? 'java')} -XX:MaxRAM=${maxRam} \${CONNECT_DEV_JDWP:+"$CONNECT_DEV_JDWP"} -jar ${quote(copy as string)}`,
    };
  },

  watch() {
    return Promise.resolve({ dirs: [], output: [] });
  },

  watches(path: string): boolean {
    const first = path.split(/[\\/]/)[0] ?? '';
    return path === '' || ['src', 'pom.xml', 'project.toml', '.mvn', 'mvnw', '.env'].includes(first);
  },

  environment(_app, env, purpose) {
    const out = { ...env };
    if (purpose !== 'script') {
      // The Node.js preload means nothing to a JVM or to Maven.
      delete out.NODE_OPTIONS;
      delete out.CONNECT_DEV_MAP_PORTS;
    }
    if (purpose === 'start' && out.PORT !== undefined) out.SERVER_PORT = out.PORT;
    delete out.CONNECT_DEV_JDWP;
    if (purpose === 'start' && out.CONNECT_DEV_INSPECT) {
      out.CONNECT_DEV_JDWP = jdwpAgent(out.CONNECT_DEV_INSPECT, out.CONNECT_DEV_INSPECT_WAIT === '1');
    }
    delete out.CONNECT_DEV_INSPECT;
    delete out.CONNECT_DEV_INSPECT_WAIT;
    return out;
  },

  debuggerHint(address, wait) {
    return `JDWP debugger on ${address}${wait ? ' (suspend=y: the JVM waits for the debugger before main)' : ''}; attach with \`jdb -attach ${address}\` or VS Code's Java "attach" configuration (docs/java.md).`;
  },
};
