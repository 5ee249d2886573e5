/**
 * `--inspect` and `--inspect-brk` take an optional list (`--inspect=service,job`), as Node.js's
 * own `--inspect[=port]` does; oclif and node:util's parser have no optional values, so a bare
 * `--inspect` becomes `--inspect=*` (every Node.js application) before either parser reads the
 * command line. A list is only ever given with `=`, so `connect dev --inspect path` stays a path.
 */
import type { DevFlags } from './flags.js';

const OPTIONAL_VALUE_FLAGS = ['--inspect', '--inspect-brk'];

export function normalizeInspectArgv(argv: readonly string[]): string[] {
  const out: string[] = [];
  for (const [index, word] of argv.entries()) {
    if (word === '--') {
      out.push(...argv.slice(index));
      break;
    }
    out.push(OPTIONAL_VALUE_FLAGS.includes(word) ? `${word}=*` : word);
  }
  return out;
}

/** What the two flags ask for: the applications (true: all) and whether to wait. */
export function inspectOption(
  flags: Pick<DevFlags, 'inspect' | 'inspect-brk'>,
): { apps: true | string[]; brk: boolean } | undefined {
  const value = flags['inspect-brk'] ?? flags.inspect;
  if (value === undefined) return undefined;
  const names = value
    .split(',')
    .map((name) => name.trim())
    .filter((name) => name.length > 0);
  return {
    apps: names.length === 0 || names.includes('*') ? true : names,
    brk: flags['inspect-brk'] !== undefined,
  };
}
