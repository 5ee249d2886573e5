/**
 * Credentials of the Connect API: named profiles stored by `connect login` in
 * <userConfigDir>/credentials.json (mode 0600, folder 0700), and their resolution for every
 * remote command with the precedence flags > environment (CTP_*) > profile.
 */
import { chmod, mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

import { ConnectError, ExitCode } from '../errors.js';
import { userConfigDir } from './paths.js';

export const DEFAULT_PROFILE = 'default';
const FILE_NAME = 'credentials.json';
const REGION_PATTERN = /^[a-z0-9-]+\.(gcp|aws)$/;

export interface Profile {
  clientId: string;
  clientSecret: string;
  projectKey: string;
  region: string;
  scope?: string;
  /** Stored only when login ran against a non-default OAuth host (CTP_AUTH_URL). */
  authUrl?: string;
  /** Stored only when login ran against a non-default Connect API host. */
  apiUrl?: string;
}

interface CredentialsFile {
  version: 1;
  profiles: Record<string, Profile>;
}

export type CredentialSource = 'flag' | 'env' | 'profile' | 'default';

export interface CredentialInputs {
  profile?: string | undefined;
  clientId?: string | undefined;
  clientSecret?: string | undefined;
  projectKey?: string | undefined;
  region?: string | undefined;
  scope?: string | undefined;
}

export interface ResolvedCredentials {
  clientId: string;
  clientSecret: string;
  projectKey: string;
  region: string;
  scope: string | undefined;
  authUrl: string;
  apiUrl: string;
  /** The profile name consulted (whether or not it existed). */
  profile: string;
  profileFound: boolean;
  sources: Record<
    'clientId' | 'clientSecret' | 'projectKey' | 'region' | 'scope' | 'authUrl' | 'apiUrl',
    CredentialSource | undefined
  >;
}

export function credentialsFile(env: NodeJS.ProcessEnv = process.env): string {
  return join(userConfigDir(env), FILE_NAME);
}

export async function readProfiles(env: NodeJS.ProcessEnv = process.env): Promise<Record<string, Profile>> {
  const file = credentialsFile(env);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return {};
    throw new ConnectError('CREDENTIALS_UNREADABLE', `Cannot read ${file}: ${(error as Error).message}`, {
      hint: `check the file's permissions, or remove it and run \`connect login\` again`,
    });
  }
  try {
    const parsed = JSON.parse(text) as Partial<CredentialsFile>;
    return parsed.profiles && typeof parsed.profiles === 'object' ? parsed.profiles : {};
  } catch {
    throw new ConnectError('CREDENTIALS_UNREADABLE', `${file} is not valid JSON.`, {
      hint: `remove ${file} and run \`connect login\` again`,
    });
  }
}

async function writeProfiles(profiles: Record<string, Profile>, env: NodeJS.ProcessEnv): Promise<string> {
  const dir = userConfigDir(env);
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const file = credentialsFile(env);
  const temporary = `${file}.${process.pid}.tmp`;
  const content: CredentialsFile = { version: 1, profiles };
  // Created 0600 from the start, so the secret is never readable by others, not even briefly.
  await writeFile(temporary, `${JSON.stringify(content, null, 2)}\n`, { mode: 0o600 });
  await chmod(temporary, 0o600);
  await rename(temporary, file);
  return file;
}

export async function saveProfile(
  name: string,
  profile: Profile,
  env: NodeJS.ProcessEnv = process.env,
): Promise<string> {
  const profiles = await readProfiles(env);
  profiles[name] = profile;
  return writeProfiles(profiles, env);
}

/** Removes a profile; false when it did not exist. The file goes when no profile is left. */
export async function removeProfile(name: string, env: NodeJS.ProcessEnv = process.env): Promise<boolean> {
  const profiles = await readProfiles(env);
  if (!(name in profiles)) return false;
  delete profiles[name];
  if (Object.keys(profiles).length === 0) await rm(credentialsFile(env), { force: true });
  else await writeProfiles(profiles, env);
  return true;
}

export function profileName(flag: string | undefined, env: NodeJS.ProcessEnv = process.env): string {
  return flag ?? (env.CONNECT_PROFILE || DEFAULT_PROFILE);
}

export function defaultAuthUrl(region: string): string {
  return `https://auth.${region}.commercetools.com`;
}

export function defaultApiUrl(region: string): string {
  return `https://connect.${region}.commercetools.com`;
}

function envValue(env: NodeJS.ProcessEnv, ...names: string[]): string | undefined {
  for (const name of names) {
    const value = env[name];
    if (value !== undefined && value.trim() !== '') return value.trim();
  }
  return undefined;
}

function pick<T>(
  candidates: Array<[CredentialSource, T | undefined]>,
): [T | undefined, CredentialSource | undefined] {
  for (const [source, value] of candidates) if (value !== undefined && value !== '') return [value, source];
  return [undefined, undefined];
}

/** The region named by a commercetools host such as auth.europe-west1.gcp.commercetools.com. */
function regionFromUrl(url: string | undefined): string | undefined {
  if (!url) return undefined;
  const match = /^(?:https?:\/\/)?[a-z]+\.([a-z0-9-]+\.(?:gcp|aws))\.commercetools\.com/.exec(url);
  return match?.[1];
}

