/**
 * `connect validate` on hostile files: the worst files under the size limit validate in well
 * under 2 s of CPU (lists and mappings checked in part, diagnostics grouped), a package.json that
 * is a FIFO or a link to /dev/zero does not hang it, and its --json output reaches a slow pipe
 * whole although it exits 1.
 */
import { execFileSync } from 'node:child_process';
import { mkdir, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { validateSource } from '../src/spec/validate.js';
import { cliBin, runCli, tempDir } from './helpers/cli.js';

/** The worst shapes found: each is just under the 256 KiB limit. */
function worstFiles(): { nulls: string; keys: string; apps: string; config: string; deep: string } {
  const limit = 255_000;
  const nulls = `deployAs: [${Array(42_000).fill('null').join(', ')}]\n`;
  let keys = 'deployAs:\n  - name: a\n    applicationType: service\n    endpoint: /a\n';
  for (let i = 0; keys.length < limit; i++) keys += `    k${i}: 1\n`;
  let apps = 'deployAs:\n';
  for (let i = 0; apps.length < limit; i++) apps += `  - {name: a${i % 150}, x: 1}\n`;
  let config = 'deployAs:\n';
  for (let k = 0; config.length < limit - 1000; k++) {
    config += `  - name: app${k}\n    applicationType: service\n    endpoint: /a\n    configuration:\n      standardConfiguration:\n`;
    for (let j = 0; j < 22; j++) config += '        - {key: K, x: 1}\n';
  }
  const deep = `deployAs: ${'['.repeat(120_000)}${']'.repeat(120_000)}\n`.slice(0, limit);
  return { nulls, keys, apps, config, deep };
}

describe('connect validate on hostile files', { timeout: 120_000 }, () => {
  let dir: Awaited<ReturnType<typeof tempDir>>;
  beforeAll(async () => {
    dir = await tempDir('connect-validate-hostile-');
  });
  afterAll(async () => {
    await dir.cleanup();
  });

  it.each(Object.entries(worstFiles()))(
    'validates the worst "%s" file in under 2 s of CPU',
    async (_name, text) => {
      expect(text.length).toBeLessThan(256 * 1024);
      const before = process.cpuUsage();
      const result = await validateSource('/x/connect.yaml', text);
      const used = process.cpuUsage(before);
      expect(result.valid).toBe(false);
      expect((used.user + used.system) / 1000).toBeLessThan(2000);
      // Grouped: a few hundred diagnostics at most, the counts exact.
      expect(result.diagnostics.length).toBeLessThanOrEqual(201);
      expect(result.errorCount).toBeGreaterThanOrEqual(result.diagnostics.length > 0 ? 1 : 0);
    },
  );

  it('says when a list was checked in part, and how many problems were grouped', async () => {
    const { nulls, config } = worstFiles();
    const capped = await validateSource('/x/connect.yaml', nulls);
    expect(capped.diagnostics[0]?.message).toMatch(/42000 entries; .* only the first 200 were checked/);
    const grouped = await validateSource('/x/connect.yaml', config);
    expect(grouped.errorCount).toBeGreaterThan(201);
    expect(grouped.diagnostics.at(-1)?.message).toMatch(/^and \d+ more problems from here on \(.+×\d+/);
  });

  it('does not hang on a package.json that is a FIFO or a link to /dev/zero', async () => {
    const root = join(dir.path, 'repo');
    await mkdir(join(root, 'fifo'), { recursive: true });
    await mkdir(join(root, 'zero'), { recursive: true });
    await writeFile(
      join(root, 'connect.yaml'),
      'deployAs:\n  - name: fifo\n    applicationType: service\n    endpoint: /f\n  - name: zero\n    applicationType: service\n    endpoint: /z\n',
    );
    execFileSync('mkfifo', [join(root, 'fifo', 'package.json')]);
    await symlink('/dev/zero', join(root, 'zero', 'package.json'));
    const started = Date.now();
    const result = await runCli(['validate', root, '--json'], { timeout: 30_000 });
    expect(Date.now() - started).toBeLessThan(20_000);
    expect(result.exitCode).toBe(1);
    const messages = (
      JSON.parse(result.stdout) as { diagnostics: Array<{ message: string }> }
    ).diagnostics.map((d) => d.message);
    expect(messages).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/fifo\/package\.json cannot be used: it is a FIFO/),
        expect.stringMatching(/zero\/package\.json cannot be used: it is a device/),
      ]),
    );
  });

  it('writes all its --json output (> 64 KiB) to a slow pipe before exiting 1', async () => {
    const root = join(dir.path, 'big');
    await mkdir(root, { recursive: true });
    await writeFile(join(root, 'connect.yaml'), worstFiles().config);
    for (let i = 0; i < 1; i++) {
      const piped = await execa(
        'sh',
        ['-c', `"${process.execPath}" "${cliBin}" validate "${root}" --json | (sleep 1; cat)`],
        {
          reject: false,
          env: { NO_COLOR: '1' },
        },
      );
      expect(piped.stdout.length).toBeGreaterThan(64 * 1024);
      expect(() => JSON.parse(piped.stdout)).not.toThrow();
    }
  });
});
