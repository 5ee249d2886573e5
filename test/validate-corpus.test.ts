/**
 * The fixture corpus (test/fixtures/validate): a valid and an invalid case for every rule.
 * Each invalid fixture states what it expects in its header comments:
 *   # expect: <rule-code> <line>:<column> [file relative to the fixture]
 *   # platform: accepts|rejects   what the platform's own parser (@commercetools-connect/specification
 *                                 0.0.16) does with the document
 *   # folders: check              run the application-folder checks too
 * Every valid fixture must be accepted by the platform's parser, and every fixture marked
 * "rejects" must be rejected by it: our validator accepts exactly what the platform accepts.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import { SpecificationParser } from '@commercetools-connect/specification/dist/specification.parser.js';
import { describe, expect, it } from 'vitest';

import { RULES } from '../src/spec/diagnostics.js';
import { validateSource } from '../src/spec/validate.js';
import { repoRoot } from './helpers/cli.js';

const corpus = join(repoRoot, 'test', 'fixtures', 'validate');
const cases = (kind: 'valid' | 'invalid'): string[] => readdirSync(join(corpus, kind)).sort();

interface Expectation {
  code: string;
  line: number;
  column: number;
  file: string;
}

function header(dir: string): { expects: Expectation[]; platform?: string; folders: boolean } {
  const spec = readFileSync(join(dir, 'connect.yaml'));
  const text = spec.includes(0) ? readFileSync(join(dir, 'expect.txt'), 'utf8') : spec.toString('utf8');
  const expects: Expectation[] = [];
  let platform: string | undefined;
  for (const line of text.split('\n')) {
    const expectation = /^# expect: ([a-z-]+) (\d+):(\d+)(?: (\S+))?$/.exec(line);
    if (expectation) {
      const [, code = '', row = '0', column = '0', file = 'connect.yaml'] = expectation;
      expects.push({ code, line: Number(row), column: Number(column), file: join(dir, file) });
    }
    const verdict = /^# platform: (accepts|rejects)$/.exec(line);
    if (verdict) platform = verdict[1];
  }
  return { expects, ...(platform ? { platform } : {}), folders: /^# folders: check$/m.test(text) };
}

async function platformAccepts(text: string): Promise<boolean> {
  try {
    await new SpecificationParser().parse(text);
    return true;
  } catch {
    return false;
  }
}

const NOW = new Date('2026-06-01T00:00:00Z');

describe('valid fixtures', () => {
  it.each(cases('valid'))('%s has no problem and the platform accepts it', async (name) => {
    const dir = join(corpus, 'valid', name);
    const { folders } = header(dir);
    const text = readFileSync(join(dir, 'connect.yaml'), 'utf8');
    const result = await validateSource(join(dir, 'connect.yaml'), text, { folders, now: NOW });
    expect(result.diagnostics).toEqual([]);
    expect(result.valid).toBe(true);
    expect(result.spec?.deployAs.length).toBeGreaterThan(0);
    expect(await platformAccepts(text)).toBe(true);
  });
});

describe('invalid fixtures', () => {
  it.each(cases('invalid'))('%s reports the expected diagnostics', async (name) => {
    const dir = join(corpus, 'invalid', name);
    const { expects, platform, folders } = header(dir);
    expect(expects.length).toBeGreaterThan(0);
    const bytes = readFileSync(join(dir, 'connect.yaml'));
    const result = await validateSource(join(dir, 'connect.yaml'), bytes, { folders, now: NOW });
    const got = result.diagnostics.map(({ code, line, column, file }) => ({ code, line, column, file }));
    expect(got).toEqual(expects);
    for (const diagnostic of result.diagnostics) {
      expect(diagnostic.severity).toBe(RULES[diagnostic.code].severity);
      expect(diagnostic.message.length).toBeGreaterThan(20);
    }
    const errors = result.diagnostics.filter((diagnostic) => diagnostic.severity === 'error');
    expect(result.valid).toBe(errors.length === 0);
    if (platform) expect(await platformAccepts(bytes.toString('utf8'))).toBe(platform === 'accepts');
  });

  it('has an invalid case for every rule but the fallback', () => {
    const covered = new Set(
      cases('invalid').flatMap((name) => header(join(corpus, 'invalid', name)).expects.map((e) => e.code)),
    );
    const untested = Object.keys(RULES).filter(
      (code) => !covered.has(code) && !['schema-violation', 'yaml-too-large'].includes(code),
    );
    expect(untested).toEqual([]);
  });

  it('refuses a file larger than 256 KiB before parsing it', async () => {
    const huge = `deployAs:\n${'  # padding\n'.repeat(30_000)}`;
    const result = await validateSource('/x/connect.yaml', huge);
    expect(result.diagnostics).toEqual([
      expect.objectContaining({ code: 'yaml-too-large', line: 1, column: 1 }),
    ]);
  });
});
