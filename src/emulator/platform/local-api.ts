/**
 * The local commercetools API: @labdigital/commercetools-mock served over real HTTP on
 * 127.0.0.1 (OAuth included, with the emulator's client credentials), plus what the mock
 * lacks: `/{projectKey}/messages`, seed data and persistence between runs. Extensions and
 * Subscriptions are layered on through `hooks` (see ./hooks.ts and ../platform.ts).
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';

import { CommercetoolsMock } from '@labdigital/commercetools-mock';

import { ensurePrivateDir, writePrivateFile } from '../../config/private-files.js';
import { ConnectError, ExitCode } from '../../errors.js';
import { TokenRegistry } from '../checkout/tokens.js';
import { MessageLog, type Message } from '../events/messages.js';
import type { DeferredServer } from './deferred-server.js';
import { DEFAULT_PROJECT_KEY, newCredentials, scopeFor, type PlatformInfo } from './environment.js';
import { installActionRecorder, type CustomerRequest } from './action-steps.js';
import { installExtraRoutes } from './extra-routes.js';
import { extensionDraftError } from './draft-validation.js';
import { installHooks, type PlatformHooks } from './hooks.js';
import type { ApiClientCredentials } from './local-project.js';
import { installPaymentMethods } from './payment-methods.js';
import { installRequestScope } from './request-scope.js';
import { installPlatformCompat } from './platform-compat.js';
import { installProductSelections, installStoreProductSelections } from './product-selections.js';
import {
  assertMockContract,
  commercetoolsErrorClass,
  keepExtensionAdditionalContext,
  oauthMiddleware,
  storage,
  type CommercetoolsErrorClass,
  type Resource,
} from './mock-internals.js';
import { PredicateEvaluator } from './predicate.js';
import { createRefused, normalizeTypeId, RESOURCE_PATHS, resourcePath } from './resource-types.js';

export interface LocalApiOptions {
  projectKey?: string;
  /** The API client's scopes (connect.yaml `inheritAs.apiClient.scopes`), default manage_project. */
  scopes?: readonly string[] | undefined;
  clientId?: string;
  clientSecret?: string;
  /** The emulator's own client's scope string; default: `scopes` on the project. */
  scope?: string | undefined;
  /** More API clients of the project: the credentials the applications are configured with. */
  clients?: readonly ApiClientCredentials[] | undefined;
  /** Keep the project in this folder between runs (`connect dev --persist DIR`). */
  persistDir?: string | undefined;
  /** JSON of resources to create at start (`connect dev --seed FILE`), applied to an empty project. */
  seedFile?: string | undefined;
  port?: number;
  /** Serve on this already-listening socket instead of opening one (see ./deferred-server.ts). */
  server?: DeferredServer | undefined;
  /** Told of every request no route of the emulation answers (it gets the platform's 404). */
  onMissingRoute?: ((method: string, path: string) => void) | undefined;
  /** Told of every error inside the emulation that was not a commercetools error (it gets a 500 ErrorResponse). */
  onInternalError?: ((method: string, path: string, message: string) => void) | undefined;
}

export interface InjectResult {
  statusCode: number;
  body: unknown;
}

export type { PlatformInfo } from './environment.js';

const PERSIST_FILE = 'project.json';
/** What the body parser hands on for a body that is not JSON (answered 400 before any route). */
const MALFORMED_BODY = Object.freeze({ malformed: Symbol('malformed') });

export class LocalApi {
  readonly messages: MessageLog;
  readonly predicates = new PredicateEvaluator();
  /** The auth server's tokens, and `/oauth/introspect` (../checkout/tokens.ts). */
  readonly tokens: TokenRegistry;
  private uninstall: (() => void) | undefined;
  private customerRequests: ((request: CustomerRequest) => void) | undefined;
  private persistTimer: NodeJS.Timeout | undefined;
  private internalToken: string | undefined;
  private readonly quiet = new AsyncLocalStorage<boolean>();
  /** The project's API clients by id (the emulator's own first). */
  private readonly clients = new Map<string, ApiClientCredentials>();

  private constructor(
    readonly mock: CommercetoolsMock,
    private readonly platform: PlatformInfo,
    readonly errorClass: CommercetoolsErrorClass,
    private readonly persistDir: string | undefined,
    messages: Message[],
    private readonly server: DeferredServer | undefined,
  ) {
    this.messages = new MessageLog(messages);
    this.tokens = new TokenRegistry(mock, () => this.platform);
  }

