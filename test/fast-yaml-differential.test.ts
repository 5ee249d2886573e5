/**
 * The fast YAML parser (src/spec/fast-yaml.ts) against `yaml`, the parser the platform uses:
 * on every connect.yaml in the repository, the scaffolded ones, and thousands of mutated
 * documents, it either gives up or gives exactly what `yaml` gives: the same value, the same
 * node offsets, the same positions for every path, and the same final diagnostics. And it does
 * take the files it is meant for, or the speed-up would be fictional.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

import { describe, expect, it } from 'vitest';
import { isMap, isScalar, isSeq, type Node } from 'yaml';

import { SCAFFOLD_TYPES, type ScaffoldType } from '../src/scaffold/catalogue.js';
import { addToConnectYaml, createConnectYaml } from '../src/scaffold/connect-yaml.js';
import type { FastNode } from '../src/spec/fast-yaml.js';
import { validateDocument } from '../src/spec/validate.js';
import { parseSource, type PathSegment, type YamlSource } from '../src/spec/yaml-source.js';
import { repoRoot } from './helpers/cli.js';
import { createMutator, seeds } from './helpers/connect-yaml-mutations.js';

const NOW = new Date('2026-06-01T00:00:00Z');
const FILE = '/differential/connect.yaml';

function connectYamlFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    if (entry.name === 'node_modules') return [];
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return connectYamlFiles(path);
    return entry.name === 'connect.yaml' ? [path] : [];
  });
}

const repositoryFiles = [
  ...connectYamlFiles(join(repoRoot, 'test', 'fixtures')),
  join(repoRoot, 'examples', 'connector', 'connect.yaml'),
];

/** What `connect init` and `connect add` write, for each type alone and all together. */
function scaffolded(): Record<string, string> {
  const app = (type: ScaffoldType, name: string = type) => ({
    type,
    name,
    ...(['service', 'event', 'job'].includes(type) ? { endpoint: `/${name}` } : {}),
  });
  const url = 'https://example.com/connect.schema.json';
  const all = SCAFFOLD_TYPES.map((type) => app(type));
  const out: Record<string, string> = {};
  for (const type of SCAFFOLD_TYPES) out[`init ${type}`] = createConnectYaml([app(type)], url);
  out['init all types'] = createConnectYaml(all, url);
  let added = createConnectYaml([app('service')], url);
  for (const type of SCAFFOLD_TYPES) added = addToConnectYaml(added, app(type, `${type}-2`), 'connect.yaml');
  out['init then add every type'] = added;
  return out;
}

/** Differences between `yaml`'s node tree and the fast parser's. */
function treeDifferences(
  slow: Node | null | undefined,
  fast: FastNode,
  path = '',
  out: string[] = [],
): string[] {
  const kind = isMap(slow) ? 'map' : isSeq(slow) ? 'seq' : isScalar(slow) ? 'scalar' : 'other';
  if (kind !== fast.kind) {
    out.push(`${path}: ${kind} vs ${fast.kind}`);
    return out;
  }
  if (slow?.range?.[0] !== fast.range[0])
    out.push(`${path}: starts at ${slow?.range?.[0]} vs ${fast.range[0]}`);
  if (isScalar(slow) && fast.kind === 'scalar') {
    if (slow.range?.[1] !== fast.range[1])
      out.push(`${path}: ends at ${slow.range?.[1]} vs ${fast.range[1]}`);
    if (!Object.is(slow.value, fast.value))
      out.push(`${path}: ${String(slow.value)} vs ${String(fast.value)}`);
  }
  if (isMap(slow) && fast.kind === 'map') {
    if (slow.items.length !== fast.items.length)
      out.push(`${path}: ${slow.items.length} vs ${fast.items.length} keys`);
    slow.items.forEach((pair, index) => {
      const other = fast.items[index];
      if (!other) return;
      treeDifferences(pair.key as Node, other.key, `${path}{key ${index}}`, out);
      treeDifferences(pair.value as Node, other.value, `${path}.${String(other.key.value)}`, out);
    });
  }
  if (isSeq(slow) && fast.kind === 'seq') {
    if (slow.items.length !== fast.items.length)
      out.push(`${path}: ${slow.items.length} vs ${fast.items.length} items`);
    slow.items.forEach((item, index) => {
      const other = fast.items[index];
      if (other) treeDifferences(item as Node, other, `${path}[${index}]`, out);
    });
  }
  return out;
}

