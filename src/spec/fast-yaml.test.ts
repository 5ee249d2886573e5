/**
 * Plain-scalar resolution of the fast parser against `yaml`'s (YAML 1.2 core schema): every
 * expectation comes from `yaml` itself, in each place a scalar can stand.
 */
import { describe, expect, it } from 'vitest';
import { parseDocument } from 'yaml';

import { parseFast } from './fast-yaml.js';

// Forms the fast parser must resolve itself (connect.yaml files are full of them).
const TAKEN = [
  '~',
  'null',
  'Null',
  'NULL',
  'true',
  'True',
  'TRUE',
  'false',
  'False',
  'FALSE',
  '0',
  '42',
  '-7',
  '+3',
  '-0',
  '+0',
  '007',
  '099',
  '12345678901234567890',
  '1.5',
  '-0.25',
  '+2.',
  '10.0',
  '.5',
  '-.5',
  // Strings that look like something else in other YAML versions or schemas.
  'yes',
  'No',
  'on',
  'OFF',
  'y',
  'n',
  'nULL',
  'tRUE',
  'fALSE',
  'Nothing',
  'nil',
  '0b101',
  '1_000',
  '12:30',
  '2020-01-01',
  '0.0.1',
  '1e',
  'e3',
  '1.5.',
  '+',
  '.',
  '..',
  '0x',
  '0o',
  '0o8',
  '0xG',
  '1,000',
  '.infinity',
  'nan',
  'inf',
  'Infinity',
  '-x',
  'europe-west1.gcp',
  'manage_orders',
  '/service',
  '0 2 * * 1-5',
];

// Core-schema numbers it leaves to `yaml`.
const LEFT_TO_YAML = [
  '0x1F',
  '0x0',
  '0o17',
  '0o0',
  '1e3',
  '1E3',
  '-1e-3',
  '+1.5e+10',
  '.1e2',
  '.inf',
  '.Inf',
  '.INF',
  '-.inf',
  '+.INF',
  '.nan',
  '.NaN',
  '.NAN',
];

/** The documents a scalar can stand in: a value, a sequence item, a flow item, a key. */
function contexts(scalar: string): string[] {
  return [
    `a: ${scalar}\n`,
    `a:\n  - ${scalar}\n  - x: ${scalar}\n`,
    `a: [${scalar}]\n`,
    `a: [x, ${scalar}, 'y']\n`,
    `${scalar}: 1\n`,
    `a:\n  ${scalar}: 1\n`,
  ];
}

function yamlValue(text: string): { ok: boolean; value: unknown } {
  const document = parseDocument(text);
  return document.errors.length > 0 || document.warnings.length > 0
    ? { ok: false, value: undefined }
    : { ok: true, value: document.toJS() };
}

describe('plain scalars resolve as in yaml', () => {
  it.each([...TAKEN, ...LEFT_TO_YAML])('%s: the same value, or left to yaml', (scalar) => {
    for (const text of contexts(scalar)) {
      const fast = parseFast(text);
      if (fast === undefined) continue;
      const expected = yamlValue(text);
      expect(expected.ok, text).toBe(true);
      expect(fast.value, text).toStrictEqual(expected.value);
    }
  });

  it.each(TAKEN)('%s is resolved by the fast parser as a value and a sequence item', (scalar) => {
    for (const text of contexts(scalar).slice(0, 2)) {
      const fast = parseFast(text);
      expect(fast, text).toBeDefined();
      expect(fast?.value, text).toStrictEqual(yamlValue(text).value);
    }
  });

  it.each(LEFT_TO_YAML)('%s is left to yaml', (scalar) => {
    expect(parseFast(`a: ${scalar}\n`)).toBeUndefined();
  });

  it('resolves -0 to -0 and big integers as yaml rounds them', () => {
    for (const scalar of ['-0', '12345678901234567890', '9007199254740993']) {
      const text = `a: ${scalar}\n`;
      const value = (parseFast(text)?.value as { a: unknown }).a;
      expect(Object.is(value, (yamlValue(text).value as { a: unknown }).a)).toBe(true);
    }
  });

  it('keeps keys that are not strings for yaml', () => {
    for (const key of ['1', 'true', 'null', '~', '1.5']) expect(parseFast(`${key}: x\n`)).toBeUndefined();
  });

  it('reads quoted scalars as strings, and leaves escapes and line breaks to yaml', () => {
    const text = `a: "1"\nb: 'true'\nc: 'it''s'\nd: "x # y"\ne: ''\nf: ""\n`;
    expect(parseFast(text)?.value).toStrictEqual(yamlValue(text).value);
    expect(parseFast('a: "x\\ty"\n')).toBeUndefined();
    expect(parseFast('a: "x\n  y"\n')).toBeUndefined();
    expect(parseFast("a: 'x\n  y'\n")).toBeUndefined();
  });
});