  static async start(options: LocalApiOptions = {}): Promise<LocalApi> {
    const projectKey = options.projectKey ?? DEFAULT_PROJECT_KEY;
    const fresh = newCredentials();
    const clientId = options.clientId ?? fresh.clientId;
    const clientSecret = options.clientSecret ?? fresh.clientSecret;
    const mock = new CommercetoolsMock({
      enableAuthentication: true,
      validateCredentials: true,
      defaultProjectKey: projectKey,
      silent: true,
      strict: false,
    });
    assertMockContract(mock);
    keepExtensionAdditionalContext(mock);
    // Resource types the mock lacks, registered before the recorders and hooks walk its repositories.
    const errorClass = await commercetoolsErrorClass(mock);
    installPaymentMethods(mock, errorClass);
    installRequestScope(mock);
    installPlatformCompat(mock, { onInternalError: options.onInternalError });
    // The hooks below are installed before the LocalApi exists; they reach it once it does.
    const started: { api?: LocalApi } = {};
    installActionRecorder(mock, (request) => started.api?.onCustomerRequest(request));
    installProductSelections(mock, errorClass);
    installStoreProductSelections(mock, errorClass);
    installExtraRoutes(mock, errorClass, {
      onMissingRoute: options.onMissingRoute,
      onPasswordChanged: (customer, clientId) =>
        started.api?.onCustomerRequest({
          kind: 'password-change',
          context: { projectKey, ...(clientId ? { clientId } : {}) },
          customer,
        }),
    });

    let persisted: Message[] = [];
    let empty = true;
    if (options.persistDir) {
      const loaded = await loadSnapshot(mock, projectKey, join(options.persistDir, PERSIST_FILE));
      persisted = loaded.messages;
      empty = loaded.resources === 0;
    }
    const project = await storage(mock).getProject(projectKey);
    await storage(mock).saveProject({ ...project, messages: { enabled: true, deleteDaysAfterCreation: 15 } });

    const scope = options.scope ?? scopeFor(projectKey, options.scopes);
    const api = new LocalApi(
      mock,
      { apiUrl: '', authUrl: '', projectKey, clientId, clientSecret, scope },
      errorClass,
      options.persistDir,
      persisted,
      options.server,
    );
    api.addClient({ clientId, clientSecret, scope });
    for (const client of options.clients ?? []) api.addClient(client);
    started.api = api;
    api.addHostCheck();
    api.addDraftValidation();
    api.addCredentialCheck();
    api.tokens.install(mock.app as never);
    api.addMessageRoutes();
    if (options.seedFile && empty) await api.seed(options.seedFile);

    let url: string;
    if (options.server) {
      await mock.app.ready();
      options.server.attach((req, res) => mock.app.routing(req, res));
      url = options.server.url;
    } else {
      await mock.app.listen({ port: options.port ?? 0, host: '127.0.0.1' });
      const address = mock.app.server.address();
      url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    }
    api.platform.apiUrl = url;
    api.platform.authUrl = url;
    return api;
  }

  /**
   * Makes `client` an API client of the project (a later one with the same id replaces it, as
   * an edited .env does).
   */
  addClient(client: ApiClientCredentials): void {
    this.clients.set(client.clientId, { ...client });
  }

  info(): PlatformInfo {
    return { ...this.platform };
  }

  get projectKey(): string {
    return this.platform.projectKey;
  }

  /** Routes every create/update/delete through `hooks` (and persists after each change). */
  setHooks(hooks: PlatformHooks & { customerRequest?(request: CustomerRequest): void }): void {
    this.uninstall?.();
    this.customerRequests = hooks.customerRequest?.bind(hooks);
    this.uninstall = installHooks(this.mock, {
      beforeSave: async (change) => {
        if (!this.quiet.getStore()) await hooks.beforeSave?.(change);
      },
      afterSave: (change) => {
        if (!this.quiet.getStore()) hooks.afterSave?.(change);
        this.schedulePersist();
      },
    });
  }

  private onCustomerRequest(request: CustomerRequest): void {
    if (!this.quiet.getStore()) this.customerRequests?.(request);
    this.schedulePersist();
  }

