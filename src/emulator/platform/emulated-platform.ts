/**
 * The emulated platform: the local commercetools API with API Extensions, Messages and
 * Subscription delivery layered on it. `connect dev` starts one (through the plugin in
 * ./plugin.ts); tests and benches can start one on its own.
 */

import { ConnectError } from '../../errors.js';
import type { RetryPolicy } from '../../spec/types.js';
import { DeliveryEngine, type Delivery } from '../events/delivery.js';
import {
  changeNotificationPayload,
  messageNotification,
  testNotification,
  type Notification,
  type NotificationFormat,
} from '../events/envelopes.js';
import { changeNotification, messageBodies, type Message } from '../events/messages.js';
import {
  activeSubscriptions,
  applicationOf,
  formatOf,
  matchesChange,
  matchesMessage,
  subscriptionTarget,
  type DefaultSubscription,
  type EventApps,
} from '../events/subscriptions.js';
import {
  ExtensionRunner,
  type DefaultExtension,
  type ExtensionApps,
  type ExtensionCall,
} from '../extensions/runner.js';
import { buildSample, buildUpdatedSample } from '../extensions/samples.js';
import type { SaveChange, StoredChange } from './hooks.js';
import type { DeferredServer } from './deferred-server.js';
import { GCP_PROJECT_ID, platformEnvironment, topicOf } from './environment.js';
import { LocalApi, type PlatformInfo } from './local-api.js';

export { GCP_PROJECT_ID, platformEnvironment, topicOf } from './environment.js';
import type { Resource } from './mock-internals.js';

/** What the platform needs to know of an application of connect.yaml. */
export interface PlatformApp {
  name: string;
  type: string;
  /** The app's local URL including its endpoint, or null when it is not running. */
  url: string | null;
  retryPolicy?: RetryPolicy | undefined;
}

export type PlatformEvent =
  | { type: 'extension-call'; data: ExtensionCall }
  | { type: 'message'; data: Message }
  | { type: 'delivery'; data: Delivery }
  | { type: 'dead-letter'; data: Delivery };

export interface EmulatedPlatformOptions {
  /** The repository's `.connect/`; the delivery journal goes to `<stateDir>/deliveries.jsonl`. */
  stateDir?: string | undefined;
  /** Keep undelivered messages across restarts (on with --persist). */
  persistDeliveries?: boolean | undefined;
  seedFile?: string | undefined;
  persistDir?: string | undefined;
  chaos?: boolean | undefined;
  extensions?: DefaultExtension[] | undefined;
  subscriptions?: DefaultSubscription[] | undefined;
  apps: () => PlatformApp[];
  emit?: ((event: PlatformEvent) => void) | undefined;
  projectKey?: string | undefined;
  scopes?: readonly string[] | undefined;
  clientId?: string | undefined;
  clientSecret?: string | undefined;
  /** An already-listening socket to serve the local API on. */
  server?: DeferredServer | undefined;
  ackDeadlineMs?: number | undefined;
  /** Masks secured values (of the values file, the local client) in what apps answer. */
  redact?: ((text: string) => string) | undefined;
  /** Warnings for the developer (e.g. a subscription no event app receives). */
  warn?: ((text: string) => void) | undefined;
}

/** The platform's per-project limits on the resources connectors register. */
const PROJECT_LIMITS: Record<string, number> = { extension: 25, subscription: 50 };

/** Message types a `--trigger event` type is built from: the resource type and how. */
const MESSAGE_SOURCES: Record<string, { typeId: string; kind: 'create' | 'update' | 'delete' }> = {
  OrderCreated: { typeId: 'order', kind: 'create' },
  OrderDeleted: { typeId: 'order', kind: 'delete' },
  PaymentCreated: { typeId: 'payment', kind: 'create' },
  CustomerCreated: { typeId: 'customer', kind: 'create' },
  CustomerDeleted: { typeId: 'customer', kind: 'delete' },
  ProductCreated: { typeId: 'product', kind: 'create' },
  ProductDeleted: { typeId: 'product', kind: 'delete' },
};

