/**
 * Payment Methods (`/{projectKey}/payment-methods`), which the mock lacks and every processor
 * built on `@commercetools/connect-payments-sdk` calls to store a customer's payment methods
 * (`ctPaymentMethodService.find/get/save/delete`): query with `where`, create, get, update and
 * delete by ID or key, with the platform's draft defaults (`paymentMethodStatus: Active`,
 * `default: false`), its update actions and their rules (an inactive Payment Method cannot be the
 * default; a default one cannot be made inactive; the default applies per Customer, Business
 * Unit or both). The repository is built on the mock's own base classes and registered among its
 * repositories, so API Extensions, Messages (`PaymentMethodCreated`, …) and persistence apply as
 * to every other resource type.
 */
import { getBaseResourceProperties, type CommercetoolsMock } from '@labdigital/commercetools-mock';
import type { FastifyReply, FastifyRequest } from 'fastify';

import {
  MockContractError,
  addStorageType,
  oauthMiddleware,
  registerRepository,
  repository,
  storage,
  type CommercetoolsErrorClass,
  type MockRepository,
  type RepositoryContext,
  type Resource,
  type UpdateAction,
} from './mock-internals.js';

export const PAYMENT_METHOD = 'payment-method';

type Json = Record<string, unknown>;

interface RepositoryBase extends MockRepository {
  config: unknown;
  _storage: unknown;
  get(context: RepositoryContext, id: string, params?: Json): Promise<Resource | null>;
  getByKey(context: RepositoryContext, key: string, params?: Json): Promise<Resource | null>;
  query(context: RepositoryContext, params: Json): Promise<Json>;
  processUpdateActions(
    context: RepositoryContext,
    resource: Resource,
    version: number,
    actions: UpdateAction[],
  ): Promise<Resource>;
}

interface HandlerBase {
  _setCustomType(context: RepositoryContext, resource: Resource, action: Json): Promise<void>;
  _setCustomFieldValues(resource: Resource, action: Json): void;
}

type RepositoryClass = new (typeId: string, config: unknown) => RepositoryBase;
type HandlerClass = new (storage: unknown) => HandlerBase;

const KEY_PATTERN = /^[A-Za-z0-9_-]{2,256}$/;

/** The mock's AbstractResourceRepository and AbstractUpdateHandler, taken from its zone repository. */
function baseClasses(mock: CommercetoolsMock): {
  Repository: RepositoryClass;
  Handler: HandlerClass;
  config: unknown;
} {
  const zone = repository(mock, 'zone') as (MockRepository & { config?: unknown }) | undefined;
  const Repository = zone ? (Object.getPrototypeOf(zone.constructor) as unknown) : undefined;
  const Handler = zone?.actions ? (Object.getPrototypeOf(zone.actions.constructor) as unknown) : undefined;
  if (typeof Repository !== 'function' || typeof Handler !== 'function' || !zone?.config)
    throw new MockContractError('AbstractResourceRepository/AbstractUpdateHandler (via the zone repository)');
  return { Repository: Repository as RepositoryClass, Handler: Handler as HandlerClass, config: zone.config };
}