  /** Runs `work` without extension calls or messages (sample resources built by `connect trigger`). */
  quietly<T>(work: () => Promise<T>): Promise<T> {
    return this.quiet.run(true, work);
  }

  /** A request through the mock's full HTTP pipeline (validation, hooks, error rendering), without a socket. */
  async request(method: 'GET' | 'POST' | 'DELETE', path: string, body?: unknown): Promise<InjectResult> {
    this.internalToken ??= this.token();
    const response = await this.mock.app.inject({
      method,
      url: `/${this.projectKey}${path}`,
      headers: { authorization: `Bearer ${this.internalToken}`, 'content-type': 'application/json' },
      ...(body === undefined ? {} : { payload: JSON.stringify(body) }),
    });
    let parsed: unknown = response.body;
    try {
      parsed = JSON.parse(response.body);
    } catch {
      // keep the text
    }
    return { statusCode: response.statusCode, body: parsed };
  }

  /** Creates one resource of `typeId` (or endpoint name) through the API; throws a ConnectError on failure. */
  async create(typeIdOrPath: string, draft: unknown): Promise<Resource> {
    const path = this.pathOf(typeIdOrPath);
    const result = await this.request('POST', `/${path}`, draft);
    if (result.statusCode >= 300) throw createRefused(typeIdOrPath, result);
    return result.body as Resource;
  }

  async query(typeIdOrPath: string, query = ''): Promise<InjectResult> {
    return this.request('GET', `/${this.pathOf(typeIdOrPath)}${query ? `?${query}` : ''}`);
  }

  /** Reads a stored resource without running any hook. */
  async get(typeId: string, id: string): Promise<Resource | null> {
    return storage(this.mock).get(this.projectKey, typeId, id);
  }

  async all(typeId: string): Promise<Resource[]> {
    return storage(this.mock).all(this.projectKey, typeId);
  }

  async stop(): Promise<void> {
    this.uninstall?.();
    this.uninstall = undefined;
    if (this.persistTimer) clearTimeout(this.persistTimer);
    this.persistTimer = undefined;
    await this.persist();
    await this.mock.app.close();
    await this.server?.close();
  }

  /** Writes the project to the persist folder now (no-op without --persist). */
  async persist(): Promise<void> {
    if (!this.persistDir) return;
    const resources: Record<string, Resource[]> = {};
    for (const typeId of Object.keys(RESOURCE_PATHS)) {
      const all = await storage(this.mock).all(this.projectKey, typeId);
      if (all.length > 0) resources[typeId] = all;
    }
    const file = join(this.persistDir, PERSIST_FILE);
    // It holds extensions' secrets (headerValue, access keys): only the user may read it.
    await ensurePrivateDir(dirname(file));
    await writePrivateFile(
      file,
      JSON.stringify({ version: 1, projectKey: this.projectKey, resources, messages: this.messages.all() }),
    );
  }

  private schedulePersist(): void {
    if (!this.persistDir || this.persistTimer) return;
    this.persistTimer = setTimeout(() => {
      this.persistTimer = undefined;
      void this.persist().catch(() => undefined);
    }, 200);
    this.persistTimer.unref();
  }

  private pathOf(typeIdOrPath: string): string {
    const typeId = normalizeTypeId(typeIdOrPath);
    const path = typeId ? resourcePath(typeId) : undefined;
    if (!path) {
      throw new ConnectError(
        'UNKNOWN_RESOURCE_TYPE',
        `"${typeIdOrPath}" is not a resource type of the local API.`,
        {
          hint: `use one of ${Object.keys(RESOURCE_PATHS).join(', ')}`,
          exitCode: ExitCode.Usage,
        },
      );
    }
    return path;
  }

  private token(): string {
    const store = this.mock.authStore() as unknown as {
      getClientToken(clientId: string, secret: string, scope: string): { access_token: string };
    };
    return store.getClientToken(this.platform.clientId, this.platform.clientSecret, this.platform.scope)
      .access_token;
  }

  /**
   * A web page can make the browser call 127.0.0.1 under a name it controls (DNS rebinding):
   * only loopback names and the platform's own hosts (which apps reach through the
   * host-redirect preload) are served, as the admin API does.
   */
  private addHostCheck(): void {
    this.mock.app.addHook('onRequest', async (request, reply) => {
      if (allowedHost(request.headers.host)) return;
      const message = `Requests for host ${String(request.headers.host)} are refused by the local commercetools API.`;
      await reply
        .status(403)
        .send({ statusCode: 403, message, errors: [{ code: 'insufficient_scope', message }] });
    });
  }