const TYPE_PREFIXES: Array<[string, string]> = [
  ['Order', 'order'],
  ['Payment', 'payment'],
  ['Customer', 'customer'],
  ['Product', 'product'],
  ['Cart', 'cart'],
];

export class EmulatedPlatform {
  private constructor(
    readonly api: LocalApi,
    readonly extensions: ExtensionRunner,
    readonly deliveries: DeliveryEngine,
    private readonly options: EmulatedPlatformOptions,
  ) {}

  static async start(options: EmulatedPlatformOptions): Promise<EmulatedPlatform> {
    const api = await LocalApi.start({
      ...(options.projectKey ? { projectKey: options.projectKey } : {}),
      ...(options.clientId ? { clientId: options.clientId } : {}),
      ...(options.clientSecret ? { clientSecret: options.clientSecret } : {}),
      scopes: options.scopes,
      server: options.server,
      persistDir: options.persistDir,
      seedFile: options.seedFile,
    });
    const emit = options.emit ?? (() => undefined);
    const appsOf = (type: string) => options.apps().filter((a) => a.type === type);
    const extensionApps: ExtensionApps = {
      applicationFor: (url) => applicationForUrl(appsOf('service'), url),
      urlOf: (name) => appsOf('service').find((a) => a.name === name)?.url ?? null,
      defaults: () => options.extensions ?? [],
    };
    const runner = new ExtensionRunner(
      api,
      extensionApps,
      (call) => emit({ type: 'extension-call', data: call }),
      options.redact,
    );
    const engine = new DeliveryEngine({
      urlOf: (name) => appsOf('event').find((a) => a.name === name)?.url ?? null,
      retryPolicyOf: (name) => appsOf('event').find((a) => a.name === name)?.retryPolicy,
      journalDir: options.stateDir,
      persistPending: options.persistDeliveries ?? Boolean(options.persistDir),
      notice: (text) => options.warn?.(text),
      chaos: options.chaos === true,
      ...(options.ackDeadlineMs ? { ackDeadlineMs: options.ackDeadlineMs } : {}),
      onDelivery: (delivery) => emit({ type: 'delivery', data: delivery }),
      onDeadLetter: (delivery) => emit({ type: 'dead-letter', data: delivery }),
    });
    await engine.load();
    const platform = new EmulatedPlatform(api, runner, engine, options);
    api.setHooks({
      beforeSave: async (change) => {
        await platform.checkLimits(change);
        await runner.beforeSave(change);
      },
      afterSave: (change) => platform.afterSave(change),
    });
    return platform;
  }

  info(): PlatformInfo {
    return this.api.info();
  }

  /** The variables an app or script gets so it talks to the local project. */
  env(app: { name: string; type: string }): Record<string, string> {
    return platformEnvironment(this.info(), app);
  }

  /** Publishes one message to an event app (`connect trigger event`); resolves after the first attempt. */
  async publish(
    application: string,
    input: { type: string; format?: string | undefined; payload?: unknown },
  ): Promise<Delivery> {
    const app = this.options.apps().find((a) => a.name === application);
    if (!app || app.type !== 'event') {
      throw new ConnectError('NOT_AN_EVENT_APP', `"${application}" is not an event application.`, {
        hint: 'pass the name of an event application from connect.yaml (see `connect status`)',
      });
    }
    const subscriptions = (await activeSubscriptions(this.api, this.eventApps())).filter(
      (s) => s.application === application,
    );
    const requested = normalizeFormat(input.format);
    const format: NotificationFormat = requested ?? subscriptions[0]?.format ?? 'Platform';
    const target = subscriptions[0]
      ? { ...subscriptions[0].target, format }
      : subscriptionTarget(application, GCP_PROJECT_ID, `default-${application}`, format);
    const notification =
      input.payload === undefined
        ? await this.sampleNotification(input.type)
        : this.fromFile(input.type, input.payload);
    return this.deliveries.publish(target, notification);
  }

