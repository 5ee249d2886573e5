/**
 * The fast parser of `connect dev` command lines against oclif's own parser, with the flags the
 * command really has: for every command line it either declines (oclif then runs) or gives exactly
 * oclif's flags and arguments. The command lines people type must be taken, not declined.
 */
import { Parser } from '@oclif/core';
import { describe, expect, it } from 'vitest';

import Dev from '../commands/dev.js';
import { BaseCommand } from './base-command.js';
import { DEV_ALL_FLAGS, DEV_FLAGS } from './dev/flags.js';
import { COLOR_FLAG, fastParse, JSON_FLAG } from './flag-spec.js';
import { oclifFlag } from './oclif-flags.js';

const oclifFlags = { ...Dev.flags, ...BaseCommand.baseFlags, json: oclifFlag(JSON_FLAG) };

async function oclifParse(
  argv: string[],
): Promise<{ flags: Record<string, unknown>; args: unknown[] } | Error> {
  try {
    const { flags, args } = await Parser.parse(argv, { flags: oclifFlags, args: Dev.args, strict: true });
    return { flags: withoutUndefined(flags), args: Object.values(withoutUndefined(args)) };
  } catch (error) {
    return error as Error;
  }
}

function withoutUndefined(record: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(record).filter(([, value]) => value !== undefined));
}

async function compare(argv: string[]): Promise<'taken' | 'declined'> {
  const fast = fastParse(argv, DEV_ALL_FLAGS, 1);
  if (fast === undefined) return 'declined';
  const expected = await oclifParse(argv);
  expect(expected, `oclif refuses ${JSON.stringify(argv)} but the fast parser took it`).not.toBeInstanceOf(
    Error,
  );
  expect({ flags: withoutUndefined(fast.flags), args: fast.positionals }, JSON.stringify(argv)).toEqual(
    expected,
  );
  return 'taken';
}

// What people type: each must be taken.
const PLAIN = [
  [],
  ['examples/connector'],
  ['.'],
  ['--no-scripts', '--no-watch'],
  ['examples/connector', '--only', 'service,job'],
  ['--env', 'service.CTP_REGION=europe-west1.gcp', '--env', 'LOG_LEVEL=debug'],
  ['-e', 'A=1', '-e', 'B=two words'],
  ['--env=A=1', '--env=B='],
  ['--values', 'staging.values.yaml', '--no-watch'],
  ['--values=staging.values.yaml'],
  ['--json'],
  ['--json', '--no-color', 'path/to/repo'],
  ['--admin-port', '4000'],
  ['--admin-port=0', '--grace', '100'],
  ['--no-platform', '--no-build'],
  ['--build', '--scripts', '--watch', '--platform', '--color'],
  ['--seed', 'seed.json', '--persist', '.connect/data', '--chaos', '--open'],
  ['--extension', 'service:cart:Create,Update', '--subscribe', 'event:OrderCreated'],
  ['repo', '--extension', 'service:cart:Create', '--extension', 'service:order:Create'],
  ['--exec', 'npm test', '--timeout', '600'],
  ['--exec=vitest run --reporter dot', '--json', 'repo'],
  // A bare --inspect / --inspect-brk reaches both parsers as `=*` (inspect-argv.ts).
  ['--inspect=*'],
  ['--inspect=service,job', '--no-watch'],
  ['repo', '--inspect-brk=*'],
];

// Each must be declined: oclif refuses it, or reads it in its own way.
const UNUSUAL = [
  ['--help'],
  ['-h'],
  ['--version'],
  ['--nope'],
  ['a', 'b'],
  ['--', 'repo'],
  ['--env', 'A=1', 'repo'],
  ['--env', 'A=1', '--no-build', 'repo'],
  ['--only'],
  ['--only', '--json'],
  ['--only', ''],
  ['--values', 'a', '--values', 'b'],
  ['--build', '--no-build'],
  ['--json', '--json'],
  ['--no-json'],
  ['--build=false'],
  ['--admin-port', 'x'],
  ['--admin-port', '65536'],
  ['--admin-port', '-1'],
  ['--grace', '-5'],
  ['-eA=1'],
  ['-e=A=1'],
  ['-'],
  ['--Only', 'a'],
  ['--timeout', '-1'],
  ['--exec'],
];

describe('fastParse against oclif', () => {
  it('knows every flag of `connect dev`, with the same definitions', () => {
    expect(Object.keys(DEV_ALL_FLAGS).sort()).toEqual(Object.keys(oclifFlags).sort());
    expect(Object.keys(Dev.flags).sort()).toEqual(Object.keys(DEV_FLAGS).sort());
    expect(BaseCommand.baseFlags.color.allowNo).toBe(COLOR_FLAG.allowNo);
  });

  it.each(PLAIN.map((argv) => [argv.join(' ') || '(nothing)', argv]))('takes %s', async (_, argv) => {
    expect(await compare(argv)).toBe('taken');
  });

  it.each(UNUSUAL.map((argv) => [argv.join(' '), argv]))('leaves %s to oclif', async (_, argv) => {
    expect(await compare(argv)).toBe('declined');
  });

  it('agrees with oclif on 2,000 random command lines', async () => {
    const words = [
      ...Object.entries(DEV_ALL_FLAGS).flatMap(([name, spec]) => [
        `--${name}`,
        ...('char' in spec ? [`-${spec.char}`] : []),
        ...('allowNo' in spec && spec.allowNo ? [`--no-${name}`] : []),
      ]),
      ...[
        '--',
        '-',
        '--nope',
        '-x',
        '--help',
        '--env=A=1',
        '-eB=2',
        '--admin-port=80',
        '--grace=',
        '--only=',
      ],
      ...['repo', 'A=1', 'service.K=v', '0', '65535', '65536', '-1', '12x', '', 'a,b', '=x', 'two words'],
    ];
    // A fixed pseudo-random sequence (mulberry32), so that a failure reproduces.
    let seed = 0x5eed;
    const random = (): number => {
      seed = (seed + 0x6d2b79f5) | 0;
      let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
    const counts = { taken: 0, declined: 0 };
    for (let i = 0; i < 2000; i += 1) {
      const argv = Array.from(
        { length: Math.floor(random() * 6) },
        () => words[Math.floor(random() * words.length)] as string,
      );
      counts[await compare(argv)] += 1;
    }
    // Both kinds occur, so neither side of the comparison is empty.
    expect(counts.taken).toBeGreaterThan(150);
    expect(counts.declined).toBeGreaterThan(150);
  });
});
