/**
 * API Extensions in the local API: on every create or update whose type, action and
 * condition match a registered trigger, call the extension with the platform's request,
 * enforce its timeout, apply its update actions before the resource is stored, or fail the
 * client's request with the extension's errors or the platform's error. Every call is
 * recorded with a verdict saying what production would have done.
 */
import { randomUUID } from 'node:crypto';

import { ConnectError } from '../../errors.js';
import { carrySteps } from '../platform/action-steps.js';
import { replaceInPlace, type SaveChange } from '../platform/hooks.js';
import type { LocalApi } from '../platform/local-api.js';
import {
  repository,
  updateActionNames,
  type Resource,
  type UpdateAction,
} from '../platform/mock-internals.js';
import { PredicateError } from '../platform/predicate.js';
import { EXTENSION_RESOURCE_TYPES } from '../platform/resource-types.js';
import { boundedBody, maskDeep } from './bounded.js';
import { postJson } from './caller.js';
import { buildSample, buildUpdatedSample } from './samples.js';
import {
  DEFAULT_EXTENSION_TIMEOUT_MS,
  EXTENSION_ERROR_STATUS,
  judge,
  MAX_EXTENSION_TIMEOUT_MS,
  type Judgement,
  type Verdict,
} from './verdict.js';

export type ExtensionAction = 'Create' | 'Update';

export interface ExtensionTrigger {
  resourceTypeId: string;
  actions: ExtensionAction[];
  condition?: string;
}

/** An extension the local API calls: registered through the API, or a default for an app. */
export interface ActiveExtension {
  id: string;
  key?: string;
  url: string;
  timeoutMs: number;
  headers: Record<string, string>;
  triggers: ExtensionTrigger[];
  includeOldResource: boolean;
  application: string | null;
}

/** A default extension (`--extension APP:cart:Create,Update` or the values file). */
export interface DefaultExtension {
  application: string;
  triggers: ExtensionTrigger[];
}

export interface ExtensionCall {
  id: string;
  application: string | null;
  url: string;
  source: 'platform' | 'trigger';
  request: {
    action: ExtensionAction;
    resource: { typeId: string; id: string; obj: Resource };
    oldResource?: unknown;
  };
  response: { statusCode: number; body: unknown } | null;
  durationMs: number;
  timeoutMs: number;
  actions: UpdateAction[];
  verdict: Verdict;
  before: Resource;
  after: Resource | null;
  startedAt: string;
}

export interface ExtensionApps {
  /** The service app an URL belongs to (by origin and path), or null. */
  applicationFor(url: string): string | null;
  /** The URL (with endpoint) of a service app, or null when it is not running / not a service. */
  urlOf(application: string): string | null;
  /** Where a call to this URL is sent (a serving app's own port rather than its gateway). */
  sendTo?(url: string): string;
  defaults(): DefaultExtension[];
}

const KEEP_CALLS = 500;

export class ExtensionRunner {
  private readonly calls: ExtensionCall[] = [];

  constructor(
    private readonly api: LocalApi,
    private readonly apps: ExtensionApps,
    private readonly onCall: (call: ExtensionCall) => void = () => undefined,
    /** Masks secured values in what is recorded and in the client's error. */
    private readonly redact: (text: string) => string = (text) => text,
  ) {}

  recent(): ExtensionCall[] {
    return [...this.calls];
  }

