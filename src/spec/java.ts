/**
 * Step 5 of `connect validate` for Java applications (../shared/reference/runtime.md "Java"):
 * a service, event or job folder with a pom.xml is built by the platform's Maven buildpack
 * (`mvn clean package -DskipTests`), which then runs `java -jar` on the one jar in target/ whose
 * manifest names a Main-Class. Checked here: pom.xml parses; it declares a Java release the
 * runtime has (maven.compiler.release / java.version / project.toml GOOGLE_RUNTIME_VERSION);
 * it builds exactly one executable jar; postDeploy/preUndeploy run Maven, not npm.
 *
 * The pom is read as written, without Maven's model building: a parent other than Spring Boot's
 * cannot be seen, so what it might add turns errors about the build into warnings.
 */
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';

import { XMLParser, XMLValidator } from 'fast-xml-parser';

import { formatPath, type Diagnostic, type RuleCode, type Severity } from './diagnostics.js';
import type { PathSegment, YamlSource } from './yaml-source.js';

/** Java releases the runtime builds and runs: LTS releases from 17 (11 was dropped in 2026-09). */
export const SUPPORTED_JAVA_RELEASES = [17, 21, 25] as const;
export const PREFERRED_JAVA_RELEASE = 17;

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

/** Elements that may repeat: always arrays, so one and two look alike. */
const REPEATED = new Set([
  'plugin',
  'dependency',
  'execution',
  'goal',
  'transformer',
  'profile',
  'descriptorRef',
]);

export interface Pom {
  /** The whole `<project>`. */
  project: Json;
  properties: Record<string, string>;
  plugins: Json[];
  packaging: string;
  parent: { groupId: string; artifactId: string; relativePath?: string } | undefined;
  profiles: string[];
}

/** Text of an element (fast-xml-parser keeps text as `#text` when attributes are present). */
function text(value: unknown): string | undefined {
  if (typeof value === 'string') return value.trim();
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (isObject(value) && typeof value['#text'] === 'string') return value['#text'].trim();
  return undefined;
}

function list(value: unknown): Json[] {
  return (Array.isArray(value) ? value : value === undefined ? [] : [value]).filter(isObject);
}

/** Parses pom.xml; an error (with its 1-based line and column) when it is not well-formed. */
export function parsePom(
  xml: string,
): { pom: Pom } | { error: { message: string; line: number; column: number } } {
  const valid = XMLValidator.validate(xml);
  if (valid !== true) {
    return { error: { message: valid.err.msg, line: valid.err.line, column: valid.err.col } };
  }
  const parsed: unknown = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '@_',
    parseTagValue: false,
    trimValues: true,
    isArray: (name) => REPEATED.has(name),
  }).parse(xml);
  const project = isObject(parsed) ? parsed.project : undefined;
  if (!isObject(project)) {
    return { error: { message: 'the root element is not <project>', line: 1, column: 1 } };
  }
  const properties: Record<string, string> = {};
  if (isObject(project.properties)) {
    for (const [key, value] of Object.entries(project.properties)) {
      const content = text(value);
      if (content !== undefined) properties[key] = content;
    }
  }
  for (const key of ['groupId', 'artifactId', 'version'] as const) {
    const content = text(project[key]);
    if (content !== undefined) properties[`project.${key}`] = content;
  }
  const build = isObject(project.build) ? project.build : {};
  const plugins = list(isObject(build.plugins) ? build.plugins.plugin : undefined);
  const parentNode = isObject(project.parent) ? project.parent : undefined;
  const relativePath = parentNode ? text(parentNode.relativePath) : undefined;
  return {
    pom: {
      project,
      properties,
      plugins,
      packaging: text(project.packaging) ?? 'jar',
      parent: parentNode
        ? {
            groupId: text(parentNode.groupId) ?? '',
            artifactId: text(parentNode.artifactId) ?? '',
            ...(relativePath === undefined ? {} : { relativePath }),
          }
        : undefined,
      profiles: list(isObject(project.profiles) ? project.profiles.profile : undefined)
        .map((profile) => text(profile.id))
        .filter((id): id is string => id !== undefined),
    },
  };
}

