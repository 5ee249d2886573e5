/**
 * Mutations of valid connect.yaml files (text edits and value swaps), deterministic for a seed:
 * the fuzz test and the fast-parser differential test draw their corpora from here.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { parse, stringify } from 'yaml';

import { repoRoot } from './cli.js';

export const seedNames = ['six-applications', 'edge-values', 'schedules'];

export const seeds = seedNames.map((name) =>
  readFileSync(join(repoRoot, 'test', 'fixtures', 'validate', 'valid', name, 'connect.yaml'), 'utf8'),
);

export interface Mutator {
  random(): number;
  pick<T>(items: readonly T[]): T;
  int(max: number): number;
  mutateText(text: string): string;
  mutateValue(text: string): string;
}

export function createMutator(seed = 20_261_127): Mutator {
  let state = seed;
  function random(): number {
    // mulberry32: small, fast, deterministic.
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  }
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const int = (max: number): number => Math.floor(random() * max);
  function mutateText(text: string): string {
    const at = int(text.length + 1);
    switch (int(6)) {
      case 0:
        return text.slice(0, at) + text.slice(at + 1 + int(10));
      case 1:
        return text.slice(0, at) + pick(SNIPPETS) + text.slice(at);
      case 2: {
        const lines = text.split('\n');
        const index = int(lines.length);
        lines.splice(index, 0, lines[index] ?? '');
        return lines.join('\n');
      }
      case 3: {
        const lines = text.split('\n');
        lines.splice(int(lines.length), 1);
        return lines.join('\n');
      }
      case 4: {
        const lines = text.split('\n');
        const index = int(lines.length);
        lines[index] =
          random() < 0.5 ? ` ${lines[index] ?? ''}` : (lines[index] ?? '').replace(/^ {1,2}/, '');
        return lines.join('\n');
      }
      default:
        return text.replace(/: [^\n]+/g, (match) =>
          random() < 0.08 ? `: ${JSON.stringify(pick(VALUES))}` : match,
        );
    }
  }

  /** Walks the parsed document and swaps, deletes or adds one thing, then writes YAML again. */
  function mutateValue(text: string): string {
    let document: unknown;
    try {
      document = parse(text);
    } catch {
      return mutateText(text);
    }
    const containers: (Record<string, unknown> | unknown[])[] = [];
    const collect = (node: unknown): void => {
      if (node && typeof node === 'object') {
        containers.push(node as Record<string, unknown> | unknown[]);
        for (const child of Object.values(node)) collect(child);
      }
    };
    collect(document);
    if (containers.length === 0) return mutateText(text);
    const edits = 1 + int(3);
    for (let edit = 0; edit < edits; edit++) {
      const target = pick(containers);
      if (Array.isArray(target)) {
        if (target.length > 0 && random() < 0.4) target.splice(int(target.length), 1);
        else if (target.length > 0 && random() < 0.5)
          target.push(structuredClone(target[int(target.length)]));
        else target[int(target.length + 1)] = pick(VALUES);
      } else {
        const keys = Object.keys(target);
        const choice = random();
        if (choice < 0.3 && keys.length > 0) delete target[pick(keys)];
        else if (choice < 0.8 && keys.length > 0) target[pick(keys)] = structuredClone(pick(VALUES));
        else target[pick(KEYS)] = structuredClone(pick(VALUES));
      }
    }
    return stringify(document);
  }
  return { random, pick, int, mutateText, mutateValue };
}

const SNIPPETS = [
  ':',
  ' ',
  '  ',
  '-',
  '- ',
  '\t',
  '"',
  "'",
  '[',
  ']',
  '{',
  '}',
  '#',
  '&a ',
  '*a',
  '\n',
  '---\n',
  '0',
  '99',
  'x',
  '/',
  '@',
  ',',
  '*',
  '\u0000',
  'é',
];
const VALUES: unknown[] = [
  123,
  1.5,
  -1,
  0,
  21,
  601,
  true,
  false,
  null,
  '',
  '   ',
  [],
  {},
  'x',
  'PORT',
  'unknown',
  '0 0 * * MON',
  '*/0 * * * *',
  '@every 0s',
  'a//b',
  '8080',
  ['x'],
  { x: 1 },
];
const KEYS = [
  'name',
  'applicationType',
  'endpoint',
  'configuration',
  'scripts',
  'healthCheck',
  'retryPolicy',
  'properties',
  'schedule',
  'key',
  'description',
  'required',
  'default',
  'strategy',
  'extra',
  'minBackoffSeconds',
  'maxAttempts',
  'scopes',
  'standardConfiguration',
  'securedConfiguration',
  'path',
];
