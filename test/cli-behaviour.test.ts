/**
 * The CLI's consistency, command by command (issue 17): version and help flags, misspelt and
 * repeated flags, init's flags that apply to nothing, add recovering a declared application's
 * folder, GitHub annotations without connect.yaml, `status` on crashed apps, and the first line
 * of `connect dev --json`. The built CLI as a child process, in real temp folders.
 */
import { existsSync } from 'node:fs';
import { cp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { shellWord } from '../src/ui/shell.js';

import { cliBin, repoRoot, runCli, spawnCli, tempDir } from './helpers/cli.js';

let work: Awaited<ReturnType<typeof tempDir>>;
beforeAll(async () => {
  work = await tempDir('connect-behaviour-');
});
afterAll(async () => work?.cleanup());

async function copyExample(name: string): Promise<string> {
  const target = join(work.path, name);
  await cp(join(repoRoot, 'examples', 'connector'), target, {
    recursive: true,
    filter: (source) => !/[/\\](node_modules|\.connect)$/.test(source),
  });
  return target;
}

describe('version and help', () => {
  it('answers connect version, -v, --version and -h', async () => {
    const [version, short, long, help] = await Promise.all([
      runCli(['version']),
      runCli(['-v']),
      runCli(['--version']),
      runCli(['-h']),
    ]);
    expect(version.exitCode).toBe(0);
    expect(version.stdout).toMatch(/^connect-cli\/\d+\.\d+\.\d+ /);
    expect(short.stdout).toBe(version.stdout);
    expect(long.stdout).toBe(version.stdout);
    expect(help.exitCode).toBe(0);
    expect(help.stdout).toContain('COMMANDS');
    const json = JSON.parse((await runCli(['version', '--json'])).stdout) as {
      version: string;
      node: string;
    };
    expect(json.node).toBe(process.versions.node);
  });
});

describe('flags', () => {
  it('suggests the nearest flag for a misspelt one', async () => {
    const result = await runCli(['dev', '--admin-prot', '3']);
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain('Nonexistent flag: --admin-prot');
    expect(result.stderr).toContain('Try: did you mean `--admin-port`?');
  });

  it('refuses a single-value flag given twice as a usage error', async () => {
    const result = await runCli([
      'init',
      join(work.path, 'twice'),
      '--language',
      'ts',
      '--language',
      'js',
      '--json',
    ]);
    expect(result.exitCode).toBe(2);
    expect(JSON.parse(result.stdout)).toMatchObject({
      error: {
        code: 'USAGE',
        message: 'Flag --language can only be specified once',
        hint: expect.any(String),
      },
    });
  });
});

describe('connect init', () => {
  const base = ['--language', 'js', '--no-install', '--no-git', '--json'];

  it('refuses --endpoint and --schedule that apply to nothing, or given twice, before writing anything', async () => {
    const dir = join(work.path, 'refused');
    const cases: [string[], string][] = [
      [['--app', 'service', '--endpoint', 'nope=/x'], 'FLAG_APPLIES_TO_NOTHING'],
      [['--app', 'service', '--schedule', '0 3 * * *'], 'FLAG_APPLIES_TO_NOTHING'],
      [['--app', 'assets', '--endpoint', '/x'], 'FLAG_APPLIES_TO_NOTHING'],
      [['--app', 'service', '--app', 'job', '--schedule', 'service=0 3 * * *'], 'FLAG_APPLIES_TO_NOTHING'],
      [['--app', 'service', '--endpoint', '/a', '--endpoint', '/b'], 'FLAG_REPEATED'],
      [['--app', 'job', '--schedule', 'job=0 1 * * *', '--schedule', 'job=0 2 * * *'], 'FLAG_REPEATED'],
    ];
    const results = await Promise.all(cases.map(([flags]) => runCli(['init', dir, ...flags, ...base])));
    results.forEach((result, index) => {
      const [flags, code] = cases[index] as [string[], string];
      expect(result.exitCode, flags.join(' ')).toBe(2);
      expect(JSON.parse(result.stdout), flags.join(' ')).toMatchObject({
        error: { code, hint: expect.any(String) },
      });
    });
    await expect(readFile(join(dir, 'connect.yaml'))).rejects.toThrow();
  });

  it('says that the directory is not empty before asking anything', async () => {
    const dir = join(work.path, 'full');
    await mkdir(dir);
    await writeFile(join(dir, 'notes.txt'), 'mine\n');
    // No terminal and no answers: without the early check this would be INPUT_REQUIRED (exit 4).
    const result = await runCli(['init', dir, '--json']);
    expect(result.exitCode).toBe(2);
    expect(JSON.parse(result.stdout)).toMatchObject({ error: { code: 'DIRECTORY_NOT_EMPTY' } });
    expect(await readFile(join(dir, 'notes.txt'), 'utf8')).toBe('mine\n');
  });

  it('quotes a path with spaces in its next steps', async () => {
    const result = await runCli(
      ['init', 'my connector', '--app', 'service', '--language', 'js', '--no-install', '--no-git'],
      {
        cwd: work.path,
      },
    );
    expect(result.exitCode).toBe(0);
    expect(result.stderr).toContain("cd 'my connector'");
  });
});

describe('connect add for an application connect.yaml already declares', () => {
  it('creates its missing folder (the fix validate suggests) and leaves connect.yaml as it is', async () => {
    const repo = await copyExample('declared');
    await rm(join(repo, 'job'), { recursive: true });
    const before = await readFile(join(repo, 'connect.yaml'), 'utf8');
    const validate = await runCli(['validate', repo]);
    expect(validate.exitCode).toBe(1);
    expect(validate.stdout).toContain('`connect add job --name job`');

    // Run from a subfolder, as after `cd service`.
    const add = await runCli(['add', 'job', '--name', 'job', '--no-install'], { cwd: join(repo, 'service') });
    expect(add.exitCode).toBe(0);
    expect(add.stderr).toContain('Created job/');
    expect(add.stderr).toContain('Next: cd ../job && npm install');
    expect(await readFile(join(repo, 'connect.yaml'), 'utf8')).toBe(before);
    const after = await runCli(['validate', repo, '--json']);
    expect(JSON.parse(after.stdout)).toMatchObject({ valid: true, errorCount: 0 });

    // Its folder exists now: the name is taken.
    const again = await runCli(['add', 'job', '--name', 'job', '--no-install', repo]);
    expect(again.exitCode).toBe(2);
    expect(again.stderr).toContain('[DUPLICATE_NAME]');
  });
});

describe('connect validate --format github', () => {
  it('annotates a missing connect.yaml too', async () => {
    const empty = join(work.path, 'no-repo');
    await mkdir(empty);
    const result = await runCli(['validate', '--format', 'github'], { cwd: empty });
    expect(result.exitCode).toBe(2);
    expect(result.stdout).toMatch(/^::error title=CONNECT_YAML_NOT_FOUND::No connect.yaml found: .*%0ATry: /);
  });

  it('reports a symbolic link loop as such', async () => {
    const dir = join(work.path, 'loop');
    await mkdir(dir);
    const { symlink } = await import('node:fs/promises');
    await symlink('connect.yaml', join(dir, 'connect.yaml'));
    const result = await runCli(['validate', dir, '--json']);
    expect(result.exitCode).toBe(2);
    expect(JSON.parse(result.stdout)).toMatchObject({
      error: { code: 'CONNECT_YAML_UNREADABLE', message: expect.stringContaining('symbolic link loop') },
    });
  });
});

describe('connect dev --json and connect status', () => {
  it('starts with the addresses; status exits 1 and names a crashed application', async () => {
    const repo = join(work.path, 'crashing');
    await mkdir(join(repo, 'ok'), { recursive: true });
    await mkdir(join(repo, 'broken'), { recursive: true });
    await writeFile(
      join(repo, 'connect.yaml'),
      'deployAs:\n  - name: ok\n    applicationType: service\n    endpoint: /ok\n  - name: broken\n    applicationType: service\n    endpoint: /broken\n',
    );
    await writeFile(
      join(repo, 'ok', 'package.json'),
      JSON.stringify({
        name: 'ok',
        scripts: {
          start: 'node -e "require(\'node:http\').createServer((q, s) => s.end()).listen(process.env.PORT)"',
        },
      }),
    );
    await writeFile(
      join(repo, 'broken', 'package.json'),
      JSON.stringify({ name: 'broken', scripts: { start: 'node -e "process.exit(3)"' } }),
    );
    const dev = spawnCli(['dev', repo, '--json', '--no-watch', '--admin-port', '0']);
    try {
      const first = await new Promise<string>((resolve, reject) => {
        let text = '';
        dev.stdout?.on('data', (chunk: Buffer) => {
          text += chunk.toString();
          if (text.includes('\n')) resolve(text.slice(0, text.indexOf('\n')));
        });
        void dev.then(() => reject(new Error(`connect dev exited: ${text}`)));
      });
      const addresses = JSON.parse(first) as { event: string; data: Record<string, unknown> };
      expect(addresses).toMatchObject({
        event: 'addresses',
        data: {
          root: repo,
          adminUrl: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+$/),
          dashboardUrl: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+\/__connect\/$/),
          adminApiUrl: expect.stringMatching(/\/__connect\/api$/),
          adminToken: expect.stringMatching(/^[\w-]{20,}$/),
          platform: { apiUrl: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+$/) },
        },
      });
      const status = await fetch(`${String(addresses.data.adminApiUrl)}/status`, {
        headers: { authorization: `Bearer ${String(addresses.data.adminToken)}` },
      });
      expect(status.status).toBe(200);

      // The broken app gives up after its failed starts and stays crashed.
      let result = await runCli(['status', '--json'], { cwd: join(repo, 'ok') });
      for (let tries = 0; tries < 60; tries += 1) {
        const apps = (JSON.parse(result.stdout) as { applications: { name: string; state: string }[] })
          .applications;
        // Once seen under CI load: a status of these states that exited 0; waiting for the exit
        // code too keeps the test about what status settles on (see the closing note of issue 17).
        if (
          apps.find((app) => app.name === 'broken')?.state === 'crashed' &&
          apps.find((app) => app.name === 'ok')?.state === 'ready' &&
          result.exitCode === 1
        )
          break;
        await new Promise((resolve) => setTimeout(resolve, 1000));
        result = await runCli(['status', '--json'], { cwd: join(repo, 'ok') });
      }
      expect(result.exitCode).toBe(1);
      const text = await runCli(['status', repo]);
      expect(text.exitCode).toBe(1);
      expect(text.stderr).toContain('broken (crashed) is not running');
    } finally {
      dev.kill('SIGINT');
      await dev;
    }
  }, 120_000);
});

describe('an unknown command on a terminal', () => {
  const script = ['/usr/bin/script', '/bin/script'].find((path) => existsSync(path));

  it.skipIf(script === undefined)(
    'exits 2 when "Did you mean …?" is declined, as off a terminal',
    async () => {
      // util-linux `script` gives the CLI a pseudo-terminal; -e returns the CLI's exit code.
      const child = execa(
        script as string,
        ['-qec', `${shellWord(process.execPath)} ${shellWord(cliBin)} valdate`, '/dev/null'],
        {
          reject: false,
          stdin: 'pipe',
          env: { NO_COLOR: '1' },
          timeout: 60_000,
        },
      );
      let out = '';
      child.stdout?.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        if (out.includes('Did you mean') && !child.stdin?.writableEnded) child.stdin?.end('n\r');
      });
      const result = await child;
      expect(out).toContain('valdate is not a connect command');
      expect(result.exitCode).toBe(2);
    },
  );
});
