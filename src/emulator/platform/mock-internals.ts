/**
 * The one file that reaches into @labdigital/commercetools-mock's internals (pinned to 4.4.0).
 * The mock has no Extension calls, Message generation or Subscription delivery; we add them by
 * wrapping the `saveNew` / `saveUpdate` / `delete` methods of its repositories, which every
 * create, update-action and delete passes through. `assertMockContract` checks every internal
 * this file relies on, so an upgrade that moves them fails loudly (test/platform-contract.test.ts)
 * instead of silently skipping extensions and messages.
 */
import { CommercetoolsMock, InMemoryStorage } from '@labdigital/commercetools-mock';

export type Resource = { id: string; version: number; key?: string; [field: string]: unknown };
export type UpdateAction = { action: string; [field: string]: unknown };

export interface RepositoryContext {
  projectKey: string;
  clientId?: string;
  storeKey?: string;
}

/** What the mock's repositories look like inside (see src/repositories/abstract.ts of the mock). */
export interface MockRepository {
  _typeId: string;
  actions?: {
    apply(
      ctx: RepositoryContext,
      resource: Resource,
      version: number,
      actions: UpdateAction[],
    ): Promise<Resource>;
  };
  create(ctx: RepositoryContext, draft: unknown): Promise<Resource>;
  saveNew(ctx: RepositoryContext, resource: Resource): Promise<Resource>;
  saveUpdate(ctx: RepositoryContext, version: number, resource: Resource): Promise<Resource>;
  delete(ctx: RepositoryContext, id: string, params?: unknown): Promise<Resource | null>;
}

interface MockStorage {
  add(projectKey: string, typeId: string, resource: Resource): Promise<Resource>;
  get(projectKey: string, typeId: string, id: string): Promise<Resource | null>;
  all(projectKey: string, typeId: string): Promise<Resource[]>;
  delete(projectKey: string, typeId: string, id: string): Promise<Resource | null>;
  query(
    projectKey: string,
    typeId: string,
    params: Record<string, unknown>,
  ): Promise<{ results: Resource[]; total: number }>;
  getProject(projectKey: string): Promise<Record<string, unknown>>;
  saveProject(project: Record<string, unknown>): Promise<unknown>;
  getByResourceIdentifier(projectKey: string, identifier: { typeId: string; id: string }): Promise<unknown>;
}

interface MockInternals {
  _repositories: Record<string, unknown>;
  _storage: MockStorage;
  _oauth2: { createMiddleware(): unknown };
}

/** The class the mock's fastify error handler turns into a commercetools error response. */
export type CommercetoolsErrorClass = new (info: Record<string, unknown>, statusCode?: number) => Error;

export class MockContractError extends Error {
  constructor(what: string) {
    super(
      `@labdigital/commercetools-mock no longer has ${what}; the emulator's hooks (extensions, messages, subscriptions) depend on it. ` +
        'Keep the pinned version (4.4.0) or adapt src/emulator/platform/mock-internals.ts.',
    );
    this.name = 'MockContractError';
  }
}

function internals(mock: CommercetoolsMock): MockInternals {
  return mock as unknown as MockInternals;
}

function isRepository(value: unknown): value is MockRepository {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as MockRepository)._typeId === 'string' &&
    typeof (value as MockRepository).saveNew === 'function' &&
    typeof (value as MockRepository).saveUpdate === 'function' &&
    typeof (value as MockRepository).delete === 'function'
  );
}

/** Every repository instance (the mock has several per type: `cart`, `my-cart`, `as-associate.cart`, ...). */
export function repositories(mock: CommercetoolsMock): MockRepository[] {
  const found: MockRepository[] = [];
  const walk = (value: unknown, depth: number): void => {
    if (isRepository(value)) found.push(value);
    else if (typeof value === 'object' && value !== null && depth < 2) {
      for (const child of Object.values(value)) walk(child, depth + 1);
    }
  };
  walk(internals(mock)._repositories, 0);
  return found;
}

/** The main repository of a resource type (the one the `/{projectKey}/<resources>` endpoint uses). */
export function repository(mock: CommercetoolsMock, typeId: string): MockRepository | undefined {
  const value = internals(mock)._repositories[typeId];
  return isRepository(value) ? value : undefined;
}

export function storage(mock: CommercetoolsMock): MockStorage {
  return internals(mock)._storage;
}

/** Makes a repository ours the mock's `_repositories[typeId]` (hooks, recorders and lookups then see it). */
export function registerRepository(mock: CommercetoolsMock, typeId: string, repo: MockRepository): void {
  internals(mock)._repositories[typeId] = repo;
}

