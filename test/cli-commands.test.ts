/**
 * Every command, the same way: walks the commands of oclif.manifest.json and runs each one
 * (the built CLI, as a child process) with -h, with a misspelt flag, from a subfolder of a
 * repository, and with --json on a failure, checking the exit code against the README's
 * exit-code table, the JSON on stdout and the "Try:" hint. A command added later is walked too.
 */
import { cp, mkdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { repoRoot, runCli, tempDir, type CliResult } from './helpers/cli.js';

interface ManifestArg {
  name: string;
  required?: boolean;
  options?: string[];
}
interface ManifestFlag {
  name: string;
  type: 'boolean' | 'option';
  required?: boolean;
  options?: string[];
  hidden?: boolean;
}
interface ManifestCommand {
  id: string;
  hidden?: boolean;
  enableJsonFlag?: boolean;
  args: Record<string, ManifestArg>;
  flags: Record<string, ManifestFlag>;
}

const manifest = JSON.parse(await readFile(join(repoRoot, 'oclif.manifest.json'), 'utf8')) as {
  commands: Record<string, ManifestCommand>;
};
const commands = Object.values(manifest.commands)
  .filter((command) => !command.hidden)
  .sort((a, b) => a.id.localeCompare(b.id));

/** The README's exit-code table: code -> meaning. */
const exitCodes = new Map(
  [...(await readFile(join(repoRoot, 'README.md'), 'utf8')).matchAll(/^\| (\d+) \| (.+) \|$/gm)].map(
    (match) => [Number(match[1]), match[2] as string] as const,
  ),
);
const codeFor = (words: RegExp): number => {
  const found = [...exitCodes].find(([, meaning]) => words.test(meaning));
  if (!found) throw new Error(`the README's exit-code table has no row matching ${words}`);
  return found[0];
};
const USAGE = codeFor(/unknown command or flag/);
const FAILURE = codeFor(/^The command ran/);
const OK = codeFor(/^Success/);

/** Required arguments and flags filled in, so that a run gets past oclif's parser. */
function requiredArgv(command: ManifestCommand): string[] {
  const sample: Record<string, string> = { app: 'job', type: 'event' };
  const args = Object.values(command.args)
    .filter((arg) => arg.required)
    .map((arg) => sample[arg.name] ?? arg.options?.[0] ?? 'probe');
  const flags = Object.values(command.flags)
    .filter((flag) => flag.required)
    .flatMap((flag) => [`--${flag.name}`, flag.options?.[0] ?? 'probe']);
  return [...args, ...flags];
}

const words = (command: ManifestCommand) => command.id.split(':');
const takesRepository = (command: ManifestCommand) => 'path' in command.args;

/** stdout as JSON: one document, or JSON lines (connect dev) of which the last counts. */
function lastJson(result: CliResult): Record<string, unknown> {
  const text = result.stdout.trim();
  try {
    return JSON.parse(text) as Record<string, unknown>;
  } catch {
    const lines = text.split('\n');
    for (const line of lines) JSON.parse(line); // every line is JSON
    return JSON.parse(lines.at(-1) ?? '') as Record<string, unknown>;
  }
}

function expectError(result: CliResult): { code: string; message: string; hint: string } {
  expect(exitCodes.has(result.exitCode), `exit ${result.exitCode} is in the README's table`).toBe(true);
  expect(result.exitCode).not.toBe(OK);
  const { error } = lastJson(result) as { error: { code: string; message: string; hint: string } };
  expect(error).toMatchObject({
    code: expect.stringMatching(/^[A-Z][A-Z0-9_]+$/),
    message: expect.any(String),
    hint: expect.stringMatching(/\S/),
  });
  expect(`${result.stdout}${result.stderr}`).not.toMatch(/\n\s+at .+:\d+:\d+/);
  return error;
}

/** Runs the jobs with at most `size` at a time (two cores, other engineers' tests). */
async function pool<T>(jobs: (() => Promise<T>)[], size = 3): Promise<T[]> {
  const results: T[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: size }, async () => {
      while (next < jobs.length) {
        const index = next++;
        results[index] = await (jobs[index] as () => Promise<T>)();
      }
    }),
  );
  return results;
}

