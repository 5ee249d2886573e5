/**
 * `connect init` and `connect add` end to end (built CLI, real files), without installing
 * dependencies: flags, bad input, rollback, connect.yaml editing, and `connect validate` on
 * every application type alone in both languages. Installs, builds and tests of the
 * scaffolded applications are in scaffold-build.test.ts.
 */
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';

import { simpleGit } from 'simple-git';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';

import { runCli, tempDir } from './helpers/cli.js';

let work: { path: string; cleanup: () => Promise<void> };
beforeAll(async () => {
  work = await tempDir('connect-scaffold-');
});
afterAll(() => work.cleanup());

const TYPES = [
  'service',
  'event',
  'job',
  'assets',
  'merchant-center-custom-application',
  'merchant-center-custom-view',
] as const;

let counter = 0;
function target(label: string): string {
  counter += 1;
  return join(work.path, `${label}-${counter}`);
}

async function init(dir: string, ...args: string[]) {
  return runCli(['init', dir, '--no-install', '--no-git', ...args]);
}

async function expectValid(dir: string): Promise<void> {
  const result = await runCli(['validate', dir, '--json']);
  const report = JSON.parse(result.stdout) as { valid: boolean; errorCount: number; warningCount: number };
  expect({ ...report, exitCode: result.exitCode, stderr: result.stderr }).toMatchObject({
    valid: true,
    errorCount: 0,
    warningCount: 0,
    exitCode: 0,
  });
}