  /**
   * Bad input gets the platform's 400, never the mock's 500: a body that is not JSON (whatever
   * its content type, as the platform reads it), a body that is not a JSON object, and an
   * Extension draft the platform refuses (refused before the mock stores anything).
   */
  private addDraftValidation(): void {
    const app = this.mock.app;
    const parse = (
      _req: unknown,
      body: string | Buffer,
      done: (error: Error | null, value?: unknown) => void,
    ) => {
      const text = typeof body === 'string' ? body : body.toString('utf8');
      if (text.trim() === '') return done(null, undefined);
      try {
        done(null, JSON.parse(text));
      } catch {
        done(null, MALFORMED_BODY);
      }
    };
    app.removeContentTypeParser('application/json');
    app.addContentTypeParser('application/json', { parseAs: 'string' }, parse);
    app.addContentTypeParser('*', { parseAs: 'string' }, parse);
    app.addHook('preHandler', async (request, reply) => {
      if (request.method !== 'POST' || request.url.startsWith('/oauth/')) return;
      const body = request.body as unknown;
      if (body === MALFORMED_BODY || typeof body !== 'object' || body === null || Array.isArray(body)) {
        const message = 'Request body does not contain valid JSON.';
        await reply.status(400).send({
          statusCode: 400,
          message,
          errors: [
            {
              code: 'InvalidJsonInput',
              message,
              detailedErrorMessage:
                body === MALFORMED_BODY
                  ? 'Malformed JSON.'
                  : body === undefined
                    ? 'No body.'
                    : 'JSON object expected.',
            },
          ],
        });
        return;
      }
      const path = request.url.split('?')[0] ?? '';
      if (!/^\/[^/]+\/extensions\/?$/.test(path)) return;
      const error = extensionDraftError(body);
      if (error) await reply.status(400).send(error);
    });
  }

  /**
   * The mock accepts any client credentials; the platform only those of an API client of the
   * project, and answers anything else with its `invalid_client` error (401). A token is
   * issued for the scopes asked for (form body or query), else for all of the client's.
   */
  private addCredentialCheck(): void {
    const clientOf = (request: { headers: { authorization?: string | undefined } }) => {
      const match = /^Basic\s+(.+)$/i.exec(request.headers.authorization ?? '');
      const decoded = match?.[1] ? Buffer.from(match[1], 'base64').toString('utf8') : '';
      const separator = decoded.indexOf(':');
      if (separator < 0) return undefined;
      let id: string;
      let secret: string;
      try {
        id = decodeURIComponent(decoded.slice(0, separator));
        secret = decodeURIComponent(decoded.slice(separator + 1));
      } catch {
        return undefined;
      }
      const client = this.clients.get(id);
      return client && client.clientSecret === secret ? client : undefined;
    };
    this.mock.app.addHook('onRequest', async (request, reply) => {
      if (!request.url.startsWith('/oauth/')) return;
      if (clientOf(request)) return;
      const message = 'Please provide valid client credentials using HTTP Basic Authentication.';
      await reply.status(401).send({
        statusCode: 401,
        message,
        errors: [{ code: 'invalid_client', message }],
        error: 'invalid_client',
        error_description: message,
      });
    });
    this.mock.app.addHook('preHandler', async (request, reply) => {
      if (request.method !== 'POST' || !/^\/oauth\/token(?:\?|$)/.test(request.url)) return;
      const query = (request.query ?? {}) as Record<string, unknown>;
      const body = (typeof request.body === 'object' && request.body !== null ? request.body : {}) as Record<
        string,
        unknown
      >;
      if ((query.grant_type ?? body.grant_type) !== 'client_credentials') return;
      const client = clientOf(request);
      if (!client) return;
      const asked = String(query.scope ?? body.scope ?? '').trim();
      const store = this.mock.authStore() as unknown as {
        getClientToken(clientId: string, secret: string, scope: string): unknown;
      };
      await reply
        .status(200)
        .send(store.getClientToken(client.clientId, client.clientSecret, asked || client.scope));
    });
  }