  async stop(): Promise<void> {
    const report = await this.deliveries.stop();
    if (report.undelivered > 0) {
      const count = `${report.undelivered} undelivered message${report.undelivered === 1 ? '' : 's'}`;
      const flight = report.inFlight > 0 ? ` (${report.inFlight} were being delivered at stop)` : '';
      this.options.warn?.(
        report.kept
          ? `${count}${flight} saved in .connect/deliveries.jsonl; they are delivered at the next \`connect dev --persist\`.`
          : `${count}${flight} discarded at stop: run \`connect dev --persist <dir>\` to keep them across restarts.`,
      );
    }
    await this.api.stop();
  }

  private eventApps(): EventApps {
    const events = () => this.options.apps().filter((a) => a.type === 'event');
    return {
      applicationForTopic: (projectId, topic) =>
        projectId !== '' && projectId !== GCP_PROJECT_ID
          ? null
          : (events().find((a) => topicOf(a.name) === topic)?.name ?? null),
      gcpProjectId: () => GCP_PROJECT_ID,
      defaults: () => this.options.subscriptions ?? [],
    };
  }

  /** Refuses the 26th extension / 51st subscription, as the platform does. */
  private async checkLimits(change: SaveChange): Promise<void> {
    const limit = PROJECT_LIMITS[change.typeId];
    if (change.kind !== 'create' || limit === undefined) return;
    if ((await this.api.all(change.typeId)).length < limit) return;
    throw new this.api.errorClass(
      {
        code: 'MaxResourceLimitExceeded',
        message: `You have exceeded the limit of ${limit} resources of type ${change.typeId}.`,
        exceededResource: { typeId: change.typeId },
      },
      400,
    );
  }

  private afterSave(change: StoredChange): void {
    const messages = this.api.messages.record(change, change.context.clientId ?? '');
    for (const message of messages) this.options.emit?.({ type: 'message', data: message });
    void this.route(change, messages).catch(() => undefined);
  }

  private async route(change: StoredChange, messages: Message[]): Promise<void> {
    const projectKey = this.api.projectKey;
    const apps = this.eventApps();
    if (change.typeId === 'subscription' && change.kind === 'create') {
      const application = applicationOf(change.resource, apps);
      if (!application) {
        const destination = JSON.stringify(change.resource.destination);
        this.options.warn?.(
          `Subscription ${String(change.resource.key ?? change.resource.id)} goes to ${destination}, which no event application receives locally (their topics: ${
            this.options
              .apps()
              .filter((a) => a.type === 'event')
              .map((a) => topicOf(a.name))
              .join(', ') || 'none'
          }); it is stored but not delivered.`,
        );
      }
      if (application) {
        const name = String(change.resource.key ?? change.resource.id);
        const target = subscriptionTarget(application, GCP_PROJECT_ID, name, formatOf(change.resource));
        await this.deliveries.publish(target, testNotification(projectKey, change.resource.id));
      }
    }
    const subscriptions = await activeSubscriptions(this.api, apps);
    const sends: Array<Promise<unknown>> = [];
    for (const subscription of subscriptions) {
      for (const message of messages) {
        if (matchesMessage(subscription, change.typeId, message.type)) {
          sends.push(this.deliveries.publish(subscription.target, messageNotification(projectKey, message)));
        }
      }
      if (matchesChange(subscription, change.typeId)) {
        sends.push(
          this.deliveries.publish(
            subscription.target,
            changeNotificationPayload(projectKey, changeNotification(change)),
          ),
        );
      }
    }
    await Promise.all(sends);
  }

