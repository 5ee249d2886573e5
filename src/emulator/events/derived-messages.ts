/**
 * The Messages the platform generates for a change, beyond the state diffs of ./messages.ts:
 * one per update action that has a Message on the platform (the catalogue says which: the SDK
 * documents every Message with the update action or request that generates it), the `Created`
 * and `Deleted` Messages of every resource type, and those of the customer requests that are not
 * update actions (password and email tokens, password reset and change, email confirmation).
 * Fields come from the action, the resource before and after it, and the platform's types say
 * what else is required (./message-samples.ts `Completer`).
 */
import type { ActionStep, CustomerRequest } from '../platform/action-steps.js';
import type { Resource } from '../platform/mock-internals.js';
import { resourcePath } from '../platform/resource-types.js';
import { messageCatalogue, type MessageTypeInfo } from './catalogue.js';
import { Completer, type ResourceSource } from './message-samples.js';
import { productProjection } from './projection.js';

export type Body = { type: string } & Record<string, unknown>;

export interface DerivedMessage {
  /** The typeId of `resource` (differs from the change's for token messages). */
  typeId: string;
  resource: Resource;
  body: Body;
}

type Json = Record<string, unknown>;

interface Index {
  byAction: Map<string, string[]>;
  created: Map<string, string[]>;
  deleted: Map<string, string[]>;
}

let index: Index | undefined;

function catalogueIndex(): Index {
  if (index) return index;
  const built: Index = { byAction: new Map(), created: new Map(), deleted: new Map() };
  const add = (map: Map<string, string[]>, key: string, type: string) =>
    map.set(key, [...(map.get(key) ?? []), type]);
  for (const [type, info] of Object.entries(messageCatalogue().messages)) {
    for (const { resource, action } of info.actions) add(built.byAction, `${resource}.${action}`, type);
    for (const request of info.requests) {
      const path = resourcePath(request.resource);
      if (request.method === 'POST' && request.path === `/${path}` && type.endsWith('Created'))
        add(built.created, request.resource, type);
      if (request.method === 'DELETE' && type.endsWith('Deleted')) add(built.deleted, request.resource, type);
    }
  }
  index = built;
  return built;
}

/** The message types the local API can generate for update action `action` of `typeId`. */
export function messageTypesOfAction(typeId: string, action: string): string[] {
  return catalogueIndex().byAction.get(`${typeId}.${action}`) ?? [];
}

export function messageTypesOfCreate(typeId: string): string[] {
  return catalogueIndex().created.get(typeId) ?? [];
}

export function messageTypesOfDelete(typeId: string): string[] {
  return catalogueIndex().deleted.get(typeId) ?? [];
}

function camel(typeId: string): string {
  return typeId.replace(/-([a-z])/g, (_m, c: string) => c.toUpperCase());
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** The custom fields a `set…CustomField` action writes into, before it ran. */
function customContainer(resource: Json, action: Json): Json | undefined {
  const find = (list: unknown, id: unknown) =>
    Array.isArray(list) ? (list as Json[]).find((entry) => entry.id === id || entry.key === id) : undefined;
  let owner: Json | undefined = resource;
  if (action.addressId !== undefined || action.addressKey !== undefined)
    owner = find(resource.addresses, action.addressId ?? action.addressKey);
  else if (action.deliveryId !== undefined)
    owner = find((resource.shippingInfo as Json | undefined)?.deliveries, action.deliveryId);
  else if (action.action === 'setMethodInfoCustomField')
    owner = resource.paymentMethodInfo as Json | undefined;
  return (owner?.custom as Json | undefined)?.fields as Json | undefined;
}

/** Which of the types an action may generate it generated this time. */
function chosen(types: string[], step: ActionStep): string[] {
  const action = step.action as Json;
  const before = step.before as Json;
  const after = step.after as Json;
  return types.filter((type) => {
    if (/CustomField(Added|Changed|Removed)$/.test(type)) {
      const previous = customContainer(before, action)?.[String(action.name)];
      const kind =
        action.value === undefined || action.value === null
          ? 'Removed'
          : previous === undefined
            ? 'Added'
            : 'Changed';
      return type.endsWith(`CustomField${kind}`);
    }
    if (/Custom(Type|Fields)(Set|Removed)$/.test(type)) {
      return type.endsWith(action.type ? 'Set' : 'Removed');
    }
    if (type === 'BusinessUnitTopLevelUnitSet') return !same(before.topLevelUnit, after.topLevelUnit);
    return true;
  });
}

/** A product's fields live in its staged data (slug, name, categories, ...). */
function withProductData(resource: Json, typeId: string): Json {
  if (typeId !== 'product') return resource;
  const data = (resource.masterData as Json | undefined)?.staged as Json | undefined;
  return { ...(data ?? {}), ...resource };
}

/** A field of a message from what the action, the resource before and after it hold. */
function candidate(field: string, type: string, step: ActionStep, typeId: string): unknown {
  const action = step.action as Json;
  const before = withProductData(step.before as Json, typeId);
  const after = withProductData(step.after as Json, typeId);
  if (field === camel(typeId)) return step.after;
  if (/CustomField(Added|Changed|Removed)$/.test(type)) {
    if (field === 'name') return action.name;
    if (field === 'value') return action.value;
    if (field === 'previousValue' || field === 'oldValue')
      return customContainer(before, action)?.[String(action.name)];
  }
  if (/Custom(Type|Fields)Set$/.test(type) && field === 'customFields') return after.custom;
  if (field === 'previousTypeId') return ((before.custom as Json | undefined)?.type as Json | undefined)?.id;
  if (field === 'address' || field === 'addressId') {
    const list = (field === 'address' && /Removed$/.test(type) ? before : after).addresses;
    const id = action.addressId ?? action.addressKey;
    const found = Array.isArray(list)
      ? id === undefined
        ? (list as Json[]).find(
            (entry) => !((before.addresses as Json[] | undefined) ?? []).some((old) => old.id === entry.id),
          )
        : (list as Json[]).find((entry) => entry.id === id || entry.key === id)
      : undefined;
    return field === 'address' ? found : (found?.id ?? action.addressId);
  }
  if (field === 'productProjection' && typeId === 'product') return productProjection(step.after, 'current');
  if (field === 'staged') return action.staged ?? true;
  if (field === 'force') return action.force ?? false;
  const old = /^(old|previous)([A-Z]\w*)$/.exec(field);
  if (old?.[2]) return before[lowerFirst(old[2])] ?? before[field];
  const fresh = /^new([A-Z]\w*)$/.exec(field);
  if (fresh?.[1]) return after[lowerFirst(fresh[1])] ?? action[field];
  if (typeId === 'payment' && field === 'state' && type === 'PaymentStatusStateTransition')
    return (after.paymentStatus as Json | undefined)?.state;
  return after[field] ?? action[field];
}

/** A ResourceIdentifier `{typeId, key}` of an action as the Reference `{typeId, id}` a message carries. */
async function asReference(
  value: unknown,
  lookup: (typeId: string, key: string) => Promise<string | undefined>,
): Promise<unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return value;
  const record = value as Json;
  if (typeof record.typeId === 'string' && record.id === undefined && typeof record.key === 'string') {
    const id = await lookup(record.typeId, record.key);
    return id ? { typeId: record.typeId, id } : value;
  }
  if (typeof record.typeId === 'string' && typeof record.id === 'string' && 'obj' in record) {
    return { typeId: record.typeId, id: record.id };
  }
  return value;
}

