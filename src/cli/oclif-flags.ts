/** Plain flag specs (flag-spec.ts) as oclif flags: one definition for oclif and the fast path. */
import { Flags, type Interfaces } from '@oclif/core';

import type { BooleanSpec, FlagSpec, FlagSpecs, FlagValues, IntegerSpec } from './flag-spec.js';

export type OclifFlags<S extends FlagSpecs> = {
  [K in keyof S]: S[K] extends BooleanSpec
    ? Interfaces.BooleanFlag<boolean>
    : Interfaces.OptionFlag<FlagValues<S>[K]>;
};

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each flag has its own value type
export function oclifFlag(spec: FlagSpec): Interfaces.Flag<any> {
  const { kind, ...options } = spec;
  switch (kind) {
    case 'boolean':
      return Flags.boolean(options as Omit<BooleanSpec, 'kind'>);
    case 'integer':
      return Flags.integer(options as Omit<IntegerSpec, 'kind'>);
    case 'string':
      return Flags.string({ ...options, multiple: spec.multiple === true } as Parameters<
        typeof Flags.string
      >[0]);
  }
}

export function oclifFlags<S extends FlagSpecs>(specs: S): OclifFlags<S> {
  return Object.fromEntries(
    Object.entries(specs).map(([name, spec]) => [name, oclifFlag(spec)]),
  ) as OclifFlags<S>;
}