/** `${name}` replaced from the pom's properties (a few levels deep, as Maven does). */
export function interpolate(value: string, properties: Record<string, string>): string {
  let out = value;
  for (let depth = 0; depth < 5 && out.includes('${'); depth++) {
    out = out.replace(/\$\{([^}]+)\}/g, (whole, name: string) => properties[name] ?? whole);
  }
  return out;
}

/** "17" -> 17, "1.8" -> 8; undefined for anything else (unresolved properties included). */
export function javaMajor(value: string): number | undefined {
  const match = /^(?:1\.)?(\d+)(?:\.\d+)*$/.exec(value.trim());
  return match ? Number(match[1]) : undefined;
}

export function plugin(pom: Pom, artifactId: string): Json | undefined {
  return pom.plugins.find((candidate) => text(candidate.artifactId) === artifactId);
}

/** The plugin's configuration and those of its executions. */
function configurations(node: Json | undefined): Json[] {
  if (!node) return [];
  const executions = list(isObject(node.executions) ? node.executions.execution : undefined);
  return [node.configuration, ...executions.map((execution) => execution.configuration)].filter(isObject);
}

export function executions(
  node: Json | undefined,
): Array<{ id: string; goals: string[]; configuration?: Json }> {
  if (!node) return [];
  return list(isObject(node.executions) ? node.executions.execution : undefined).map((execution) => ({
    id: text(execution.id) ?? 'default',
    goals: (isObject(execution.goals) ? (execution.goals.goal as unknown[]) : [])
      .map(text)
      .filter((goal): goal is string => goal !== undefined),
    ...(isObject(execution.configuration) ? { configuration: execution.configuration } : {}),
  }));
}

function manifestMainClass(configuration: Json): string | undefined {
  const archive = isObject(configuration.archive) ? configuration.archive : undefined;
  if (!archive) return undefined;
  const manifest = isObject(archive.manifest) ? archive.manifest : {};
  const entries = isObject(archive.manifestEntries) ? archive.manifestEntries : {};
  return text(manifest.mainClass) ?? text(entries['Main-Class']);
}

export interface JarPlan {
  /** Jars in target/ whose manifest names a Main-Class (what `java -jar` can run). */
  executables: string[];
  /** The Main-Class, when the pom says it (not for Spring Boot, whose launcher finds it). */
  mainClass?: string | undefined;
  springBoot: boolean;
}

/**
 * Which executable jars `mvn package` writes into target/, from the plugins the pom declares:
 * Spring Boot's repackage, the jar plugin's manifest, the shade plugin (replacing the jar, or
 * attached beside it) and the assembly plugin's jar-with-dependencies.
 */
export function executableJars(pom: Pom): JarPlan {
  const artifact = `${pom.properties['project.artifactId'] ?? 'app'}-${pom.properties['project.version'] ?? '1.0'}`;
  const spring = plugin(pom, 'spring-boot-maven-plugin');
  const springParent = pom.parent?.groupId === 'org.springframework.boot';
  const springBoot =
    spring !== undefined &&
    (springParent || executions(spring).some((execution) => execution.goals.includes('repackage')));
  const jarMain = configurations(plugin(pom, 'maven-jar-plugin')).map(manifestMainClass).find(Boolean);
  const shade = plugin(pom, 'maven-shade-plugin');
  const shadeConfigs = configurations(shade);
  const shadeMain = shadeConfigs
    .flatMap((configuration) =>
      list(isObject(configuration.transformers) ? configuration.transformers.transformer : undefined),
    )
    .map(
      (transformer) =>
        text(transformer.mainClass) ??
        text(isObject(transformer.manifestEntries) ? transformer.manifestEntries['Main-Class'] : undefined),
    )
    .find(Boolean);
  const attached = shadeConfigs.some(
    (configuration) => text(configuration.shadedArtifactAttached) === 'true',
  );
  const assembly = plugin(pom, 'maven-assembly-plugin');
  const assemblyMain = configurations(assembly).map(manifestMainClass).find(Boolean);

  const executables: string[] = [];
  if (springBoot) executables.push(`${artifact}.jar`);
  else if (shade && !attached) {
    if (shadeMain ?? jarMain) executables.push(`${artifact}.jar`);
    // The shade plugin keeps the unshaded jar as original-<name>.jar, with the jar plugin's manifest.
    if (jarMain) executables.push(`original-${artifact}.jar`);
  } else if (jarMain) executables.push(`${artifact}.jar`);
  if (shade && attached && (shadeMain ?? jarMain)) executables.push(`${artifact}-shaded.jar`);
  if (assemblyMain) executables.push(`${artifact}-jar-with-dependencies.jar`);
  return {
    executables,
    mainClass: springBoot ? undefined : (shadeMain ?? jarMain ?? assemblyMain),
    springBoot,
  };
}