  /** A realistic message of `type` built from resources created (quietly) in the local API. */
  private async sampleNotification(type: string): Promise<Notification> {
    const projectKey = this.api.projectKey;
    const source =
      MESSAGE_SOURCES[type] ??
      (() => {
        const prefix = TYPE_PREFIXES.find(([p]) => type.startsWith(p));
        return prefix ? { typeId: prefix[1], kind: 'update' as const } : undefined;
      })();
    if (!source) {
      throw new ConnectError('UNKNOWN_MESSAGE_TYPE', `No sample for message type "${type}".`, {
        hint: 'pass --file with the message as JSON, or use e.g. OrderCreated, CustomerCreated, PaymentCreated',
        exitCode: 2,
      });
    }
    let resource: Resource;
    let old: Resource | undefined;
    if (source.kind === 'update') [old, resource] = await buildUpdatedSample(this.api, source.typeId);
    else resource = await buildSample(this.api, source.typeId);
    const generated = messageBodies({ kind: source.kind, typeId: source.typeId, resource, old }).find(
      (b) => b.type === type,
    );
    const body = generated ?? { type, ...stateChangeFields(type, resource) };
    const message = this.api.messages.create(source.typeId, resource, body);
    this.options.emit?.({ type: 'message', data: message });
    return messageNotification(projectKey, message);
  }

  /** A notification from `--file`: a full notification, or a message (type + fields) to wrap. */
  private fromFile(type: string, payload: unknown): Notification {
    if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) {
      throw new ConnectError('EVENT_FILE_INVALID', 'The event file must hold a JSON object.', {
        hint: 'write a message like {"type": "OrderCreated", "resource": {"typeId": "order", "id": "..."}, "order": {...}}',
        exitCode: 2,
      });
    }
    const data = payload as Record<string, unknown>;
    const projectKey = this.api.projectKey;
    if (typeof data.notificationType === 'string') return { projectKey, ...data } as Notification;
    const resource = (data.resource as { typeId?: string; id?: string } | undefined) ?? {};
    const typeId = resource.typeId ?? TYPE_PREFIXES.find(([p]) => type.startsWith(p))?.[1] ?? 'order';
    const { resource: _ignored, ...fields } = data;
    const message = this.api.messages.create(
      typeId,
      { id: resource.id ?? String(fields.id ?? 'unknown'), version: Number(data.resourceVersion ?? 1) },
      { ...fields, type: String(data.type ?? type) },
    );
    return messageNotification(projectKey, message);
  }
}

function stateChangeFields(type: string, resource: Resource): Record<string, unknown> {
  if (type === 'OrderStateChanged')
    return { orderState: 'Confirmed', oldOrderState: resource.orderState ?? 'Open' };
  if (type === 'OrderPaymentStateChanged') return { paymentState: 'Paid', oldPaymentState: 'Pending' };
  if (type === 'OrderShipmentStateChanged') return { shipmentState: 'Shipped', oldShipmentState: 'Pending' };
  return {};
}

function normalizeFormat(format: string | undefined): NotificationFormat | undefined {
  if (!format) return undefined;
  const lower = format.toLowerCase();
  if (lower === 'platform') return 'Platform';
  if (lower === 'cloudevents') return 'CloudEvents';
  throw new ConnectError('INVALID_FORMAT', `Unknown format "${format}".`, {
    hint: 'use --format platform or --format cloudevents',
    exitCode: 2,
  });
}

/** The service app whose URL the extension URL points into (same origin, path under its endpoint). */
export function applicationForUrl(apps: PlatformApp[], url: string): string | null {
  let target: URL;
  try {
    target = new URL(url);
  } catch {
    return null;
  }
  for (const app of apps) {
    if (!app.url) continue;
    const base = new URL(app.url);
    if (base.port === target.port && sameHost(base.hostname, target.hostname)) return app.name;
  }
  return null;
}

function sameHost(a: string, b: string): boolean {
  const local = (h: string) => ['127.0.0.1', 'localhost', '::1', '[::1]'].includes(h);
  return a === b || (local(a) && local(b));
}
