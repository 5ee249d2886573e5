/**
 * The testing library inside `connect dev --exec CMD`: the emulator already runs (in the
 * `connect dev` process), so startEmulator() attaches to it instead of starting a second one.
 * Same helpers as TestEmulator, through the admin API (CONNECT_DEV_ADMIN_URL) and the local
 * commercetools API (the CTP_* values); stop() leaves the emulator to the command that owns it.
 */
import { ConnectError } from '../errors.js';
import type { Delivery } from '../emulator/events/delivery.js';
import type { ExtensionAction, ExtensionCall } from '../emulator/extensions/runner.js';
import type { PlatformInfo } from '../emulator/platform/environment.js';
import type { Resource } from '../emulator/platform/mock-internals.js';
import type { AppInfo, JobRun } from '../emulator/types.js';
import {
  describeCall,
  describeDelivery,
  findApp,
  testEnvironment,
  urlOf,
  sawText,
  type ApiResponse,
  type ConnectEmulator,
  type Credentials,
  type WaitOptions,
} from './emulator.js';

interface Status {
  emulator: { root: string; adminUrl: string };
  applications: AppInfo[];
  platform?: PlatformInfo | null;
}

export class AttachedEmulator implements ConnectEmulator {
  /** True: this handle uses an emulator another process started (`connect dev --exec`). */
  readonly attached = true;
  private token: string | undefined;

  private constructor(
    readonly adminUrl: string,
    private status: Status,
    private readonly credentialsFromEnv: Credentials | undefined,
  ) {}

  /** The running emulator of CONNECT_DEV_ADMIN_URL when it runs the repository at `root`. */
  static async attach(adminUrl: string, root: string | undefined): Promise<AttachedEmulator | undefined> {
    const status = await getJson<Status>(`${adminUrl}/__connect/api/status`, adminToken()).catch(
      () => undefined,
    );
    if (!status) return undefined;
    if (root !== undefined) {
      const { realpath } = await import('node:fs/promises');
      if ((await realpath(status.emulator.root).catch(() => status.emulator.root)) !== root) return undefined;
    }
    const env = process.env;
    const credentials =
      env.CTP_API_URL && env.CTP_AUTH_URL && env.CTP_PROJECT_KEY && env.CTP_CLIENT_ID && env.CTP_CLIENT_SECRET
        ? {
            apiUrl: env.CTP_API_URL,
            authUrl: env.CTP_AUTH_URL,
            projectKey: env.CTP_PROJECT_KEY,
            clientId: env.CTP_CLIENT_ID,
            clientSecret: env.CTP_CLIENT_SECRET,
            scope: env.CTP_SCOPE ?? '',
            region: env.CTP_REGION ?? 'europe-west1.gcp',
          }
        : undefined;
    return new AttachedEmulator(adminUrl, status, credentials);
  }

  get root(): string {
    return this.status.emulator.root;
  }

  get apps(): Record<string, AppInfo> {
    return Object.fromEntries(this.status.applications.map((app) => [app.name, app]));
  }

  app(name: string): AppInfo {
    return findApp(this.status.applications, name);
  }

  url(name: string): string {
    return urlOf(this.app(name));
  }

  get credentials(): Credentials | undefined {
    return this.credentialsFromEnv;
  }

  get env(): Record<string, string> {
    return testEnvironment(this.adminUrl, adminToken(), this.credentials, this.status.applications);
  }

  async callExtension(
    app: string,
    input: { resource: string; action?: ExtensionAction; obj?: Resource; oldObj?: Resource },
  ): Promise<ExtensionCall> {
    return this.admin<ExtensionCall>('POST', `/extensions/${encodeURIComponent(app)}/trigger`, {
      ...input,
      action: input.action ?? 'Create',
    });
  }

  publish(
    app: string,
    input: { type: string; payload?: unknown; format?: 'Platform' | 'CloudEvents' },
  ): Promise<Delivery> {
    return this.admin<Delivery>('POST', `/events/${encodeURIComponent(app)}/publish`, input);
  }

  runJob(app: string): Promise<JobRun> {
    return this.admin<JobRun>('POST', `/jobs/${encodeURIComponent(app)}/run`);
  }

  async create<T = Resource>(typeId: string, draft: unknown): Promise<T> {
    const { createRefused, resourcePath } = await import('../emulator/platform/resource-types.js');
    const result = await this.request('POST', `/${resourcePath(typeId) ?? typeId}`, draft);
    if (result.statusCode >= 300) throw createRefused(typeId, result);
    return result.body as T;
  }