let dir: Awaited<ReturnType<typeof tempDir>>;
let repo: string;
/** A copy for `add`, which writes, so that the other runs read an unchanging repository. */
let addRepo: string;
let empty: string;
let env: Record<string, string | undefined>;
const runs = new Map<
  string,
  { help: CliResult; typo: CliResult; subfolder: CliResult; failure: CliResult }
>();

beforeAll(async () => {
  dir = await tempDir('connect-commands-');
  repo = join(dir.path, 'my connector');
  empty = join(dir.path, 'empty');
  addRepo = join(dir.path, 'add target');
  for (const target of [repo, addRepo]) {
    await cp(join(repoRoot, 'examples', 'connector'), target, {
      recursive: true,
      filter: (source) => !/[/\\](node_modules|\.connect)$/.test(source),
    });
  }
  await mkdir(empty);
  // No credentials and no profile: remote commands fail before any network.
  env = {
    CONNECT_CONFIG_DIR: join(dir.path, 'config'),
    XDG_CONFIG_HOME: join(dir.path, 'xdg'),
    CTP_CLIENT_ID: undefined,
    CTP_CLIENT_SECRET: undefined,
    CTP_PROJECT_KEY: undefined,
    CTP_REGION: undefined,
    CTP_AUTH_URL: undefined,
    CTP_CONNECT_API_URL: undefined,
    CONNECT_PROFILE: undefined,
  };
  const jobs = commands.flatMap((command) => {
    const base = [...words(command), ...requiredArgv(command)];
    const json = command.enableJsonFlag !== false;
    const extra = SUBFOLDER_ARGV[command.id] ?? [];
    return [
      () => runCli([...words(command), '-h'], { cwd: empty, env }),
      () => runCli([...base, '--jsonn'], { cwd: empty, env }),
      () =>
        runCli([...base, ...extra, ...(json ? ['--json'] : [])], {
          cwd: join(command.id === 'add' ? addRepo : repo, 'service'),
          env,
        }),
      () =>
        runCli(
          [...base, ...(json ? ['--json'] : []), ...(NOTHING_TO_FAIL_ON.has(command.id) ? ['--jsonn'] : [])],
          {
            cwd: empty,
            env,
          },
        ),
    ];
  });
  const results = await pool(jobs);
  commands.forEach((command, index) => {
    const [help, typo, subfolderRun, failure] = results.slice(index * 4, index * 4 + 4) as CliResult[];
    runs.set(command.id, { help, typo, subfolder: subfolderRun, failure } as never);
  });
}, 300_000);

afterAll(async () => dir?.cleanup());

/** Extra arguments for the subfolder run (a new application for `add`, a name --only refuses). */
const SUBFOLDER_ARGV: Record<string, string[]> = {
  add: ['--name', 'from-subfolder', '--no-install', '--yes'],
  dev: ['--only', 'ghost'],
  'events:replay': ['--all-dead'],
};

/** Commands that succeed in an empty folder without credentials: their failure is a misspelt flag. */
const NOTHING_TO_FAIL_ON = new Set(['version', 'logout', 'help']);

