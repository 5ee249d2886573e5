import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, describe, expect, it } from 'vitest';

import { fillPlaceholders, insideRoot, renamePackage, writeText } from './render.js';

const root = await mkdtemp(join(tmpdir(), 'connect-render-'));
afterAll(() => rm(root, { recursive: true, force: true }));

describe('rendering templates', () => {
  it('never resolves a path outside the target directory', async () => {
    expect(insideRoot(root, 'app/src/index.ts')).toBe(join(root, 'app/src/index.ts'));
    expect(() => insideRoot(root, '../escape')).toThrow(/outside/);
    expect(() => insideRoot(root, '/etc/passwd')).toThrow(/outside/);
    await expect(writeText(root, '../../escape.txt', 'x')).rejects.toThrow(/outside/);
    await writeText(root, 'inside/file.txt', 'ok');
    expect(await readFile(join(root, 'inside/file.txt'), 'utf8')).toBe('ok');
  });

  it('fills known placeholders and leaves others alone', () => {
    expect(fillPlaceholders("ENDPOINT = '{{endpoint}}'; {{unknown}}", { endpoint: '/x' })).toBe(
      "ENDPOINT = '/x'; {{unknown}}",
    );
  });

  it('renames the package in package.json and package-lock.json', () => {
    const lock = JSON.stringify({
      name: 'service',
      packages: { '': { name: 'service' }, 'node_modules/a': {} },
    });
    const renamed = JSON.parse(renamePackage(lock, 'cart-rules')) as {
      name: string;
      packages: Record<string, { name?: string }>;
    };
    expect(renamed.name).toBe('cart-rules');
    expect(renamed.packages['']?.name).toBe('cart-rules');
    expect(renamed.packages['node_modules/a']?.name).toBeUndefined();
  });
});