export interface JavaRelease {
  /** The release the classes are compiled for. */
  release: number | undefined;
  /** What declared it, e.g. `maven.compiler.release`. */
  from: string | undefined;
  /** The raw value, for messages. */
  raw: string | undefined;
}

/** The Java release the pom compiles for, from the properties and the compiler plugin. */
export function compiledRelease(pom: Pom): JavaRelease {
  const compiler = configurations(plugin(pom, 'maven-compiler-plugin'));
  const springParent = pom.parent?.groupId === 'org.springframework.boot';
  const candidates: Array<[string, string | undefined]> = [
    ['maven-compiler-plugin <release>', compiler.map((c) => text(c.release)).find(Boolean)],
    ['maven.compiler.release', pom.properties['maven.compiler.release']],
    ['maven-compiler-plugin <target>', compiler.map((c) => text(c.target)).find(Boolean)],
    ['maven.compiler.target', pom.properties['maven.compiler.target']],
    // Spring Boot's parent turns java.version into the compiler's release.
    ...(springParent ? [['java.version', pom.properties['java.version'] ?? '17'] as [string, string]] : []),
    ['maven.compiler.source', pom.properties['maven.compiler.source']],
  ];
  for (const [from, raw] of candidates) {
    if (raw === undefined) continue;
    const value = interpolate(raw, pom.properties);
    return { release: javaMajor(value), from, raw: value };
  }
  return { release: undefined, from: undefined, raw: undefined };
}

/** GOOGLE_RUNTIME_VERSION from project.toml's `[[build.env]]` tables, with its line. */
export function runtimeVersionOf(toml: string): { value: string; line: number } | undefined {
  const lines = toml.split(/\r?\n/);
  let inEnv = false;
  let name: string | undefined;
  let value: { value: string; line: number } | undefined;
  const flush = (): { value: string; line: number } | undefined =>
    name === 'GOOGLE_RUNTIME_VERSION' && value ? value : undefined;
  for (const [index, raw] of lines.entries()) {
    const line = raw.replace(/#.*$/, '').trim();
    if (line.startsWith('[')) {
      const found = flush();
      if (found) return found;
      inEnv = /^\[\[\s*build\.env\s*\]\]$/.test(line);
      name = undefined;
      value = undefined;
      continue;
    }
    if (!inEnv) continue;
    const pair = /^(name|value)\s*=\s*(?:"([^"]*)"|'([^']*)'|(\S+))$/.exec(line);
    if (!pair) continue;
    const content = pair[2] ?? pair[3] ?? pair[4] ?? '';
    if (pair[1] === 'name') name = content;
    else value = { value: content, line: index + 1 };
  }
  return flush();
}

/** Why a Java release is not one the runtime has, or undefined when it is. */
export function unsupportedRelease(release: number): string | undefined {
  if ((SUPPORTED_JAVA_RELEASES as readonly number[]).includes(release)) return undefined;
  const supported = SUPPORTED_JAVA_RELEASES.join(', ');
  if (release === 11)
    return `Java 11 is no longer supported by the runtime (since 2026-09); use ${PREFERRED_JAVA_RELEASE} (${supported} are supported)`;
  if (release < 17)
    return `Java ${release} is not supported by the runtime (${supported} are); use ${PREFERRED_JAVA_RELEASE}`;
  return `Java ${release} is not a long-term-support release; the runtime has ${supported}: use ${PREFERRED_JAVA_RELEASE}`;
}