  /** The extensions the local API calls now: those registered through the API, then app defaults. */
  async active(): Promise<ActiveExtension[]> {
    const stored = (await this.api.all('extension')).sort((a, b) =>
      String(a.createdAt).localeCompare(String(b.createdAt)),
    );
    const list: ActiveExtension[] = [];
    for (const ext of stored) {
      const destination = ext.destination as {
        type: string;
        url?: string;
        authentication?: { type: string; headerValue?: string; key?: string };
      };
      if (destination.type !== 'HTTP' || !destination.url) continue;
      const headers: Record<string, string> = {};
      if (
        destination.authentication?.type === 'AuthorizationHeader' &&
        destination.authentication.headerValue
      )
        headers.authorization = destination.authentication.headerValue;
      if (destination.authentication?.type === 'AzureFunctions' && destination.authentication.key)
        headers['x-functions-key'] = destination.authentication.key;
      const context = ext.additionalContext as { includeOldResource?: boolean } | undefined;
      list.push({
        id: ext.id,
        ...(typeof ext.key === 'string' ? { key: ext.key } : {}),
        url: destination.url,
        timeoutMs: Math.min(
          Number(ext.timeoutInMs ?? DEFAULT_EXTENSION_TIMEOUT_MS),
          MAX_EXTENSION_TIMEOUT_MS,
        ),
        headers,
        triggers: (ext.triggers as ExtensionTrigger[] | undefined) ?? [],
        includeOldResource: context?.includeOldResource === true,
        application: this.apps.applicationFor(destination.url),
      });
    }
    const registered = new Set(list.map((e) => e.application).filter(Boolean));
    for (const fallback of this.apps.defaults()) {
      if (registered.has(fallback.application)) continue;
      const url = this.apps.urlOf(fallback.application);
      if (!url) continue;
      list.push({
        id: `default-${fallback.application}`,
        key: `default-${fallback.application}`,
        url,
        timeoutMs: DEFAULT_EXTENSION_TIMEOUT_MS,
        headers: {},
        triggers: fallback.triggers,
        includeOldResource: false,
        application: fallback.application,
      });
    }
    return list;
  }

  /** The hook the local API runs before storing a create or update. */
  async beforeSave(change: SaveChange): Promise<void> {
    if (!(EXTENSION_RESOURCE_TYPES as readonly string[]).includes(change.typeId)) return;
    const action: ExtensionAction = change.kind === 'create' ? 'Create' : 'Update';
    for (const extension of await this.active()) {
      const trigger = extension.triggers.find(
        (t) => t.resourceTypeId === change.typeId && t.actions.includes(action),
      );
      if (!trigger) continue;
      if (trigger.condition && !(await this.conditionHolds(extension, trigger.condition, change.resource)))
        continue;
      const call = await this.call(
        extension,
        change.typeId,
        action,
        change.resource,
        change.old,
        'platform',
        extension.timeoutMs,
      );
      this.raiseIfFailed(extension, call.judgement);
      if (call.record.after) {
        // The messages of the extension's update actions are generated with the client's.
        if (change.kind === 'update') carrySteps(call.record.after, change.resource);
        replaceInPlace(change.resource, call.record.after);
      }
    }
  }

  /**
   * `connect trigger extension`: calls an app directly with a sample (or given) resource and
   * reports its answer, the verdict and the resource after the actions; nothing is stored.
   */
  async trigger(
    application: string,
    input: {
      resource: string;
      action: ExtensionAction;
      obj?: Resource | undefined;
      oldObj?: Resource | undefined;
    },
  ): Promise<ExtensionCall> {
    const url = this.apps.urlOf(application);
    if (!url) {
      throw new ConnectError('NOT_A_SERVICE_APP', `"${application}" is not a running service application.`, {
        hint: 'pass the name of a service application from connect.yaml (see `connect status`)',
      });
    }
    const registered = (await this.active()).find((e) => e.application === application);
    const extension: ActiveExtension = registered ?? {
      id: `trigger-${application}`,
      url,
      timeoutMs: DEFAULT_EXTENSION_TIMEOUT_MS,
      headers: {},
      triggers: [],
      includeOldResource: true,
      application,
    };
    let obj = input.obj;
    let old = input.oldObj;
    if (!obj) {
      if (input.action === 'Update') [old, obj] = await buildUpdatedSample(this.api, input.resource);
      else obj = await buildSample(this.api, input.resource);
    }
    if (input.action === 'Update' && !old) old = obj;
    // Wait past the timeout so the developer sees how slow the app really is.
    const wait = Math.min(Math.max(extension.timeoutMs * 2, extension.timeoutMs + 5000), 30_000);
    const { record } = await this.call(
      { ...extension, url, includeOldResource: true },
      input.resource,
      input.action,
      structuredClone(obj),
      old,
      'trigger',
      wait,
    );
    return record;
  }

