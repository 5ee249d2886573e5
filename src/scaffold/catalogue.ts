/**
 * The template catalogue: which application types `connect init`/`connect add` can create,
 * in which languages, where each template lives in the package, and the connect.yaml entry
 * each one needs. Templates ship inside the package (templates/), pinned to the CLI's version.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';

import { ConnectError, ExitCode } from '../errors.js';
import { packageRoot } from '../package-root.js';

export const SCAFFOLD_TYPES = [
  'service',
  'event',
  'job',
  'assets',
  'merchant-center-custom-application',
  'merchant-center-custom-view',
] as const;
export type ScaffoldType = (typeof SCAFFOLD_TYPES)[number];

export const LANGUAGES = ['ts', 'js', 'java'] as const;
export type Language = (typeof LANGUAGES)[number];

export const LANGUAGE_LABELS: Record<Language, string> = {
  ts: 'TypeScript',
  js: 'JavaScript',
  java: 'Java',
};

export const TYPE_DESCRIPTIONS: Record<ScaffoldType, string> = {
  service: 'HTTP service called as an API Extension',
  event: 'event handler fed by a Subscription',
  job: 'scheduled job',
  assets: 'static files served from a CDN',
  'merchant-center-custom-application': 'Merchant Center custom application',
  'merchant-center-custom-view': 'Merchant Center custom view',
};

export const DEFAULT_SCHEDULE = '0 * * * *';

export function isScaffoldType(value: string): value is ScaffoldType {
  return (SCAFFOLD_TYPES as readonly string[]).includes(value);
}

export function isLanguage(value: string): value is Language {
  return (LANGUAGES as readonly string[]).includes(value);
}

export function hasEndpoint(type: ScaffoldType): boolean {
  return type === 'service' || type === 'event' || type === 'job';
}

export function defaultEndpoint(type: ScaffoldType): string {
  return `/${type}`;
}

/**
 * The template folders of a type in a language, copied in order (a later one wins for the same
 * file): service, event and job apps share `<language>/_backend` (API client, test fake, tsconfig),
 * then their own folder. Assets are the same in both languages (`any/`).
 */
export function templateLayers(type: ScaffoldType, language: Language, root: string = packageRoot): string[] {
  if (language === 'java' && !hasEndpoint(type) && type !== 'assets') {
    throw new ConnectError(
      'LANGUAGE_NOT_AVAILABLE',
      `A ${type} is a front end: there is no Java template for it.`,
      {
        hint: `create it with --language ts (or js); a repository may mix languages`,
        exitCode: ExitCode.Usage,
      },
    );
  }
  const specific = join(root, 'templates', language, type);
  const backend = join(root, 'templates', language, '_backend');
  if (existsSync(specific))
    return hasEndpoint(type) && existsSync(backend) ? [backend, specific] : [specific];
  const shared = join(root, 'templates', 'any', type);
  if (existsSync(shared)) return [shared];
  throw new ConnectError(
    'TEMPLATE_MISSING',
    `The ${type} template for ${LANGUAGE_LABELS[language]} is missing.`,
    {
      hint: `reinstall connect-cli; looked in ${specific} and ${shared}`,
    },
  );
}

export function unknownType(value: string): ConnectError {
  return new ConnectError(
    'UNKNOWN_APPLICATION_TYPE',
    `"${value}" is not an application type connect can create.`,
    {
      hint: `use one of: ${SCAFFOLD_TYPES.join(', ')}`,
      exitCode: ExitCode.Usage,
    },
  );
}
