import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterEach, describe, expect, it } from 'vitest';

import { writePrivateFile } from './private-files.js';

describe('writePrivateFile', () => {
  let dir: string | undefined;
  afterEach(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('keeps concurrent writes of files in one folder apart (same millisecond)', async () => {
    dir = await mkdtemp(join(tmpdir(), 'connect-private-'));
    const folder = dir;
    const names = Array.from({ length: 20 }, (_, i) => `file-${i}.json`);
    await Promise.all(names.map((name) => writePrivateFile(join(folder, name), name)));
    for (const name of names) expect(await readFile(join(folder, name), 'utf8')).toBe(name);
    expect((await readdir(folder)).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });
});
