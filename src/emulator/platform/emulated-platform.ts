/**
 * The emulated platform: the local commercetools API with API Extensions, Messages and
 * Subscription delivery layered on it. `connect dev` starts one (through the plugin in
 * ./plugin.ts); tests and benches can start one on its own.
 */

import { ConnectError } from '../../errors.js';
import type { RetryPolicy } from '../../spec/types.js';
import { DeliveryEngine, type Delivery } from '../events/delivery.js';
import { ACK_DEADLINE_MS } from '../events/retry.js';
import type { SnsHost } from '../events/sns-host.js';
import { snsHeaders, snsSubscriptionConfirmation } from '../events/sns.js';
import { postJson } from '../extensions/caller.js';
import {
  changeNotificationPayload,
  messageNotification,
  testNotification,
  type Notification,
  type NotificationFormat,
} from '../events/envelopes.js';
import {
  messageOfCustomerRequest,
  messagesOfLifecycle,
  messagesOfSteps,
  type DeriveContext,
} from '../events/derived-messages.js';
import { sampleMessage } from '../events/message-samples.js';
import { changeNotification, messageBodies, type Message } from '../events/messages.js';
import {
  activeSubscriptions,
  type ActiveSubscription,
  defaultTarget,
  matchesChange,
  matchesMessage,
  targetOf,
  type DefaultSubscription,
  type EventApps,
} from '../events/subscriptions.js';
import {
  ExtensionRunner,
  type DefaultExtension,
  type ExtensionApps,
  type ExtensionCall,
} from '../extensions/runner.js';
import { messageTypeInfo } from '../events/catalogue.js';
import { MAX_EXTENSION_TIMEOUT_MS } from '../extensions/verdict.js';
import type { CustomerRequest } from './action-steps.js';
import type { SaveChange, StoredChange } from './hooks.js';
import type { DeferredServer } from './deferred-server.js';
import {
  awsTopicArn,
  GCP_DEPLOYMENT,
  GCP_PROJECT_ID,
  platformEnvironment,
  topicOf,
  type Deployment,
} from './environment.js';
import type { ApiClientCredentials } from './local-project.js';
import { LocalApi, type PlatformInfo } from './local-api.js';
import { publicSelection } from './product-selections.js';

export { GCP_PROJECT_ID, platformEnvironment, topicOf } from './environment.js';

/** What the platform needs to know of an application of connect.yaml. */
export interface PlatformApp {
  name: string;
  type: string;
  /** The app's local URL including its endpoint (its gateway's), or null when it is not running. */
  url: string | null;
  /**
   * The same at the app's own port while it serves: the emulator's own calls (extensions,
   * deliveries) go there, and through the gateway (which holds them) while it restarts.
   */
  directUrl?: string | null | undefined;
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
  /** The emulator's own client's scope string (default: `scopes` on the project). */
  scope?: string | undefined;
  /** API clients the applications are configured with (see ./local-project.ts). */
  clients?: readonly ApiClientCredentials[] | undefined;
  /** An already-listening socket to serve the local API on. */
  server?: DeferredServer | undefined;
  ackDeadlineMs?: number | undefined;
  /** The cloud the deployment is emulated on (default GCP): AWS delivers through SNS. */
  deployment?: Deployment | undefined;
  /** AWS: the stand-in for Amazon SNS's host (SubscribeURL, certificate). */
  snsHost?: SnsHost | undefined;
  /** Masks secured values (of the values file, the local client) in what apps answer. */
  redact?: ((text: string) => string) | undefined;
  /** Warnings for the developer (e.g. a subscription no event app receives). */
  warn?: ((text: string) => void) | undefined;
}

/** What `connect trigger event APP --type SubscriptionConfirmation` reports. */
export interface SnsConfirmationResult {
  type: 'SubscriptionConfirmation';
  application: string;
  topicArn: string;
  /** The app's answer to the POST (null: no answer). */
  statusCode: number | null;
  durationMs: number;
  error?: string;
  /** The app visited the SubscribeURL in time. */
  confirmed: boolean;
  subscriptionArn?: string;
}

/** The platform's per-project limits on the resources connectors register. */
const PROJECT_LIMITS: Record<string, number> = { extension: 25, subscription: 50 };

/**
 * The API client `connect trigger event` samples are made by: not the apps' own client, since
 * connectors skip messages about their own changes (`createdBy.clientId === CTP_CLIENT_ID`).
 */
export const TRIGGER_CLIENT_ID = 'connect-trigger';