/** Every path in the value, plus one missing key under each mapping. */
function pathsOf(value: unknown, base: PathSegment[] = [], out: PathSegment[][] = []): PathSegment[][] {
  out.push(base);
  if (Array.isArray(value)) {
    value.forEach((item, index) => pathsOf(item, [...base, index], out));
    out.push([...base, value.length]);
  } else if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) pathsOf(item, [...base, key], out);
    out.push([...base, 'notAKey'], [...base, 'notAKey', 0]);
  }
  return out;
}

/** Where each path points; the end offset too for scalars (the schedule checks read it). */
function positions(source: YamlSource, paths: PathSegment[][]): unknown[] {
  return paths.map((path) => {
    const node = source.nodeAt(path);
    const scalar = isScalar(node) || (node as { kind?: string } | undefined)?.kind === 'scalar';
    return [
      source.locate(path),
      source.locate(path, { key: true }),
      node?.range?.slice(0, scalar ? 2 : 1),
      scalar,
    ];
  });
}

/**
 * Checks one text both ways; returns whether the fast parser took it. Collects differences
 * instead of failing at once, so that a failure names the document.
 */
function differential(text: string, problems: string[], label: string): boolean {
  const fast = parseSource(FILE, text);
  const slow = parseSource(FILE, text, { fast: false });
  const tree = fast.source.tree;
  if (tree === undefined) return false;
  const report = (what: string) => problems.push(`${label}: ${what}\n---\n${text}\n---`);
  if (!('value' in slow)) {
    report(`yaml rejects it: ${slow.diagnostics.map((d) => d.message).join('; ')}`);
    return true;
  }
  const differences = treeDifferences(slow.source.document?.contents as Node, tree);
  if (differences.length > 0) report(differences.slice(0, 5).join('; '));
  try {
    expect(fast.value).toStrictEqual(slow.value);
    expect(fast.diagnostics).toStrictEqual(slow.diagnostics);
    const paths = pathsOf(slow.value);
    expect(positions(fast.source, paths)).toStrictEqual(positions(slow.source, paths));
    const fastResult = validateDocument(FILE, text, { now: NOW });
    const slowResult = validateDocument(FILE, text, { now: NOW, fast: false });
    expect(fastResult.diagnostics).toStrictEqual(slowResult.diagnostics);
    expect(fastResult.jobs).toStrictEqual(slowResult.jobs);
  } catch (error) {
    report((error as Error).message.split('\n').slice(0, 12).join('\n'));
  }
  return true;
}

