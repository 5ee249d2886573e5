/**
 * `connect init` and `connect add`: plan checked first (names, endpoints, schedules, target),
 * then every file written inside one Transaction, dependencies installed, the Git repository
 * created. Any failure, or Ctrl-C, rolls the whole thing back.
 */
import { existsSync, readFileSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';

import { ConnectError, ExitCode, type ExitCodeValue } from '../errors.js';
import { findSpecFile } from '../spec/load.js';
import { packageRoot } from '../package-root.js';
import { hasEndpoint, templateLayers, type Language, type ScaffoldType } from './catalogue.js';
import {
  addToConnectYaml,
  applicationEntries,
  createConnectYaml,
  type PlannedApplication,
} from './connect-yaml.js';
import { createInitialCommit } from './git.js';
import { detectPackageManager, installDependencies, type PackageManager } from './install.js';
import { assertValidEndpoint, assertValidName, assertValidSchedule } from './names.js';
import { renderTemplate, writeText } from './render.js';
import { harnessFiles } from './harness-files.js';
import { packageNameOf, ROOT_GITIGNORE, rootReadme } from './root-files.js';
import { assertEmptyTarget } from './scaffold-target.js';
import { Transaction } from './transaction.js';

export interface ScaffoldOptions {
  language: Language;
  install: boolean;
  force: boolean;
  packageManager?: PackageManager | undefined;
  /** No progress list (--json). */
  quiet?: boolean | undefined;
  /** Where templates/ lives (tests). */
  templatesRoot?: string | undefined;
}

export interface InitOptions extends ScaffoldOptions {
  directory: string;
  applications: PlannedApplication[];
  git: boolean;
  /** Write the GitHub Actions workflow (default true; `--no-ci`). */
  ci?: boolean | undefined;
}

export interface ScaffoldedApplication {
  name: string;
  applicationType: ScaffoldType;
  folder: string;
  endpoint?: string;
  schedule?: string;
}

export interface InitResult {
  root: string;
  language: Language;
  applications: ScaffoldedApplication[];
  packageManager: PackageManager;
  installed: boolean;
  git: boolean;
  files: string[];
}

export interface AddOptions extends ScaffoldOptions {
  /** The repository (or its connect.yaml); default: the current directory. */
  path?: string | undefined;
  application: PlannedApplication;
}

export interface AddResult {
  root: string;
  connectYaml: string;
  language: Language;
  application: ScaffoldedApplication;
  packageManager: PackageManager;
  installed: boolean;
  files: string[];
  /** connect.yaml already declared the application: only its folder was created. */
  declared?: boolean;
}

/** The package's version: templates are pinned to it, and the schema URL names it. */
export function cliVersion(): string {
  const pkg = JSON.parse(readFileSync(join(packageRoot, 'package.json'), 'utf8')) as { version: string };
  return pkg.version;
}

/** The `$schema` of generated connect.yaml files: the schema published with this very version. */
export function schemaUrl(version: string = cliVersion()): string {
  return `https://unpkg.com/connect-cli@${version}/schemas/connect.schema.json`;
}

/** Checks every application of a plan against the connect.yaml rules; nothing is written yet. */
export function checkPlan(applications: PlannedApplication[], existingNames: string[] = []): void {
  if (applications.length === 0) {
    throw new ConnectError('NO_APPLICATIONS', 'No application to create.', {
      hint: 'pass --app TYPE[:NAME] at least once, e.g. --app service',
      exitCode: ExitCode.Usage,
    });
  }
  const seen = new Set(existingNames);
  for (const app of applications) {
    assertValidName(app.name);
    if (seen.has(app.name)) {
      throw new ConnectError('DUPLICATE_NAME', `Two applications are named "${app.name}".`, {
        hint: `give each application its own name: --app ${app.type}:<name>`,
        exitCode: ExitCode.Usage,
      });
    }
    seen.add(app.name);
    if (hasEndpoint(app.type)) assertValidEndpoint(app.endpoint ?? '', app.name);
    if (app.type === 'job') assertValidSchedule(app.schedule ?? '', app.name);
  }
}

/**
 * Installs the applications' dependencies when asked; Java needs nothing first (Maven fetches
 * them when it builds). Whether an install ran.
 */
async function installApplications(
  apps: { name: string; folder: string }[],
  options: ScaffoldOptions,
  manager: PackageManager,
  signal: AbortSignal,
): Promise<boolean> {
  if (!options.install || options.language === 'java') return false;
  await installDependencies(apps, { manager, quiet: options.quiet === true, signal });
  return true;
}

/** Runs STEPS with Ctrl-C turned into a rollback instead of a half-made repository. */
async function withRollback<T>(
  transaction: Transaction,
  steps: (signal: AbortSignal, checkpoint: () => void) => Promise<T>,
): Promise<T> {
  const controller = new AbortController();
  let exitCode: ExitCodeValue = ExitCode.Interrupted;
  const onSignal = (signal: NodeJS.Signals): void => {
    if (signal === 'SIGTERM') exitCode = ExitCode.Terminated;
    controller.abort();
  };
  // `on`, not `once`: while a listener of ours is registered, signal-exit (used by execa) does
  // not re-raise the signal and kill the process before the rollback.
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  const checkpoint = (): void => {
    if (controller.signal.aborted)
      throw new ConnectError('CANCELLED', 'Cancelled: everything created was removed.', { exitCode });
  };
  try {
    const result = await steps(controller.signal, checkpoint);
    checkpoint();
    await transaction.commit();
    return result;
  } catch (error) {
    await transaction.rollback();
    if (controller.signal.aborted && !(error instanceof ConnectError && error.code === 'INSTALL_FAILED')) {
      throw new ConnectError('CANCELLED', 'Cancelled: everything created was removed.', { exitCode });
    }
    throw error;
  } finally {
    process.removeListener('SIGINT', onSignal);
    process.removeListener('SIGTERM', onSignal);
  }
}

function summarize(app: PlannedApplication, root: string): ScaffoldedApplication {
  return {
    name: app.name,
    applicationType: app.type,
    folder: join(root, app.name),
    ...(hasEndpoint(app.type) && app.endpoint !== undefined ? { endpoint: app.endpoint } : {}),
    ...(app.type === 'job' && app.schedule !== undefined ? { schedule: app.schedule } : {}),
  };
}

async function renderApplication(
  app: PlannedApplication,
  options: ScaffoldOptions,
  root: string,
  transaction: Transaction,
): Promise<string[]> {
  // --force into an existing folder replaces the files of the same name only: whatever else the
  // user keeps there (service/custom.txt) stays. A new folder is claimed whole (rollback removes it).
  const existing = await stat(join(root, app.name)).catch(() => undefined);
  const perFile = existing?.isDirectory() === true;
  if (!perFile) await transaction.claim(app.name);
  return renderTemplate(
    templateLayers(app.type, options.language, options.templatesRoot),
    root,
    app.name,
    {
      name: app.name,
      packageName: packageNameOf(app.name),
      endpoint: app.endpoint ?? '',
      schedule: app.schedule ?? '',
      cliVersion: cliVersion(),
    },
    perFile ? (path) => transaction.claim(path) : undefined,
  );
}

export async function initRepository(options: InitOptions): Promise<InitResult> {
  checkPlan(options.applications);
  const root = resolve(options.directory);
  const info = await stat(root).catch(() => undefined);
  if (info && !info.isDirectory()) {
    throw new ConnectError('TARGET_NOT_A_DIRECTORY', `${root} exists and is not a directory.`, {
      hint: 'choose another directory',
      exitCode: ExitCode.Usage,
    });
  }
  if (!options.force) await assertEmptyTarget(root);
  const packageManager = options.packageManager ?? detectPackageManager();
  const hadGit = existsSync(join(root, '.git'));
  const transaction = new Transaction(root);

  return withRollback(transaction, async (signal, checkpoint) => {
    await transaction.ensureRoot();
    const files: string[] = [];
    for (const [path, text] of [
      [
        'connect.yaml',
        createConnectYaml(
          options.applications.map((app) => ({ ...app, language: options.language })),
          schemaUrl(),
        ),
      ],
      ['README.md', rootReadme(basename(root), options.language, options.applications)],
      ['.gitignore', ROOT_GITIGNORE],
    ] as const) {
      await transaction.claim(path);
      files.push(await writeText(root, path, text));
    }
    // Integration tests and CI (templates/root/): a new folder is claimed whole, so that a
    // rollback removes it; in an existing one (--force) only our file.
    for (const [path, text] of await harnessFiles({
      packageName: packageNameOf(basename(root)),
      cliVersion: cliVersion(),
      ci: options.ci !== false,
      templatesRoot: options.templatesRoot,
    })) {
      const top = path.split('/')[0] as string;
      await transaction.claim(top !== path && !existsSync(join(root, top)) ? top : path);
      files.push(await writeText(root, path, text));
    }
    for (const app of options.applications) {
      checkpoint();
      files.push(...(await renderApplication(app, options, root, transaction)));
    }
    checkpoint();
    const install = await installApplications(
      options.applications.map((app) => ({ name: app.name, folder: join(root, app.name) })),
      options,
      packageManager,
      signal,
    );
    checkpoint();
    const git = options.git && !hadGit;
    if (git) {
      await transaction.claim('.git');
      await createInitialCommit(root);
    }
    return {
      root,
      language: options.language,
      applications: options.applications.map((app) => summarize(app, root)),
      packageManager,
      installed: install,
      git,
      files: files.sort(),
    };
  });
}

/** The language of an existing repository's applications, when they tell. */
export function inferLanguage(
  root: string,
  applications: { name: string; type: string | undefined }[],
): Language | undefined {
  let sawPackage = false;
  // Assets are the same in both languages: they do not tell.
  for (const { name } of applications.filter((app) => app.type !== 'assets')) {
    if (existsSync(join(root, name, 'pom.xml'))) return 'java';
    if (existsSync(join(root, name, 'tsconfig.json'))) return 'ts';
    if (existsSync(join(root, name, 'package.json'))) sawPackage = true;
  }
  return sawPackage ? 'js' : undefined;
}

/** Reads the repository's connect.yaml and the names it already uses. */
export async function readRepository(path?: string): Promise<{
  root: string;
  file: string;
  source: string;
  names: string[];
  applications: { name: string; type: string | undefined; endpoint?: string; schedule?: string }[];
}> {
  const file = await findSpecFile(path);
  const source = await readFile(file, 'utf8');
  const applications = applicationEntries(source);
  return {
    root: resolve(file, '..'),
    file,
    source,
    names: applications.map((app) => app.name),
    applications,
  };
}

export async function addApplication(options: AddOptions): Promise<AddResult> {
  const { root, file, source, names, applications } = await readRepository(options.path);
  const app = options.application;
  const declared = applications.find((entry) => entry.name === app.name);
  // An application connect.yaml declares without its folder (validate's missing-folder): create
  // the folder from the template and leave connect.yaml as it is.
  if (declared !== undefined && (!existsSync(join(root, app.name)) || options.force)) {
    return restoreFolder(options, declared, { root, file });
  }
  if (names.includes(app.name)) {
    throw new ConnectError('DUPLICATE_NAME', `${file} already has an application named "${app.name}".`, {
      hint: `choose another name: connect add ${app.type} --name <name>`,
      exitCode: ExitCode.Usage,
    });
  }
  checkPlan([app], names);
  const updated = addToConnectYaml(source, { ...app, language: options.language }, file);
  const folder = join(root, app.name);
  if (existsSync(folder) && !options.force) {
    throw new ConnectError('FOLDER_EXISTS', `${folder} already exists.`, {
      hint: 'choose another name, or pass --force to replace the folder',
      exitCode: ExitCode.Usage,
    });
  }
  return createFolder(options, app, { root, file }, { source, updated });
}

/**
 * Renders the application's folder from its template (and writes connect.yaml's new text when
 * given), then installs it; all rolled back on failure or Ctrl-C.
 */
function createFolder(
  options: AddOptions,
  app: AddOptions['application'],
  { root, file }: { root: string; file: string },
  connectYaml?: { source: string; updated: string },
): Promise<AddResult> {
  const packageManager = options.packageManager ?? detectPackageManager();
  const transaction = new Transaction(root);
  return withRollback(transaction, async (signal, checkpoint) => {
    const files = await renderApplication(app, options, root, transaction);
    if (connectYaml) await transaction.replaceText(basename(file), connectYaml.source, connectYaml.updated);
    checkpoint();
    const folder = join(root, app.name);
    const install = await installApplications([{ name: app.name, folder }], options, packageManager, signal);
    return {
      root,
      connectYaml: file,
      language: options.language,
      application: summarize(app, root),
      packageManager,
      installed: install,
      files: (connectYaml ? [...files, basename(file)] : files).sort(),
      ...(connectYaml ? {} : { declared: true }),
    };
  });
}

/** The folder of an application connect.yaml already declares, from its template. */
async function restoreFolder(
  options: AddOptions,
  declared: { name: string; type: string | undefined; endpoint?: string; schedule?: string },
  { root, file }: { root: string; file: string },
): Promise<AddResult> {
  const app = options.application;
  if (declared.type !== undefined && declared.type !== app.type) {
    throw new ConnectError(
      'DUPLICATE_NAME',
      `${file} already has an application named "${app.name}", of type ${declared.type}, not ${app.type}.`,
      {
        hint: `create its folder with \`connect add ${declared.type} --name ${app.name}\`, or choose another name`,
        exitCode: ExitCode.Usage,
      },
    );
  }
  // The code must answer where connect.yaml says the platform calls it.
  const planned = {
    ...app,
    ...(declared.endpoint !== undefined ? { endpoint: declared.endpoint } : {}),
    ...(declared.schedule !== undefined ? { schedule: declared.schedule } : {}),
  };
  checkPlan([planned], []);
  return createFolder(options, planned, { root, file });
}
