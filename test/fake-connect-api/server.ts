/**
 * A local fake of the Connect API and its OAuth server, on 127.0.0.1 (port 0), speaking the
 * wire format of ../shared/reference/connect-api.md strictly: HTTP Basic on /oauth/token,
 * bearer tokens and their scopes on every call, request bodies checked field by field,
 * optimistic versions (409 ConcurrentModification), key= and id addressing, lifecycles with
 * short delays, paged logs, and injected faults (expired token, 409, 429, 500, dropped
 * connection). Tests drive it in-process; the CLI under test talks to it over HTTP.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

import type {
  ConfigurationEntryDefinition,
  Connector,
  ConnectorConfigurationApplication,
  ConnectorGlobalConfiguration,
  ConnectorStaged,
  Deployment,
  DeploymentApplication,
  DeploymentLog,
  KeyValue,
  Report,
} from '../../src/connect-api/types.js';
import { DEPLOYMENT_TYPES, INTEGRATION_TYPES, REGIONS } from '../../src/connect-api/types.js';

export interface FakeClient {
  id: string;
  secret: string;
  /** Scopes the client may be granted, e.g. `manage_connectors:my-project`. */
  scopes: string[];
}

export interface FakeRepository {
  url: string;
  configurations: ConnectorConfigurationApplication[];
  globalConfiguration?: ConnectorGlobalConfiguration;
  /** Previewable checks end with isPreviewable "false". */
  failPreview?: boolean;
  /** Publishing ends in Failed with a report. */
  failPublish?: boolean;
  /** Deployments of it end in Failed. */
  failDeploy?: boolean;
  /** connect.yaml at the tag does not validate. */
  specInvalid?: boolean;
  /** Cron schedules of job applications. */
  schedules?: Record<string, string>;
}

/** `drop-answer`: the request is carried out, then the connection drops before the answer. */
export type FaultKind = '500' | '502' | '429' | '401' | '409' | 'drop' | 'drop-answer';

export interface Fault {
  kind: FaultKind;
  method?: string;
  /** Matches the request path (with query). */
  path?: RegExp;
  /** How many matching requests it hits (default 1). */
  times?: number;
  /** Seconds, for 429. */
  retryAfter?: number;
}

export interface RecordedRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingMessage['headers'];
  body: unknown;
  rawBody: string;
  status?: number;
}

interface Token {
  clientId: string;
  scopes: string[];
  expiresAt: number;
}

export interface FakeOptions {
  /** Duration of one lifecycle step (Queued -> Deploying -> ...), ms. */
  stepMs?: number;
  tokenLifetimeSeconds?: number;
  logsPageSize?: number;
}

const KEY_PATTERN = /^[a-zA-Z0-9_-]{2,256}$/;
const REPOSITORY_URL = /^(https:\/\/[^\s]+|git@[^\s:]+:[^\s]+)\.git$/;
const TAG_PATTERN = /^(?!_)(?!.*\.\.)[\w.@/-]{1,255}$/;
const SEVERITIES = ['INFO', 'DEBUG', 'WARNING', 'ERROR', 'NOTICE', 'CRITICAL'];

class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

const invalidJson = (detail: string) =>
  new HttpError(400, 'InvalidJsonInput', 'Request body does not contain valid JSON.', {
    detailedErrorMessage: detail,
  });
const invalidQuery = (detail: string) =>
  new HttpError(400, 'InvalidQueryParam', 'Invalid query parameter.', { detailedErrorMessage: detail });

function now(): string {
  return new Date().toISOString();
}

function isObject(value: unknown): value is Record<string, unknown> {
  return !!value && typeof value === 'object' && !Array.isArray(value);
}

function onlyFields(value: Record<string, unknown>, allowed: string[], where: string): void {
  for (const key of Object.keys(value)) {
    if (!allowed.includes(key)) throw invalidJson(`${where}: unknown field '${key}'.`);
  }
}

function requireString(value: unknown, where: string): string {
  if (typeof value !== 'string' || value === '')
    throw invalidJson(`${where}: Missing required value or not a string.`);
  return value;
}

function optionalString(value: unknown, where: string): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string') throw invalidJson(`${where}: must be a string.`);
  return value;
}

function stringArray(value: unknown, where: string, allowed?: readonly string[]): string[] | undefined {
  if (value === undefined) return undefined;
  if (!Array.isArray(value) || value.some((item) => typeof item !== 'string')) {
    throw invalidJson(`${where}: must be an array of strings.`);
  }
  if (allowed) {
    for (const item of value as string[]) {
      if (!allowed.includes(item)) throw invalidJson(`${where}: value '${item}' is not valid.`);
    }
  }
  return value as string[];
}

export class FakeConnectApi {
  readonly clients = new Map<string, FakeClient>();
  readonly repositories = new Map<string, FakeRepository>();
  readonly staged = new Map<string, ConnectorStaged>();
  readonly connectors = new Map<string, Connector>();
  /** projectKey -> deployments */
  readonly deployments = new Map<string, Map<string, Deployment>>();
  readonly logs = new Map<string, DeploymentLog[]>();
  readonly requests: RecordedRequest[] = [];
  readonly tokens = new Map<string, Token>();
  private readonly faults: Array<Fault & { left: number }> = [];
  private readonly timers = new Set<NodeJS.Timeout>();
  private server: Server | undefined;
  private failNext = 0;
  url = '';
  stepMs: number;
  tokenLifetimeSeconds: number;
  readonly logsPageSize: number;

  constructor(options: FakeOptions = {}) {
    this.stepMs = options.stepMs ?? 150;
    this.tokenLifetimeSeconds = options.tokenLifetimeSeconds ?? 3600;
    this.logsPageSize = options.logsPageSize ?? 10;
  }

  // --- test controls ---------------------------------------------------------------------

  addClient(client: FakeClient): this {
    this.clients.set(client.id, client);
    return this;
  }

  addRepository(repository: FakeRepository): this {
    this.repositories.set(repository.url, repository);
    return this;
  }

  inject(fault: Fault): this {
    this.faults.push({ ...fault, left: fault.times ?? 1 });
    return this;
  }

  clearFaults(): void {
    this.faults.length = 0;
  }

  /** Every token issued so far is expired from now on. */
  expireTokens(): void {
    for (const token of this.tokens.values()) token.expiresAt = 0;
  }

  /** The next deployment (or redeploy) ends in Failed. */
  failNextDeploy(): void {
    this.failNext += 1;
  }

