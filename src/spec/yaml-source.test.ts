import { describe, expect, it } from 'vitest';

import { tooDeep } from './yaml-source.js';

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