  private async conditionHolds(
    extension: ActiveExtension,
    condition: string,
    resource: Resource,
  ): Promise<boolean> {
    try {
      return await this.api.predicates.matches(resource, condition);
    } catch (error) {
      if (!(error instanceof PredicateError)) throw error;
      throw new this.api.errorClass(
        {
          code: 'ExtensionPredicateEvaluationFailed',
          message: `The condition "${condition}" of the extension could not be evaluated: ${error.message}`,
          errorByExtension: { id: extension.id, ...(extension.key ? { key: extension.key } : {}) },
        },
        EXTENSION_ERROR_STATUS.ExtensionPredicateEvaluationFailed,
      );
    }
  }

  private async call(
    extension: ActiveExtension,
    typeId: string,
    action: ExtensionAction,
    resource: Resource,
    old: Resource | undefined,
    source: ExtensionCall['source'],
    deadlineMs: number,
  ): Promise<{ record: ExtensionCall; judgement: Judgement }> {
    const before = structuredClone(resource);
    const request: ExtensionCall['request'] = {
      action,
      resource: { typeId, id: resource.id, obj: before },
      ...(action === 'Update' && extension.includeOldResource && old
        ? { oldResource: { typeId, id: resource.id, obj: old } }
        : {}),
    };
    const startedAt = new Date().toISOString();
    const result = await postJson(this.apps.sendTo?.(extension.url) ?? extension.url, request, {
      headers: { ...extension.headers, 'x-correlation-id': `connect-local/${randomUUID()}` },
      timeoutMs: deadlineMs,
    });
    const repo = repository(this.api.mock, typeId);
    let judgement = judge({
      statusCode: result.statusCode,
      text: result.text,
      durationMs: result.durationMs,
      timeoutMs: extension.timeoutMs,
      error: result.error,
      resourceTypeId: typeId,
      validActions: repo ? updateActionNames(repo) : undefined,
    });
    let after: Resource | null = judgement.outcome === 'accepted' ? structuredClone(resource) : null;
    if (judgement.outcome === 'accepted' && judgement.actions.length > 0 && repo?.actions) {
      try {
        after = await repo.actions.apply(
          { projectKey: this.api.projectKey },
          structuredClone(resource),
          resource.version,
          judgement.actions,
        );
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        judgement = {
          ...judgement,
          outcome: 'failed',
          failure: { code: 'ExtensionUpdateActionsFailed', message },
          verdict: {
            ok: false,
            code: 'ExtensionUpdateActionsFailed',
            message: `would fail in production (ExtensionUpdateActionsFailed): ${message}`,
          },
        };
        after = null;
      }
    }
    // Kept (history, stream, --json) and shown to the client: bounded, secured values masked.
    judgement = maskDeep({ ...judgement, body: boundedBody(judgement.body, result.text) }, this.redact);
    const record: ExtensionCall = {
      id: randomUUID(),
      application: extension.application,
      url: extension.url,
      source,
      request,
      response: result.statusCode === null ? null : { statusCode: result.statusCode, body: judgement.body },
      durationMs: Math.round(result.durationMs * 100) / 100,
      timeoutMs: extension.timeoutMs,
      actions: judgement.actions,
      verdict: judgement.verdict,
      before,
      after,
      startedAt,
    };
    this.calls.push(record);
    if (this.calls.length > KEEP_CALLS) this.calls.shift();
    this.onCall(record);
    return { record, judgement };
  }

  /** Fails the client's request the way the platform does. */
  private raiseIfFailed(extension: ActiveExtension, judgement: Judgement): void {
    const ids = { extensionId: extension.id, ...(extension.key ? { extensionKey: extension.key } : {}) };
    if (judgement.outcome === 'rejected') {
      const errors = judgement.errors.map((error) => ({ ...error, ...ids }));
      const first = errors[0];
      throw new this.api.errorClass(
        { code: first?.code, message: first?.message ?? 'Extension error', errors },
        400,
      );
    }
    if (judgement.outcome === 'failed' && judgement.failure) {
      const { code, message } = judgement.failure;
      const body = judgement.body;
      throw new this.api.errorClass(
        {
          code,
          message,
          ...ids,
          ...(code === 'ExtensionNoResponse' ? {} : { extensionErrors: [] }),
          ...(code === 'ExtensionBadResponse' && body !== undefined
            ? { extensionBody: typeof body === 'string' ? body : JSON.stringify(body) }
            : {}),
        },
        EXTENSION_ERROR_STATUS[code],
      );
    }
  }
}
