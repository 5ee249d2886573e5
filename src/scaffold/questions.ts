/**
 * Turning flags and answers into a plan. Every question has a flag; on a terminal the missing
 * answers are asked (inquirer), with --yes they take their defaults, and without a terminal a
 * missing answer is INPUT_REQUIRED (exit 4) naming the flag to pass.
 */
import { readdirSync } from 'node:fs';

import { ConnectError, ExitCode, inputRequired } from '../errors.js';
import {
  DEFAULT_SCHEDULE,
  defaultEndpoint,
  hasEndpoint,
  isLanguage,
  isScaffoldType,
  LANGUAGE_LABELS,
  LANGUAGES,
  SCAFFOLD_TYPES,
  TYPE_DESCRIPTIONS,
  unknownType,
  type Language,
  type ScaffoldType,
} from './catalogue.js';
import { assertEmptyTarget } from './scaffold-target.js';
import { checkValueFlags } from './value-flags.js';
import type { PlannedApplication } from './connect-yaml.js';
import { assertValidName, endpointProblem, nameProblem, scheduleProblem } from './names.js';

/** What the commands need from a prompt library (src/ui/prompts gives the inquirer one). */
export interface Prompter {
  input(
    message: string,
    options: { default?: string; validate?: (value: string) => string | true },
  ): Promise<string>;
  select<T extends string>(
    message: string,
    choices: { name: string; value: T }[],
    defaultValue?: T,
  ): Promise<T>;
  checkbox<T extends string>(
    message: string,
    choices: { name: string; value: T; checked?: boolean }[],
  ): Promise<T[]>;
  confirm(message: string, defaultValue: boolean): Promise<boolean>;
}

export interface InitFlags {
  directory?: string | undefined;
  language?: string | undefined;
  apps?: string[] | undefined;
  endpoints?: string[] | undefined;
  schedules?: string[] | undefined;
  install?: boolean | undefined;
  git?: boolean | undefined;
  yes?: boolean | undefined;
  /** --force: a non-empty directory is accepted. */
  force?: boolean | undefined;
}

export interface InitAnswers {
  directory: string;
  language: Language;
  applications: PlannedApplication[];
  install: boolean;
  git: boolean;
}

export const DEFAULT_DIRECTORY = 'my-connector';

function hasEntries(directory: string): boolean {
  try {
    return readdirSync(directory).length > 0;
  } catch {
    return false;
  }
}

function validator(problem: (value: string) => string | undefined): (value: string) => string | true {
  return (value) => problem(value.trim()) ?? true;
}

export function parseLanguage(value: string): Language {
  const normalised = value.toLowerCase();
  const aliases: Record<string, Language> = { typescript: 'ts', javascript: 'js' };
  const language = aliases[normalised] ?? normalised;
  if (!isLanguage(language)) {
    throw new ConnectError('UNKNOWN_LANGUAGE', `"${value}" is not a language connect can scaffold.`, {
      hint: `use --language ${LANGUAGES.join(' or --language ')}`,
      exitCode: ExitCode.Usage,
    });
  }
  return language;
}

/** `TYPE[:NAME]` of --app. */
export function parseAppFlag(value: string): { type: ScaffoldType; name: string } {
  const [type = '', ...rest] = value.split(':');
  if (!isScaffoldType(type)) throw unknownType(type);
  const name = rest.length > 0 ? rest.join(':') : type;
  assertValidName(name, `--app ${type}:<name>`);
  return { type, name };
}

/** Values of --endpoint / --schedule: `NAME=VALUE` for one application or `VALUE` for all. */
export function valueFor(values: string[] | undefined, name: string): string | undefined {
  let general: string | undefined;
  for (const value of values ?? []) {
    const match = /^([a-zA-Z0-9_-]{2,256})=(.*)$/.exec(value);
    if (match) {
      if (match[1] === name) return match[2];
    } else {
      general = value;
    }
  }
  return general;
}

async function ask<T>(
  given: T | undefined,
  fallback: T,
  flags: { yes?: boolean | undefined },
  prompter: Prompter | undefined,
  missing: { what: string; flag: string },
  question: (prompter: Prompter) => Promise<T>,
): Promise<T> {
  if (given !== undefined) return given;
  if (flags.yes) return fallback;
  if (prompter === undefined)
    throw inputRequired(missing.what, `${missing.flag} (or --yes to accept the defaults)`);
  return question(prompter);
}

/** --language, else the inferred one, else ts (--yes) or asked. */
function askLanguage(
  inferred: Language | undefined,
  flags: { language?: string | undefined; yes?: boolean | undefined },
  prompter: Prompter | undefined,
): Promise<Language> {
  return ask<Language>(
    flags.language === undefined ? inferred : parseLanguage(flags.language),
    'ts',
    flags,
    prompter,
    { what: 'The language', flag: '--language ts|js|java' },
    (p) =>
      p.select<Language>(
        'Language',
        LANGUAGES.map((value) => ({ name: LANGUAGE_LABELS[value], value })),
        'ts',
      ),
  );
}

