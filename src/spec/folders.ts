/**
 * Step 5 of `connect validate`: what the platform's build needs in each application's folder
 * (see ../shared/reference/runtime.md): the folder, a package.json that parses, the scripts the
 * runtime and connect.yaml call, a Node.js version the runtime has, and a lock file.
 */
import { stat } from 'node:fs/promises';
import { join } from 'node:path';

import type { Diagnostic } from './diagnostics.js';
import { FileTooLargeError, NotRegularFileError, readRegularFile } from './read-regular.js';
import { MERCHANT_CENTER_TYPES } from './types.js';
import { deferredSource, type PathSegment, type YamlSource } from './yaml-source.js';

/** A package.json is a few KiB; anything past this is not one. */
const MAX_PACKAGE_JSON_BYTES = 4 * 1024 * 1024;

/**
 * Node.js major versions the runtime (Google Cloud buildpacks) builds with. engines.node must
 * admit at least one of them.
 */
export const SUPPORTED_NODE_MAJORS = [22, 24] as const;

/** The lock files the platform's install honours (npm's and Yarn's). */
export const LOCK_FILES = ['package-lock.json', 'npm-shrinkwrap.json', 'yarn.lock'] as const;

/** Lock files of package managers the platform does not use. */
const FOREIGN_LOCK_FILES: ReadonlyArray<[string, string]> = [
  ['pnpm-lock.yaml', 'pnpm'],
  ['bun.lock', 'bun'],
  ['bun.lockb', 'bun'],
];

const NAME = /^[a-zA-Z0-9_-]{2,256}$/;
const NEEDS_START = ['service', 'event', 'job'];
const NEEDS_BUILD = [...MERCHANT_CENTER_TYPES, 'assets'] as string[];

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

async function kind(path: string): Promise<'file' | 'directory' | undefined> {
  const info = await stat(path).catch(() => undefined);
  return info?.isDirectory() ? 'directory' : info?.isFile() ? 'file' : undefined;
}