/** Where `<tag>` (the first one after `after`, if given) starts in the text: line and column. */
function locate(xml: string, tags: string[]): { line: number; column: number } {
  let offset = 0;
  for (const tag of tags) {
    const found = xml.indexOf(`<${tag}`, offset);
    if (found < 0) break;
    offset = found;
  }
  const before = xml.slice(0, offset);
  const line = before.split('\n').length;
  return { line, column: offset - before.lastIndexOf('\n') };
}

interface Context {
  source: YamlSource;
  name: string;
  base: PathSegment[];
  folder: string;
  pomFile: string;
  xml: string;
}

function at(
  context: Context,
  code: RuleCode,
  severity: Severity,
  message: string,
  tags: string[],
  path: string,
): Diagnostic {
  return { severity, code, message, file: context.pomFile, ...locate(context.xml, tags), path };
}

/** Shell words of a script that run Maven, with their arguments (up to the next && ; |). */
export function mavenCommands(command: string): Array<{ tool: string; args: string[] }> {
  const out: Array<{ tool: string; args: string[] }> = [];
  for (const part of command.split(/&&|\|\||[;|\n]/)) {
    const words = part.trim().split(/\s+/).filter(Boolean);
    const index = words.findIndex((word) => /^(?:\.\/)?mvnw?$|\/mvn$/.test(word));
    if (index >= 0) out.push({ tool: words[index] ?? 'mvn', args: words.slice(index + 1) });
  }
  return out;
}

async function isFile(path: string): Promise<boolean> {
  return (await stat(path).catch(() => undefined))?.isFile() === true;
}

/** What is wrong with a Java application's folder (pom.xml, project.toml, scripts). */
export async function checkJavaFolder(
  source: YamlSource,
  application: Json,
  base: PathSegment[],
  folder: string,
  options: { hasPackageJson: boolean },
): Promise<Diagnostic[]> {
  const name = String(application.name);
  const pomFile = join(folder, 'pom.xml');
  const xml = await readFile(pomFile, 'utf8');
  const context: Context = { source, name, base, folder, pomFile, xml };
  const diagnostics: Diagnostic[] = [];
  if (options.hasPackageJson) {
    diagnostics.push(
      source.diagnostic(
        'ambiguous-runtime',
        'warning',
        `${name}/ has both pom.xml and package.json: the platform's buildpacks detect Java before Node.js, so it builds ${name} with Maven and ignores package.json (connect dev does the same); remove pom.xml to deploy it as a Node.js application`,
        [...base, 'name'],
      ),
    );
  }
  const parsed = parsePom(xml);
  if ('error' in parsed) {
    return [
      ...diagnostics,
      {
        severity: 'error',
        code: 'invalid-pom-xml',
        message: `${name}/pom.xml is not a valid Maven POM (${parsed.error.message}): Maven cannot build it; fix it, e.g. with \`mvn validate\``,
        file: pomFile,
        line: parsed.error.line,
        column: parsed.error.column,
        path: '',
      },
    ];
  }
  const { pom } = parsed;
  // A parent Maven fetches (not Spring Boot's) may configure the build: it cannot be seen here.
  const unseenParent = pom.parent !== undefined && pom.parent.groupId !== 'org.springframework.boot';
  diagnostics.push(...(await checkRelease(context, pom, unseenParent)));
  diagnostics.push(...checkJar(context, pom, unseenParent));
  diagnostics.push(...(await checkScripts(context, application, pom)));
  return diagnostics;
}