describe('the fast YAML parser agrees with yaml', () => {
  it('takes every connect.yaml it is meant for, and agrees on every file in the repository', () => {
    const problems: string[] = [];
    const taken: string[] = [];
    for (const file of repositoryFiles) {
      const label = relative(repoRoot, file);
      if (differential(readFileSync(file, 'utf8'), problems, label)) taken.push(label);
    }
    const templates = scaffolded();
    for (const [label, text] of Object.entries(templates)) {
      if (differential(text, problems, label)) taken.push(label);
    }
    expect(problems.slice(0, 3)).toEqual([]);
    const valid = readdirSync(join(repoRoot, 'test', 'fixtures', 'validate', 'valid'));
    expect(valid.length).toBeGreaterThan(3);
    for (const name of valid) {
      // edge-values exists to exercise what the fast parser leaves to yaml (anchors, block
      // scalars, flow mappings): it must go the slow way, and every other one the fast way.
      const expected = name !== 'edge-values';
      expect(taken.includes(`test/fixtures/validate/valid/${name}/connect.yaml`), name).toBe(expected);
    }
    for (const label of [
      'examples/connector/connect.yaml',
      'test/fixtures/dev/basic/connect.yaml',
      'test/fixtures/platform/connector/connect.yaml',
      ...Object.keys(templates),
    ])
      expect(taken, label).toContain(label);
  });

  it('agrees on thousands of mutated documents (the fuzz corpus and mutations of fast-path files)', () => {
    const problems: string[] = [];
    let takenCount = 0;
    let total = 0;
    // The fuzz test's corpus (same generator, another seed).
    const fuzz = createMutator(7_11_2026);
    for (let run = 0; run < 1500; run++) {
      let text = fuzz.pick(seeds);
      const rounds = 1 + fuzz.int(3);
      for (let round = 0; round < rounds; round++)
        text = fuzz.random() < 0.5 ? fuzz.mutateText(text) : fuzz.mutateValue(text);
      total++;
      if (differential(text, problems, `fuzz ${run}`)) takenCount++;
    }
    // Small edits of files the fast parser takes, with the characters it must be careful about.
    const fastSeeds = [
      ...repositoryFiles
        .map((file) => readFileSync(file, 'utf8'))
        .filter((text) => parseSource(FILE, text).source.tree !== undefined),
      ...Object.values(scaffolded()),
    ];
    const edits = createMutator(27_11_2026);
    for (let run = 0; run < 2500; run++) {
      let text = edits.pick(fastSeeds);
      const rounds = 1 + edits.int(2);
      for (let round = 0; round < rounds; round++) text = edit(text, edits);
      total++;
      if (differential(text, problems, `edit ${run}`)) takenCount++;
    }
    expect(problems.slice(0, 3)).toEqual([]);
    // Both ways must be well exercised, or this proves little.
    expect(takenCount).toBeGreaterThan(total * 0.3);
    expect(takenCount).toBeLessThan(total * 0.9);
  }, 300_000);

  it('agrees on hand-written corner cases', () => {
    const problems: string[] = [];
    const taken = CORNER_CASES.filter((text, index) => differential(text, problems, `case ${index}`));
    expect(problems.slice(0, 3)).toEqual([]);
    // The ones it is meant to take.
    for (const text of CORNER_CASES.slice(0, TAKEN_CORNER_CASES)) expect(taken, text).toContain(text);
  });
});

const TOKENS = [
  ': ',
  ':',
  ' #',
  '#',
  ' # c',
  "'",
  "''",
  '"',
  '\\',
  '\\n',
  '-',
  '- ',
  '---',
  '...',
  '%',
  '[',
  ']',
  '[]',
  '{}',
  ',',
  '~',
  'null',
  'true',
  'False',
  '0x1F',
  '0o17',
  '1e3',
  '.5',
  '1.5',
  '+1',
  '-0',
  '007',
  '.inf',
  '.NaN',
  '?',
  '? ',
  '!',
  '!!str ',
  '&a ',
  '*a',
  '|',
  '>',
  '<<',
  ' ',
  '  ',
  '\n',
  '\n  ',
  '\n\n',
  '\t',
  '\r',
  '\r\n',
  '\u0085',
  '\u2028',
  '\ufeff',
  'é',
  '@',
  '`',
  '__proto__',
];

/** One small edit: a token inserted, a character deleted, a line re-indented or duplicated. */
function edit(text: string, { int, pick, random }: ReturnType<typeof createMutator>): string {
  const lines = text.split('\n');
  const index = int(lines.length);
  const line = lines[index] ?? '';
  const choice = random();
  if (choice < 0.5) {
    const at = int(line.length + 1);
    lines[index] = line.slice(0, at) + pick(TOKENS) + line.slice(at);
  } else if (choice < 0.65) {
    const at = int(line.length + 1);
    lines[index] = line.slice(0, at) + line.slice(at + 1 + int(3));
  } else if (choice < 0.8) {
    lines[index] = random() < 0.5 ? ` ${line}` : line.replace(/^ /, '');
  } else if (choice < 0.85) {
    lines.splice(index, 0, line);
  } else if (choice < 0.9) {
    lines.splice(index, 0, `${' '.repeat(int(9))}# a comment line`);
  } else {
    // A value replaced by a token.
    lines[index] = line.replace(/: .*$/, `: ${pick(TOKENS)}`);
  }
  return lines.join('\n');
}

