/**
 * `--endpoint` and `--schedule` of `connect init` (and `add`) take `VALUE` for every application
 * of the right type or `NAME=VALUE` for one. A value that reaches no application, or two values for
 * the same application, are mistakes the user would otherwise only find in the generated files:
 * refused before anything is asked or written.
 */
import { ConnectError, ExitCode } from '../errors.js';
import { hasEndpoint, type ScaffoldType } from './catalogue.js';

const NAMED = /^([a-zA-Z0-9_-]{2,256})=(.*)$/;

interface FlagRule {
  flag: string;
  applies: (type: ScaffoldType) => boolean;
  /** What the applications it applies to are, for the message. */
  kind: string;
  example: string;
}

const RULES: { key: 'endpoints' | 'schedules'; rule: FlagRule }[] = [
  {
    key: 'endpoints',
    rule: {
      flag: '--endpoint',
      applies: hasEndpoint,
      kind: 'service, event or job application',
      example: '/PATH',
    },
  },
  {
    key: 'schedules',
    rule: {
      flag: '--schedule',
      applies: (type) => type === 'job',
      kind: 'job application',
      example: '"CRON"',
    },
  },
];

function usage(code: string, message: string, hint: string): ConnectError {
  return new ConnectError(code, message, { hint, exitCode: ExitCode.Usage });
}

export function checkValueFlags(
  flags: { endpoints?: string[] | undefined; schedules?: string[] | undefined },
  applications: readonly { type: ScaffoldType; name: string }[],
): void {
  for (const { key, rule } of RULES) {
    const values = flags[key] ?? [];
    const general = values.filter((value) => !NAMED.test(value));
    const targets = applications.filter((app) => rule.applies(app.type));
    if (general.length > 1) {
      throw usage(
        'FLAG_REPEATED',
        `${rule.flag} is given ${general.length} times (${general.join(', ')}), and applies to every ${rule.kind}: only one of them can be used.`,
        `give ${rule.flag} once, or once per application as ${rule.flag} NAME=${rule.example.replaceAll('"', '')}`,
      );
    }
    if (general.length === 1 && targets.length === 0) {
      throw usage(
        'FLAG_APPLIES_TO_NOTHING',
        `${rule.flag} ${general[0]} applies to no application: there is no ${rule.kind}.`,
        `remove ${rule.flag} (it applies to each ${rule.kind} only)`,
      );
    }
    const seen = new Set<string>();
    for (const value of values) {
      const name = NAMED.exec(value)?.[1];
      if (name === undefined) continue;
      if (seen.has(name)) {
        throw usage(
          'FLAG_REPEATED',
          `${rule.flag} is given twice for ${name}.`,
          `give ${rule.flag} ${name}=... once`,
        );
      }
      seen.add(name);
      const app = applications.find((candidate) => candidate.name === name);
      if (app === undefined || !rule.applies(app.type)) {
        const names = targets.map((target) => target.name);
        throw usage(
          'FLAG_APPLIES_TO_NOTHING',
          app === undefined
            ? `${rule.flag} ${value} names no application: there is no application "${name}".`
            : `${rule.flag} ${value} applies to nothing: ${name} is a ${app.type} application, not a ${rule.kind}.`,
          names.length > 0
            ? `use one of: ${names.map((target) => `${rule.flag} ${target}=...`).join(', ')}`
            : `remove ${rule.flag} ${value}`,
        );
      }
    }
  }
}