async function checkRelease(context: Context, pom: Pom, unseenParent: boolean): Promise<Diagnostic[]> {
  const { name } = context;
  const out: Diagnostic[] = [];
  const compiled = compiledRelease(pom);
  const tomlFile = join(context.folder, 'project.toml');
  const toml = await readFile(tomlFile, 'utf8').catch(() => undefined);
  const pinned = toml === undefined ? undefined : runtimeVersionOf(toml);
  const tomlAt = (line: number): Pick<Diagnostic, 'file' | 'line' | 'column'> => ({
    file: tomlFile,
    line,
    column: 1,
  });
  let runtime: number | undefined;
  if (pinned) {
    runtime = javaMajor(pinned.value);
    const problem =
      runtime === undefined
        ? `GOOGLE_RUNTIME_VERSION "${pinned.value}" is not a Java version; write e.g. "${PREFERRED_JAVA_RELEASE}"`
        : unsupportedRelease(runtime);
    if (problem)
      out.push({
        severity: 'error',
        code: 'unsupported-java-version',
        message: `${name}/project.toml: ${problem}`,
        ...tomlAt(pinned.line),
        path: 'build.env.GOOGLE_RUNTIME_VERSION',
      });
  }
  const tags = compiledTags(compiled.from);
  if (compiled.from !== undefined && compiled.release === undefined) {
    out.push(
      at(
        context,
        'unsupported-java-version',
        'error',
        `${name}/pom.xml: ${compiled.from} is "${compiled.raw ?? ''}", not a Java release; write e.g. ${PREFERRED_JAVA_RELEASE}`,
        tags,
        compiledPath(compiled.from),
      ),
    );
  } else if (compiled.release !== undefined) {
    const problem = unsupportedRelease(compiled.release);
    if (
      problem &&
      !(pinned && runtime !== undefined && runtime >= compiled.release && !unsupportedRelease(runtime))
    ) {
      out.push(
        at(
          context,
          'unsupported-java-version',
          'error',
          `${name}/pom.xml: ${problem}`,
          tags,
          compiledPath(compiled.from),
        ),
      );
    }
    if (runtime !== undefined && runtime < compiled.release) {
      out.push({
        severity: 'error',
        code: 'java-version-mismatch',
        message: `${name}: pom.xml compiles for Java ${compiled.release} (${compiled.from}) but project.toml runs it on Java ${runtime}: the JVM would refuse the classes (UnsupportedClassVersionError); make them agree`,
        ...tomlAt(pinned?.line ?? 1),
        path: 'build.env.GOOGLE_RUNTIME_VERSION',
      });
    }
  } else if (!pinned && !unseenParent) {
    out.push(
      at(
        context,
        'missing-java-version',
        'warning',
        `${name}/pom.xml declares no Java release: Maven compiles for its default and the runtime picks its own JDK; add <maven.compiler.release>${PREFERRED_JAVA_RELEASE}</maven.compiler.release> to <properties> (or pin GOOGLE_RUNTIME_VERSION in project.toml)`,
        isObject(pom.project.properties) ? ['properties'] : ['project'],
        'project.properties',
      ),
    );
  }
  return out;
}

function compiledTags(from: string | undefined): string[] {
  if (from === undefined) return ['project'];
  if (from.startsWith('maven-compiler-plugin')) {
    return ['maven-compiler-plugin', from.includes('release') ? 'release' : 'target'];
  }
  return ['properties', from];
}

function compiledPath(from: string | undefined): string {
  if (from?.startsWith('maven-compiler-plugin')) return 'project.build.plugins.maven-compiler-plugin';
  return formatPath(['project', 'properties', from ?? '']);
}

