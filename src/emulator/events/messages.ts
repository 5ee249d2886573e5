/**
 * The platform's Messages and change notifications for a stored change: which messages a
 * create, update or delete produces (at least the created / state-changed / deleted messages
 * of carts, orders, payments, customers and products), with the platform's common fields.
 * Carts have no "Created" message on the platform; their creation is seen through change
 * notifications (`changes: [{resourceTypeId: "cart"}]`).
 */
import { randomUUID } from 'node:crypto';

import { productProjection } from './projection.js';

export type Json = Record<string, unknown>;

export interface ResourceLike {
  id: string;
  version: number;
  key?: string;
  [field: string]: unknown;
}

export interface Message extends Json {
  id: string;
  version: number;
  sequenceNumber: number;
  resource: { typeId: string; id: string };
  resourceVersion: number;
  resourceUserProvidedIdentifiers?: Json;
  type: string;
  createdAt: string;
  lastModifiedAt: string;
}

export interface ChangeNotification {
  notificationType: 'ResourceCreated' | 'ResourceUpdated' | 'ResourceDeleted';
  resource: { typeId: string; id: string };
  resourceUserProvidedIdentifiers?: Json;
  version: number;
  oldVersion?: number;
  modifiedAt: string;
}

export interface ChangeInput {
  kind: 'create' | 'update' | 'delete';
  typeId: string;
  resource: ResourceLike;
  old?: ResourceLike | undefined;
}

type MessageBody = { type: string } & Json;

function stateOf(value: unknown): unknown {
  return value ?? undefined;
}

function projection(product: ResourceLike, which: 'current' | 'staged'): Json {
  return productProjection(product, which);
}

/** The bodies (type + own fields) of the messages a change produces. */
export function messageBodies(change: ChangeInput): MessageBody[] {
  const { kind, typeId, resource: r, old } = change;
  const bodies: MessageBody[] = [];
  const changed = (field: string): boolean =>
    JSON.stringify(stateOf(r[field])) !== JSON.stringify(stateOf(old?.[field]));
  switch (typeId) {
    case 'order':
      if (kind === 'create') bodies.push({ type: 'OrderCreated', order: r });
      if (kind === 'delete') bodies.push({ type: 'OrderDeleted', order: r });
      if (kind === 'update' && old) {
        if (changed('orderState'))
          bodies.push({ type: 'OrderStateChanged', orderState: r.orderState, oldOrderState: old.orderState });
        if (changed('paymentState'))
          bodies.push({
            type: 'OrderPaymentStateChanged',
            paymentState: r.paymentState,
            oldPaymentState: old.paymentState,
          });
        if (changed('shipmentState'))
          bodies.push({
            type: 'OrderShipmentStateChanged',
            shipmentState: r.shipmentState,
            oldShipmentState: old.shipmentState,
          });
      }
      break;
    case 'payment': {
      if (kind === 'create') bodies.push({ type: 'PaymentCreated', payment: r });
      if (kind === 'update' && old) {
        const before = new Set(((old.transactions as Json[] | undefined) ?? []).map((t) => t.id));
        for (const transaction of (r.transactions as Json[] | undefined) ?? []) {
          if (!before.has(transaction.id)) bodies.push({ type: 'PaymentTransactionAdded', transaction });
        }
        const state = (r.paymentStatus as Json | undefined)?.state;
        const oldState = (old.paymentStatus as Json | undefined)?.state;
        if (state && JSON.stringify(state) !== JSON.stringify(oldState))
          bodies.push({ type: 'PaymentStatusStateTransition', state, force: false });
      }
      break;
    }
    case 'customer':
      if (kind === 'create') bodies.push({ type: 'CustomerCreated', customer: r });
      if (kind === 'delete') bodies.push({ type: 'CustomerDeleted', email: r.email });
      if (kind === 'update' && old && changed('email'))
        bodies.push({ type: 'CustomerEmailChanged', email: r.email });
      break;
    case 'product': {
      if (kind === 'create')
        bodies.push({ type: 'ProductCreated', productProjection: projection(r, 'staged') });
      if (kind === 'delete')
        bodies.push({
          type: 'ProductDeleted',
          removedImageUrls: [],
          currentProjection: projection(r, 'current'),
        });
      const published = (r.masterData as Json | undefined)?.published === true;
      const wasPublished = (old?.masterData as Json | undefined)?.published === true;
      const stagedChangesGone =
        (old?.masterData as Json | undefined)?.hasStagedChanges === true &&
        (r.masterData as Json | undefined)?.hasStagedChanges === false;
      if (kind === 'update' && published && (!wasPublished || stagedChangesGone))
        bodies.push({
          type: 'ProductPublished',
          removedImageUrls: [],
          productProjection: projection(r, 'current'),
          scope: 'All',
        });
      if (kind === 'update' && !published && wasPublished) bodies.push({ type: 'ProductUnpublished' });
      break;
    }
    case 'cart':
      if (kind === 'update' && old && changed('cartState')) {
        if (r.cartState === 'Frozen') bodies.push({ type: 'CartFrozen' });
        else if (old.cartState === 'Frozen') bodies.push({ type: 'CartUnfrozen' });
      }
      break;
    default:
      break;
  }
  return bodies;
}

