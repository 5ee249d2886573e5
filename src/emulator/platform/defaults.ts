/**
 * Default extensions and subscriptions for apps that register none themselves: from
 * `connect dev --extension APP:cart:Create,Update` / `--subscribe APP:OrderCreated,...`, or
 * from the values file:
 * ```yaml
 * extensions:
 *   service: ["cart:Create,Update", "order:Create"]
 * subscriptions:
 *   event: [OrderCreated, CustomerCreated]
 * ```
 */
import { ConnectError, ExitCode } from '../../errors.js';
import type { ConnectSpec } from '../../spec/types.js';
import type { DefaultSubscription } from '../events/subscriptions.js';
import type { DefaultExtension, ExtensionAction, ExtensionTrigger } from '../extensions/runner.js';
import { EXTENSION_RESOURCE_TYPES, extensionTypeId } from './resource-types.js';

function usage(message: string, hint: string): ConnectError {
  return new ConnectError('INVALID_PLATFORM_DEFAULT', message, { hint, exitCode: ExitCode.Usage });
}

function checkApp(spec: ConnectSpec, name: string, type: 'service' | 'event', what: string): void {
  const app = spec.deployAs.find((a) => a.name === name);
  const candidates = spec.deployAs.filter((a) => a.applicationType === type).map((a) => a.name);
  if (!app || app.applicationType !== type) {
    throw usage(
      `${what}: "${name}" is not a ${type} application of connect.yaml.`,
      candidates.length > 0
        ? `use one of: ${candidates.join(', ')}`
        : `connect.yaml has no ${type} application`,
    );
  }
}

/** `cart:Create,Update` -> a trigger. */
export function parseTrigger(text: string, where: string): ExtensionTrigger {
  const [type, actions] = text.split(':');
  const typeId = extensionTypeId(type?.trim() ?? '');
  if (!typeId) {
    throw usage(
      `${where}: "${type ?? ''}" is not a resource type extensions can be triggered on.`,
      `use one of ${EXTENSION_RESOURCE_TYPES.join(', ')}`,
    );
  }
  const list = (actions ?? 'Create,Update')
    .split(',')
    .map((a) => a.trim())
    .filter(Boolean);
  for (const action of list) {
    if (action !== 'Create' && action !== 'Update') {
      throw usage(`${where}: "${action}" is not an extension action.`, 'use Create, Update or Create,Update');
    }
  }
  return { resourceTypeId: typeId, actions: list as ExtensionAction[] };
}

/** `--extension APP:cart:Create,Update` (repeatable; several for one app add triggers). */
export function parseExtensionFlags(spec: ConnectSpec, flags: readonly string[]): DefaultExtension[] {
  const byApp = new Map<string, ExtensionTrigger[]>();
  for (const flag of flags) {
    const first = flag.indexOf(':');
    if (first <= 0)
      throw usage(
        `--extension ${flag}: expected APP:TYPE:ACTIONS.`,
        'write e.g. --extension service:cart:Create,Update',
      );
    const app = flag.slice(0, first);
    checkApp(spec, app, 'service', `--extension ${flag}`);
    const triggers = byApp.get(app) ?? [];
    triggers.push(parseTrigger(flag.slice(first + 1), `--extension ${flag}`));
    byApp.set(app, triggers);
  }
  return [...byApp].map(([application, triggers]) => ({ application, triggers }));
}

/** `--subscribe APP:OrderCreated,CustomerCreated` (no types: every message). */
export function parseSubscribeFlags(spec: ConnectSpec, flags: readonly string[]): DefaultSubscription[] {
  const byApp = new Map<string, string[]>();
  for (const flag of flags) {
    const [app = '', types = ''] = flag.split(':');
    checkApp(spec, app, 'event', `--subscribe ${flag}`);
    const list = byApp.get(app) ?? [];
    list.push(
      ...types
        .split(',')
        .map((t) => t.trim())
        .filter(Boolean),
    );
    byApp.set(app, list);
  }
  return [...byApp].map(([application, types]) => ({ application, types }));
}

function asList(value: unknown, where: string): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value) && value.every((v) => typeof v === 'string')) return value as string[];
  throw usage(`${where} must be a string or a list of strings.`, 'see docs/platform.md');
}

function asMap(value: unknown, where: string): Record<string, unknown> {
  if (value === undefined || value === null) return {};
  if (typeof value !== 'object' || Array.isArray(value)) {
    throw usage(`${where} must map application names to lists.`, 'see docs/platform.md');
  }
  return value as Record<string, unknown>;
}

/** The values file's `extensions` / `subscriptions` sections, in the same terms as the flags. */
export function valuesFileDefaults(
  spec: ConnectSpec,
  sections: { extensions?: unknown; subscriptions?: unknown },
): { extensions: DefaultExtension[]; subscriptions: DefaultSubscription[] } {
  const extensionFlags: string[] = [];
  for (const [app, value] of Object.entries(asMap(sections.extensions, 'values file "extensions"'))) {
    for (const trigger of asList(value, `values file extensions.${app}`))
      extensionFlags.push(`${app}:${trigger}`);
  }
  const subscribeFlags: string[] = [];
  for (const [app, value] of Object.entries(asMap(sections.subscriptions, 'values file "subscriptions"'))) {
    subscribeFlags.push(`${app}:${asList(value, `values file subscriptions.${app}`).join(',')}`);
  }
  return {
    extensions: parseExtensionFlags(spec, extensionFlags),
    subscriptions: parseSubscribeFlags(spec, subscribeFlags),
  };
}