function checkJar(context: Context, pom: Pom, unseenParent: boolean): Diagnostic[] {
  const { name } = context;
  if (pom.packaging !== 'jar') {
    return [
      at(
        context,
        'no-executable-jar',
        'error',
        `${name}/pom.xml has <packaging>${pom.packaging}</packaging>: the runtime runs an executable jar (\`java -jar\`); use jar packaging`,
        ['packaging'],
        'project.packaging',
      ),
    ];
  }
  const spring = plugin(pom, 'spring-boot-maven-plugin');
  const plan = executableJars(pom);
  if (plan.executables.length === 0) {
    if (spring) {
      return [
        at(
          context,
          'no-executable-jar',
          unseenParent ? 'warning' : 'error',
          `${name}/pom.xml declares spring-boot-maven-plugin but nothing runs its repackage goal (the spring-boot-starter-parent binds it): add <executions><execution><goals><goal>repackage</goal></goals></execution></executions> to the plugin, or use the parent`,
          ['spring-boot-maven-plugin'],
          'project.build.plugins',
        ),
      ];
    }
    return [
      at(
        context,
        'no-executable-jar',
        unseenParent ? 'warning' : 'error',
        `${name}/pom.xml builds no executable jar: the runtime runs \`java -jar\` on the jar in target/ whose manifest names a Main-Class; add spring-boot-maven-plugin (Spring Boot), or a Main-Class through maven-shade-plugin's ManifestResourceTransformer (or maven-jar-plugin's <archive><manifest><mainClass>)${unseenParent ? ', unless the parent pom does' : ''}`,
        ['build', 'project'],
        'project.build',
      ),
    ];
  }
  if (plan.executables.length > 1) {
    return [
      at(
        context,
        'multiple-executable-jars',
        'error',
        `${name}/pom.xml builds ${plan.executables.length} jars with a Main-Class (${plan.executables.join(', ')}): the runtime refuses to choose ("found more than one jar with a Main-Class manifest entry"); set the Main-Class in one place only (e.g. only in the shade plugin's ManifestResourceTransformer)`,
        ['build'],
        'project.build.plugins',
      ),
    ];
  }
  return [];
}

async function checkScripts(context: Context, application: Json, pom: Pom): Promise<Diagnostic[]> {
  const { name, source, base, folder } = context;
  const out: Diagnostic[] = [];
  const scripts = isObject(application.scripts) ? application.scripts : {};
  const exec = plugin(pom, 'exec-maven-plugin');
  const execIds = executions(exec).map((execution) => execution.id);
  for (const hook of ['postDeploy', 'preUndeploy'] as const) {
    const command = scripts[hook];
    if (typeof command !== 'string') continue;
    const path = [...base, 'scripts', hook];
    const problem = (message: string): void => {
      out.push(source.diagnostic('invalid-maven-script', 'error', `${hook}: ${message}`, path));
    };
    if (/(^|[\s;&|(])(npm|npx|yarn|pnpm|node)(\s|$)/.test(command)) {
      out.push(
        source.diagnostic(
          'npm-in-java-app',
          'error',
          `${hook} runs Node.js tooling but ${name} is a Java application (pom.xml): the platform runs its scripts with Maven; write e.g. \`mvn -B -q compile exec:java@post-deploy\``,
          path,
        ),
      );
      continue;
    }
    for (const { tool, args } of mavenCommands(command)) {
      if (tool.endsWith('mvnw') && !(await isFile(join(folder, 'mvnw')))) {
        problem(`runs ${tool} but ${name}/ has no mvnw; run \`mvn wrapper:wrapper\` in ${name}/, or use mvn`);
      }
      for (const [index, arg] of args.entries()) {
        const goal = /^(?:org\.codehaus\.mojo:)?exec(?:-maven-plugin)?(?::[\d.]+)?:java(?:@(.+))?$/.exec(arg);
        if (goal?.[1] !== undefined && !execIds.includes(goal[1])) {
          problem(
            `runs ${arg} but ${name}/pom.xml has no exec-maven-plugin execution "${goal[1]}"${execIds.length > 0 ? ` (it has: ${execIds.join(', ')})` : ''}; add it, or fix the id`,
          );
        }
        const mainClass = /^-Dexec\.mainClass=(.+)$/.exec(arg)?.[1];
        if (mainClass !== undefined) {
          const file = join(folder, 'src', 'main', 'java', ...mainClass.split('.')) + '.java';
          if (!(await isFile(file)))
            problem(
              `runs ${mainClass} but ${name}/src/main/java has no ${mainClass.split('.').join('/')}.java`,
            );
        }
        const profiles = arg === '-P' ? args[index + 1] : arg.startsWith('-P') ? arg.slice(2) : undefined;
        for (const profile of (profiles ?? '').split(',').map((id) => id.replace(/^[!?-]/, ''))) {
          if (profile && !pom.profiles.includes(profile))
            problem(`activates Maven profile "${profile}", which ${name}/pom.xml does not declare`);
        }
      }
    }
  }
  return out;
}