function checkUrl(url: string, where: string): void {
  let parsed: URL | undefined;
  try {
    parsed = new URL(url);
  } catch {
    parsed = undefined;
  }
  if (!parsed || (parsed.protocol !== 'https:' && parsed.protocol !== 'http:')) {
    throw new ConnectError('INVALID_URL', `${where} is not an http(s) URL: ${JSON.stringify(url)}.`, {
      hint: "write it as https://host, or unset it to use the region's host",
      exitCode: ExitCode.Usage,
    });
  }
}

export function checkRegion(region: string, regions: readonly string[]): void {
  if (!REGION_PATTERN.test(region) || !regions.includes(region)) {
    throw new ConnectError('INVALID_REGION', `Unknown region "${region}".`, {
      hint: `use one of: ${regions.join(', ')}`,
      exitCode: ExitCode.Usage,
    });
  }
}

/**
 * Credentials for a remote command. Each field comes from the first of: flag, environment,
 * profile; the hosts from CTP_AUTH_URL / CTP_CONNECT_API_URL (or CTP_CLI_CONNECT_API_URL),
 * the profile, or the region's defaults.
 */
export async function resolveCredentials(
  inputs: CredentialInputs,
  env: NodeJS.ProcessEnv = process.env,
  regions: readonly string[],
): Promise<ResolvedCredentials> {
  const name = profileName(inputs.profile, env);
  const profiles = await readProfiles(env);
  const stored = profiles[name];
  if (inputs.profile !== undefined && !stored) {
    const known = Object.keys(profiles);
    throw new ConnectError('PROFILE_NOT_FOUND', `There is no profile "${name}".`, {
      hint: known.length
        ? `use one of: ${known.join(', ')}, or run \`connect login --profile ${name}\``
        : `run \`connect login --profile ${name}\``,
      exitCode: ExitCode.Usage,
    });
  }
  const [clientId, clientIdSource] = pick([
    ['flag', inputs.clientId],
    ['env', envValue(env, 'CTP_CLIENT_ID')],
    ['profile', stored?.clientId],
  ]);
  const [clientSecret, clientSecretSource] = pick([
    ['flag', inputs.clientSecret],
    ['env', envValue(env, 'CTP_CLIENT_SECRET')],
    ['profile', stored?.clientSecret],
  ]);
  const [projectKey, projectKeySource] = pick([
    ['flag', inputs.projectKey],
    ['env', envValue(env, 'CTP_PROJECT_KEY')],
    ['profile', stored?.projectKey],
  ]);
  const [scope, scopeSource] = pick([
    ['flag', inputs.scope],
    ['env', envValue(env, 'CTP_SCOPE')],
    ['profile', stored?.scope],
  ]);
  const envAuth = envValue(env, 'CTP_AUTH_URL');
  const envApi = envValue(env, 'CTP_CONNECT_API_URL', 'CTP_CLI_CONNECT_API_URL');
  let [region, regionSource] = pick([
    ['flag', inputs.region],
    ['env', envValue(env, 'CTP_REGION')],
    ['profile', stored?.region],
  ]);
  if (region === undefined) {
    region = regionFromUrl(envAuth) ?? regionFromUrl(envValue(env, 'CTP_API_URL'));
    if (region !== undefined) regionSource = 'env';
  }

  const missing = [
    clientId === undefined ? 'client id (CTP_CLIENT_ID)' : undefined,
    clientSecret === undefined ? 'client secret (CTP_CLIENT_SECRET)' : undefined,
    projectKey === undefined ? 'project key (CTP_PROJECT_KEY)' : undefined,
    region === undefined ? 'region (CTP_REGION)' : undefined,
  ].filter((entry): entry is string => entry !== undefined);
  if (missing.length > 0) {
    throw new ConnectError(
      'NOT_LOGGED_IN',
      stored || clientId || clientSecret
        ? `Credentials are incomplete: missing ${missing.join(', ')}.`
        : `Not logged in (no profile "${name}" and no CTP_* environment variables).`,
      {
        hint: 'run `connect login`, or set CTP_CLIENT_ID, CTP_CLIENT_SECRET, CTP_PROJECT_KEY and CTP_REGION',
        exitCode: ExitCode.Usage,
      },
    );
  }
  checkRegion(region as string, regions);
  const [authUrl, authUrlSource] = pick<string>([
    ['env', envAuth],
    ['profile', stored?.authUrl],
    ['default', defaultAuthUrl(region as string)],
  ]);
  const [apiUrl, apiUrlSource] = pick<string>([
    ['env', envApi],
    ['profile', stored?.apiUrl],
    ['default', defaultApiUrl(region as string)],
  ]);
  checkUrl(authUrl as string, authUrlSource === 'env' ? 'CTP_AUTH_URL' : `the profile "${name}" (authUrl)`);
  checkUrl(
    apiUrl as string,
    apiUrlSource === 'env' ? 'CTP_CONNECT_API_URL' : `the profile "${name}" (apiUrl)`,
  );
  return {
    clientId: clientId as string,
    clientSecret: clientSecret as string,
    projectKey: projectKey as string,
    region: region as string,
    scope,
    authUrl: (authUrl as string).replace(/\/+$/, ''),
    apiUrl: (apiUrl as string).replace(/\/+$/, ''),
    profile: name,
    profileFound: stored !== undefined,
    sources: {
      clientId: clientIdSource,
      clientSecret: clientSecretSource,
      projectKey: projectKeySource,
      region: regionSource,
      scope: scopeSource,
      authUrl: authUrlSource,
      apiUrl: apiUrlSource,
    },
  };
}
