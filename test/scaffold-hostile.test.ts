/**
 * `connect init` on awkward targets: --force into a repository whose application folders hold
 * the user's own files replaces only the files of the same name; a target under /proc (where
 * Node's recursive mkdir loops forever) fails at once.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { runCli, tempDir } from './helpers/cli.js';

describe('connect init on awkward targets', { timeout: 120_000 }, () => {
  let dir: Awaited<ReturnType<typeof tempDir>>;
  beforeAll(async () => {
    dir = await tempDir('connect-init-hostile-');
  });
  afterAll(async () => {
    await dir.cleanup();
  });

  it('--force replaces only the files of the same name in application folders', async () => {
    const root = join(dir.path, 'repo');
    await mkdir(join(root, 'service'), { recursive: true });
    await writeFile(join(root, 'service', 'custom.txt'), 'mine');
    await writeFile(join(root, 'service', 'package.json'), '{"name": "old"}');
    const result = await runCli(
      ['init', root, '--language', 'js', '--app', 'service', '--no-install', '--no-git', '--force'],
      { timeout: 60_000 },
    );
    expect(result.exitCode, result.stderr).toBe(0);
    expect(await readFile(join(root, 'service', 'custom.txt'), 'utf8')).toBe('mine');
    expect(JSON.parse(await readFile(join(root, 'service', 'package.json'), 'utf8')).name).not.toBe('old');
  });

  it('fails at once on a target that cannot be created (/proc)', async () => {
    const started = Date.now();
    const result = await runCli(
      ['init', '/proc/connect-init-test', '--language', 'js', '--app', 'service', '--no-install', '--no-git'],
      { timeout: 30_000 },
    );
    expect(Date.now() - started).toBeLessThan(20_000);
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toMatch(/\[TARGET_NOT_WRITABLE\] Cannot create \/proc\/connect-init-test/);
    expect(result.stderr).toMatch(/Try:/);
  });
});