/** `npm run X` / `npm run-script X` in a shell command: the names X. */
export function npmScriptsCalled(command: string): string[] {
  return [
    ...command.matchAll(/\bnpm\s+(?:run|run-script)\s+(?:--?[\w-]+(?:=\S+)?\s+)*([^\s;&|><()'"]+)/g),
  ].map((match) => match[1] ?? '');
}

/** Where `npm run <script>` starts in the source, inside the scalar at `path` (for the caret). */
function npmRunOffset(source: YamlSource, path: readonly PathSegment[], script: string): number | undefined {
  const range = source.nodeAt(path)?.range;
  if (!range) return undefined;
  const text = source.text.slice(range[0], range[1]);
  const escaped = script.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const match = new RegExp(
    `\\bnpm\\s+(?:run|run-script)\\s+(?:--?[\\w-]+(?:=\\S+)?\\s+)*${escaped}(?![^\\s;&|><()'"])`,
  ).exec(text);
  return match ? range[0] + match.index : undefined;
}

export async function checkFolders(
  source: YamlSource,
  document: unknown,
  root: string,
): Promise<Diagnostic[]> {
  if (!isObject(document) || !Array.isArray(document.deployAs)) return [];
  const checks = document.deployAs.map(async (application, index): Promise<Diagnostic[]> => {
    if (!isObject(application) || typeof application.name !== 'string' || !NAME.test(application.name))
      return [];
    const type = typeof application.applicationType === 'string' ? application.applicationType : '';
    if (!NEEDS_START.includes(type) && !NEEDS_BUILD.includes(type)) return [];
    return checkFolder(source, application, type, ['deployAs', index], root);
  });
  return (await Promise.all(checks)).flat();
}

async function checkFolder(
  source: YamlSource,
  application: Json,
  type: string,
  base: PathSegment[],
  root: string,
): Promise<Diagnostic[]> {
  const name = String(application.name);
  const folder = join(root, name);
  const diagnostics: Diagnostic[] = [];
  if ((await kind(folder)) !== 'directory') {
    return [
      source.diagnostic(
        'missing-folder',
        'error',
        `application "${name}" has no folder ${name}/ next to connect.yaml: the platform builds <root>/${name}; create it from the template with \`connect add ${type} --name ${name}\` (connect.yaml stays as it is) or rename the application`,
        [...base, 'name'],
      ),
    ];
  }
  const packageFile = join(folder, 'package.json');
  let unreadable: string | undefined;
  const bytes = await readRegularFile(packageFile, MAX_PACKAGE_JSON_BYTES).catch((error: unknown) => {
    if (error instanceof NotRegularFileError || error instanceof FileTooLargeError)
      unreadable = error.message;
    return undefined;
  });
  if (unreadable !== undefined) {
    return [
      source.diagnostic(
        'missing-package-json',
        'error',
        `${name}/package.json cannot be used: ${unreadable.replace(packageFile, 'it')}; the platform reads it as a regular JSON file: replace it with one`,
        [...base, 'name'],
      ),
    ];
  }
  // A service, event or job with a pom.xml is a Java application (src/spec/java.ts).
  if (NEEDS_START.includes(type) && (await kind(join(folder, 'pom.xml'))) === 'file') {
    // Loaded only for Java folders: it brings the XML parser.
    const { checkJavaFolder } = await import('./java.js');
    return checkJavaFolder(source, application, base, folder, { hasPackageJson: bytes !== undefined });
  }
  if (bytes === undefined) {
    return [
      source.diagnostic(
        'missing-package-json',
        'error',
        NEEDS_START.includes(type)
          ? `${name}/ has neither package.json (Node.js) nor pom.xml (Java): the platform's build detects no runtime and the deployment fails; run \`npm init -y\` in ${name}/, or add a Maven pom.xml`
          : `${name}/package.json is missing: the platform installs and starts each application with npm; run \`npm init -y\` in ${name}/`,
        [...base, 'name'],
      ),
    ];
  }
  // package.json is parsed as JSON for validity, and as YAML (a superset of JSON) for positions,
  // only when a diagnostic needs one.
  const pkg = deferredSource(packageFile, bytes);
  const text = pkg.text;
  let manifest: unknown;
  try {
    manifest = JSON.parse(text);
  } catch (error) {
    const position = /position (\d+)/.exec((error as Error).message)?.[1];
    const offset = position === undefined ? 0 : Number(position);
    return [
      {
        ...pkg.diagnostic(
          'invalid-package-json',
          'error',
          `${name}/package.json is not valid JSON (${(error as Error).message.split('\n')[0]}): fix it, e.g. with \`npm pkg fix\``,
          [],
          { offset },
        ),
      },
    ];
  }
  if (!isObject(manifest)) {
    return [
      pkg.diagnostic('invalid-package-json', 'error', `${name}/package.json must hold a JSON object`, []),
    ];
  }
  const scripts = isObject(manifest.scripts) ? manifest.scripts : {};
  const hasScript = (script: string): boolean => typeof scripts[script] === 'string';

  if (NEEDS_START.includes(type) && !hasScript('start')) {
    diagnostics.push(
      pkg.diagnostic(
        'missing-start-script',
        'error',
        `${name}/package.json has no "start" script: the platform starts ${type} applications with \`npm start\`; add e.g. "start": "node src/index.js"`,
        ['scripts'],
      ),
    );
  }
  if (NEEDS_BUILD.includes(type) && !hasScript('build') && !hasScript('gcp-build')) {
    diagnostics.push(
      pkg.diagnostic(
        'missing-build-script',
        'error',
        `${name}/package.json has no "build" script: the platform builds ${type} applications with \`npm run build\` into public/; add one`,
        ['scripts'],
      ),
    );
  }
  const applicationScripts = isObject(application.scripts) ? application.scripts : {};
  for (const hook of ['postDeploy', 'preUndeploy'] as const) {
    const command = applicationScripts[hook];
    if (typeof command !== 'string') continue;
    for (const script of npmScriptsCalled(command)) {
      if (hasScript(script)) continue;
      // The platform accepts the file; the script fails at deploy time: a warning (issue 12).
      const path = [...base, 'scripts', hook];
      const offset = npmRunOffset(source, path, script);
      diagnostics.push(
        source.diagnostic(
          'missing-npm-script',
          'warning',
          `${hook} runs \`npm run ${script}\` but ${name}/package.json has no "${script}" script: the platform accepts connect.yaml, but the script fails at deploy time; add it, or fix the name`,
          path,
          offset === undefined ? {} : { offset },
        ),
      );
    }
  }
  const engines = isObject(manifest.engines) ? manifest.engines : {};
  if (engines.node === undefined) {
    diagnostics.push(
      pkg.diagnostic(
        'missing-node-version',
        'warning',
        `${name}/package.json has no engines.node: the platform then runs the newest LTS, Node.js 24; declare the versions you test with, e.g. "engines": { "node": ">=22" }`,
        isObject(manifest.engines) ? ['engines'] : [],
      ),
    );
  } else {
    const problem = await checkEnginesNode(engines.node);
    if (problem)
      diagnostics.push(
        pkg.diagnostic('unsupported-node-version', 'error', `${name}/package.json: ${problem}`, [
          'engines',
          'node',
        ]),
      );
  }
  const manager = typeof manifest.packageManager === 'string' ? manifest.packageManager : '';
  const foreign = /^(pnpm|bun)@/.exec(manager)?.[1];
  if (foreign) {
    diagnostics.push(
      pkg.diagnostic(
        'unsupported-package-manager',
        'warning',
        `${name}/package.json: packageManager names ${foreign}, which the platform does not use: it installs with Yarn when a yarn.lock is at the repository root, else with npm; commit a package-lock.json (npm install) or a yarn.lock`,
        ['packageManager'],
      ),
    );
  }
  for (const [file, tool] of FOREIGN_LOCK_FILES) {
    for (const [dir, label] of [
      [folder, `${name}/${file}`],
      [root, file],
    ] as const) {
      if ((await kind(join(dir, file))) !== 'file') continue;
      diagnostics.push(
        source.diagnostic(
          'unsupported-package-manager',
          'warning',
          `${label}: the platform does not install with ${tool} (it uses Yarn when a yarn.lock is at the repository root, else npm) and ignores this file; commit a package-lock.json (npm install) or a yarn.lock instead`,
          [...base, 'name'],
        ),
      );
    }
  }
  const locks = await Promise.all(
    [
      ...LOCK_FILES.map((lock) => join(folder, lock)),
      // A workspace's one lock file, or the repository's yarn.lock.
      join(root, 'yarn.lock'),
      join(root, 'package-lock.json'),
    ].map(async (lock) => (await kind(lock)) === 'file'),
  );
  if (!locks.includes(true)) {
    diagnostics.push(
      source.diagnostic(
        'missing-lock-file',
        'warning',
        `${name}/ has no lock file (package-lock.json): the platform would install whatever versions are newest that day; run \`npm install\` in ${name}/ and commit package-lock.json`,
        [...base, 'name'],
      ),
    );
  }
  return diagnostics;
}

/** Why engines.node admits no supported Node.js version, or undefined when it admits one. */
export async function checkEnginesNode(range: unknown): Promise<string | undefined> {
  const supported = SUPPORTED_NODE_MAJORS.join(', ');
  if (typeof range !== 'string')
    return `engines.node must be a version range string such as ">=22", not ${JSON.stringify(range)}`;
  // Two functions rather than all of semver: start-up time.
  const [{ default: validRange }, { default: intersects }] = await Promise.all([
    import('semver/ranges/valid.js'),
    import('semver/ranges/intersects.js'),
  ]);
  if (validRange(range) === null)
    return `engines.node "${range}" is not a valid version range; write e.g. ">=22" or "24.x"`;
  const admitted = SUPPORTED_NODE_MAJORS.filter((major) =>
    intersects(range, `>=${major}.0.0 <${major + 1}.0.0`),
  );
  if (admitted.length > 0) return undefined;
  return `engines.node "${range}" admits no Node.js version the runtime supports (${supported}): use e.g. ">=22" or "24.x"`;
}