export interface DeriveContext {
  source: ResourceSource;
  lookup(typeId: string, key: string): Promise<string | undefined>;
}

async function body(
  type: string,
  info: MessageTypeInfo,
  typeId: string,
  resource: Resource,
  pick: (field: string) => unknown,
  context: DeriveContext,
): Promise<Body> {
  const completer = new Completer(context.source, messageCatalogue().definitions, { typeId, resource });
  const out: Body = { type };
  for (const field of info.fields) {
    const schema = info.schema.properties[field] ?? {};
    const required = info.schema.required.includes(field);
    const value = await asReference(pick(field), context.lookup);
    if (value === undefined && !required) continue;
    out[field] = await completer.complete(schema, value, field);
  }
  return out;
}

/** Messages of the update actions of one update. */
export async function messagesOfSteps(
  typeId: string,
  steps: ActionStep[],
  context: DeriveContext,
): Promise<Body[]> {
  const bodies: Body[] = [];
  const catalogue = messageCatalogue().messages;
  for (const step of steps) {
    if (step.before.version === step.after.version) continue;
    for (const type of chosen(messageTypesOfAction(typeId, step.action.action), step)) {
      const info = catalogue[type];
      if (!info) continue;
      bodies.push(
        await body(type, info, typeId, step.after, (field) => candidate(field, type, step, typeId), context),
      );
    }
  }
  return bodies;
}

/** The `Created` / `Deleted` messages of a resource type. */
export async function messagesOfLifecycle(
  kind: 'create' | 'delete',
  typeId: string,
  resource: Resource,
  context: DeriveContext,
): Promise<Body[]> {
  const types = kind === 'create' ? messageTypesOfCreate(typeId) : messageTypesOfDelete(typeId);
  const bodies: Body[] = [];
  for (const type of types) {
    const info = messageCatalogue().messages[type];
    if (!info) continue;
    const pick = (field: string): unknown => {
      if (field === camel(typeId)) return resource;
      if (typeId === 'product' && field === 'productProjection') return productProjection(resource, 'staged');
      if (typeId === 'product' && field === 'currentProjection')
        return productProjection(resource, 'current');
      if (field === 'removedImageUrls') return [];
      return (resource as Json)[field];
    };
    bodies.push(await body(type, info, typeId, resource, pick, context));
  }
  return bodies;
}

/** The message of a customer request that is not an update action. */
export async function messageOfCustomerRequest(
  request: CustomerRequest,
  context: DeriveContext,
): Promise<DerivedMessage> {
  const catalogue = messageCatalogue().messages;
  if (request.kind === 'password-token' || request.kind === 'email-token') {
    const type =
      request.kind === 'password-token' ? 'CustomerPasswordTokenCreated' : 'CustomerEmailTokenCreated';
    const typeId = request.kind === 'password-token' ? 'customer-password-token' : 'customer-email-token';
    const token = request.token as Json;
    const resource = { id: String(token.id), version: 1 } as Resource;
    const info = catalogue[type];
    const built = info
      ? await body(type, info, typeId, resource, (field) => token[field], context)
      : { type, ...token };
    return { typeId, resource, body: built };
  }
  const type = request.kind === 'email-confirm' ? 'CustomerEmailVerified' : 'CustomerPasswordUpdated';
  return {
    typeId: 'customer',
    resource: request.customer,
    body: request.kind === 'email-confirm' ? { type } : { type, reset: request.kind === 'password-reset' },
  };
}
