/**
 * The interactive `connect init`, driven through a real pseudo-terminal (util-linux `script`)
 * the way a person types, and cancelling: Ctrl-C at a prompt and SIGINT during the install
 * both leave nothing behind.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';

import { cliBin, runCli, spawnCli, tempDir } from './helpers/cli.js';

const ENTER = '\r';
const DOWN = '\u001B[B';
const SPACE = ' ';
const CTRL_C = '\u0003';

let work: { path: string; cleanup: () => Promise<void> };
beforeAll(async () => {
  work = await tempDir('connect-interactive-');
});
afterAll(() => work.cleanup());

function quote(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

/** The CLI on a pseudo-terminal: what it draws, and a keyboard. */
function terminal(args: string[], cwd: string) {
  const command = [process.execPath, cliBin, ...args].map(quote).join(' ');
  const child = spawn('script', ['-qfec', command, '/dev/null'], {
    cwd,
    env: { ...process.env, NO_COLOR: '1', TERM: 'xterm', COLUMNS: '200', LINES: '50' },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let screen = '';
  child.stdout.on('data', (chunk: Buffer) => (screen += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (screen += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  let seen = 0;
  return {
    exited,
    screen: () => screen,
    /** Waits until TEXT is drawn (after what was already waited for), then types KEYS. */
    async answer(text: string, keys: string): Promise<void> {
      const deadline = Date.now() + 30_000;
      for (;;) {
        const index = screen.indexOf(text, seen);
        if (index >= 0) {
          seen = index + text.length;
          break;
        }
        if (Date.now() > deadline) throw new Error(`Timed out waiting for "${text}". Screen:\n${screen}`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      // Give the prompt a moment to start listening for keys.
      await new Promise((resolve) => setTimeout(resolve, 150));
      // eslint-disable-next-line no-control-regex -- arrow keys are escape sequences, sent whole
      for (const key of keys.match(/\u001B\[[A-D]|[\s\S]/g) ?? []) {
        child.stdin.write(key);
        await new Promise((resolve) => setTimeout(resolve, 30));
      }
    },
  };
}

describe('connect init on a terminal', () => {
  it('asks every question and creates what was answered', async () => {
    const session = terminal(['init'], work.path);
    await session.answer('Directory of the new repository', `asked${ENTER}`);
    await session.answer('Language', ENTER);
    await session.answer('Applications to create', `${DOWN}${SPACE}${ENTER}`);
    await session.answer('Name of the service application', ENTER);
    await session.answer('Name of the event application', `orders${ENTER}`);
    await session.answer('Endpoint of service', ENTER);
    await session.answer('Endpoint of orders', `/orders${ENTER}`);
    await session.answer('Install the dependencies now?', `n${ENTER}`);
    await session.answer('Create a Git repository', `n${ENTER}`);
    expect(await session.exited, session.screen()).toBe(0);

    const root = join(work.path, 'asked');
    const spec = parse(await readFile(join(root, 'connect.yaml'), 'utf8')) as {
      deployAs: { name: string; applicationType: string; endpoint: string }[];
    };
    expect(spec.deployAs).toEqual([
      expect.objectContaining({ name: 'service', applicationType: 'service', endpoint: '/service' }),
      expect.objectContaining({ name: 'orders', applicationType: 'event', endpoint: '/orders' }),
    ]);
    expect(existsSync(join(root, 'orders', 'tsconfig.json'))).toBe(true);
    expect(existsSync(join(root, '.git'))).toBe(false);
  });

  it('re-asks an invalid name instead of failing', async () => {
    const session = terminal(['init', 'renamed', '--language', 'js', '--no-install', '--no-git'], work.path);
    await session.answer('Applications to create', ENTER);
    await session.answer('Name of the service application', `${'\u007F'.repeat(7)}x${ENTER}`);
    await session.answer('at least 2 characters', `y${ENTER}`);
    await session.answer('Endpoint of xy', ENTER);
    expect(await session.exited, session.screen()).toBe(0);
    expect(existsSync(join(work.path, 'renamed', 'xy', 'package.json'))).toBe(true);
  });

  it('connect add asks what the repository does not tell', async () => {
    const root = join(work.path, 'with-assets');
    const init = await runCli([
      'init',
      root,
      '--language',
      'ts',
      '--app',
      'assets',
      '--no-install',
      '--no-git',
    ]);
    expect(init.exitCode).toBe(0);
    // Assets are the same in both languages, so the language is asked.
    const session = terminal(['add', 'event', '--path', root], work.path);
    await session.answer('Name of the event application', `orders${ENTER}`);
    await session.answer('Language', `${DOWN}${ENTER}`);
    await session.answer('Endpoint of orders', ENTER);
    await session.answer('Install the dependencies now?', `n${ENTER}`);
    expect(await session.exited, session.screen()).toBe(0);
    expect(existsSync(join(root, 'orders', 'src', 'app.js'))).toBe(true);
    const spec = parse(await readFile(join(root, 'connect.yaml'), 'utf8')) as {
      deployAs: { name: string }[];
    };
    expect(spec.deployAs.map((app) => app.name)).toEqual(['assets', 'orders']);
  });

  it('leaves nothing behind when cancelled with Ctrl-C', async () => {
    const session = terminal(['init'], work.path);
    await session.answer('Directory of the new repository', `cancelled${ENTER}`);
    await session.answer('Language', CTRL_C);
    expect(await session.exited).toBe(130);
    expect(session.screen()).toContain('Cancelled: nothing was written.');
    expect(existsSync(join(work.path, 'cancelled'))).toBe(false);
  });
});

describe('cancelling during the install', () => {
  it('removes everything it created', async () => {
    // A registry that accepts connections and never answers: npm waits until it is stopped.
    const registry = createServer(() => undefined);
    await new Promise<void>((resolve) => registry.listen(0, '127.0.0.1', resolve));
    const { port } = registry.address() as AddressInfo;
    const cache = await tempDir('connect-empty-cache-');
    const dir = join(work.path, 'interrupted');
    try {
      const cli = spawnCli(['init', dir, '--yes', '--app', 'assets', '--no-git'], {
        env: {
          npm_config_registry: `http://127.0.0.1:${port}/`,
          npm_config_cache: cache.path,
          npm_config_fetch_retries: '0',
        },
        stdout: 'pipe',
        stderr: 'pipe',
      });
      let stderr = '';
      cli.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      const deadline = Date.now() + 30_000;
      while (!stderr.includes('Installing the dependencies of assets') && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      expect(existsSync(join(dir, 'connect.yaml'))).toBe(true);
      cli.kill('SIGINT');
      const result = await cli;
      expect(result.exitCode).toBe(130);
      expect(stderr).toContain('[CANCELLED]');
      expect(existsSync(dir)).toBe(false);
    } finally {
      registry.closeAllConnections();
      registry.close();
      await cache.cleanup();
    }
  });
});
