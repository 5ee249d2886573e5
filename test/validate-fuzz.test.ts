/**
 * Mutates valid connect.yaml files 3,000 times (text edits and value swaps) and checks
 * that the validator never throws, always places its diagnostics inside the file, and agrees
 * with the platform's own parser: whatever the platform accepts has no error here (except the
 * documented exceptions), and whatever it rejects has at least one.
 */
import { SpecificationParser } from '@commercetools-connect/specification/dist/specification.parser.js';
import { describe, expect, it } from 'vitest';

import { validateDocument } from '../src/spec/validate.js';
import { createMutator, seeds } from './helpers/connect-yaml-mutations.js';

const { random, pick, int, mutateText, mutateValue } = createMutator();

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
  }, 120_000);
});
