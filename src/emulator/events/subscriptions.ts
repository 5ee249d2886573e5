/**
 * Which event apps a notification goes to: Subscriptions registered through the local API
 * whose Pub/Sub topic is an event app's topic (`CONNECT_GCP_TOPIC_NAME`), or, for an event
 * app that registered none, a default subscription to the message types given with
 * `--subscribe APP:OrderCreated,...` or in the values file.
 */
import type { LocalApi } from '../platform/local-api.js';
import type { Resource } from '../platform/mock-internals.js';
import type { DeliveryTarget } from './delivery.js';
import type { NotificationFormat } from './envelopes.js';

export interface DefaultSubscription {
  application: string;
  /** Message types (`OrderCreated`); empty means every message. */
  types: string[];
}

export interface EventApps {
  /** The event app fed by a Pub/Sub topic, or null. */
  applicationForTopic(projectId: string, topic: string): string | null;
  /** The event app fed by an SNS topic (AWS regions), or null. */
  applicationForTopicArn?(topicArn: string): string | null;
  /** The SNS topic of an app when the emulated deployment is on AWS (default subscriptions use it). */
  awsTopicArnOf?(application: string): string | null;
  /** The GCP project id the local topics live in. */
  gcpProjectId(): string;
  defaults(): DefaultSubscription[];
}

export interface ActiveSubscription {
  id: string;
  key?: string;
  application: string;
  format: NotificationFormat;
  messages: Array<{ resourceTypeId: string; types: string[] }>;
  changes: Array<{ resourceTypeId: string }>;
  /** Default subscriptions match message types on every resource type. */
  anyResourceTypes?: string[];
  target: DeliveryTarget;
}

export function subscriptionTarget(
  application: string,
  gcpProjectId: string,
  name: string,
  format: NotificationFormat,
): DeliveryTarget {
  return { application, subscription: `projects/${gcpProjectId}/subscriptions/${name}`, format };
}

/** An SNS subscription of an app's topic: delivered as SNS HTTP notifications. */
export function snsTarget(
  application: string,
  topicArn: string,
  id: string,
  format: NotificationFormat,
): DeliveryTarget {
  return { application, subscription: `${topicArn}:${id}`, format, transport: { type: 'SNS', topicArn } };
}

/** Where a stored subscription's notifications go, or null when no event app receives them. */
export function targetOf(subscription: Resource, apps: EventApps): DeliveryTarget | null {
  const application = applicationOf(subscription, apps);
  if (!application) return null;
  const format = formatOf(subscription);
  const destination = subscription.destination as { type?: string; topicArn?: string } | undefined;
  if (destination?.type === 'SNS' && destination.topicArn)
    return snsTarget(application, destination.topicArn, subscription.id, format);
  return subscriptionTarget(
    application,
    apps.gcpProjectId(),
    String(subscription.key ?? subscription.id),
    format,
  );
}

/** The target of an app's default subscription (SNS on AWS, else Pub/Sub). */
export function defaultTarget(
  application: string,
  apps: EventApps,
  format: NotificationFormat,
): DeliveryTarget {
  const topicArn = apps.awsTopicArnOf?.(application);
  if (topicArn) return snsTarget(application, topicArn, `default-${application}`, format);
  return subscriptionTarget(application, apps.gcpProjectId(), `default-${application}`, format);
}

export function formatOf(subscription: Resource): NotificationFormat {
  return (subscription.format as { type?: string } | undefined)?.type === 'CloudEvents'
    ? 'CloudEvents'
    : 'Platform';
}

/** The event app a stored subscription delivers to, or null (destinations other than Pub/Sub and SNS are not emulated). */
export function applicationOf(subscription: Resource, apps: EventApps): string | null {
  const destination = subscription.destination as
    { type?: string; projectId?: string; topic?: string; topicArn?: string } | undefined;
  if (destination?.type === 'SNS') {
    return destination.topicArn ? (apps.applicationForTopicArn?.(destination.topicArn) ?? null) : null;
  }
  if (destination?.type !== 'GoogleCloudPubSub' || !destination.topic) return null;
  return apps.applicationForTopic(destination.projectId ?? '', destination.topic);
}

export async function activeSubscriptions(api: LocalApi, apps: EventApps): Promise<ActiveSubscription[]> {
  const list: ActiveSubscription[] = [];
  for (const subscription of await api.all('subscription')) {
    const target = targetOf(subscription, apps);
    if (!target) continue;
    const { application, format } = target;
    list.push({
      id: subscription.id,
      ...(typeof subscription.key === 'string' ? { key: subscription.key } : {}),
      application,
      format,
      messages: ((subscription.messages as ActiveSubscription['messages'] | undefined) ?? []).map((m) => ({
        resourceTypeId: m.resourceTypeId,
        types: m.types ?? [],
      })),
      changes: (subscription.changes as ActiveSubscription['changes'] | undefined) ?? [],
      target,
    });
  }
  const registered = new Set(list.map((s) => s.application));
  for (const fallback of apps.defaults()) {
    if (registered.has(fallback.application)) continue;
    list.push({
      id: `default-${fallback.application}`,
      application: fallback.application,
      format: 'Platform',
      messages: [],
      changes: [],
      anyResourceTypes: fallback.types,
      target: defaultTarget(fallback.application, apps, 'Platform'),
    });
  }
  return list;
}

export function matchesMessage(subscription: ActiveSubscription, typeId: string, type: string): boolean {
  if (subscription.anyResourceTypes) {
    return subscription.anyResourceTypes.length === 0 || subscription.anyResourceTypes.includes(type);
  }
  return subscription.messages.some(
    (m) => m.resourceTypeId === typeId && (m.types.length === 0 || m.types.includes(type)),
  );
}

export function matchesChange(subscription: ActiveSubscription, typeId: string): boolean {
  return subscription.changes.some((c) => c.resourceTypeId === typeId);
}