export function installPaymentMethods(mock: CommercetoolsMock, errorClass: CommercetoolsErrorClass): void {
  if (repository(mock, PAYMENT_METHOD)) return;
  const { Repository, Handler, config } = baseClasses(mock);
  addStorageType(mock, PAYMENT_METHOD);
  const store = storage(mock);

  const invalidOperation = (message: string) => new errorClass({ code: 'InvalidOperation', message }, 400);
  const duplicateKey = (key: string) =>
    new errorClass(
      {
        code: 'DuplicateField',
        message: `A duplicate value '"${key}"' exists for field 'key'.`,
        field: 'key',
        duplicateValue: key,
      },
      400,
    );

  /** The platform's 400 for a draft's reference to a resource that does not exist. */
  const referencedNotFound = (typeId: string, identifier: Json) => {
    const what = identifier.key ? `key '${String(identifier.key)}'` : `identifier '${String(identifier.id)}'`;
    return new errorClass(
      {
        code: 'ReferencedResourceNotFound',
        typeId,
        message: `The referenced object of type '${typeId}' with '${what}' was not found. It either doesn't exist, or it can't be accessed from this endpoint (e.g., if the endpoint filters by store or customer account).`,
      },
      400,
    );
  };

  const customerReference = async (projectKey: string, identifier: Json | undefined) => {
    if (!identifier) return undefined;
    const found = identifier.id
      ? await store.get(projectKey, 'customer', String(identifier.id))
      : (await store.all(projectKey, 'customer')).find((c) => c.key === identifier.key);
    if (!found) throw referencedNotFound('customer', identifier);
    return { typeId: 'customer', id: found.id };
  };

  const businessUnitReference = async (projectKey: string, identifier: Json | undefined) => {
    if (!identifier) return undefined;
    const found = identifier.key
      ? (await store.all(projectKey, 'business-unit')).find((b) => b.key === identifier.key)
      : await store.get(projectKey, 'business-unit', String(identifier.id));
    if (!found) throw referencedNotFound('business-unit', identifier);
    return { typeId: 'business-unit', key: found.key };
  };

  const checkKey = async (projectKey: string, key: unknown, self?: string) => {
    if (key === undefined || key === null) return;
    if (typeof key !== 'string' || !KEY_PATTERN.test(key))
      throw new errorClass(
        {
          code: 'InvalidInput',
          message: `Invalid key '${String(key)}'. Keys may only contain alphanumeric characters, underscores and hyphens and must have a minimum length of 2 characters and maximum length of 256 characters.`,
        },
        400,
      );
    const taken = (await store.all(projectKey, PAYMENT_METHOD)).some((m) => m.key === key && m.id !== self);
    if (taken) throw duplicateKey(key);
  };

  /** The default applies per Customer, Business Unit, or both: the others of the same owner stop being it. */
  const clearOtherDefaults = async (context: RepositoryContext, method: Resource) => {
    const owner = (m: Resource) =>
      JSON.stringify([(m.customer as Json | undefined)?.id, (m.businessUnit as Json | undefined)?.key]);
    for (const other of await store.all(context.projectKey, PAYMENT_METHOD)) {
      if (other.id === method.id || other.default !== true || owner(other) !== owner(method)) continue;
      await store.add(context.projectKey, PAYMENT_METHOD, {
        ...other,
        default: false,
        version: other.version + 1,
        lastModifiedAt: new Date().toISOString(),
      });
    }
  };

  class PaymentMethodUpdateHandler extends Handler {
    setKey(context: RepositoryContext, resource: Resource, action: Json): Promise<void> {
      return checkKey(context.projectKey, action.key, resource.id).then(() => {
        if (action.key === undefined || action.key === null) delete resource.key;
        else resource.key = action.key as string;
      });
    }
    setName(_context: RepositoryContext, resource: Resource, action: Json): void {
      assign(resource, 'name', action.name);
    }
    setMethod(_context: RepositoryContext, resource: Resource, action: Json): void {
      assign(resource, 'method', action.method);
    }
    setPaymentInterface(_context: RepositoryContext, resource: Resource, action: Json): void {
      assign(resource, 'paymentInterface', action.paymentInterface);
    }
    setInterfaceAccount(_context: RepositoryContext, resource: Resource, action: Json): void {
      assign(resource, 'interfaceAccount', action.interfaceAccount);
    }
    setDefault(_context: RepositoryContext, resource: Resource, action: Json): void {
      if (action.default === true && resource.paymentMethodStatus === 'Inactive')
        throw invalidOperation('An inactive PaymentMethod cannot be set as the default.');
      resource.default = action.default === true;
    }
    setPaymentMethodStatus(_context: RepositoryContext, resource: Resource, action: Json): void {
      if (action.paymentMethodStatus === 'Inactive' && resource.default === true)
        throw invalidOperation('A default PaymentMethod cannot be set as inactive.');
      resource.paymentMethodStatus = action.paymentMethodStatus;
    }
    setCustomType(context: RepositoryContext, resource: Resource, action: Json): Promise<void> {
      return this._setCustomType(context, resource, action);
    }
    setCustomField(_context: RepositoryContext, resource: Resource, action: Json): void {
      this._setCustomFieldValues(resource, action);
    }
  }

  class PaymentMethodRepository extends Repository {
    constructor() {
      super(PAYMENT_METHOD, config);
      this.actions = new PaymentMethodUpdateHandler(this._storage) as unknown as NonNullable<
        MockRepository['actions']
      >;
    }
    override async create(context: RepositoryContext, input: unknown): Promise<Resource> {
      const draft = (input ?? {}) as Json;
      await checkKey(context.projectKey, draft.key);
      const status = (draft.paymentMethodStatus as string | undefined) ?? 'Active';
      if (draft.default === true && status === 'Inactive')
        throw invalidOperation('An inactive PaymentMethod cannot be set as the default.');
      const resource: Resource = {
        ...(getBaseResourceProperties(context.clientId) as unknown as Resource),
        ...(draft.key !== undefined ? { key: draft.key as string } : {}),
        ...(draft.name !== undefined ? { name: draft.name } : {}),
      };
      const customer = await customerReference(context.projectKey, draft.customer as Json | undefined);
      if (customer) resource.customer = customer;
      const businessUnit = await businessUnitReference(
        context.projectKey,
        draft.businessUnit as Json | undefined,
      );
      if (businessUnit) resource.businessUnit = businessUnit;
      for (const field of ['method', 'paymentInterface', 'interfaceAccount', 'token'] as const)
        if (draft[field] !== undefined) resource[field] = draft[field];
      resource.paymentMethodStatus = status;
      resource.default = draft.default === true;
      if (draft.custom) {
        const handler = this.actions as unknown as HandlerBase;
        await handler._setCustomType(context, resource, draft.custom as Json);
      }
      const saved = await this.saveNew(context, resource);
      if (saved.default === true) await clearOtherDefaults(context, saved);
      return saved;
    }
    override async saveUpdate(
      context: RepositoryContext,
      version: number,
      resource: Resource,
    ): Promise<Resource> {
      const saved = await super.saveUpdate(context, version, resource);
      if (saved.default === true) await clearOtherDefaults(context, saved);
      return saved;
    }
  }

  const repo = new PaymentMethodRepository();
  registerRepository(mock, PAYMENT_METHOD, repo);
  installRoutes(mock, repo, errorClass);
}

