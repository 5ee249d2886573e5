/**
 * The local project of `connect dev`: its key, the emulator's own API client, and the API
 * clients the applications are configured with.
 *
 * On the platform an app talks to a project with the credentials it is configured with (a
 * values file, `--env`, a `.env`), so locally those credentials must work too: each becomes an
 * API client of the local project, with the scopes given. A configuration that points
 * `CTP_API_URL`/`CTP_AUTH_URL` at the real platform means "talk to the real platform": its
 * credentials are left alone (and the host-redirect preload does not redirect either).
 *
 * The project key comes from, highest first: `--project-key`, the values file's
 * `project.key`, the `CTP_PROJECT_KEY` the applications are configured with (when they agree),
 * else `connect-dev`. So a `.env` written for a real project works locally unedited.
 *
 * ```yaml
 * project:
 *   key: my-shop                       # 2-36 of [a-z0-9_-]
 *   clientId: ${env:CTP_CLIENT_ID}     # the emulator's own client (24 characters); default: fresh
 *   clientSecret: ${env:CTP_CLIENT_SECRET}   # 32 characters of [A-Za-z0-9_-]
 *   scopes: [manage_project]           # or a scope string "manage_project:my-shop ..."
 * ```
 */
import { expandEnvReferences, type ConfigSource, type ResolvedConfiguration } from '../../config/values.js';
import { ConnectError, ExitCode } from '../../errors.js';
import type { ConnectSpec } from '../../spec/types.js';
import {
  CLIENT_ID_LENGTH,
  CLIENT_SECRET_LENGTH,
  DEFAULT_PROJECT_KEY,
  newCredentials,
  scopeFor,
} from './environment.js';

/** Project keys on the platform: 2-36 of `[a-z0-9_-]`. */
export const PROJECT_KEY_PATTERN = /^[a-z0-9_-]{2,36}$/;
const CREDENTIAL_ALPHABET = /^[A-Za-z0-9_-]*$/;
/** The hosts of the real platform's API and auth (same rule as the host-redirect preload). */
const PLATFORM_HOST = /^(?:[a-z0-9-]+\.)*(?:commercetools\.com|commercetools\.co|sphere\.io)$/i;

/** Where a value was written by the user (as opposed to a connect.yaml default or the emulator). */
const USER_SOURCES: ReadonlySet<ConfigSource | null> = new Set<ConfigSource>([
  'flag',
  'values-file',
  'app-dotenv',
  'root-dotenv',
]);

export interface ApiClientCredentials {
  clientId: string;
  clientSecret: string;
  /** Space-separated scopes, e.g. `manage_project:my-shop`; tokens get these unless they ask for fewer. */
  scope: string;
}

export interface ConfiguredClient extends ApiClientCredentials {
  /** Who configured it, for messages: `service (.env of service)`. Never the secret. */
  origin: string;
}

export interface ProjectSection {
  key?: string;
  clientId?: string;
  clientSecret?: string;
  /** A scope string, or scope names that get `:<projectKey>`. */
  scope?: string | string[];
}

export interface LocalProject extends ApiClientCredentials {
  projectKey: string;
  /** Where the key came from, for the start-up line. */
  keySource: 'flag' | 'values-file' | 'configuration' | 'default';
  /** The emulator's own client was given by the user (then it is not shown in `status`). */
  userCredentials: boolean;
  /** API clients of the local project besides the emulator's own. */
  clients: ConfiguredClient[];
  /** Things to tell the user (no secrets). */
  warnings: string[];
}

function invalid(message: string, hint: string): ConnectError {
  return new ConnectError('INVALID_LOCAL_PROJECT', message, { hint, exitCode: ExitCode.Usage });
}

/** Throws unless `key` has the platform's shape of a project key. */
export function checkProjectKey(key: string, where: string): string {
  if (!PROJECT_KEY_PATTERN.test(key)) {
    throw invalid(
      `${where}: "${key}" is not a project key (2 to 36 characters of a-z, 0-9, - and _).`,
      'use the key of your project as shown in the Merchant Center, e.g. my-shop',
    );
  }
  return key;
}