describe.each(commands.map((command) => [command.id.replaceAll(':', ' '), command] as const))(
  'connect %s',
  (name, command) => {
    const run = () => runs.get(command.id) as NonNullable<ReturnType<typeof runs.get>>;

    it('shows its help with -h', () => {
      const { help } = run();
      expect(help.exitCode).toBe(OK);
      expect(help.stdout).toContain('USAGE');
      // `connect help -h` is the top-level help (oclif's), which the other commands' usage is in.
      expect(help.stdout).toContain(command.id === 'help' ? '$ connect' : `$ connect ${name}`);
    });

    it('refuses a misspelt flag as a usage error, naming the nearest flag', () => {
      const { typo } = run();
      expect(typo.exitCode).toBe(USAGE);
      expect(typo.stderr).toContain('Error [USAGE] Nonexistent flag: --jsonn');
      if (command.enableJsonFlag !== false) expect(typo.stderr).toContain('Try: did you mean `--json`?');
      else expect(typo.stderr).toContain('Try: ');
      expect(typo.stdout).toBe('');
    });

    it('finds the repository from a subfolder', async () => {
      const { subfolder } = run();
      if (command.enableJsonFlag === false) {
        expect(subfolder.exitCode).toBe(OK);
        return;
      }
      const result = subfolder.exitCode === OK ? lastJson(subfolder) : expectError(subfolder);
      if ('code' in result) expect(result.code).not.toBe('CONNECT_YAML_NOT_FOUND');
      if (!takesRepository(command)) return;
      // The commands on a repository found the root, not the subfolder.
      if (command.id === 'validate') {
        expect(subfolder.exitCode).toBe(OK);
        expect(result).toMatchObject({ valid: true, errorCount: 0 });
      } else if (command.id === 'add') {
        expect(subfolder.exitCode).toBe(OK);
        expect(result).toMatchObject({ root: addRepo, connectYaml: join(addRepo, 'connect.yaml') });
        expect((await stat(join(addRepo, 'from-subfolder', 'package.json'))).isFile()).toBe(true);
        expect(await readFile(join(addRepo, 'connect.yaml'), 'utf8')).toContain('name: from-subfolder');
      } else if (command.id === 'dev') {
        expect(subfolder.exitCode).toBe(USAGE);
        expect(result).toMatchObject({
          code: 'APPLICATION_NOT_FOUND',
          hint: 'use one or more of: service, event, job',
        });
      } else if (
        command.id.startsWith('trigger:') ||
        command.id.startsWith('events:') ||
        command.id === 'status'
      ) {
        expect(subfolder.exitCode).toBe(FAILURE);
        expect(result).toMatchObject({ code: 'EMULATOR_NOT_RUNNING' });
        expect(result.message).toContain(`running for ${repo} (`);
      }
    });

    it('fails with --json as one JSON error with a code and a Try: hint', () => {
      const { failure } = run();
      if (command.enableJsonFlag === false) {
        expect(failure.exitCode).toBe(USAGE);
        expect(failure.stderr).toContain('Try: ');
        return;
      }
      const error = expectError(failure);
      if (takesRepository(command) && !NOTHING_TO_FAIL_ON.has(command.id) && command.id !== 'events:replay') {
        expect(error.code).toBe('CONNECT_YAML_NOT_FOUND');
        expect(failure.exitCode).toBe(USAGE);
      }
    });
  },
);

describe('help examples', () => {
  // A `${...}` or a backtick outside single quotes is text the shell would expand by accident (the
  // connect-yaml `${env:X}` syntax); `$(connect ...)` and `$VAR` in a curl example are meant.
  it('are copy-paste safe: no ${...} or backtick outside single quotes', () => {
    const unsafe = commands.flatMap((command) =>
      ((command as { examples?: (string | { command: string })[] }).examples ?? [])
        .map((example) => (typeof example === 'string' ? example : example.command))
        .filter((example) =>
          /\$\{|`/.test(example.replaceAll('<%= config.bin %>', '').replace(/'[^']*'/g, '')),
        ),
    );
    expect(unsafe).toEqual([]);
  });
});

describe('the exit-code table', () => {
  it('is in the README, with the codes every run above used', () => {
    expect([...exitCodes.keys()]).toEqual(expect.arrayContaining([0, 1, 2, 4, 130, 143]));
    const seen = new Set(
      [...runs.values()].flatMap((run) => Object.values(run).map((r: CliResult) => r.exitCode)),
    );
    for (const code of seen) expect(exitCodes.has(code), `exit ${code}`).toBe(true);
  });
});