/** Endpoint and schedule of a service/event/job app: flag, else default (--yes, no TTY), else asked. */
async function completeApplication(
  app: { type: ScaffoldType; name: string },
  flags: InitFlags,
  prompter: Prompter | undefined,
): Promise<PlannedApplication> {
  const planned: PlannedApplication = { ...app };
  if (hasEndpoint(app.type)) {
    const given = valueFor(flags.endpoints, app.name);
    planned.endpoint =
      given ??
      (flags.yes || prompter === undefined
        ? defaultEndpoint(app.type)
        : (
            await prompter.input(`Endpoint of ${app.name}`, {
              default: defaultEndpoint(app.type),
              validate: validator(endpointProblem),
            })
          ).trim());
  }
  if (app.type === 'job') {
    const given = valueFor(flags.schedules, app.name);
    planned.schedule =
      given ??
      (flags.yes || prompter === undefined
        ? DEFAULT_SCHEDULE
        : (
            await prompter.input(`Schedule of ${app.name} (cron, UTC)`, {
              default: DEFAULT_SCHEDULE,
              validate: validator(scheduleProblem),
            })
          ).trim());
  }
  return planned;
}

export async function chooseApplications(
  flags: InitFlags,
  prompter: Prompter | undefined,
): Promise<PlannedApplication[]> {
  let chosen: { type: ScaffoldType; name: string }[];
  if (flags.apps !== undefined && flags.apps.length > 0) {
    chosen = flags.apps.map(parseAppFlag);
  } else if (flags.yes) {
    chosen = [{ type: 'service', name: 'service' }];
  } else if (prompter === undefined) {
    throw inputRequired('Which applications to create', '--app TYPE[:NAME] (or --yes for one service)');
  } else {
    const types = await prompter.checkbox(
      'Applications to create',
      SCAFFOLD_TYPES.map((type) => ({
        name: `${type}: ${TYPE_DESCRIPTIONS[type]}`,
        value: type,
        checked: type === 'service',
      })),
    );
    if (types.length === 0) {
      throw new ConnectError('NO_APPLICATIONS', 'No application was chosen.', {
        hint: 'select at least one with the space bar, or pass --app TYPE[:NAME]',
        exitCode: ExitCode.Usage,
      });
    }
    chosen = [];
    const taken = new Set<string>();
    for (const type of types) {
      const name = (
        await prompter.input(`Name of the ${type} application`, {
          default: type,
          validate: (value) => {
            const problem = nameProblem(value.trim());
            if (problem) return `The name ${problem}`;
            return taken.has(value.trim()) ? 'Another application already has this name' : true;
          },
        })
      ).trim();
      taken.add(name);
      chosen.push({ type, name });
    }
  }
  checkValueFlags(flags, chosen);
  const planned: PlannedApplication[] = [];
  for (const app of chosen) planned.push(await completeApplication(app, flags, prompter));
  return planned;
}

export async function resolveInitAnswers(
  flags: InitFlags,
  prompter: Prompter | undefined,
): Promise<InitAnswers> {
  // Before anything is asked: flags that apply to nothing, and a directory that is not empty.
  if (flags.apps !== undefined && flags.apps.length > 0) checkValueFlags(flags, flags.apps.map(parseAppFlag));
  if (flags.directory !== undefined && !flags.force) await assertEmptyTarget(flags.directory);
  const directory = await ask(
    flags.directory,
    DEFAULT_DIRECTORY,
    flags,
    prompter,
    { what: 'The directory to create', flag: 'a DIR argument' },
    async (p) =>
      (
        await p.input('Directory of the new repository', {
          default: DEFAULT_DIRECTORY,
          validate: (value) =>
            value.trim() === ''
              ? 'Enter a directory'
              : flags.force || !hasEntries(value.trim())
                ? true
                : `${value.trim()} is not empty: choose a new or empty directory (or run again with --force)`,
        })
      ).trim(),
  );
  const language = await askLanguage(undefined, flags, prompter);
  const applications = await chooseApplications(flags, prompter);
  const install = await ask(
    flags.install,
    true,
    flags,
    prompter,
    { what: 'Whether to install dependencies', flag: '--install or --no-install' },
    (p) => p.confirm('Install the dependencies now?', true),
  );
  const git = await ask(
    flags.git,
    true,
    flags,
    prompter,
    { what: 'Whether to create a Git repository', flag: '--git or --no-git' },
    (p) => p.confirm('Create a Git repository with an initial commit?', true),
  );
  return { directory, language, applications, install, git };
}

export interface AddFlags {
  type: string;
  name?: string | undefined;
  language?: string | undefined;
  endpoints?: string[] | undefined;
  schedules?: string[] | undefined;
  install?: boolean | undefined;
  yes?: boolean | undefined;
}

export async function resolveAddAnswers(
  flags: AddFlags,
  inferredLanguage: Language | undefined,
  prompter: Prompter | undefined,
): Promise<{ application: PlannedApplication; language: Language; install: boolean }> {
  if (!isScaffoldType(flags.type)) throw unknownType(flags.type);
  const type = flags.type;
  let name: string = type;
  if (flags.name !== undefined) {
    name = flags.name;
    assertValidName(name, '--name <name>');
  } else if (!flags.yes && prompter !== undefined) {
    name = (
      await prompter.input(`Name of the ${type} application`, {
        default: type,
        validate: validator(nameProblem),
      })
    ).trim();
  }
  checkValueFlags(flags, [{ type, name }]);
  const language = await askLanguage(inferredLanguage, flags, prompter);
  const application = await completeApplication({ type, name }, flags, prompter);
  const install = await ask(
    flags.install,
    true,
    flags,
    prompter,
    { what: 'Whether to install dependencies', flag: '--install or --no-install' },
    (p) => p.confirm('Install the dependencies now?', true),
  );
  return { application, language, install };
}