function checkCredential(value: string, length: number, what: string, where: string): string {
  if (value.length !== length || !CREDENTIAL_ALPHABET.test(value)) {
    throw invalid(
      `${where}: the ${what} must be ${length} characters of A-Z, a-z, 0-9, - and _ (got ${value.length} characters).`,
      `copy the ${what} of an API client from the Merchant Center, or leave it out to get a fresh local one`,
    );
  }
  return value;
}

/** The values file's `project` section, checked. */
export function parseProjectSection(
  raw: unknown,
  file: string,
  env: NodeJS.ProcessEnv = process.env,
): ProjectSection {
  if (raw === undefined || raw === null) return {};
  if (typeof raw !== 'object' || Array.isArray(raw)) {
    throw invalid(
      `${file}: "project" must be a map (key, clientId, clientSecret, scopes).`,
      'write e.g. project: {key: my-shop}',
    );
  }
  const out: ProjectSection = {};
  const text = (name: string, value: unknown): string => {
    if (typeof value !== 'string' || value === '') {
      throw invalid(`${file}: project.${name} must be a non-empty string.`, `write project.${name}: "..."`);
    }
    return expandEnvReferences(value, env, `${file}: project.${name}`);
  };
  for (const [name, value] of Object.entries(raw as Record<string, unknown>)) {
    switch (name) {
      case 'key':
        out.key = checkProjectKey(text(name, value), `${file}: project.key`);
        break;
      case 'clientId':
        out.clientId = checkCredential(
          text(name, value),
          CLIENT_ID_LENGTH,
          'client id',
          `${file}: project.clientId`,
        );
        break;
      case 'clientSecret':
        out.clientSecret = checkCredential(
          text(name, value),
          CLIENT_SECRET_LENGTH,
          'client secret',
          `${file}: project.clientSecret`,
        );
        break;
      case 'scope':
      case 'scopes':
        if (Array.isArray(value) && value.every((v) => typeof v === 'string' && v !== '')) {
          out.scope = value as string[];
        } else {
          out.scope = text(name, value);
        }
        break;
      default:
        throw invalid(
          `${file}: unknown key "project.${name}". Known keys: key, clientId, clientSecret, scopes.`,
          `remove or rename "${name}"`,
        );
    }
  }
  if ((out.clientId === undefined) !== (out.clientSecret === undefined)) {
    throw invalid(
      `${file}: project.clientId and project.clientSecret go together.`,
      'set both, or neither for fresh local credentials',
    );
  }
  return out;
}

/** True when `url` names a host of the real platform (`api.<region>.commercetools.com`, …). */
export function isPlatformUrl(url: string | null | undefined): boolean {
  if (!url) return false;
  try {
    return PLATFORM_HOST.test(new URL(url).hostname);
  } catch {
    return false;
  }
}

const SOURCE_NAMES: Record<string, string> = {
  flag: '--env',
  'values-file': 'the values file',
  'app-dotenv': '.env of the app',
  'root-dotenv': '.env of the repository',
};

interface Configured {
  clients: ConfiguredClient[];
  /** CTP_PROJECT_KEY values the user set, with the apps that set each. */
  projectKeys: Map<string, string[]>;
  warnings: string[];
}

