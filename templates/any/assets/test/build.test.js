import { mkdtemp, readFile, rm, cp, access } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { afterAll, describe, expect, it } from 'vitest';

import { build } from '../scripts/build.js';

const work = await mkdtemp(join(tmpdir(), 'assets-'));
afterAll(() => rm(work, { recursive: true, force: true }));

describe('the assets build', () => {
  it('copies src/ to public/ and every local reference of index.html exists', async () => {
    await cp(fileURLToPath(new URL('../src', import.meta.url)), join(work, 'src'), { recursive: true });
    const output = await build(work);
    const html = await readFile(join(output, 'index.html'), 'utf8');
    const references = [...html.matchAll(/(?:src|href)="([^"#:]+)"/g)].map((match) => match[1]);
    expect(references.length).toBeGreaterThan(0);
    for (const reference of references) await access(join(output, reference));
  });
});