  /** Publishes a connector directly (as if a staged one had been published earlier). */
  seedConnector(
    connector: Partial<Connector> & { key: string; name: string },
    repositoryUrl?: string,
  ): Connector {
    const repository = repositoryUrl ? this.repositories.get(repositoryUrl) : undefined;
    const full: Connector = {
      id: randomUUID(),
      version: 1,
      description: '',
      integrationTypes: ['other'],
      creator: { email: 'creator@example.com', company: 'Example' },
      repository: { url: repositoryUrl ?? 'https://github.com/example/connector.git', tag: 'v1.0.0' },
      configurations: repository?.configurations ?? [],
      ...(repository?.globalConfiguration ? { globalConfiguration: repository.globalConfiguration } : {}),
      private: true,
      privateProjects: [],
      createdAt: now(),
      lastModifiedAt: now(),
      ...connector,
    };
    this.connectors.set(full.id, full);
    return full;
  }

  /** Creates a staged connector as POST /connectors/drafts would (same checks). */
  seedStaged(draft: Record<string, unknown>): ConnectorStaged {
    return this.createStaged(draft);
  }

  /** Appends log entries to a deployment (by key or id). */
  addLogs(ref: string, entries: Array<Partial<DeploymentLog> & { details: unknown }>): void {
    const deployment = this.findDeploymentAnywhere(ref);
    if (!deployment) throw new Error(`no deployment ${ref}`);
    const list = this.logs.get(deployment.id) ?? [];
    for (const entry of entries) {
      list.push({
        type: 'application',
        deploymentId: deployment.id,
        applicationName: deployment.applications[0]?.applicationName ?? 'service',
        severity: 'INFO',
        timestamp: now(),
        ...entry,
      });
    }
    this.logs.set(deployment.id, list);
  }

  findDeploymentAnywhere(ref: string): Deployment | undefined {
    for (const project of this.deployments.values()) {
      for (const deployment of project.values())
        if (deployment.id === ref || deployment.key === ref) return deployment;
    }
    return undefined;
  }