describe('connect init', () => {
  for (const language of ['ts', 'js'] as const) {
    for (const type of TYPES) {
      it(`scaffolds a ${type} alone in ${language} that validates without error or warning`, async () => {
        const dir = target(`${language}-${type}`);
        const result = await init(dir, '--language', language, '--app', type);
        expect(result.stderr).toContain('Created');
        expect(result.exitCode).toBe(0);
        const spec = parse(await readFile(join(dir, 'connect.yaml'), 'utf8')) as {
          deployAs: { name: string; applicationType: string }[];
        };
        expect(spec.deployAs).toEqual([expect.objectContaining({ name: type, applicationType: type })]);
        for (const file of [
          'README.md',
          '.gitignore',
          'connect.yaml',
          `${type}/package.json`,
          `${type}/.gitignore`,
        ]) {
          expect(existsSync(join(dir, file)), file).toBe(true);
        }
        expect(existsSync(join(dir, type, '.env.example'))).toBe(true);
        expect(existsSync(join(dir, type, 'tsconfig.json'))).toBe(language === 'ts' && type !== 'assets');
        await expectValid(dir);
      });
    }
  }

  it('writes the $schema comment, names, endpoints and schedules from the flags, and --json', async () => {
    const dir = target('flags');
    const result = await init(
      dir,
      '--language',
      'js',
      '--app',
      'service:cart-rules',
      '--app',
      'job:nightly',
      '--app',
      'job:hourly',
      '--endpoint',
      'cart-rules=/carts',
      '--schedule',
      'nightly=0 3 * * *',
      '--json',
    );
    expect(result.exitCode).toBe(0);
    const json = JSON.parse(result.stdout) as {
      applications: unknown[];
      language: string;
      installed: boolean;
    };
    expect(json).toMatchObject({ language: 'js', installed: false, git: false });
    expect(json.applications).toEqual([
      expect.objectContaining({ name: 'cart-rules', applicationType: 'service', endpoint: '/carts' }),
      expect.objectContaining({
        name: 'nightly',
        applicationType: 'job',
        endpoint: '/job',
        schedule: '0 3 * * *',
      }),
      expect.objectContaining({ name: 'hourly', applicationType: 'job', schedule: '0 * * * *' }),
    ]);
    const text = await readFile(join(dir, 'connect.yaml'), 'utf8');
    expect(text.split('\n')[0]).toMatch(
      /^# yaml-language-server: \$schema=https:\/\/unpkg\.com\/connect-cli@\d+\.\d+\.\d+\/schemas\/connect\.schema\.json$/,
    );
    expect(text).not.toContain('&a1');
    expect(await readFile(join(dir, 'cart-rules', 'src', 'app.js'), 'utf8')).toContain("ENDPOINT = '/carts'");
    const pkg = JSON.parse(await readFile(join(dir, 'cart-rules', 'package.json'), 'utf8')) as {
      name: string;
    };
    const lock = JSON.parse(await readFile(join(dir, 'cart-rules', 'package-lock.json'), 'utf8')) as {
      name: string;
      packages: Record<string, { name?: string }>;
    };
    expect([pkg.name, lock.name, lock.packages['']?.name]).toEqual([
      'cart-rules',
      'cart-rules',
      'cart-rules',
    ]);
    await expectValid(dir);
  });

  it('makes an initial commit with --git', async () => {
    const dir = target('git');
    const result = await init(dir, '--language', 'ts', '--app', 'assets', '--git');
    expect(result.exitCode).toBe(0);
    const git = simpleGit({ baseDir: dir });
    const log = await git.log();
    expect(log.latest?.message).toBe('Initial commit from connect init');
    expect((await git.status()).isClean()).toBe(true);
    const files = (await git.raw(['ls-files'])).split('\n');
    expect(files).toEqual(
      expect.arrayContaining(['connect.yaml', 'assets/package.json', 'assets/.gitignore']),
    );
  });

  it('refuses an invalid name before writing anything', async () => {
    const dir = target('bad-name');
    for (const app of ['service:x', 'service:../escape', `service:${'a'.repeat(257)}`]) {
      const result = await init(dir, '--language', 'ts', '--app', app);
      expect(result.exitCode, app).toBe(2);
      expect(result.stderr).toContain('[INVALID_NAME]');
      expect(result.stderr).toContain('Try:');
      expect(result.stderr).not.toMatch(/\n\s+at /);
    }
    expect(existsSync(dir)).toBe(false);
    expect(existsSync(join(work.path, 'escape'))).toBe(false);
  });

  it('reports a path through a file with a code and a hint, not a bare Node.js error', async () => {
    const file = join(work.path, 'a-file');
    await writeFile(file, 'x');
    const result = await init(join(file, 'sub'), '--language', 'ts', '--app', 'service');
    // Refused before anything is written, as a target that cannot be a folder (exit 2: the argument).
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain('[TARGET_NOT_WRITABLE]');
    expect(result.stderr).toContain('ENOTDIR');
    expect(result.stderr).toContain('Try: choose a folder you can write to');
  });

  it('refuses an unknown type, a duplicate name, a bad endpoint or schedule', async () => {
    const dir = target('bad-input');
    const cases: [string[], string][] = [
      [['--app', 'lambda'], 'UNKNOWN_APPLICATION_TYPE'],
      [['--app', 'service:dup', '--app', 'event:dup'], 'DUPLICATE_NAME'],
      [['--app', 'service', '--endpoint', '/a//b'], 'INVALID_ENDPOINT'],
      [['--app', 'job', '--schedule', '0 0 * * MON'], 'INVALID_SCHEDULE'],
      [['--app', 'service', '--language', 'python'], 'UNKNOWN_LANGUAGE'],
    ];
    for (const [args, code] of cases) {
      const result = await init(dir, ...(args.includes('--language') ? [] : ['--language', 'ts']), ...args);
      expect(result.exitCode, args.join(' ')).toBe(2);
      expect(result.stderr).toContain(`[${code}]`);
      if (code === 'INVALID_SCHEDULE')
        expect(result.stderr).toContain('Invalid schedule for job: day-of-week field');
    }
    expect(existsSync(dir)).toBe(false);
  });

  it('refuses a non-empty directory unless --force, and --force keeps unrelated files', async () => {
    const dir = target('existing');
    await mkdir(dir);
    await writeFile(join(dir, 'notes.txt'), 'mine');
    const refused = await init(dir, '--language', 'ts', '--app', 'assets');
    expect(refused.exitCode).toBe(2);
    expect(refused.stderr).toContain('[DIRECTORY_NOT_EMPTY]');
    expect(refused.stderr).toContain('--force');
    expect(await readdir(dir)).toEqual(['notes.txt']);

    const forced = await init(dir, '--language', 'ts', '--app', 'assets', '--force');
    expect(forced.exitCode).toBe(0);
    expect(await readFile(join(dir, 'notes.txt'), 'utf8')).toBe('mine');
    expect(existsSync(join(dir, 'connect.yaml'))).toBe(true);
  });

  it('without a terminal, names the flag for each missing answer (exit 4)', async () => {
    const dir = target('no-tty');
    const cases: [string[], string][] = [
      [['init', '--app', 'service', '--language', 'ts', '--no-install', '--no-git'], 'a DIR argument'],
      [['init', dir, '--language', 'ts', '--no-install', '--no-git'], '--app TYPE[:NAME]'],
      [['init', dir, '--app', 'service', '--no-install', '--no-git'], '--language ts|js'],
      [['init', dir, '--app', 'service', '--language', 'ts', '--no-git'], '--install or --no-install'],
      [['init', dir, '--app', 'service', '--language', 'ts', '--no-install'], '--git or --no-git'],
    ];
    for (const [args, flag] of cases) {
      const result = await runCli(args);
      expect(result.exitCode, flag).toBe(4);
      expect(result.stderr).toContain('[INPUT_REQUIRED]');
      expect(result.stderr).toContain(`Try: pass ${flag}`);
    }
    expect(existsSync(dir)).toBe(false);
  });

  it('accepts every default with --yes', async () => {
    const dir = target('yes');
    // DIR after a repeatable flag is still DIR.
    const result = await runCli([
      'init',
      '--app',
      'service',
      dir,
      '--yes',
      '--no-install',
      '--no-git',
      '--json',
    ]);
    expect(result.exitCode).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({
      language: 'ts',
      applications: [{ name: 'service', applicationType: 'service', endpoint: '/service' }],
    });
  });

  it('reports a failing install with the application and npm output, and puts everything back', async () => {
    // A registry that refuses every request: npm fails at once.
    const registry = createServer((_request, response) => response.writeHead(500).end('registry down'));
    await new Promise<void>((resolve) => registry.listen(0, '127.0.0.1', resolve));
    const { port } = registry.address() as AddressInfo;
    const cache = await tempDir('connect-empty-cache-');
    try {
      const dir = target('install-fails');
      await mkdir(dir);
      await writeFile(join(dir, 'README.md'), 'mine');
      const result = await runCli(
        ['init', dir, '--language', 'js', '--app', 'assets:site', '--install', '--no-git', '--force'],
        {
          env: {
            npm_config_registry: `http://127.0.0.1:${port}/`,
            npm_config_cache: cache.path,
            npm_config_prefer_offline: 'false',
            npm_config_fetch_retries: '0',
          },
          timeout: 120_000,
        },
      );
      expect(result.exitCode).toBe(1);
      expect(result.stderr).toContain('[INSTALL_FAILED] Installing the dependencies of site failed');
      expect(result.stderr).toMatch(/│ .*npm error/);
      // What --force replaced is back; what init created is gone.
      expect(await readdir(dir)).toEqual(['README.md']);
      expect(await readFile(join(dir, 'README.md'), 'utf8')).toBe('mine');
    } finally {
      registry.close();
      await cache.cleanup();
    }
  });
});