  private addMessageRoutes(): void {
    const middleware = oauthMiddleware(this.mock);
    const messages = this.messages;
    const predicates = this.predicates;
    void this.mock.app.register(async (instance) => {
      instance.addHook('preHandler', middleware as never);
      instance.get('/:projectKey/messages', async (request) => {
        await messages.settled();
        const query = request.query as Record<string, unknown>;
        const where = ([] as unknown[]).concat(query.where ?? []).map(String);
        const limit = Math.min(Number(query.limit ?? 20) || 20, 500);
        const offset = Number(query.offset ?? 0) || 0;
        const sortDesc = String(query.sort ?? '').includes('desc');
        let all = await predicates.filter(messages.all(), where);
        if (sortDesc) all = all.reverse();
        const results = all.slice(offset, offset + limit);
        return { limit, offset, count: results.length, total: all.length, results };
      });
      instance.get('/:projectKey/messages/:id', async (request, reply) => {
        const { id } = request.params as { id: string };
        await messages.settled();
        const message = messages.get(id);
        if (message) return message;
        const text = `The Resource with ID '${id}' was not found.`;
        return reply
          .status(404)
          .send({ statusCode: 404, message: text, errors: [{ code: 'ResourceNotFound', message: text }] });
      });
    });
  }

  /**
   * Seed file: `{"customers": [draft, ...], "carts": [...]}` (endpoint names or typeIds as keys),
   * created in the order written, through the API (so drafts are validated).
   */
  private async seed(file: string): Promise<void> {
    let data: unknown;
    try {
      data = JSON.parse(await readFile(file, 'utf8'));
    } catch (error) {
      throw new ConnectError(
        'SEED_INVALID',
        `Cannot read the seed file ${file}: ${(error as Error).message}`,
        {
          hint: 'pass a JSON file like {"customers": [{"email": "a@example.com"}], "carts": [{"currency": "EUR"}]}',
          exitCode: 2,
        },
      );
    }
    if (typeof data !== 'object' || data === null || Array.isArray(data)) {
      throw new ConnectError(
        'SEED_INVALID',
        `The seed file ${file} must hold a JSON object of resource lists.`,
        {
          hint: 'write {"customers": [{"email": "a@example.com"}], "carts": [{"currency": "EUR"}]}',
          exitCode: 2,
        },
      );
    }
    await this.mock.app.ready();
    for (const [type, drafts] of Object.entries(data)) {
      if (!Array.isArray(drafts)) {
        throw new ConnectError('SEED_INVALID', `"${type}" in ${file} must be a list of drafts.`, {
          hint: `write "${type}": [ {...}, ... ]`,
          exitCode: 2,
        });
      }
      for (const draft of drafts) {
        try {
          await this.create(type, draft);
        } catch (error) {
          if (error instanceof ConnectError) {
            throw new ConnectError('SEED_INVALID', `Seed ${file}: ${error.message}`, {
              hint: error.hint,
              exitCode: 2,
              details: error.details,
            });
          }
          throw error;
        }
      }
    }
  }
}

/** Loopback names, and the platform's hosts (`api.<region>.commercetools.com` reached through the preload). */
export function allowedHost(host: string | undefined): boolean {
  if (!host) return true;
  return (
    /^(127\.0\.0\.1|localhost|\[::1\])(:\d+)?$/i.test(host) ||
    /^(api|auth|mc-api|session|checkout)\.[a-z0-9-]+(\.[a-z0-9-]+)?\.commercetools\.com(:\d+)?$/i.test(host)
  );
}

async function loadSnapshot(
  mock: CommercetoolsMock,
  projectKey: string,
  file: string,
): Promise<{ resources: number; messages: Message[] }> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    return { resources: 0, messages: [] };
  }
  let snapshot: { resources?: Record<string, Resource[]>; messages?: Message[] };
  try {
    snapshot = JSON.parse(text);
  } catch (error) {
    throw new ConnectError(
      'PERSIST_CORRUPT',
      `The saved project ${file} is not valid JSON: ${(error as Error).message}`,
      {
        hint: `move ${file} away to start with an empty project`,
      },
    );
  }
  let count = 0;
  for (const [typeId, list] of Object.entries(snapshot.resources ?? {})) {
    for (const resource of list) {
      await storage(mock).add(projectKey, typeId, resource);
      count++;
    }
  }
  return { resources: count, messages: snapshot.messages ?? [] };
}