  requestsTo(method: string, path: RegExp): RecordedRequest[] {
    return this.requests.filter((req) => req.method === method && path.test(req.path));
  }

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      void this.handle(req, res);
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    const { port } = this.server.address() as AddressInfo;
    this.url = `http://127.0.0.1:${port}`;
    return this;
  }

  async stop(): Promise<void> {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    const server = this.server;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** Environment for the CLI: CTP_* pointing here. */
  env(client: FakeClient, projectKey: string, region = 'europe-west1.gcp'): Record<string, string> {
    return {
      CTP_CLIENT_ID: client.id,
      CTP_CLIENT_SECRET: client.secret,
      CTP_PROJECT_KEY: projectKey,
      CTP_REGION: region,
      CTP_AUTH_URL: this.url,
      CTP_CONNECT_API_URL: this.url,
    };
  }

  // --- plumbing --------------------------------------------------------------------------

  private later(steps: number, fn: () => void): void {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      fn();
    }, this.stepMs * steps);
    this.timers.add(timer);
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const rawBody = Buffer.concat(chunks).toString('utf8');
    const url = new URL(req.url ?? '/', 'http://fake');
    const record: RecordedRequest = {
      method: req.method ?? 'GET',
      path: url.pathname,
      query: url.searchParams,
      headers: req.headers,
      body: undefined,
      rawBody,
    };
    this.requests.push(record);
    let dropAnswer = false;
    const send = (status: number, body: unknown, headers: Record<string, string> = {}) => {
      if (dropAnswer) {
        record.status = 0;
        req.socket.destroy();
        return;
      }
      record.status = status;
      res.writeHead(status, { 'content-type': 'application/json', ...headers });
      res.end(body === undefined ? '' : JSON.stringify(body));
    };
    const fault = this.faults.find(
      (candidate) =>
        candidate.left > 0 &&
        (candidate.method === undefined || candidate.method === record.method) &&
        (candidate.path === undefined || candidate.path.test(`${url.pathname}${url.search}`)) &&
        url.pathname !== '/oauth/token',
    );
    try {
      if (fault) {
        fault.left -= 1;
        switch (fault.kind) {
          case 'drop':
            record.status = 0;
            req.socket.destroy();
            return;
          case 'drop-answer':
            dropAnswer = true;
            break;
          case '500':
            throw new HttpError(500, 'General', 'Internal Server Error (injected).');
          case '502':
            throw new HttpError(502, 'BadGateway', 'Bad gateway (injected).');
          case '429':
            record.status = 429;
            send(
              429,
              {
                statusCode: 429,
                message: 'Too many requests.',
                errors: [{ code: 'General', message: 'Too many requests.' }],
              },
              { 'retry-after': String(fault.retryAfter ?? 1) },
            );
            return;
          case '401':
            this.expireTokens();
            break;
          case '409':
            this.bumpVersion(url.pathname);
            break;
        }
      }
      if (url.pathname === '/oauth/token') {
        this.token(req, rawBody, send);
        return;
      }
      let body: unknown;
      if (record.method === 'POST') {
        if (!String(req.headers['content-type'] ?? '').startsWith('application/json')) {
          throw invalidJson('Content-Type must be application/json.');
        }
        try {
          body = JSON.parse(rawBody);
        } catch {
          throw invalidJson('The body is not valid JSON.');
        }
        record.body = body;
      }
      const token = this.authenticate(req);
      const [status, answer] = this.route(record.method, url, body, token);
      send(status, answer);
    } catch (error) {
      if (error instanceof HttpError) {
        send(error.status, {
          statusCode: error.status,
          message: error.message,
          errors: [{ code: error.code, message: error.message, ...error.extra }],
        });
        return;
      }
      send(500, {
        statusCode: 500,
        message: String(error),
        errors: [{ code: 'General', message: String(error) }],
      });
    }
  }

  private token(req: IncomingMessage, rawBody: string, send: (status: number, body: unknown) => void): void {
    if (req.method !== 'POST') {
      send(405, { error: 'invalid_request', error_description: 'Use POST.' });
      return;
    }
    const header = req.headers.authorization ?? '';
    const match = /^Basic (.+)$/.exec(header);
    const decoded = match ? Buffer.from(match[1] as string, 'base64').toString('utf8') : '';
    const colon = decoded.indexOf(':');
    const id = decodeURIComponent(decoded.slice(0, colon));
    const secret = decodeURIComponent(decoded.slice(colon + 1));
    const client = this.clients.get(id);
    if (!match || colon < 0 || !client || client.secret !== secret) {
      send(401, {
        statusCode: 401,
        message: 'Please provide valid client credentials using HTTP Basic Authentication.',
        errors: [
          {
            code: 'invalid_client',
            message: 'Please provide valid client credentials using HTTP Basic Authentication.',
          },
        ],
        error: 'invalid_client',
        error_description: 'Please provide valid client credentials using HTTP Basic Authentication.',
      });
      return;
    }
    if (!String(req.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded')) {
      send(400, {
        error: 'invalid_request',
        error_description: 'Content-Type must be application/x-www-form-urlencoded.',
      });
      return;
    }
    const form = new URLSearchParams(rawBody);
    if (form.get('grant_type') !== 'client_credentials') {
      send(400, { error: 'unsupported_grant_type', error_description: 'Use grant_type=client_credentials.' });
      return;
    }
    const requested = (form.get('scope') ?? '').split(/\s+/).filter(Boolean);
    const refused = requested.filter((scope) => !client.scopes.includes(scope));
    if (refused.length > 0) {
      send(400, { error: 'invalid_scope', error_description: `Invalid scope: ${refused.join(' ')}` });
      return;
    }
    const scopes = requested.length > 0 ? requested : client.scopes;
    const accessToken = randomBytes(24).toString('base64url');
    this.tokens.set(accessToken, {
      clientId: id,
      scopes,
      expiresAt: Date.now() + this.tokenLifetimeSeconds * 1000,
    });
    send(200, {
      access_token: accessToken,
      token_type: 'Bearer',
      expires_in: this.tokenLifetimeSeconds,
      scope: scopes.join(' '),
    });
  }

  private authenticate(req: IncomingMessage): Token {
    const match = /^Bearer (.+)$/.exec(req.headers.authorization ?? '');
    const token = match ? this.tokens.get(match[1] as string) : undefined;
    if (!token || token.expiresAt <= Date.now()) {
      throw new HttpError(
        401,
        'AuthenticationError',
        'The access token provided is expired, revoked, malformed or invalid.',
      );
    }
    return token;
  }

  private requireScope(token: Token, ...accepted: string[]): string {
    const projects = token.scopes
      .filter((scope) => accepted.some((name) => scope.startsWith(`${name}:`)))
      .map((scope) => scope.slice(scope.indexOf(':') + 1));
    const project = projects[0];
    if (project === undefined) {
      throw new HttpError(
        403,
        'AuthorizationError',
        `Insufficient scope. One of the following scopes is missing: ${accepted.join(', ')}`,
      );
    }
    return project;
  }

  private requireProjectScope(token: Token, projectKey: string, scope: string): void {
    if (!token.scopes.includes(`${scope}:${projectKey}`)) {
      throw new HttpError(
        403,
        'AuthorizationError',
        `Insufficient scope. One of the following scopes is missing: ${scope}:${projectKey}`,
      );
    }
  }

  private route(method: string, url: URL, body: unknown, token: Token): [number, unknown] {
    const segments = url.pathname.split('/').filter(Boolean).map(decodeURIComponent);
    const q = url.searchParams;
    if (segments[0] === 'connectors') {
      if (segments[1] === 'drafts') {
        this.requireScope(token, 'manage_connectors');
        if (segments.length === 2 && method === 'GET') {
          this.allowQuery(q, ['limit', 'offset', 'sort', 'where']);
          return [200, this.page([...this.staged.values()], q)];
        }
        if (segments.length === 2 && method === 'POST') return [201, this.createStaged(body)];
        if (segments.length === 3) {
          const staged = this.findStaged(segments[2] as string);
          if (method === 'GET') return [200, staged];
          if (method === 'POST') return [200, this.updateStaged(staged, body)];
        }
      } else if (segments[1] === 'search' && segments.length === 2 && method === 'GET') {
        this.requireScope(token, 'manage_connectors', 'manage_connectors_deployments');
        return [200, this.search(q)];
      } else if (segments.length === 2 && method === 'GET') {
        this.requireScope(token, 'manage_connectors', 'manage_connectors_deployments');
        return [200, this.findConnector(segments[1] as string)];
      }
    } else if (segments[1] === 'deployments' && segments[0]) {
      const projectKey = segments[0];
      this.requireProjectScope(token, projectKey, 'manage_connectors_deployments');
      const project = this.deployments.get(projectKey) ?? new Map<string, Deployment>();
      this.deployments.set(projectKey, project);
      if (segments.length === 2 && method === 'GET') {
        this.allowQuery(q, ['limit', 'offset', 'sort', 'deploymentType', 'where']);
        const type = q.get('deploymentType');
        const all = [...project.values()].filter((deployment) => !type || deployment.type === type);
        return [200, this.page(all, q)];
      }
      if (segments.length === 2 && method === 'POST')
        return [201, this.createDeployment(projectKey, project, body)];
      if (segments.length >= 3) {
        const deployment = this.findDeployment(project, segments[2] as string);
        if (segments.length === 3 && method === 'GET') return [200, deployment];
        if (segments.length === 3 && method === 'POST') return [200, this.updateDeployment(deployment, body)];
        if (segments.length === 3 && method === 'DELETE') return [200, this.undeploy(project, deployment)];
        if (segments.length === 4 && segments[3] === 'logs' && method === 'GET')
          return [200, this.logsPage(deployment, q)];
      }
    }
    throw new HttpError(404, 'ResourceNotFound', `No endpoint ${method} ${url.pathname}.`);
  }

  private allowQuery(q: URLSearchParams, allowed: string[]): void {
    for (const name of q.keys())
      if (!allowed.includes(name)) throw invalidQuery(`Unknown query parameter '${name}'.`);
  }

  private page<T extends { createdAt?: string }>(items: T[], q: URLSearchParams) {
    const limit = q.has('limit') ? Number(q.get('limit')) : 20;
    const offset = q.has('offset') ? Number(q.get('offset')) : 0;
    if (!Number.isInteger(limit) || limit < 0 || limit > 500)
      throw invalidQuery("'limit' must be between 0 and 500.");
    if (!Number.isInteger(offset) || offset < 0 || offset > 10_000)
      throw invalidQuery("'offset' must be between 0 and 10000.");
    const results = items.slice(offset, offset + limit);
    return { limit, offset, count: results.length, total: items.length, results };
  }

  private bumpVersion(pathname: string): void {
    const segments = pathname.split('/').filter(Boolean).map(decodeURIComponent);
    const ref = segments[segments.length - 1] ?? '';
    const refKey = ref.startsWith('key=') ? ref.slice(4) : undefined;
    const matches = (resource: { id: string; key?: string }) =>
      refKey !== undefined ? resource.key === refKey : resource.id === ref;
    for (const staged of this.staged.values()) if (matches(staged)) staged.version += 1;
    for (const project of this.deployments.values())
      for (const d of project.values()) if (matches(d)) d.version += 1;
  }

  // --- staged connectors -----------------------------------------------------------------

  private findStaged(ref: string): ConnectorStaged {
    const found = [...this.staged.values()].find((staged) =>
      ref.startsWith('key=') ? staged.key === ref.slice(4) : staged.id === ref,
    );
    if (!found)
      throw new HttpError(
        404,
        'ResourceNotFound',
        `The Resource with ${ref.startsWith('key=') ? `key '${ref.slice(4)}'` : `ID '${ref}'`} was not found.`,
      );
    return found;
  }

  private findConnector(ref: string): Connector {
    const found = [...this.connectors.values()].find((connector) =>
      ref.startsWith('key=') ? connector.key === ref.slice(4) : connector.id === ref,
    );
    if (!found)
      throw new HttpError(
        404,
        'ResourceNotFound',
        `The Resource with ${ref.startsWith('key=') ? `key '${ref.slice(4)}'` : `ID '${ref}'`} was not found.`,
      );
    return found;
  }

  private repositoryFor(url: string, tag: string): FakeRepository {
    if (!REPOSITORY_URL.test(url))
      throw invalidJson(`repository.url: '${url}' must be https://... or git@host:... and end in .git.`);
    if (!TAG_PATTERN.test(tag)) throw invalidJson(`repository.tag: '${tag}' is not a valid tag.`);
    const repository = this.repositories.get(url);
    if (!repository) {
      throw new HttpError(400, 'GitRepositoryNotReachable', `The Git repository '${url}' is not reachable.`);
    }
    if (repository.specInvalid) {
      throw new HttpError(
        400,
        'ConnectorSpecificationFileNotValid',
        `connect.yaml at tag '${tag}' is not valid.`,
      );
    }
    return repository;
  }

  private createStaged(body: unknown): ConnectorStaged {
    if (!isObject(body)) throw invalidJson('The body must be a ConnectorDraft object.');
    onlyFields(
      body,
      [
        'key',
        'name',
        'description',
        'integrationTypes',
        'creator',
        'repository',
        'supportedRegions',
        'privateProjects',
        'documentationUrl',
      ],
      'ConnectorDraft',
    );
    const key = optionalString(body.key, 'key');
    if (key !== undefined && !KEY_PATTERN.test(key))
      throw invalidJson(`key: '${key}' does not match ^[a-zA-Z0-9_-]{2,256}$.`);
    if (key !== undefined && [...this.staged.values()].some((staged) => staged.key === key)) {
      throw new HttpError(400, 'DuplicateField', `A duplicate value '"${key}"' exists for field 'key'.`, {
        field: 'key',
        duplicateValue: key,
      });
    }
    const name = requireString(body.name, 'name');
    if (!isObject(body.creator)) throw invalidJson('creator: Missing required value.');
    onlyFields(
      body.creator,
      ['email', 'name', 'title', 'company', 'logoUrl', 'noOfContributors', 'supportUrl'],
      'creator',
    );
    const email = requireString(body.creator.email, 'creator.email');
    if (!email.includes('@')) throw invalidJson(`creator.email: '${email}' is not an email address.`);
    if (!isObject(body.repository)) throw invalidJson('repository: Missing required value.');
    onlyFields(body.repository, ['url', 'tag'], 'repository');
    const url = requireString(body.repository.url, 'repository.url');
    const tag = requireString(body.repository.tag, 'repository.tag');
    const repository = this.repositoryFor(url, tag);
    const staged: ConnectorStaged = {
      id: randomUUID(),
      ...(key === undefined ? {} : { key }),
      version: 1,
      name,
      ...(body.description === undefined
        ? {}
        : { description: optionalString(body.description, 'description') as string }),
      integrationTypes: stringArray(body.integrationTypes, 'integrationTypes', INTEGRATION_TYPES) ?? [],
      creator: body.creator as unknown as ConnectorStaged['creator'],
      repository: { url, tag },
      supportedRegions: stringArray(body.supportedRegions, 'supportedRegions', REGIONS) ?? [],
      privateProjects: stringArray(body.privateProjects, 'privateProjects') ?? [],
      ...(body.documentationUrl === undefined
        ? {}
        : { documentationUrl: optionalString(body.documentationUrl, 'documentationUrl') as string }),
      status: 'Draft',
      configurations: repository.configurations,
      ...(repository.globalConfiguration ? { globalConfiguration: repository.globalConfiguration } : {}),
      private: true,
      alreadyListed: false,
      hasChanges: true,
      isPreviewable: 'none',
      createdAt: now(),
      lastModifiedAt: now(),
    };
    this.staged.set(staged.id, staged);
    return staged;
  }

  private checkVersion(
    resource: { id: string; version: number },
    body: unknown,
  ): Array<Record<string, unknown>> {
    if (!isObject(body)) throw invalidJson('The body must be an update object.');
    onlyFields(body, ['version', 'actions'], 'update');
    if (typeof body.version !== 'number') throw invalidJson('version: Missing required value.');
    if (
      !Array.isArray(body.actions) ||
      body.actions.some((action) => !isObject(action) || typeof action.action !== 'string')
    ) {
      throw invalidJson('actions: must be an array of update actions.');
    }
    if (body.version !== resource.version) {
      throw new HttpError(
        409,
        'ConcurrentModification',
        `Object ${resource.id} has a different version than expected. Expected: ${body.version} - Actual: ${resource.version}.`,
        { expectedVersion: body.version, currentVersion: resource.version },
      );
    }
    return body.actions as Array<Record<string, unknown>>;
  }

  private updateStaged(staged: ConnectorStaged, body: unknown): ConnectorStaged {
    const actions = this.checkVersion(staged, body);
    if (staged.status === 'InCertification') {
      throw new HttpError(
        400,
        'ConnectorStagedInCertification',
        'The connector is in certification and cannot be changed.',
      );
    }
    // Apply to a copy so that a failing action changes nothing.
    const next: ConnectorStaged = structuredClone(staged);
    const after: Array<() => void> = [];
    for (const action of actions) {
      const field = (name: string) => action[name];
      const creator = (name: keyof ConnectorStaged['creator'], value: unknown) => {
        (next.creator as unknown as Record<string, unknown>)[name] = value;
      };
      switch (action.action) {
        case 'setName':
          onlyFields(action, ['action', 'name'], 'setName');
          next.name = requireString(field('name'), 'setName.name');
          break;
        case 'setDescription':
          onlyFields(action, ['action', 'description'], 'setDescription');
          next.description = optionalString(field('description'), 'setDescription.description') ?? '';
          break;
        case 'setRepository': {
          onlyFields(action, ['action', 'url', 'tag'], 'setRepository');
          const url = optionalString(field('url'), 'setRepository.url') ?? next.repository.url;
          const tag = requireString(field('tag'), 'setRepository.tag');
          const repository = this.repositoryFor(url, tag);
          next.repository = { url, tag };
          next.configurations = repository.configurations;
          next.isPreviewable = 'none';
          delete next.previewableReport;
          break;
        }
        case 'setCreatorEmail':
        case 'setCreatorName':
        case 'setCreatorTitle':
        case 'setCreatorCompany':
        case 'setCreatorSupportUrl': {
          const name = (action.action.slice('setCreator'.length, 'setCreator'.length + 1).toLowerCase() +
            action.action.slice('setCreator'.length + 1)) as keyof ConnectorStaged['creator'];
          onlyFields(action, ['action', name], action.action);
          creator(
            name,
            name === 'email'
              ? requireString(field(name), `${action.action}.${name}`)
              : optionalString(field(name), `${action.action}.${name}`),
          );
          break;
        }
        case 'setCreatorNoOfContributors':
          if (typeof field('noOfContributors') !== 'number')
            throw invalidJson('setCreatorNoOfContributors.noOfContributors: must be a number.');
          creator('noOfContributors', field('noOfContributors'));
          break;
        case 'setCreatorLogo':
          onlyFields(action, ['action', 'logoUrl'], 'setCreatorLogo');
          creator('logoUrl', optionalString(field('logoUrl'), 'setCreatorLogo.logoUrl'));
          break;
        case 'setSupportedRegions':
          onlyFields(action, ['action', 'regions'], 'setSupportedRegions');
          next.supportedRegions = stringArray(field('regions'), 'setSupportedRegions.regions', REGIONS) ?? [];
          break;
        case 'setIntegrationTypes':
          onlyFields(action, ['action', 'integrationTypes'], 'setIntegrationTypes');
          next.integrationTypes =
            stringArray(
              field('integrationTypes'),
              'setIntegrationTypes.integrationTypes',
              INTEGRATION_TYPES,
            ) ?? [];
          break;
        case 'setDocumentationUrl':
          onlyFields(action, ['action', 'documentationUrl'], 'setDocumentationUrl');
          next.documentationUrl =
            optionalString(field('documentationUrl'), 'setDocumentationUrl.documentationUrl') ?? '';
          break;
        case 'addPrivateProject': {
          onlyFields(action, ['action', 'privateProject'], 'addPrivateProject');
          const project = requireString(field('privateProject'), 'addPrivateProject.privateProject');
          if (!next.privateProjects.includes(project)) next.privateProjects.push(project);
          break;
        }
        case 'removePrivateProject': {
          onlyFields(action, ['action', 'privateProject'], 'removePrivateProject');
          const project = requireString(field('privateProject'), 'removePrivateProject.privateProject');
          next.privateProjects = next.privateProjects.filter((candidate) => candidate !== project);
          break;
        }
        case 'updatePreviewable':
          onlyFields(action, ['action'], 'updatePreviewable');
          if (next.isPreviewable === 'pending') {
            throw new HttpError(
              400,
              'ConnectorStagedPreviewRequestUnderProcess',
              'A previewable request is already being processed.',
            );
          }
          next.isPreviewable = 'pending';
          delete next.previewableReport;
          after.push(() => this.finishPreviewable(next.id));
          break;
        case 'publish': {
          onlyFields(action, ['action', 'certification'], 'publish');
          if (typeof field('certification') !== 'boolean')
            throw invalidJson('publish.certification: Missing required boolean value.');
          if (next.isPreviewable === 'pending' || next.status === 'Processing') {
            throw new HttpError(
              400,
              'ConnectorStagedPreviewRequestUnderProcess',
              'A request for this connector is still being processed.',
            );
          }
          if (field('certification') === false && !next.private) {
            throw new HttpError(
              400,
              'ConnectorStagedNotPrivate',
              'Only private connectors can be published without certification.',
            );
          }
          if (field('certification') === true && next.alreadyListed && !next.hasChanges) {
            throw new HttpError(400, 'ConnectorAlreadyCertified', 'The connector is already certified.');
          }
          next.status = 'Processing';
          delete next.publishingReport;
          const certification = field('certification') === true;
          after.push(() => this.finishPublishing(next.id, certification));
          break;
        }
        case 'addCertificationComment':
          requireString(field('comment'), 'addCertificationComment.comment');
          break;
        case 'unlist':
          next.alreadyListed = false;
          next.private = true;
          break;
        default:
          throw invalidJson(`actions: unknown update action '${action.action}'.`);
      }
    }
    if (!actions.every((action) => action.action === 'updatePreviewable' || action.action === 'publish'))
      next.hasChanges = true;
    next.version += 1;
    next.lastModifiedAt = now();
    this.staged.set(next.id, next);
    for (const fn of after) fn();
    return next;
  }

  private finishPreviewable(id: string): void {
    this.later(2, () => {
      const staged = this.staged.get(id);
      if (!staged || staged.isPreviewable !== 'pending') return;
      const repository = this.repositories.get(staged.repository.url);
      const failed = repository?.failPreview === true;
      staged.isPreviewable = failed ? 'false' : 'true';
      staged.previewableReport = {
        entries: failed
          ? [
              {
                type: 'Error',
                title: 'Build failed',
                message: 'npm run build exited with 1 in service',
                createdAt: now(),
              },
            ]
          : [
              {
                type: 'Information',
                title: 'Repository checked',
                message: `Tag ${staged.repository.tag} found`,
                createdAt: now(),
              },
              { type: 'Warning', title: 'No tests', message: 'service has no test script', createdAt: now() },
            ],
      };
      staged.version += 1;
    });
  }

  private finishPublishing(id: string, certification: boolean): void {
    this.later(2, () => {
      const staged = this.staged.get(id);
      if (!staged || staged.status !== 'Processing') return;
      const repository = this.repositories.get(staged.repository.url);
      staged.version += 1;
      if (repository?.failPublish) {
        staged.status = 'Failed';
        staged.publishingReport = {
          entries: [
            {
              type: 'Error',
              title: 'Publishing failed',
              message: 'npm ci failed in service: missing package-lock.json',
              createdAt: now(),
            },
          ],
        };
        return;
      }
      const report: Report = {
        entries: [
          {
            type: 'Information',
            title: 'Published',
            message: `Version ${staged.repository.tag}`,
            createdAt: now(),
          },
        ],
      };
      staged.publishingReport = report;
      if (certification) {
        staged.status = 'InCertification';
        return;
      }
      staged.status = 'Published';
      staged.hasChanges = false;
      const existing = this.connectors.get(id);
      const connector: Connector = {
        id: staged.id,
        ...(staged.key === undefined ? {} : { key: staged.key }),
        version: (existing?.version ?? 0) + 1,
        name: staged.name,
        ...(staged.description === undefined ? {} : { description: staged.description }),
        integrationTypes: staged.integrationTypes ?? [],
        creator: staged.creator,
        repository: staged.repository,
        supportedRegions: staged.supportedRegions ?? [],
        privateProjects: staged.privateProjects,
        configurations: staged.configurations,
        ...(staged.globalConfiguration ? { globalConfiguration: staged.globalConfiguration } : {}),
        private: staged.private,
        createdAt: existing?.createdAt ?? now(),
        lastModifiedAt: now(),
      };
      this.connectors.set(connector.id, connector);
    });
  }

  private search(q: URLSearchParams) {
    this.allowQuery(q, ['text', 'integrationTypes', 'creator.company', 'private', 'limit', 'offset', 'sort']);
    const text = q.get('text')?.toLowerCase();
    const types = q.getAll('integrationTypes');
    const company = q.get('creator.company');
    const privateFilter = q.get('private');
    if (privateFilter !== null && privateFilter !== 'true' && privateFilter !== 'false') {
      throw invalidQuery("'private' must be true or false.");
    }
    const results = [...this.connectors.values()].filter(
      (connector) =>
        (!text ||
          `${connector.name} ${connector.description ?? ''} ${connector.key ?? ''}`
            .toLowerCase()
            .includes(text)) &&
        (types.length === 0 || types.some((type) => connector.integrationTypes?.includes(type))) &&
        (!company || connector.creator.company === company) &&
        (privateFilter === null || String(connector.private === true) === privateFilter),
    );
    return this.page(results, q);
  }

  // --- deployments -----------------------------------------------------------------------

  private findDeployment(project: Map<string, Deployment>, ref: string): Deployment {
    const found = [...project.values()].find((deployment) =>
      ref.startsWith('key=') ? deployment.key === ref.slice(4) : deployment.id === ref,
    );
    if (!found)
      throw new HttpError(
        404,
        'ResourceNotFound',
        `The Resource with ${ref.startsWith('key=') ? `key '${ref.slice(4)}'` : `ID '${ref}'`} was not found.`,
      );
    return found;
  }

  private checkValues(
    connector: Connector,
    configurations: unknown,
    global: unknown,
    partial: boolean,
  ): {
    apps: Map<string, { standard: KeyValue[]; secured: KeyValue[] }>;
    global: { standardConfiguration: KeyValue[]; securedConfiguration: KeyValue[] };
  } {
    const apps = new Map<string, { standard: KeyValue[]; secured: KeyValue[] }>();
    const pairs = (value: unknown, where: string): KeyValue[] => {
      if (value === undefined) return [];
      if (!Array.isArray(value)) throw invalidJson(`${where}: must be an array of {key, value}.`);
      return value.map((entry, index) => {
        if (!isObject(entry)) throw invalidJson(`${where}[${index}]: must be {key, value}.`);
        onlyFields(entry, ['key', 'value'], `${where}[${index}]`);
        return {
          key: requireString(entry.key, `${where}[${index}].key`),
          value:
            typeof entry.value === 'string'
              ? entry.value
              : (() => {
                  throw invalidJson(`${where}[${index}].value: must be a string.`);
                })(),
        };
      });
    };
    if (configurations !== undefined) {
      if (!Array.isArray(configurations)) throw invalidJson('configurations: must be an array.');
      for (const [index, raw] of configurations.entries()) {
        if (!isObject(raw)) throw invalidJson(`configurations[${index}]: must be an object.`);
        onlyFields(
          raw,
          ['applicationName', 'standardConfiguration', 'securedConfiguration'],
          `configurations[${index}]`,
        );
        const name = requireString(raw.applicationName, `configurations[${index}].applicationName`);
        const definition = connector.configurations.find((app) => app.applicationName === name);
        if (!definition) {
          throw new HttpError(
            400,
            'DeploymentUnknownApplicationConfiguration',
            `The connector has no application '${name}'.`,
            { applicationName: name },
          );
        }
        const standard = pairs(raw.standardConfiguration, `configurations[${index}].standardConfiguration`);
        const secured = pairs(raw.securedConfiguration, `configurations[${index}].securedConfiguration`);
        for (const [list, defs] of [
          [standard, definition.standardConfiguration],
          [secured, definition.securedConfiguration],
        ] as const) {
          for (const entry of list) {
            if (!defs.some((def) => def.key === entry.key)) {
              throw new HttpError(
                400,
                'DeploymentUnknownApplicationConfigurationKey',
                `The application '${name}' has no configuration key '${entry.key}'.`,
                { applicationName: name, key: entry.key },
              );
            }
          }
        }
        apps.set(name, { standard, secured });
      }
    }
    if (!partial) {
      for (const definition of connector.configurations) {
        const given = apps.get(definition.applicationName);
        const required = (defs: ConfigurationEntryDefinition[], list: KeyValue[] | undefined) =>
          defs.filter(
            (def) =>
              def.required &&
              def.default === undefined &&
              !list?.some((entry) => entry.key === def.key && entry.value !== ''),
          );
        const missing = [
          ...required(definition.standardConfiguration, given?.standard),
          ...required(definition.securedConfiguration, given?.secured),
        ].map((def) => def.key);
        if (missing.length > 0) {
          throw new HttpError(
            400,
            'DeploymentApplicationRequired',
            `The application '${definition.applicationName}' needs values for: ${missing.join(', ')}.`,
            { applicationName: definition.applicationName, missing },
          );
        }
      }
    }
    let globalValues = { standardConfiguration: [] as KeyValue[], securedConfiguration: [] as KeyValue[] };
    if (global !== undefined) {
      if (!isObject(global)) throw invalidJson('globalConfiguration: must be an object.');
      onlyFields(global, ['standardConfiguration', 'securedConfiguration'], 'globalConfiguration');
      globalValues = {
        standardConfiguration: pairs(
          global.standardConfiguration,
          'globalConfiguration.standardConfiguration',
        ),
        securedConfiguration: pairs(global.securedConfiguration, 'globalConfiguration.securedConfiguration'),
      };
    }
    const globalDefs = connector.globalConfiguration ?? {};
    for (const [list, defs] of [
      [globalValues.standardConfiguration, globalDefs.standardConfiguration ?? []],
      [globalValues.securedConfiguration, globalDefs.securedConfiguration ?? []],
    ] as const) {
      for (const entry of list) {
        if (!defs.some((def) => def.key === entry.key)) {
          throw new HttpError(
            400,
            'DeploymentUnknownGlobalConfigurationKey',
            `The connector has no global configuration key '${entry.key}'.`,
            { key: entry.key },
          );
        }
      }
      if (partial) continue;
      for (const def of defs) {
        if (!def.required || def.default !== undefined) continue;
        const entry = list.find((candidate) => candidate.key === def.key);
        if (!entry)
          throw new HttpError(
            400,
            'DeploymentMissingGlobalConfigurationKey',
            `The global configuration key '${def.key}' is required.`,
            { key: def.key },
          );
        if (entry.value === '')
          throw new HttpError(
            400,
            'DeploymentEmptyRequiredGlobalConfigurationKey',
            `The global configuration key '${def.key}' must not be empty.`,
            { key: def.key },
          );
      }
    }
    return { apps, global: globalValues };
  }

  private createDeployment(projectKey: string, project: Map<string, Deployment>, body: unknown): Deployment {
    if (!isObject(body)) throw invalidJson('The body must be a DeploymentDraft object.');
    onlyFields(
      body,
      ['key', 'type', 'connector', 'region', 'configurations', 'globalConfiguration'],
      'DeploymentDraft',
    );
    const key = optionalString(body.key, 'key');
    if (key !== undefined && !KEY_PATTERN.test(key))
      throw invalidJson(`key: '${key}' does not match ^[a-zA-Z0-9_-]{2,256}$.`);
    if (key !== undefined && [...project.values()].some((deployment) => deployment.key === key)) {
      throw new HttpError(400, 'DuplicateField', `A duplicate value '"${key}"' exists for field 'key'.`, {
        field: 'key',
        duplicateValue: key,
      });
    }
    const region = requireString(body.region, 'region');
    if (!(REGIONS as readonly string[]).includes(region))
      throw invalidJson(`region: '${region}' is not a valid region.`);
    if (!isObject(body.connector)) throw invalidJson('connector: Missing required value.');
    onlyFields(body.connector, ['id', 'key', 'staged', 'version'], 'connector');
    const ref = body.connector;
    if (ref.id === undefined && ref.key === undefined) throw invalidJson('connector: id or key is required.');
    if (ref.staged !== undefined && typeof ref.staged !== 'boolean')
      throw invalidJson('connector.staged: must be a boolean.');
    const staged = ref.staged === true;
    const type = optionalString(body.type, 'type') ?? (staged ? 'preview' : 'sandbox');
    if (!(DEPLOYMENT_TYPES as readonly string[]).includes(type) || (type === 'preview') !== staged) {
      throw new HttpError(
        400,
        'DeploymentInvalidType',
        `The deployment type '${type}' is not valid${staged ? ' for a staged connector (use preview)' : type === 'preview' ? ' for a published connector' : ''}.`,
      );
    }
    let connector: Connector | undefined;
    const matches = (candidate: { id: string; key?: string }) =>
      (ref.id !== undefined && candidate.id === ref.id) ||
      (ref.key !== undefined && candidate.key === ref.key);
    if (staged) {
      const draft = [...this.staged.values()].find(matches);
      if (draft && draft.isPreviewable !== 'true') {
        throw new HttpError(
          400,
          'ConnectorStagedNotPreviewable',
          `The staged connector '${draft.key ?? draft.id}' is not previewable.`,
        );
      }
      if (draft) connector = { ...structuredClone(draft) };
    } else {
      connector = [...this.connectors.values()].find(matches);
      if (connector && ref.version !== undefined && ref.version !== connector.version) connector = undefined;
    }
    if (!connector) {
      throw new HttpError(
        400,
        'ConnectorReferenceNotFound',
        `The connector '${String(ref.key ?? ref.id)}' was not found${staged ? ' among staged connectors' : ''}.`,
      );
    }
    if (
      connector.supportedRegions &&
      connector.supportedRegions.length > 0 &&
      !connector.supportedRegions.includes(region)
    ) {
      throw new HttpError(
        400,
        'DeploymentUnsupportedRegion',
        `The connector does not support the region '${region}'.`,
      );
    }
    const values = this.checkValues(connector, body.configurations, body.globalConfiguration, false);
    const id = randomUUID();
    const deployment: Deployment = {
      id,
      ...(key === undefined ? {} : { key }),
      version: 1,
      type: type as Deployment['type'],
      connector: { ...structuredClone(connector), ...(staged ? { staged: true } : {}) },
      globalConfiguration: values.global,
      details: { build: { id: randomUUID() } },
      deployedRegion: region,
      applications: connector.configurations.map((definition) => ({
        id: randomUUID(),
        applicationName: definition.applicationName,
        standardConfiguration: values.apps.get(definition.applicationName)?.standard ?? [],
        securedConfiguration: values.apps.get(definition.applicationName)?.secured ?? [],
      })),
      preview: staged,
      status: 'Queued',
      createdAt: now(),
      lastModifiedAt: now(),
    };
    project.set(id, deployment);
    this.runDeployment(projectKey, id);
    return deployment;
  }

  private runDeployment(projectKey: string, id: string): void {
    const fail = this.failNext > 0;
    if (fail) this.failNext -= 1;
    const get = () => this.deployments.get(projectKey)?.get(id);
    this.later(1, () => {
      const deployment = get();
      if (!deployment || deployment.status !== 'Queued') return;
      deployment.status = 'Deploying';
      deployment.version += 1;
      this.later(2, () => {
        const current = get();
        if (!current || current.status !== 'Deploying') return;
        const repository = this.repositories.get(current.connector.repository.url);
        current.version += 1;
        current.lastModifiedAt = now();
        if (fail || repository?.failDeploy) {
          current.status = 'Failed';
          current.details.build.report = {
            entries: [
              {
                type: 'Error',
                title: 'Build failed',
                message: `${current.applications[0]?.applicationName ?? 'app'}: npm run build exited with code 2`,
                createdAt: now(),
              },
            ],
          };
          return;
        }
        current.status = 'Deployed';
        current.details.build.report = {
          entries: [
            {
              type: 'Information',
              title: 'Build succeeded',
              message: 'All applications built',
              createdAt: now(),
            },
          ],
        };
        const short = current.id.slice(0, 8);
        current.applications = current.applications.map((app): DeploymentApplication => {
          const definition = current.connector.configurations.find(
            (def) => def.applicationName === app.applicationName,
          );
          const type = definition?.applicationType ?? 'service';
          const base = {
            ...app,
            url: `https://${app.applicationName}-${short}.${current.deployedRegion}.commercetools.app`,
          };
          if (type === 'event') return { ...base, topic: `connect-${short}-${app.applicationName}` };
          if (type === 'job')
            return { ...base, schedule: repository?.schedules?.[app.applicationName] ?? '0 0 * * *' };
          return base;
        });
        const base = Date.now() - 60_000;
        const entries: DeploymentLog[] = [];
        current.applications.forEach((app, appIndex) => {
          for (let n = 0; n < 12; n += 1) {
            entries.push({
              type: 'application',
              deploymentId: current.id,
              applicationName: app.applicationName,
              severity: SEVERITIES[n % SEVERITIES.length] as string,
              timestamp: new Date(base + (n * current.applications.length + appIndex) * 1000).toISOString(),
              details: { message: `${app.applicationName} log line ${n + 1}` },
            });
          }
        });
        entries.sort((a, b) => a.timestamp.localeCompare(b.timestamp));
        this.logs.set(current.id, [...(this.logs.get(current.id) ?? []), ...entries]);
      });
    });
  }

  private updateDeployment(deployment: Deployment, body: unknown): Deployment {
    const actions = this.checkVersion(deployment, body);
    for (const action of actions) {
      if (action.action !== 'redeploy')
        throw invalidJson(`actions: unknown update action '${String(action.action)}'.`);
      onlyFields(
        action,
        ['action', 'skipScripts', 'configurationValues', 'globalConfiguration', 'updateConnector'],
        'redeploy',
      );
      if (action.skipScripts !== undefined && typeof action.skipScripts !== 'boolean')
        throw invalidJson('redeploy.skipScripts: must be a boolean.');
      if (action.updateConnector !== undefined && typeof action.updateConnector !== 'boolean')
        throw invalidJson('redeploy.updateConnector: must be a boolean.');
      if (deployment.status !== 'Deployed' && deployment.status !== 'Failed') {
        throw new HttpError(
          400,
          'DeploymentInvalidStatusTransition',
          `The deployment is ${deployment.status}; it can be redeployed when Deployed or Failed.`,
        );
      }
      let connector: Deployment['connector'] = deployment.connector;
      if (action.updateConnector === true) {
        const newest = deployment.connector.staged
          ? this.staged.get(deployment.connector.id)
          : this.connectors.get(deployment.connector.id);
        if (!newest)
          throw new HttpError(400, 'DeploymentConnectorUpdateFailure', 'The connector no longer exists.');
        connector = {
          ...structuredClone(newest as Connector),
          ...(deployment.connector.staged ? { staged: true } : {}),
        };
      }
      const values = this.checkValues(
        connector,
        action.configurationValues,
        action.globalConfiguration,
        true,
      );
      deployment.connector = connector;
      deployment.applications = connector.configurations.map((definition) => {
        const old = deployment.applications.find((app) => app.applicationName === definition.applicationName);
        const given = values.apps.get(definition.applicationName);
        return {
          id: old?.id ?? randomUUID(),
          applicationName: definition.applicationName,
          standardConfiguration: given?.standard ?? old?.standardConfiguration ?? [],
          securedConfiguration: given?.secured ?? old?.securedConfiguration ?? [],
        };
      });
      if (action.globalConfiguration !== undefined) deployment.globalConfiguration = values.global;
      deployment.details = { build: { id: randomUUID() } };
      deployment.status = 'Queued';
    }
    deployment.version += 1;
    deployment.lastModifiedAt = now();
    const projectKey = [...this.deployments.entries()].find(([, project]) =>
      project.has(deployment.id),
    )?.[0] as string;
    this.runDeployment(projectKey, deployment.id);
    return deployment;
  }

  private undeploy(project: Map<string, Deployment>, deployment: Deployment): Deployment {
    if (['Queued', 'Deploying', 'Undeploying'].includes(deployment.status)) {
      throw new HttpError(
        400,
        'DeploymentInvalidStatusTransition',
        `The deployment is ${deployment.status} and cannot be undeployed now.`,
      );
    }
    deployment.status = 'Undeploying';
    deployment.version += 1;
    this.later(2, () => {
      project.delete(deployment.id);
      this.logs.delete(deployment.id);
    });
    return deployment;
  }

  private logsPage(deployment: Deployment, q: URLSearchParams) {
    this.allowQuery(q, ['pageToken', 'applicationName', 'startDate', 'endDate']);
    const parseDate = (name: string) => {
      const value = q.get(name);
      if (value === null) return undefined;
      const time = Date.parse(value);
      if (Number.isNaN(time)) throw invalidQuery(`'${name}' must be an ISO 8601 date.`);
      return time;
    };
    const start = parseDate('startDate');
    const end = parseDate('endDate');
    const app = q.get('applicationName');
    const all = (this.logs.get(deployment.id) ?? []).filter((entry) => {
      const time = Date.parse(entry.timestamp);
      return (
        (!app || entry.applicationName === app) &&
        (start === undefined || time >= start) &&
        (end === undefined || time <= end)
      );
    });
    let offset = 0;
    const token = q.get('pageToken');
    if (token !== null) {
      offset = Number(
        Buffer.from(token, 'base64url')
          .toString('utf8')
          .replace(/^offset:/, ''),
      );
      if (!Number.isInteger(offset) || offset < 0) throw invalidQuery("'pageToken' is not valid.");
    }
    const data = all.slice(offset, offset + this.logsPageSize);
    const nextOffset = offset + data.length;
    return {
      data,
      ...(nextOffset < all.length ? { next: Buffer.from(`offset:${nextOffset}`).toString('base64url') } : {}),
    };
  }
}

/** A connector with one app of each kind that deploys somewhere, and a global key. */
export function sampleRepository(url: string, overrides: Partial<FakeRepository> = {}): FakeRepository {
  return {
    url,
    configurations: [
      {
        applicationName: 'service',
        applicationType: 'service',
        standardConfiguration: [
          { key: 'CTP_REGION', description: 'region', required: true },
          { key: 'LOG_LEVEL', description: 'log level', default: 'info' },
        ],
        securedConfiguration: [{ key: 'API_SECRET', description: 'a secret', required: true }],
      },
      {
        applicationName: 'events',
        applicationType: 'event',
        standardConfiguration: [],
        securedConfiguration: [],
      },
      {
        applicationName: 'nightly',
        applicationType: 'job',
        standardConfiguration: [{ key: 'BATCH_SIZE', description: 'batch size' }],
        securedConfiguration: [],
      },
    ],
    globalConfiguration: {
      standardConfiguration: [{ key: 'SHARED_FLAG', description: 'shared' }],
      securedConfiguration: [],
    },
    schedules: { nightly: '0 2 * * *' },
    ...overrides,
  };
}