function assign(resource: Resource, field: string, value: unknown): void {
  if (value === undefined || value === null) delete resource[field];
  else resource[field] = value;
}

function list(value: unknown): string[] | undefined {
  if (value === undefined) return undefined;
  return ([] as unknown[]).concat(value).map(String);
}

function context(request: FastifyRequest): RepositoryContext {
  const params = request.params as { projectKey: string };
  const clientId = (request as unknown as { credentials?: { clientId?: string } }).credentials?.clientId;
  return { projectKey: params.projectKey, ...(clientId ? { clientId } : {}) };
}

function installRoutes(
  mock: CommercetoolsMock,
  repo: RepositoryBase,
  errorClass: CommercetoolsErrorClass,
): void {
  const notFound = (identifier: string) => {
    const what = identifier.startsWith('key=') ? `key '${identifier.slice(4)}'` : `ID '${identifier}'`;
    return new errorClass(
      { code: 'ResourceNotFound', message: `The Resource with ${what} was not found.` },
      404,
    );
  };
  const find = async (request: FastifyRequest, expand?: string[]) => {
    const { id, key } = request.params as { id?: string; key?: string };
    const params = expand ? { expand } : {};
    const found = key
      ? await repo.getByKey(context(request), key, params)
      : await repo.get(context(request), String(id), params);
    if (!found) throw notFound(key ? `key=${key}` : String(id));
    return found;
  };
  const expandOf = (request: FastifyRequest) => list((request.query as Json).expand);

  const getOne = async (request: FastifyRequest) => find(request, expandOf(request));
  const update = async (request: FastifyRequest) => {
    const body = (request.body ?? {}) as { version?: unknown; actions?: unknown };
    if (typeof body.version !== 'number' || !Array.isArray(body.actions))
      throw new errorClass(
        {
          code: 'InvalidJsonInput',
          message: 'Request body does not contain valid JSON.',
          detailedErrorMessage: 'version, actions: Missing required value',
        },
        400,
      );
    const resource = await find(request);
    const updated = await repo.processUpdateActions(
      context(request),
      resource,
      body.version,
      body.actions as UpdateAction[],
    );
    const expand = expandOf(request);
    return expand ? ((await repo.get(context(request), updated.id, { expand })) ?? updated) : updated;
  };
  const remove = async (request: FastifyRequest) => {
    const resource = await find(request);
    const version = (request.query as Json).version;
    if (version !== undefined && Number(version) !== resource.version)
      throw new errorClass(
        {
          code: 'ConcurrentModification',
          message: `Object ${resource.id} has a different version than expected. Expected: ${String(version)} - Actual: ${resource.version}.`,
          currentVersion: resource.version,
        },
        409,
      );
    return repo.delete(context(request), resource.id, { expand: expandOf(request) });
  };

  void mock.app.register(
    async (instance) => {
      instance.addHook('preHandler', oauthMiddleware(mock) as never);
      instance.get('/', async (request) => {
        const query = request.query as Json;
        const params: Json = {
          where: list(query.where),
          expand: list(query.expand),
          limit: query.limit !== undefined ? Number(query.limit) : undefined,
          offset: query.offset !== undefined ? Number(query.offset) : undefined,
        };
        for (const [name, value] of Object.entries(query))
          if (name.startsWith('var.'))
            params[name] = Array.isArray(value) && value.length === 1 ? value[0] : value;
        return repo.query(context(request), params);
      });
      instance.get('/key=:key', getOne);
      instance.get('/:id', getOne);
      instance.post('/', async (request: FastifyRequest, reply: FastifyReply) => {
        const created = await repo.create(context(request), request.body);
        const expand = expandOf(request);
        const shown = expand
          ? ((await repo.get(context(request), created.id, { expand })) ?? created)
          : created;
        return reply.status(201).send(shown);
      });
      instance.post('/key=:key', update);
      instance.post('/:id', update);
      instance.delete('/key=:key', remove);
      instance.delete('/:id', remove);
    },
    { prefix: '/:projectKey/payment-methods' },
  );
}