/**
 * Gives every project of the storage a map for `typeId` (InMemoryStorage creates a fixed list of
 * them; `add` silently drops resources of any other type).
 */
export function addStorageType(mock: CommercetoolsMock, typeId: string): void {
  const raw = internals(mock)._storage as unknown as {
    forProjectKey?: (projectKey: string) => Promise<Record<string, unknown>>;
  };
  const original = raw.forProjectKey;
  if (typeof original !== 'function') throw new MockContractError('storage.forProjectKey()');
  raw.forProjectKey = async function (this: unknown, projectKey: string) {
    const maps = await original.call(this, projectKey);
    if (!maps[typeId]) {
      const StorageMap = (maps.cart as { constructor?: unknown } | undefined)?.constructor;
      if (typeof StorageMap !== 'function') throw new MockContractError('a StorageMap per resource type');
      maps[typeId] = new (StorageMap as new () => unknown)();
    }
    return maps;
  };
}

/** The mock's fastify preHandler that checks bearer tokens (for routes we add). */
export function oauthMiddleware(mock: CommercetoolsMock): unknown {
  return internals(mock)._oauth2.createMiddleware();
}

/** The names of the update actions the mock can apply to a resource type. */
export function updateActionNames(repo: MockRepository): Set<string> {
  const names = new Set<string>();
  let proto: object | null = repo.actions ? Object.getPrototypeOf(repo.actions) : null;
  while (proto && proto !== Object.prototype) {
    for (const name of Object.getOwnPropertyNames(proto)) {
      if (name !== 'constructor' && !name.startsWith('_') && !['apply', 'beforeAction'].includes(name)) {
        names.add(name);
      }
    }
    proto = Object.getPrototypeOf(proto);
  }
  return names;
}

/**
 * The mock does not export CommercetoolsError, but its error handler only renders instances of
 * it; we obtain the class from an error the storage throws for an unknown reference.
 */
export async function commercetoolsErrorClass(mock: CommercetoolsMock): Promise<CommercetoolsErrorClass> {
  try {
    await storage(mock).getByResourceIdentifier('__contract', { typeId: 'cart', id: 'does-not-exist' });
  } catch (error) {
    const ctor = (error as { constructor?: unknown }).constructor;
    if (typeof ctor === 'function' && 'statusCode' in (error as object) && 'info' in (error as object)) {
      return ctor as CommercetoolsErrorClass;
    }
  }
  throw new MockContractError('a CommercetoolsError thrown by storage.getByResourceIdentifier');
}

/** Throws MockContractError naming the first internal the hooks rely on that is missing. */
export function assertMockContract(mock: CommercetoolsMock): void {
  const raw = internals(mock);
  if (typeof raw._repositories !== 'object' || raw._repositories === null)
    throw new MockContractError('_repositories');
  if (!(raw._storage instanceof InMemoryStorage))
    throw new MockContractError('an InMemoryStorage in _storage');
  if (typeof raw._oauth2?.createMiddleware !== 'function')
    throw new MockContractError('_oauth2.createMiddleware()');
  for (const typeId of ['cart', 'order', 'payment', 'customer', 'product', 'extension', 'subscription']) {
    const repo = repository(mock, typeId);
    if (!repo) throw new MockContractError(`a "${typeId}" repository with saveNew/saveUpdate/delete`);
    if (repo._typeId !== typeId)
      throw new MockContractError(`_typeId "${typeId}" on the ${typeId} repository`);
    if (typeof repo.actions?.apply !== 'function')
      throw new MockContractError(`${typeId} repository actions.apply()`);
  }
  for (const name of ['add', 'get', 'all', 'delete', 'query', 'getProject', 'saveProject'] as const) {
    if (typeof raw._storage[name] !== 'function') throw new MockContractError(`storage.${name}()`);
  }
}

/**
 * The mock's ExtensionRepository.create drops `additionalContext` (includeOldResource) of the
 * draft; keep it, since it decides whether extensions get `oldResource`.
 */
export function keepExtensionAdditionalContext(mock: CommercetoolsMock): void {
  const repo = repository(mock, 'extension');
  if (!repo) throw new MockContractError('an "extension" repository');
  const create = repo.create;
  repo.create = async function (context, draft) {
    const created = await create.call(this, context, draft);
    const extra = (draft as { additionalContext?: unknown } | null)?.additionalContext;
    if (extra !== undefined && created.additionalContext === undefined) {
      created.additionalContext = extra;
      await storage(mock).add(context.projectKey, 'extension', created);
    }
    return created;
  };
}
