/**
 * One kind of failure, one exit code: every stable error code is thrown with the same exit code
 * wherever the source throws it, and the exit-code table covers every code there is.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { describe, expect, it } from 'vitest';

import { EXIT_CODE_TABLE, ExitCode } from './errors.js';

const src = fileURLToPath(new URL('.', import.meta.url));

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sources(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') ? [path] : [];
  });
}

/** The text of the call whose '(' is at `open`, up to its matching ')'. */
function callText(text: string, open: number): string {
  let depth = 0;
  for (let index = open; index < text.length; index += 1) {
    if (text[index] === '(') depth += 1;
    else if (text[index] === ')' && --depth === 0) return text.slice(open, index + 1);
  }
  return text.slice(open);
}

/** For each literal error code: the exit codes it is thrown with, and where. */
function exitCodesByErrorCode(): Map<string, Map<string, string[]>> {
  const found = new Map<string, Map<string, string[]>>();
  for (const file of sources(src)) {
    const text = readFileSync(file, 'utf8');
    // Local helpers that always build a ConnectError with a fixed exit code: `function invalid(code: string, ...`.
    const helpers = new Map<string, string>();
    for (const match of text.matchAll(/function (\w+)\(code: string[^)]*\)[^{]*\{([\s\S]*?)\n\}/g)) {
      const exit = /new ConnectError\(code[\s\S]*?exitCode: ExitCode\.(\w+)/.exec(match[2] ?? '')?.[1];
      if (match[1] !== undefined && exit !== undefined) helpers.set(match[1], exit);
    }
    const calls = new RegExp(
      `(new (?:ConnectError|ProcessError)|\\b(?:${[...helpers.keys(), 'NEVER'].join('|')}))\\(\\s*'([A-Z0-9_]+)'`,
      'g',
    );
    for (const match of text.matchAll(calls)) {
      const code = match[2] as string;
      const call = callText(text, (match.index ?? 0) + (match[1] as string).length);
      const helper = helpers.get(match[1] as string);
      const literal = /exitCode:\s*ExitCode\.(\w+)/.exec(call)?.[1];
      // A computed exit code (`{ exitCode }` from the signal that stopped it) is not a literal to compare.
      const computed = /\bexitCode\b(?!:\s*ExitCode\.)/.test(call.replace(/exitCode:\s*ExitCode\.\w+/g, ''));
      const exit = helper ?? literal ?? (computed ? undefined : 'Failure');
      if (exit === undefined) continue;
      const byExit = found.get(code) ?? new Map<string, string[]>();
      byExit.set(exit, [...(byExit.get(exit) ?? []), file.slice(src.length)]);
      found.set(code, byExit);
    }
  }
  return found;
}

describe('exit codes', () => {
  it('give each stable error code one exit code, wherever it is thrown', () => {
    const found = exitCodesByErrorCode();
    // The scan must see the codes it is about, or it proves nothing.
    for (const code of [
      'DUPLICATE_NAME',
      'FOLDER_EXISTS',
      'GIT_NOT_A_REPOSITORY',
      'GIT_NO_REMOTE',
      'VALUES_UNKNOWN_KEY',
    ]) {
      expect(found.has(code), code).toBe(true);
    }
    const conflicts = [...found]
      .filter(([, byExit]) => byExit.size > 1)
      .map(([code, byExit]) => ({ code, ...Object.fromEntries(byExit) }));
    expect(conflicts).toEqual([]);
  });

  it('agree for the failures of one kind', () => {
    const exit = (code: string) => [...(exitCodesByErrorCode().get(code)?.keys() ?? [])];
    expect(exit('GIT_NOT_A_REPOSITORY')).toEqual(exit('GIT_NO_REMOTE'));
    expect(exit('FOLDER_EXISTS')).toEqual(exit('DUPLICATE_NAME'));
    expect(exit('VALUES_UNKNOWN_KEY')).toEqual(['Failure']);
    expect(exit('CONNECT_YAML_UNREADABLE')).toEqual(exit('CONNECT_YAML_NOT_FOUND'));
  });

  it('are all in the table, once', () => {
    expect(EXIT_CODE_TABLE.map((row) => row.code).sort((a, b) => a - b)).toEqual(
      Object.values(ExitCode).sort((a, b) => a - b),
    );
  });
});