describe('connect add', () => {
  const original = `# yaml-language-server: $schema=../schemas/connect.schema.json
# My connector: hand-written, with comments that must survive.

deployAs:
    # the storefront's static files
    - name: assets
      applicationType: assets # inline comment

    - name: "quoted-web"
      applicationType: assets
inheritAs:
    apiClient:
        scopes: [manage_orders] # flow style stays flow
`;

  async function repository(): Promise<string> {
    const dir = target('add');
    await mkdir(dir);
    await writeFile(join(dir, 'connect.yaml'), original);
    return dir;
  }

  it('adds an application and its folder, keeping the rest of connect.yaml as it was', async () => {
    const dir = await repository();
    const result = await runCli(
      [
        'add',
        'job',
        '--name',
        'nightly',
        '--schedule',
        '@daily',
        '--language',
        'ts',
        '--no-install',
        '--path',
        dir,
      ],
      {},
    );
    expect(result.stderr).toContain('Added job "nightly"');
    expect(result.exitCode).toBe(0);
    const updated = await readFile(join(dir, 'connect.yaml'), 'utf8');
    const [before, after] = updated.split('inheritAs:');
    expect(`${before ?? ''}`.startsWith(original.split('inheritAs:')[0]?.trimEnd() ?? '')).toBe(true);
    expect(`inheritAs:${after ?? ''}`).toBe(`inheritAs:${original.split('inheritAs:')[1] ?? ''}`);
    expect(updated).toContain('    - name: nightly\n      applicationType: job\n      endpoint: /job\n');
    expect(updated).toContain('        schedule: "@daily"');
    const spec = parse(updated) as { deployAs: { name: string }[] };
    expect(spec.deployAs.map((app) => app.name)).toEqual(['assets', 'quoted-web', 'nightly']);
    expect(existsSync(join(dir, 'nightly', 'src', 'app.ts'))).toBe(true);
  });

  it('infers the language from the other applications', async () => {
    const dir = target('add-infer');
    expect((await init(dir, '--language', 'js', '--app', 'service')).exitCode).toBe(0);
    const result = await runCli(['add', 'event', '--no-install', '--path', dir, '--json']);
    expect(result.exitCode).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({
      language: 'js',
      application: { name: 'event', endpoint: '/event' },
    });
    expect(existsSync(join(dir, 'event', 'src', 'app.js'))).toBe(true);
    await expectValid(dir);
  });

  it('refuses a duplicate name, an unknown type and an existing folder, changing nothing', async () => {
    const dir = await repository();
    const duplicate = await runCli([
      'add',
      'service',
      '--name',
      'quoted-web',
      '--language',
      'ts',
      '--no-install',
      '--path',
      dir,
    ]);
    expect(duplicate.exitCode).toBe(2);
    expect(duplicate.stderr).toContain('[DUPLICATE_NAME]');

    const unknown = await runCli(['add', 'lambda', '--language', 'ts', '--no-install', '--path', dir]);
    expect(unknown.exitCode).toBe(2);
    expect(unknown.stderr).toContain('[UNKNOWN_APPLICATION_TYPE]');

    const badName = await runCli(['add', 'service', '--name', 'bad name', '--no-install', '--path', dir]);
    expect(badName.exitCode).toBe(2);
    expect(badName.stderr).toContain('[INVALID_NAME]');
    // The hint names the flag of `add`, not init's --app.
    expect(badName.stderr).toMatch(/Try: .*--name/);
    expect(badName.stderr).not.toContain('--app');

    await mkdir(join(dir, 'service'));
    const folder = await runCli(['add', 'service', '--language', 'ts', '--no-install', '--path', dir]);
    expect(folder.exitCode).toBe(2);
    expect(folder.stderr).toContain('[FOLDER_EXISTS]');

    expect(await readFile(join(dir, 'connect.yaml'), 'utf8')).toBe(original);
    expect((await readdir(dir)).sort()).toEqual(['connect.yaml', 'service']);
  });

  it('says where to create a repository when there is no connect.yaml', async () => {
    const dir = target('add-none');
    await mkdir(dir);
    const result = await runCli(['add', 'service', '--language', 'ts', '--no-install', '--path', dir]);
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain('[CONNECT_YAML_NOT_FOUND]');
    expect(result.stderr).toContain('connect init');
  });
});