export class EmulatedPlatform {
  private constructor(
    readonly api: LocalApi,
    readonly extensions: ExtensionRunner,
    readonly deliveries: DeliveryEngine,
    private readonly options: EmulatedPlatformOptions,
  ) {}

  static async start(options: EmulatedPlatformOptions): Promise<EmulatedPlatform> {
    const emit = options.emit ?? (() => undefined);
    const appsOf = (type: string) => options.apps().filter((a) => a.type === type);
    const engine = new DeliveryEngine({
      urlOf: (name) => {
        const app = appsOf('event').find((a) => a.name === name);
        return app?.directUrl ?? app?.url ?? null;
      },
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
    // The journal is read before the local API is attached to its socket: from then on every
    // request must meet the hooks (extensions, subscriptions), which are set right after it.
    let api: LocalApi;
    try {
      api = await LocalApi.start({
        ...(options.projectKey ? { projectKey: options.projectKey } : {}),
        ...(options.clientId ? { clientId: options.clientId } : {}),
        ...(options.clientSecret ? { clientSecret: options.clientSecret } : {}),
        scopes: options.scopes,
        scope: options.scope,
        clients: options.clients,
        server: options.server,
        persistDir: options.persistDir,
        seedFile: options.seedFile,
        onMissingRoute: (method, path) =>
          options.warn?.(
            `The local commercetools API has no route ${method} ${path}: it answered the platform's 404 (ResourceNotFound). If the platform has this endpoint, the emulation lacks it.`,
          ),
        onInternalError: (method, path, message) =>
          options.warn?.(
            `The local commercetools API failed on ${method} ${path}: ${message}. It answered a 500 General error; the platform would not fail here, so this is a gap of the emulation.`,
          ),
      });
    } catch (error) {
      await engine.stop();
      throw error;
    }
    const extensionApps: ExtensionApps = {
      applicationFor: (url) => applicationForUrl(appsOf('service'), url),
      urlOf: (name) => appsOf('service').find((a) => a.name === name)?.url ?? null,
      sendTo: (url) => directTo(appsOf('service'), url),
      defaults: () => options.extensions ?? [],
    };
    const runner = new ExtensionRunner(
      api,
      extensionApps,
      (call) => emit({ type: 'extension-call', data: call }),
      options.redact,
    );
    const platform = new EmulatedPlatform(api, runner, engine, options);
    api.setHooks({
      beforeSave: async (change) => {
        await platform.checkLimits(change);
        await runner.beforeSave(change);
      },
      afterSave: (change) => platform.afterSave(change),
      customerRequest: (request) => platform.customerRequest(request),
    });
    return platform;
  }

  info(): PlatformInfo {
    return this.api.info();
  }

  /** The variables an app or script gets so it talks to the local project. */
  env(app: { name: string; type: string }): Record<string, string> {
    return platformEnvironment(this.info(), app, this.deployment());
  }

  /** Publishes one message to an event app (`connect trigger event`); resolves after the first attempt. */
  async publish(
    application: string,
    input: { type: string; format?: string | undefined; payload?: unknown },
  ): Promise<Delivery> {
    this.eventApp(application);
    const subscriptions = (await activeSubscriptions(this.api, this.eventApps())).filter(
      (s) => s.application === application,
    );
    const requested = normalizeFormat(input.format);
    const format: NotificationFormat = requested ?? subscriptions[0]?.format ?? 'Platform';
    const target = subscriptions[0]
      ? { ...subscriptions[0].target, format }
      : defaultTarget(application, this.eventApps(), format);
    const notification =
      input.payload === undefined
        ? await this.sampleNotification(input.type)
        : this.fromFile(input.type, input.payload);
    return this.deliveries.publish(target, notification);
  }

  private eventApp(application: string): PlatformApp {
    const app = this.options.apps().find((a) => a.name === application);
    if (!app || app.type !== 'event') {
      throw new ConnectError('NOT_AN_EVENT_APP', `"${application}" is not an event application.`, {
        hint: 'pass the name of an event application from connect.yaml (see `connect status`)',
      });
    }
    return app;
  }

  /**
   * AWS: sends `application` the SubscriptionConfirmation SNS sends an HTTP endpoint subscribed to
   * a topic, and waits up to `waitMs` for the app to visit its SubscribeURL
   * (`connect trigger event APP --type SubscriptionConfirmation`).
   */
  async sendSubscriptionConfirmation(application: string, waitMs: number): Promise<SnsConfirmationResult> {
    const app = this.eventApp(application);
    const host = this.options.snsHost;
    if (this.deployment().provider !== 'AWS' || !host) {
      throw new ConnectError(
        'NOT_AN_AWS_DEPLOYMENT',
        'A SubscriptionConfirmation is what Amazon SNS sends; this emulated deployment is on GCP (Pub/Sub push).',
        { hint: 'run `connect dev --provider aws` (or set platform: {provider: AWS} in the values file)' },
      );
    }
    const topicArn = awsTopicArn(application, this.deployment());
    const { token, confirmed } = host.expectConfirmation(application, topicArn);
    const envelope = snsSubscriptionConfirmation({ topicArn, token, timestamp: new Date().toISOString() });
    const base = { type: 'SubscriptionConfirmation' as const, application, topicArn };
    if (!app.url) {
      host.forget(token);
      return {
        ...base,
        statusCode: null,
        durationMs: 0,
        error: `application "${application}" is not running`,
        confirmed: false,
      };
    }
    const answer = await postJson(app.url, envelope, {
      timeoutMs: ACK_DEADLINE_MS,
      headers: snsHeaders(envelope),
    });
    let timer: NodeJS.Timeout | undefined;
    const subscriptionArn = await Promise.race([
      confirmed,
      new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), waitMs))),
    ]);
    clearTimeout(timer);
    if (subscriptionArn === null) host.forget(token);
    return {
      ...base,
      statusCode: answer.statusCode,
      durationMs: Math.round(answer.durationMs * 100) / 100,
      ...(answer.error ? { error: answer.error.message } : {}),
      confirmed: subscriptionArn !== null,
      ...(subscriptionArn === null ? {} : { subscriptionArn }),
    };
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

  deployment(): Deployment {
    return this.options.deployment ?? GCP_DEPLOYMENT;
  }

  private eventApps(): EventApps {
    const events = () => this.options.apps().filter((a) => a.type === 'event');
    return {
      applicationForTopic: (projectId, topic) =>
        projectId !== '' && projectId !== GCP_PROJECT_ID
          ? null
          : (events().find((a) => topicOf(a.name) === topic)?.name ?? null),
      gcpProjectId: () => GCP_PROJECT_ID,
      applicationForTopicArn: (topicArn) =>
        events().find((a) => awsTopicArn(a.name, this.deployment()) === topicArn)?.name ?? null,
      awsTopicArnOf: (application) =>
        this.deployment().provider === 'AWS' ? awsTopicArn(application, this.deployment()) : null,
      defaults: () => this.options.subscriptions ?? [],
    };
  }

  /** Refuses the 26th extension / 51st subscription and extension timeouts over 10 s, as the platform does. */
  private async checkLimits(change: SaveChange): Promise<void> {
    if (change.typeId === 'extension' && change.resource.timeoutInMs !== undefined) {
      const timeout = change.resource.timeoutInMs;
      if (
        typeof timeout !== 'number' ||
        !Number.isInteger(timeout) ||
        timeout < 1 ||
        timeout > MAX_EXTENSION_TIMEOUT_MS
      ) {
        throw new this.api.errorClass(
          {
            code: 'InvalidField',
            message: `The value '${String(timeout)}' is not valid for field 'timeoutInMs': an API Extension's timeout is a whole number of milliseconds from 1 to ${MAX_EXTENSION_TIMEOUT_MS}.`,
            field: 'timeoutInMs',
            invalidValue: timeout,
          },
          400,
        );
      }
    }
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
    void this.api.messages
      .queue(() => this.recordMessages(change))
      .then((messages) => this.route(change, messages))
      .catch((error: unknown) =>
        this.options.warn?.(
          `Messages of a ${change.typeId} ${change.kind} were not generated: ${error instanceof Error ? error.message : String(error)}`,
        ),
      );
  }

  /** The messages of a change: its update actions', its create's or delete's, and the state diffs. */
  private async recordMessages(stored: StoredChange): Promise<Message[]> {
    const change = withoutInternals(stored);
    const context = this.deriveContext();
    const derived =
      change.kind === 'update'
        ? await messagesOfSteps(change.typeId, change.steps ?? [], context)
        : await messagesOfLifecycle(change.kind, change.typeId, change.resource, context);
    const types = new Set(derived.map((body) => body.type));
    const bodies = [...messageBodies(change).filter((body) => !types.has(body.type)), ...derived];
    const clientId = change.context.clientId ?? '';
    const messages = bodies.map((body) =>
      this.api.messages.create(change.typeId, change.resource, body, clientId),
    );
    for (const message of messages) this.options.emit?.({ type: 'message', data: message });
    return messages;
  }

  private customerRequest(request: CustomerRequest): void {
    void this.api.messages
      .queue(async () => {
        const derived = await messageOfCustomerRequest(request, this.deriveContext());
        const message = this.api.messages.create(
          derived.typeId,
          derived.resource,
          derived.body,
          request.context.clientId ?? '',
        );
        this.options.emit?.({ type: 'message', data: message });
        return message;
      })
      .then((message) => this.routeMessages(message.resource.typeId, [message]))
      .catch(() => undefined);
  }

  private deriveContext(): DeriveContext {
    return {
      source: { resource: async () => null },
      lookup: async (typeId, key) => (await this.api.all(typeId)).find((r) => r.key === key)?.id,
    };
  }

  private async route(change: StoredChange, messages: Message[]): Promise<void> {
    const projectKey = this.api.projectKey;
    const apps = this.eventApps();
    if (change.typeId === 'subscription' && change.kind === 'create') {
      const target = targetOf(change.resource, apps);
      if (!target) {
        const destination = JSON.stringify(change.resource.destination);
        const aws = this.deployment().provider === 'AWS';
        this.options.warn?.(
          `Subscription ${String(change.resource.key ?? change.resource.id)} goes to ${destination}, which no event application receives locally (their ${aws ? 'SNS topics' : 'topics'}: ${
            this.options
              .apps()
              .filter((a) => a.type === 'event')
              .map((a) => (aws ? awsTopicArn(a.name, this.deployment()) : topicOf(a.name)))
              .join(', ') || 'none'
          }); it is stored but not delivered.`,
        );
      }
      if (target) await this.deliveries.publish(target, testNotification(projectKey, change.resource.id));
    }
    const subscriptions = await activeSubscriptions(this.api, apps);
    const sends: Array<Promise<unknown>> = [this.routeMessages(change.typeId, messages, subscriptions)];
    for (const subscription of subscriptions) {
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

  /** Delivers messages to the subscriptions of their resource type (a token's, for token messages). */
  private async routeMessages(
    _typeId: string,
    messages: Message[],
    subscriptions?: ActiveSubscription[],
  ): Promise<void> {
    const projectKey = this.api.projectKey;
    const active = subscriptions ?? (await activeSubscriptions(this.api, this.eventApps()));
    const sends: Array<Promise<unknown>> = [];
    for (const subscription of active) {
      for (const message of messages) {
        if (matchesMessage(subscription, message.resource.typeId, message.type)) {
          sends.push(this.deliveries.publish(subscription.target, messageNotification(projectKey, message)));
        }
      }
    }
    await Promise.all(sends);
  }

  /** A complete message of `type` built from resources created (quietly) in the local API. */
  private async sampleNotification(type: string): Promise<Notification> {
    const sample = await sampleMessage(this.api, type);
    const message = this.api.messages.create(sample.typeId, sample.resource, sample.body, TRIGGER_CLIENT_ID);
    this.options.emit?.({ type: 'message', data: message });
    return messageNotification(this.api.projectKey, message);
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
    const messageType = String(data.type ?? type);
    const typeId = resource.typeId ?? messageTypeInfo(messageType)?.resourceTypeId ?? 'order';
    const { resource: _ignored, ...fields } = data;
    const message = this.api.messages.create(
      typeId,
      { id: resource.id ?? String(fields.id ?? 'unknown'), version: Number(data.resourceVersion ?? 1) },
      { ...fields, type: messageType },
      TRIGGER_CLIENT_ID,
    );
    return messageNotification(projectKey, message);
  }
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

/** The change as the API shows it (without what the emulation keeps on resources for itself). */
function withoutInternals(change: StoredChange): StoredChange {
  if (change.typeId !== 'product-selection') return change;
  return {
    ...change,
    resource: publicSelection(change.resource),
    ...(change.old ? { old: publicSelection(change.old) } : {}),
    ...(change.steps
      ? {
          steps: change.steps.map((step) => ({
            ...step,
            before: publicSelection(step.before),
            after: publicSelection(step.after),
          })),
        }
      : {}),
  };
}

/** Where a call to `url` goes: a serving app's own port instead of its gateway's, else `url`. */
export function directTo(apps: PlatformApp[], url: string): string {
  const name = applicationForUrl(apps, url);
  const direct = apps.find((app) => app.name === name)?.directUrl;
  if (!direct) return url;
  const target = new URL(url);
  target.port = new URL(direct).port;
  return target.href;
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