export function userProvidedIdentifiers(resource: ResourceLike): Json | undefined {
  const ids: Json = {};
  for (const field of ['key', 'externalId', 'orderNumber', 'customerNumber', 'sku', 'slug']) {
    if (resource[field] !== undefined) ids[field] = resource[field];
  }
  return Object.keys(ids).length > 0 ? ids : undefined;
}

export function changeNotification(change: ChangeInput): ChangeNotification {
  const { kind, typeId, resource, old } = change;
  const ids = userProvidedIdentifiers(resource);
  return {
    notificationType:
      kind === 'create' ? 'ResourceCreated' : kind === 'update' ? 'ResourceUpdated' : 'ResourceDeleted',
    resource: { typeId, id: resource.id },
    ...(ids ? { resourceUserProvidedIdentifiers: ids } : {}),
    version: resource.version,
    ...(kind === 'update' && old ? { oldVersion: old.version } : {}),
    modifiedAt: new Date().toISOString(),
  };
}

/**
 * Keeps the project's messages, numbered per resource as the platform does, and answers
 * `/{projectKey}/messages` queries.
 */
export class MessageLog {
  private readonly messages: Message[] = [];
  private readonly sequences = new Map<string, number>();
  private pending: Promise<unknown> = Promise.resolve();

  constructor(initial: Message[] = []) {
    for (const message of initial) this.add(message);
  }

  /** Creates and keeps the messages of a change. */
  record(change: ChangeInput, clientId = ''): Message[] {
    const bodies = messageBodies(change);
    const created: Message[] = [];
    for (const body of bodies) created.push(this.create(change.typeId, change.resource, body, clientId));
    return created;
  }

  /** Builds one message for a resource (also used for messages published by hand). */
  create(typeId: string, resource: ResourceLike, body: MessageBody, clientId = ''): Message {
    const key = `${typeId}/${resource.id}`;
    const sequenceNumber = (this.sequences.get(key) ?? 0) + 1;
    const now = new Date().toISOString();
    const ids = userProvidedIdentifiers(resource);
    const message: Message = {
      id: randomUUID(),
      version: 1,
      versionModifiedAt: now,
      sequenceNumber,
      resource: { typeId, id: resource.id },
      resourceVersion: resource.version,
      ...(ids ? { resourceUserProvidedIdentifiers: ids } : {}),
      createdAt: now,
      lastModifiedAt: now,
      createdBy: { clientId, isPlatformClient: false },
      lastModifiedBy: { clientId, isPlatformClient: false },
      ...body,
    };
    this.add(message);
    return message;
  }

  /**
   * Runs `work` (which creates messages) after the work queued before it, so messages keep the
   * order of the changes; queries wait for it (`settled`).
   */
  queue<T>(work: () => Promise<T>): Promise<T> {
    const run = this.pending.then(work);
    this.pending = run.catch(() => undefined);
    return run;
  }

  /** Resolves once every queued message is created. */
  async settled(): Promise<void> {
    await this.pending;
  }

  private add(message: Message): void {
    this.messages.push(message);
    const key = `${message.resource.typeId}/${message.resource.id}`;
    this.sequences.set(key, Math.max(this.sequences.get(key) ?? 0, message.sequenceNumber));
  }

  all(): Message[] {
    return [...this.messages];
  }

  get(id: string): Message | undefined {
    return this.messages.find((m) => m.id === id);
  }
}
