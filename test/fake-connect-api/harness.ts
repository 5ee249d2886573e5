/**
 * Test set-up around the fake Connect API: a started fake with one API client, a temporary
 * config folder, and the environment for the CLI (CI style: CTP_* only, or profile only).
 */
import { runCli, tempDir, type CliResult } from '../helpers/cli.js';
import { FakeConnectApi, sampleRepository, type FakeClient, type FakeOptions } from './server.js';

export const PROJECT = 'test-project';
/** Each test runs the CLI several times; on a busy 2-core CI machine one run can take seconds. */
export const E2E_TIMEOUT = 240_000;
export const REPO_URL = 'https://git.example.test/acme/connector.git';

export interface Harness {
  fake: FakeConnectApi;
  client: FakeClient;
  /** A temporary folder (config dir lives in it). */
  dir: string;
  /** CI environment: every CTP_* variable, a private config folder, no profile. */
  ciEnv: Record<string, string>;
  /** Only the fake's hosts and a private config folder: credentials must come from a profile. */
  profileEnv: Record<string, string>;
  run(args: string[], env?: Record<string, string>, options?: { cwd?: string }): Promise<CliResult>;
  close(): Promise<void>;
}

/** Blank values for every variable a developer's shell might set, so tests see only theirs. */
const BLANK: Record<string, string> = {
  CTP_CLIENT_ID: '',
  CTP_CLIENT_SECRET: '',
  CTP_PROJECT_KEY: '',
  CTP_REGION: '',
  CTP_SCOPE: '',
  CTP_AUTH_URL: '',
  CTP_API_URL: '',
  CTP_CONNECT_API_URL: '',
  CTP_CLI_CONNECT_API_URL: '',
  CONNECT_PROFILE: '',
};

export async function startHarness(options: FakeOptions = {}): Promise<Harness> {
  const fake = await new FakeConnectApi(options).start();
  const client: FakeClient = {
    id: 'ci-client',
    secret: 'ci-secret-4f9a7c2e',
    scopes: [`manage_connectors:${PROJECT}`, `manage_connectors_deployments:${PROJECT}`],
  };
  fake.addClient(client);
  fake.addRepository(sampleRepository(REPO_URL));
  const temp = await tempDir('connect-api-test-');
  const base = {
    ...BLANK,
    CONNECT_CONFIG_DIR: `${temp.path}/config`,
    XDG_CACHE_HOME: `${temp.path}/cache`,
  };
  const ciEnv = { ...base, ...fake.env(client, PROJECT) };
  const profileEnv = { ...base, CTP_AUTH_URL: fake.url, CTP_CONNECT_API_URL: fake.url };
  return {
    fake,
    client,
    dir: temp.path,
    ciEnv,
    profileEnv,
    run: (args, env = ciEnv, runOptions = {}) => runCli(args, { env, cwd: runOptions.cwd ?? temp.path }),
    close: async () => {
      await fake.stop();
      await temp.cleanup();
    },
  };
}

/** The one JSON document a --json run printed. */
export function json<T = Record<string, unknown>>(result: CliResult): T {
  try {
    return JSON.parse(result.stdout) as T;
  } catch {
    throw new Error(
      `stdout is not JSON (exit ${result.exitCode}):\n${result.stdout}\n--- stderr\n${result.stderr}`,
    );
  }
}
