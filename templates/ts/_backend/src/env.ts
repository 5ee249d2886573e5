/**
 * Reading configuration from the environment. Connect hands every key of connect.yaml's
 * `standardConfiguration` and `securedConfiguration` to the application as an environment
 * variable; locally, copy .env.example to .env. Every problem is collected, one line per
 * variable, so a misconfigured deployment says exactly what to fix.
 */

export type Env = Record<string, string | undefined>;

export class ConfigurationError extends Error {
  readonly problems: string[];

  constructor(problems: string[]) {
    super(`Invalid configuration:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
    this.name = 'ConfigurationError';
    this.problems = problems;
  }
}

export interface CommercetoolsConfig {
  projectKey: string;
  clientId: string;
  clientSecret: string;
  /** Empty: the token gets every scope of the API client. */
  scopes: string[];
  apiUrl: string;
  authUrl: string;
}

export function readCommercetools(env: Env, problems: string[]): CommercetoolsConfig {
  const projectKey = readString(env, 'CTP_PROJECT_KEY', problems);
  const clientId = readString(env, 'CTP_CLIENT_ID', problems);
  const clientSecret = readString(env, 'CTP_CLIENT_SECRET', problems);
  const scopes = (value(env, 'CTP_SCOPE') ?? '').split(/\s+/).filter(Boolean);
  const region = value(env, 'CTP_REGION');
  // CTP_API_URL / CTP_AUTH_URL win over the region: they point the app at any platform,
  // including a local emulator.
  let apiUrl = value(env, 'CTP_API_URL') === undefined ? undefined : readUrl(env, 'CTP_API_URL', problems);
  let authUrl = value(env, 'CTP_AUTH_URL') === undefined ? undefined : readUrl(env, 'CTP_AUTH_URL', problems);
  if (apiUrl === undefined || authUrl === undefined) {
    if (region === undefined) {
      problems.push(
        `CTP_REGION is not set (e.g. europe-west1.gcp); it is needed unless CTP_API_URL and CTP_AUTH_URL are both set`,
      );
    } else if (!/^[a-z0-9-]+\.(gcp|aws)$/.test(region)) {
      problems.push(`CTP_REGION "${region}" is not a region such as europe-west1.gcp or us-east-2.aws`);
    } else {
      apiUrl ??= `https://api.${region}.commercetools.com`;
      authUrl ??= `https://auth.${region}.commercetools.com`;
    }
  }
  return { projectKey, clientId, clientSecret, scopes, apiUrl: apiUrl ?? '', authUrl: authUrl ?? '' };
}

export function value(env: Env, name: string): string | undefined {
  const raw = env[name]?.trim();
  return raw === undefined || raw === '' ? undefined : raw;
}

export function readString(env: Env, name: string, problems: string[]): string {
  const raw = value(env, name);
  if (raw === undefined) problems.push(`${name} is not set`);
  return raw ?? '';
}

export function readUrl(env: Env, name: string, problems: string[]): string {
  const raw = value(env, name);
  if (raw === undefined) {
    problems.push(`${name} is not set`);
    return '';
  }
  try {
    const url = new URL(raw);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error('not http');
    return raw.replace(/\/+$/, '');
  } catch {
    problems.push(`${name} "${raw}" is not an http(s) URL`);
    return '';
  }
}

export function readInteger(
  env: Env,
  name: string,
  rules: { default: number; min: number; max?: number },
  problems: string[],
): number {
  const raw = value(env, name);
  if (raw === undefined) return rules.default;
  const number = Number(raw);
  const max = rules.max ?? Number.MAX_SAFE_INTEGER;
  if (!/^\d+$/.test(raw) || number < rules.min || number > max) {
    problems.push(`${name} "${raw}" is not a whole number between ${rules.min} and ${max}`);
    return rules.default;
  }
  return number;
}
