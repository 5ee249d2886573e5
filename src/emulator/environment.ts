/**
 * The environment of an application and of its scripts, as the runtime builds it
 * (../shared/reference/runtime.md): configuration values, PORT and the Cloud Run variables,
 * the CONNECT_* variables, the API client variables when connect.yaml asks for one, and the
 * preload that maps listen(8080) to PORT. Nothing else from the emulator's environment leaks
 * in, except what a process needs to run at all (PATH, HOME, locale, proxies, CA, npm config).
 */

import type { ConfigEntry, ResolvedConfiguration } from '../config/values.js';
import { MERCHANT_CENTER_TYPES, type Application, type ConnectSpec } from '../spec/types.js';
import { distFile } from '../package-root.js';
import { frontendRuntime, MC_SCRIPTS_PORT } from './frontend.js';
import { scriptPath } from './supervisor/process.js';

const PASS_THROUGH = new Set([
  'PATH',
  'HOME',
  'USER',
  'LOGNAME',
  'SHELL',
  'LANG',
  'LANGUAGE',
  'TERM',
  'TZ',
  'TMPDIR',
  'TMP',
  'TEMP',
  'NODE_EXTRA_CA_CERTS',
  // Java applications: the JDK and Maven the user chose, and their options.
  'JAVA_HOME',
  'JAVA_TOOL_OPTIONS',
  'JDK_JAVA_OPTIONS',
  'MAVEN_OPTS',
  'MAVEN_ARGS',
  'MAVEN_CONFIG',
  'M2_HOME',
  'MAVEN_HOME',
  'HTTP_PROXY',
  'HTTPS_PROXY',
  'NO_PROXY',
  'http_proxy',
  'https_proxy',
  'no_proxy',
  'FORCE_COLOR',
  'NO_COLOR',
  'CI',
]);

/** The variables of the emulator's own environment that every child process keeps. */
export function baseEnvironment(env: NodeJS.ProcessEnv): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(env)) {
    if (value === undefined) continue;
    if (
      PASS_THROUGH.has(key) ||
      key.startsWith('LC_') ||
      key.startsWith('XDG_') ||
      /^npm_config_/i.test(key)
    ) {
      out[key] = value;
    }
  }
  return out;
}

export const API_CLIENT_VARIABLES = [
  'CTP_PROJECT_KEY',
  'CTP_CLIENT_ID',
  'CTP_CLIENT_SECRET',
  'CTP_SCOPE',
  'CTP_CLIENT_SCOPE',
  'CTP_REGION',
  'CTP_CLIENT_REGION',
  'CTP_API_URL',
  'CTP_AUTH_URL',
] as const;

/** Placeholders used when no plugin (the emulated platform of issue 5) provides an API client. */
export function defaultApiClient(spec: ConnectSpec): Record<string, string> {
  const projectKey = 'connect-dev';
  const scope = (spec.inheritAs?.apiClient?.scopes ?? []).map((s) => `${s}:${projectKey}`).join(' ');
  const region = 'europe-west1.gcp';
  return {
    CTP_PROJECT_KEY: projectKey,
    CTP_CLIENT_ID: 'connect-dev-client-id-00',
    CTP_CLIENT_SECRET: 'connect-dev-client-secret-000000',
    CTP_SCOPE: scope,
    CTP_CLIENT_SCOPE: scope,
    CTP_REGION: region,
    CTP_CLIENT_REGION: region,
    CTP_API_URL: `https://api.${region}.commercetools.com`,
    CTP_AUTH_URL: `https://auth.${region}.commercetools.com`,
  };
}

export interface RuntimeFacts {
  app: Application;
  port: number | null;
  url: string | null;
  revision: number;
  adminUrl: string;
}

/** PORT, K_*, CONNECT_* for one app (our choice for the event topic names: connect-dev-<app>). */
export function runtimeVariables(facts: RuntimeFacts): Record<string, string> {
  const { app } = facts;
  const out: Record<string, string> = {
    K_SERVICE: app.name,
    K_REVISION: `${app.name}-${String(facts.revision).padStart(5, '0')}-dev`,
    K_CONFIGURATION: app.name,
    CONNECT_DEV_ADMIN_URL: facts.adminUrl,
  };
  if (facts.port !== null) out.PORT = String(facts.port);
  if (app.applicationType === 'service' && facts.url) out.CONNECT_SERVICE_URL = facts.url;
  if (app.applicationType === 'event') {
    out.CONNECT_PROVIDER = 'GCP';
    out.CONNECT_SUBSCRIPTION_DESTINATION = 'GoogleCloudPubSub';
    out.CONNECT_GCP_TOPIC_NAME = `connect-dev-${app.name}`;
    out.CONNECT_GCP_PROJECT_ID = 'connect-dev';
  }
  if (MERCHANT_CENTER_TYPES.includes(app.applicationType)) {
    if (facts.url) out.APPLICATION_URL = facts.url;
    Object.assign(out, frontendRuntime(facts.port));
  }
  return out;
}

export interface EnvironmentParts {
  base: Record<string, string>;
  spec: ConnectSpec;
  configuration: ResolvedConfiguration | undefined;
  runtime: Record<string, string>;
  /** From plugins; overrides runtime defaults and the API client placeholders. */
  plugin: Record<string, string>;
  dir: string;
  root: string;
  /** Add the listen(8080) preload (apps, not builds). */
  preload: boolean;
}

/** Layers, lowest first: base, API client, runtime defaults, plugins, configuration, PORT/K_*. */
export function buildEnvironment(parts: EnvironmentParts): Record<string, string> {
  const env: Record<string, string> = { ...parts.base };
  if (parts.spec.inheritAs?.apiClient) Object.assign(env, defaultApiClient(parts.spec));
  Object.assign(env, parts.runtime, parts.plugin);
  for (const entry of parts.configuration?.values ?? [])
    if (entry.value !== null) env[entry.key] = entry.value;
  for (const key of ['PORT', 'HTTP_PORT', 'K_SERVICE', 'K_REVISION', 'K_CONFIGURATION']) {
    const value = parts.runtime[key];
    if (value !== undefined) env[key] = value;
  }
  env.PATH = scriptPath(parts.dir, parts.root, parts.base.PATH);
  if (parts.preload) {
    env.NODE_OPTIONS = [parts.base.NODE_OPTIONS, requireOption(distFile('preload/app.cjs'))]
      .filter(Boolean)
      .join(' ');
    // 8080: what the platform's templates hard-code; 3001: mc-scripts' default (front ends).
    env.CONNECT_DEV_MAP_PORTS = parts.runtime.HTTP_PORT === undefined ? '8080' : `8080,${MC_SCRIPTS_PORT}`;
  }
  return env;
}

/** Entries for the runtime variables (source `runtime`), for the admin API's config view. */
export function runtimeEntries(
  env: Record<string, string>,
  keys: Iterable<string>,
  secret: (key: string) => boolean,
): ConfigEntry[] {
  const out: ConfigEntry[] = [];
  for (const key of keys) {
    const value = env[key];
    if (value === undefined) continue;
    out.push({ key, value, source: 'runtime', secured: secret(key), required: false, global: false });
  }
  return out;
}

/** `--require=<file>` for NODE_OPTIONS, quoted (NODE_OPTIONS splits on spaces, and honours quotes). */
export function requireOption(file: string): string {
  return `--require=${JSON.stringify(file)}`;
}
