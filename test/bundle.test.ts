/**
 * What the build (scripts/build.js) promises about dist/bundle/, checked on its output:
 * `node:http` is taken through `require` (an ES module import reads Node 22's lazy WebSocket
 * exports and loads undici: ~30 ms and 13 MB), and `msw` is replaced by its stub.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { repoRoot } from './helpers/cli.js';

const bundle = join(repoRoot, 'dist', 'bundle');

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory()
      ? files(join(dir, entry.name))
      : entry.name.endsWith('.js')
        ? [join(dir, entry.name)]
        : [],
  );
}

describe('the bundle', () => {
  const sources = files(bundle).map((path) => ({ path, text: readFileSync(path, 'utf8') }));

  it('never imports node:http as an ES module, and still uses it', () => {
    const importing = sources.filter(({ text }) =>
      /\bfrom\s*["'](node:)?http["']|\bimport\s*\(\s*["'](node:)?http["']\s*\)/.test(text),
    );
    expect(importing.map(({ path }) => path)).toEqual([]);
    expect(sources.some(({ text }) => /\(\s*["']node:http["']\s*\)/.test(text))).toBe(true);
  });

  it('holds the msw stub in place of msw', () => {
    const text = sources.map((source) => source.text).join('\n');
    expect(text).toContain('msw is not part of the connect CLI bundle');
    // msw's own log prefix: present in the bundle whenever msw's code is.
    expect(text).not.toContain('"[MSW]"');
  });
});