/** The API clients the applications' configuration names (values file, --env, .env). */
export function configuredClients(
  spec: ConnectSpec,
  configuration: (application: string) => ResolvedConfiguration | undefined,
): Configured {
  const clients: ConfiguredClient[] = [];
  const projectKeys = new Map<string, string[]>();
  const warnings: string[] = [];
  for (const app of spec.deployAs) {
    const entries = configuration(app.name)?.values ?? [];
    const user = (key: string) => {
      const entry = entries.find((e) => e.key === key);
      return entry && entry.value !== null && USER_SOURCES.has(entry.source) ? entry : undefined;
    };
    const apiUrl = user('CTP_API_URL');
    const authUrl = user('CTP_AUTH_URL');
    if (isPlatformUrl(apiUrl?.value) || isPlatformUrl(authUrl?.value)) continue;
    const projectKey = user('CTP_PROJECT_KEY')?.value;
    if (projectKey) projectKeys.set(projectKey, [...(projectKeys.get(projectKey) ?? []), app.name]);
    const id = user('CTP_CLIENT_ID');
    const secret = user('CTP_CLIENT_SECRET');
    if (id?.value && secret?.value) {
      const scope = user('CTP_SCOPE')?.value ?? entries.find((e) => e.key === 'CTP_SCOPE')?.value ?? '';
      clients.push({
        clientId: id.value,
        clientSecret: secret.value,
        scope,
        origin: `${app.name} (${SOURCE_NAMES[id.source ?? ''] ?? id.source})`,
      });
    } else if (id || secret) {
      const set = id ? 'CTP_CLIENT_ID' : 'CTP_CLIENT_SECRET';
      const other = id ? 'CTP_CLIENT_SECRET' : 'CTP_CLIENT_ID';
      warnings.push(
        `${app.name}: ${set} is configured but ${other} is not; the local API will answer invalid_client. Set both (or neither, for the local project's own client).`,
      );
    }
  }
  return { clients, projectKeys, warnings };
}

export interface LocalProjectOptions {
  /** `connect dev --project-key`. */
  flagKey?: string | undefined;
  section: ProjectSection;
  configured: Configured;
  /** connect.yaml `inheritAs.apiClient.scopes`. */
  apiClientScopes?: readonly string[] | undefined;
}

function scopeString(projectKey: string, scope: string | string[] | undefined, fallback?: readonly string[]) {
  if (scope === undefined) return scopeFor(projectKey, fallback);
  const names = Array.isArray(scope) ? scope : scope.split(/\s+/).filter(Boolean);
  return names.map((name) => (name.includes(':') ? name : `${name}:${projectKey}`)).join(' ');
}

/** Decides the local project: key, the emulator's own client, and the other clients. */
export function decideLocalProject(options: LocalProjectOptions): LocalProject {
  const { section, configured } = options;
  const warnings = [...configured.warnings];
  let projectKey = DEFAULT_PROJECT_KEY;
  let keySource: LocalProject['keySource'] = 'default';
  if (options.flagKey !== undefined) {
    projectKey = checkProjectKey(options.flagKey, '--project-key');
    keySource = 'flag';
  } else if (section.key !== undefined) {
    projectKey = section.key;
    keySource = 'values-file';
  } else if (configured.projectKeys.size > 0) {
    const [first] = [...configured.projectKeys.keys()];
    const candidate = first as string;
    if (!PROJECT_KEY_PATTERN.test(candidate)) {
      warnings.push(
        `CTP_PROJECT_KEY "${candidate}" is not a project key of the platform's shape (2-36 of a-z, 0-9, - and _); the local project is "${DEFAULT_PROJECT_KEY}".`,
      );
    } else {
      projectKey = candidate;
      keySource = 'configuration';
    }
  }
  for (const [key, apps] of configured.projectKeys) {
    if (key === projectKey) continue;
    warnings.push(
      `${apps.join(', ')} ${apps.length === 1 ? 'is' : 'are'} configured with CTP_PROJECT_KEY=${key}, but the local project is "${projectKey}": ${apps.length === 1 ? 'its' : 'their'} requests reach an empty project without your extensions and subscriptions. Use one key, or set it with --project-key or project.key in the values file.`,
    );
  }
  const fresh = newCredentials();
  const userCredentials = section.clientId !== undefined;
  const clients = configured.clients.map((client) => ({
    ...client,
    scope: client.scope || scopeFor(projectKey, ['manage_project']),
  }));
  return {
    projectKey,
    keySource,
    clientId: section.clientId ?? fresh.clientId,
    clientSecret: section.clientSecret ?? fresh.clientSecret,
    scope: scopeString(projectKey, section.scope, options.apiClientScopes),
    userCredentials,
    clients,
    warnings,
  };
}
