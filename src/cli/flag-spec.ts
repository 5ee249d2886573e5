/**
 * Flags as plain data, for the commands that must start without loading oclif (`connect dev`,
 * see src/cli/dev/fast.ts). The same specs become the command's oclif flags (oclif-flags.ts), so
 * `--help`, the manifest and every unusual command line stay oclif's; `fastParse` reads only the
 * common, unambiguous command lines and hands every other one back to oclif. A differential test
 * (flag-spec.test.ts) holds it to oclif's parser: for every command line it either declines or
 * gives exactly oclif's result.
 */
import { parseArgs } from 'node:util';

type Letter =
  | 'a'
  | 'b'
  | 'c'
  | 'd'
  | 'e'
  | 'f'
  | 'g'
  | 'h'
  | 'i'
  | 'j'
  | 'k'
  | 'l'
  | 'm'
  | 'n'
  | 'o'
  | 'p'
  | 'q'
  | 'r'
  | 's'
  | 't'
  | 'u'
  | 'v'
  | 'w'
  | 'x'
  | 'y'
  | 'z';

interface CommonSpec {
  description: string;
  char?: Letter;
  helpGroup?: string;
}

export interface BooleanSpec extends CommonSpec {
  kind: 'boolean';
  default?: boolean;
  /** --no-NAME sets it to false */
  allowNo?: boolean;
}

export interface StringSpec extends CommonSpec {
  kind: 'string';
  /** Repeatable: the values are collected in order. */
  multiple?: boolean;
}

export interface IntegerSpec extends CommonSpec {
  kind: 'integer';
  default: number;
  min?: number;
  max?: number;
}

export type FlagSpec = BooleanSpec | StringSpec | IntegerSpec;
export type FlagSpecs = Record<string, FlagSpec>;

/** The value type each spec parses to (what oclif's flags give too). */
export type FlagValues<S extends FlagSpecs> = {
  [K in keyof S]: S[K] extends BooleanSpec
    ? boolean
    : S[K] extends IntegerSpec
      ? number
      : S[K] extends { multiple: true }
        ? string[] | undefined
        : string | undefined;
};

/** The PATH argument of every command that works on a repository (see repository-path.ts). */
export const REPOSITORY_PATH_DESCRIPTION =
  'The repository: any folder inside it, or its connect.yaml. Default: the current directory (connect walks up to the nearest connect.yaml).';

/** `--json`, which oclif adds to every command with enableJsonFlag. */
export const JSON_FLAG = {
  kind: 'boolean',
  description: 'Format output as json.',
  helpGroup: 'GLOBAL',
} as const satisfies BooleanSpec;

/** `--no-color`, a base flag of every command (BaseCommand). */
export const COLOR_FLAG = {
  kind: 'boolean',
  default: true,
  allowNo: true,
  helpGroup: 'GLOBAL',
  description: 'Colour the output (also off with NO_COLOR, TERM=dumb, --json or when not on a terminal).',
} as const satisfies BooleanSpec;

export interface FastParseResult<S extends FlagSpecs> {
  flags: Partial<FlagValues<S>> & Record<string, unknown>;
  positionals: string[];
}

/**
 * Parses `argv` against `specs` when the command line is plain: known flags, each given once
 * (repeatable ones any number of times), long options with their value as the next word or after
 * `=`, short options alone, at most `maxPositionals` arguments, none of them after a repeatable
 * option (oclif would take it as one more value). Anything else, including every mistake, gives
 * undefined: the caller then runs oclif, whose messages and exit codes the user gets.
 */
export function fastParse<S extends FlagSpecs>(
  argv: string[],
  specs: S,
  maxPositionals: number,
): FastParseResult<S> | undefined {
  const options: Record<string, { type: 'boolean' | 'string'; short?: string; multiple?: boolean }> = {};
  for (const [name, spec] of Object.entries(specs)) {
    options[name] = {
      type: spec.kind === 'boolean' ? 'boolean' : 'string',
      ...(spec.char ? { short: spec.char } : {}),
      ...(spec.kind === 'string' && spec.multiple ? { multiple: true } : {}),
    };
    if (spec.kind === 'boolean' && spec.allowNo) options[`no-${name}`] = { type: 'boolean' };
  }
  let parsed: ReturnType<typeof parseArgs<{ options: typeof options; tokens: true; allowPositionals: true }>>;
  try {
    parsed = parseArgs({ args: argv, options, strict: true, allowPositionals: true, tokens: true });
  } catch {
    return undefined;
  }
  const seen = new Set<string>();
  let afterRepeatable = false;
  for (const token of parsed.tokens) {
    if (token.kind === 'option-terminator') return undefined;
    if (token.kind === 'positional') {
      if (afterRepeatable || token.value === '' || token.value.startsWith('-')) return undefined;
      continue;
    }
    const name = token.name.startsWith('no-') && !(token.name in specs) ? token.name.slice(3) : token.name;
    const spec = specs[name] as FlagSpec;
    // -xVALUE and -x=VALUE: oclif and util.parseArgs read them differently.
    if (token.rawName.length === 2 && token.inlineValue === true) return undefined;
    if (token.value !== undefined && (token.value === '' || token.value.startsWith('-'))) return undefined;
    const repeatable = spec.kind === 'string' && spec.multiple === true;
    if (repeatable) afterRepeatable = true;
    else if (seen.has(name)) return undefined;
    seen.add(name);
  }
  if (parsed.positionals.length > maxPositionals) return undefined;

  const values = parsed.values as Record<string, string | boolean | string[] | undefined>;
  const flags: Record<string, unknown> = {};
  for (const [name, spec] of Object.entries(specs)) {
    const given = values[name];
    switch (spec.kind) {
      case 'boolean':
        if (values[`no-${name}`] === true) flags[name] = false;
        else if (given !== undefined) flags[name] = given;
        else if (spec.default !== undefined) flags[name] = spec.default;
        break;
      case 'string':
        if (given !== undefined) flags[name] = given;
        break;
      case 'integer': {
        if (given === undefined) {
          flags[name] = spec.default;
          break;
        }
        if (typeof given !== 'string' || !/^-?\d+$/.test(given)) return undefined;
        const number = Number.parseInt(given, 10);
        if ((spec.min !== undefined && number < spec.min) || (spec.max !== undefined && number > spec.max)) {
          return undefined;
        }
        flags[name] = number;
        break;
      }
    }
  }
  return { flags: flags as FastParseResult<S>['flags'], positionals: parsed.positionals };
}
