import { describe, expect, it } from 'vitest';

import { deferredSource, parseSource, tooDeep } from './yaml-source.js';

/** The first, character-by-character version of tooDeep: the faster one must agree with it. */
function reference(text: string): number | undefined {
  let flow = 0;
  let atLineStart = true;
  for (let index = 0; index < text.length; index++) {
    if (atLineStart) {
      atLineStart = false;
      let cursor = index;
      while (text.charCodeAt(cursor) === 32) cursor++;
      let depth = (cursor - index) / 2;
      while (text.charCodeAt(cursor) === 45 && text.charCodeAt(cursor + 1) === 32) {
        depth++;
        cursor += 2;
        while (text.charCodeAt(cursor) === 32) cursor++;
      }
      if (depth > 100) return index;
    }
    const code = text.charCodeAt(index);
    if (code === 91 || code === 123) {
      if (++flow > 100) return index;
    } else if ((code === 93 || code === 125) && flow > 0) flow--;
    else if (code === 10) atLineStart = true;
  }
  return undefined;
}

describe('tooDeep', () => {
  it('finds the same offset as the reference on deep and random input', () => {
    const texts = [
      '',
      'a: 1\n',
      '['.repeat(5000),
      '{'.repeat(101),
      '['.repeat(100),
      `${'[]'.repeat(300)}${'['.repeat(101)}`,
      `${'- '.repeat(3000)}x`,
      `${'- '.repeat(100)}x`,
      `a:\n${' '.repeat(202)}b: 1\n`,
      `a:\n${' '.repeat(200)}- b: 1\n`,
      `a:\n${' '.repeat(203)}\n`,
      `${'['.repeat(60)}\n${' '.repeat(250)}${'{'.repeat(60)}`,
      `${'['.repeat(99)}\n${' '.repeat(202)}[x`,
      `${'['.repeat(101)}\n${' '.repeat(202)}x`,
    ];
    let state = 7;
    const random = (max: number) => {
      state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
      return state % max;
    };
    const alphabet = ['[', ']', '{', '}', '-', ' ', ' ', '  ', '\n', 'a', '- ', ' '.repeat(40)];
    for (let run = 0; run < 2000; run++) {
      let text = '';
      const length = random(400);
      for (let index = 0; index < length; index++) text += alphabet[random(alphabet.length)];
      texts.push(text);
    }
    let deep = 0;
    for (const text of texts) {
      expect(tooDeep(text), JSON.stringify(text.slice(0, 80))).toBe(reference(text));
      if (reference(text) !== undefined) deep++;
    }
    expect(deep).toBeGreaterThan(10);
  });
});

describe('deferredSource', () => {
  it('has the text and the positions of parseSource, whatever the input', () => {
    const inputs: (string | Uint8Array)[] = [
      '{\n  "name": "x",\n  "scripts": { "start": "node ." },\n  "engines": { "node": ">=20" }\n}\n',
      '\uFEFF{"name": "x"}',
      '{"name": [1, 2',
      'name: x\nscripts:\n  start: node .\n',
      Buffer.from([0x7b, 0xff, 0x7d]),
      'a\u0000b',
      `{"a": "${'x'.repeat(300 * 1024)}"}`,
      '['.repeat(200),
      '',
    ];
    for (const input of inputs) {
      const eager = parseSource('/p/package.json', input).source;
      const deferred = deferredSource('/p/package.json', input);
      expect(deferred.text).toBe(eager.text);
      for (const path of [
        [],
        ['name'],
        ['scripts'],
        ['scripts', 'start'],
        ['name', 1],
        ['engines', 'node'],
      ]) {
        expect(deferred.locate(path)).toEqual(eager.locate(path));
        expect(deferred.locate(path, { key: true })).toEqual(eager.locate(path, { key: true }));
      }
      for (const offset of [0, 1, 5, 20, 60, 10_000])
        expect(deferred.position(offset)).toEqual(eager.position(offset));
    }
  });
});
