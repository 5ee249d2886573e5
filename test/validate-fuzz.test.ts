/**
 * Mutates valid connect.yaml files 3,000 times (text edits and value swaps) and checks
 * that the validator never throws, always places its diagnostics inside the file, and agrees
 * with the platform's own parser: whatever the platform accepts has no error here (except the
 * documented exceptions), and whatever it rejects has at least one.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { SpecificationParser } from '@commercetools-connect/specification/dist/specification.parser.js';
import { describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';

import { validateDocument } from '../src/spec/validate.js';
import { repoRoot } from './helpers/cli.js';

const seeds = ['six-applications', 'edge-values', 'schedules'].map((name) =>
  readFileSync(join(repoRoot, 'test', 'fixtures', 'validate', 'valid', name, 'connect.yaml'), 'utf8'),
);

let state = 20_261_127;
function random(): number {
  // mulberry32: small, fast, deterministic.
  state = (state + 0x6d2b79f5) | 0;
  let t = Math.imul(state ^ (state >>> 15), 1 | state);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
}
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
const int = (max: number): number => Math.floor(random() * max);

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
      lines[index] = random() < 0.5 ? ` ${lines[index] ?? ''}` : (lines[index] ?? '').replace(/^ {1,2}/, '');
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
      else if (target.length > 0 && random() < 0.5) target.push(structuredClone(target[int(target.length)]));
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

/**
 * The platform's endpoint pattern, ^(?!$)([a-zA-Z0-9_\-/]{0,256})+$, backtracks exponentially on a
 * long value with a character it refuses (20 characters: ~150 ms, 30: minutes). Such documents
 * are not sent to it; our validator rejects them in microseconds.
 */
function slowForPlatform(text: string): boolean {
  return /(?:endpoint|path)\s*:\s*["']?[a-zA-Z0-9_/-]{12,}[^a-zA-Z0-9_/\n-]/.test(text);
}

async function platformAccepts(text: string): Promise<boolean> {
  try {
    await new SpecificationParser().parse(text);
    return true;
  } catch {
    return false;
  }
}

// Where we are stricter than the platform, on purpose (see README "Validate").
function expectedDisagreement(codes: string[], text: string): boolean {
  return codes.every(
    (code) =>
      code === 'invalid-schedule' ||
      (code === 'invalid-application-type' && /applicationType: ["']?unknown/.test(text)) ||
      code === 'yaml-not-text',
  );
}

describe('fuzzing the validator', () => {
  it('never throws, stays inside the file, and agrees with the platform', async () => {
    const disagreements: string[] = [];
    let rejected = 0;
    let compared = 0;
    for (let run = 0; run < 3000; run++) {
      let text = pick(seeds);
      const rounds = 1 + int(3);
      for (let round = 0; round < rounds; round++)
        text = random() < 0.5 ? mutateText(text) : mutateValue(text);
      const result = validateDocument('/fuzz/connect.yaml', text);
      const lines = text.split('\n').length;
      for (const diagnostic of result.diagnostics) {
        expect(diagnostic.line).toBeGreaterThanOrEqual(1);
        expect(diagnostic.line).toBeLessThanOrEqual(lines + 1);
        expect(diagnostic.column).toBeGreaterThanOrEqual(1);
        expect(diagnostic.message).not.toBe('');
      }
      const errors = result.diagnostics
        .filter((diagnostic) => diagnostic.severity === 'error')
        .map((d) => d.code);
      // Every third document goes to the platform's parser too (it is the slow part).
      if (run % 3 !== 0 || slowForPlatform(text)) continue;
      compared++;
      const accepted = await platformAccepts(text);
      if (!accepted) rejected++;
      if (accepted && errors.length > 0 && !expectedDisagreement(errors, text)) {
        disagreements.push(`platform accepts, we report ${errors.join(', ')}:\n${text}`);
      }
      if (!accepted && errors.length === 0) disagreements.push(`platform rejects, we accept:\n${text}`);
    }
    expect(disagreements.slice(0, 3)).toEqual([]);
    // The mutations must actually produce broken documents, or this test proves nothing.
    expect(compared).toBeGreaterThan(800);
    expect(rejected).toBeGreaterThan(300);
  }, 300_000);

  it('survives hostile input', () => {
    const hostile = [
      '['.repeat(5000),
      `${'- '.repeat(3000)}x`,
      `a: &a [${'x,'.repeat(50)}x]\n${Array.from({ length: 30 }, (_, i) => `b${i}: &b${i} [${'*a,'.repeat(20)}*a]`).join('\n')}`,
      'deployAs:\n  - name: x\n'.repeat(2000),
      '\u0000\u0001\u0002',
      '',
      '# only a comment',
      '~',
      '"just a string"',
      '- a\n- b',
      `deployAs:\n  - name: job\n    applicationType: job\n    endpoint: /j\n    properties:\n      schedule: "${'1 '.repeat(150)}"`,
    ];
    for (const text of hostile) {
      const result = validateDocument('/fuzz/connect.yaml', text);
      expect(
        result.diagnostics.filter((diagnostic) => diagnostic.severity === 'error').length,
      ).toBeGreaterThan(0);
    }
  });
});