// The first TAKEN_CORNER_CASES must go the fast way; the rest may go either way.
const TAKEN_CORNER_CASES = 27;
const CORNER_CASES = [
  'a: 1\n',
  'a: 1',
  '---\na: b\n',
  '# c\n---\n# d\na: b\n',
  'a:\nb: 2\n',
  'a:   \nb: # comment\n',
  'a:\n- x\n- y\nb:\n  - z\n',
  'a:\n  # c\n  b: 1\n    # deeper comment\n  c: 2\n',
  'list:\n  - a: 1\n    b:\n    c:\n    - x\n    d: 2\n  -   e: 3\n      f: [ ]\n',
  "a: 'it''s'\nb: \"x # not a comment\"\nc: x#y\nd: a,b [c] {d}\n",
  'a: [x, "y", \'z\', 1, true, null]\nb: {}\nc: [ ]\n',
  '"quoted key": 1\n\'single\': 2\n"": 3\n',
  'a: ~\nb: null\nc: Null\nd: NULL\ne: true\nf: False\ng: 0\nh: -12\ni: +3\nj: 1.5\nk: .5\nl: 12.\n',
  'a:  spaced out   \nb: -x\nc: x:y\nd: http://example.com/a#b\ne: 5 * * * *\n',
  // Comments indented less than what they sit in (commented-out lines).
  'deployAs:\n  - name: a\n#  - name: b\n  - name: c\n',
  'a:\n  b: 1\n# c\n  c: 2\n',
  'a:\n# c\n  - x\n',
  'a:\n  - x: 1\n# c\n    y: 2\n',
  'a:\n  b:\n# c\n    c: 1\n',
  'a: 1\n# c\n  # d\nb: 2\n',
  // Indicators inside plain scalars, quotes inside and around them, spacing.
  'a[0]: x\nb{c}: y\nd,e: z\nf: <<\ng: =\nh: x]\ni: x}\nj: x, y\nk: x ,y\n',
  "k: a  #  b\nl: \"a\"   # c\nm: ''\nn: ''''\n\"a b\": c\n'a: b': c\no: 'b: c'\np: \"[x]\"\nit's: x\n",
  'a:\n  - b\n  -  c\n  -   d: 1\n      e: 2\n\n\n\nb: y',
  'a:\n  b:\n    c:\n',
  'a: b\n  # deeper comment at the end',
  'a: 1 # c\n   # c2\nb: 2 #',
  'a: é ü 中文 😀\n"ключ": значение\n',
  // Either way is fine from here on.
  'a: 1\na: 2\n',
  'a: 1\n "a": 2\n',
  'a: b\n  c\n',
  'a: b: c\n',
  'a:\n  b: 1\n c: 2\n',
  'a:\n  - x\n - y\n',
  'a:\n# outdented comment\n  b: 1\n',
  '- a\n- b\n',
  'a\n',
  '',
  '# only\n',
  'a: 1\n---\nb: 2\n',
  'a: 1\n...\n',
  '%YAML 1.2\n---\na: 1\n',
  'a: "x\\"y"\n',
  "a: 'x\n  y'\n",
  'a: [x,\n  y]\n',
  'a: [x, ]\n',
  'a: [x y]\n',
  'a: [-1, .5, a: b]\n',
  'a: 0x1F\nb: 0o17\nc: 1e3\nd: .inf\ne: -.Inf\nf: .NaN\n',
  '1: a\n',
  'true: a\n',
  'a : b\n',
  'a:b\n',
  '"a":b\n',
  'a: "b"c\n',
  'a: "b"#c\n',
  'a: &x 1\nb: *x\n',
  'a: !!str 1\n',
  'a: |\n  text\n',
  '? a\n: b\n',
  '<<: {a: 1}\n',
  '__proto__: 1\n',
  'a:\n  -\n  - x\n',
  'a:\n  - - x\n',
  'a: -\n',
  'a: - x\n',
  `${'k'.repeat(1100)}: 1\n`,
  ' a: 1\n',
  'a:\n\tb: 1\n',
  'a: 1\r\nb: 2\r\n',
  'a: x\u00a0y\nb: é\n',
  'a: x\u2028y\n',
  '-: x\n-a: y\nb: --1\n',
  '---x: 1\n...: 2\n....: 3\n--- \na: 1\n',
  '---   # c\na: 1\n',
  '--- a: 1\n',
  'a: 1\n--- \n',
  'a: 1\n---x: 2\n',
];