  /** A request to the local API with the project's credentials (path after the project key). */
  async request(method: 'GET' | 'POST' | 'DELETE', path: string, body?: unknown): Promise<ApiResponse> {
    const credentials = this.credentials;
    if (!credentials) {
      throw new ConnectError('NO_PLATFORM', 'The local commercetools API is not running.', {
        hint: 'run `connect dev --exec` without --no-platform',
      });
    }
    this.token ??= await this.fetchToken(credentials);
    const response = await fetch(
      `${credentials.apiUrl}/${credentials.projectKey}${path.startsWith('/') ? path : `/${path}`}`,
      {
        method,
        headers: { authorization: `Bearer ${this.token}`, 'content-type': 'application/json' },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      },
    );
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = JSON.parse(text);
    } catch {
      // keep the text
    }
    return { statusCode: response.status, body: parsed };
  }

  async extensionCalls(): Promise<ExtensionCall[]> {
    return (await this.admin<{ calls: ExtensionCall[] }>('GET', '/extensions/calls')).calls;
  }

  async deliveries(): Promise<Delivery[]> {
    return (await this.admin<{ messages: Delivery[] }>('GET', '/events/messages')).messages;
  }

  async deadLetters(): Promise<Delivery[]> {
    return (await this.admin<{ messages: Delivery[] }>('GET', '/events/messages?dead=true')).messages;
  }

  async jobRuns(app?: string): Promise<JobRun[]> {
    const names =
      app === undefined ? this.status.applications.filter((a) => a.type === 'job').map((a) => a.name) : [app];
    const lists = await Promise.all(
      names.map(
        async (name) =>
          (await this.admin<{ runs: JobRun[] }>('GET', `/jobs/${encodeURIComponent(name)}/runs`)).runs,
      ),
    );
    return lists.flat();
  }

  async logs(app: string): Promise<string[]> {
    const { lines } = await this.admin<{ lines: Array<{ text: string }> }>(
      'GET',
      `/applications/${encodeURIComponent(app)}/logs?limit=1000`,
    );
    return lines.map((line) => line.text);
  }

  waitForExtensionCall(
    predicate: (call: ExtensionCall) => boolean,
    options: WaitOptions = {},
  ): Promise<ExtensionCall> {
    return this.poll('extension call', () => this.extensionCalls(), predicate, describeCall, options);
  }

  waitForDelivery(predicate: (delivery: Delivery) => boolean, options: WaitOptions = {}): Promise<Delivery> {
    return this.poll('delivery', () => this.deliveries(), predicate, describeDelivery, options);
  }

  /** Nothing to stop: the emulator belongs to `connect dev --exec`, which stops it after the command. */
  async stop(): Promise<void> {
    // Refresh nothing, hold nothing.
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.stop();
  }

  private async poll<T>(
    what: string,
    list: () => Promise<T[]>,
    predicate: (item: T) => boolean,
    describe: (item: T) => string,
    options: WaitOptions,
  ): Promise<T> {
    const timeoutMs = options.timeoutMs ?? 10_000;
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const items = await list();
      const found = items.find(predicate);
      if (found !== undefined) return found;
      if (Date.now() >= deadline) {
        throw new Error(`No ${what} matched within ${timeoutMs} ms. ${sawText(what, items.map(describe))}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  private async admin<T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> {
    const response = await fetch(`${this.adminUrl}/__connect/api${path}`, {
      method,
      headers: { 'content-type': 'application/json', ...authorization(adminToken()) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const json = (await response.json()) as T & { error?: { code: string; message: string; hint?: string } };
    if (!response.ok && json.error) {
      throw new ConnectError(json.error.code, json.error.message, { hint: json.error.hint });
    }
    return json;
  }

  private async fetchToken(credentials: Credentials): Promise<string> {
    const basic = Buffer.from(`${credentials.clientId}:${credentials.clientSecret}`).toString('base64');
    const response = await fetch(`${credentials.authUrl}/oauth/token?grant_type=client_credentials`, {
      method: 'POST',
      headers: { authorization: `Basic ${basic}` },
    });
    const json = (await response.json()) as { access_token?: string };
    if (!json.access_token) {
      throw new ConnectError('PLATFORM_AUTH_FAILED', 'The local API refused the CTP_* credentials.', {
        hint: 'run the tests under `connect dev --exec`, which sets them',
      });
    }
    return json.access_token;
  }
}

/** The admin API's bearer token `connect dev --exec` hands to CMD (see emulator.ts, env). */
function adminToken(): string | undefined {
  return process.env.CONNECT_DEV_ADMIN_TOKEN || undefined;
}

function authorization(token: string | undefined): Record<string, string> {
  return token ? { authorization: `Bearer ${token}` } : {};
}

async function getJson<T>(url: string, token?: string): Promise<T> {
  const response = await fetch(url, { headers: authorization(token) });
  if (!response.ok) throw new Error(`${url}: ${response.status}`);
  return (await response.json()) as T;
}
