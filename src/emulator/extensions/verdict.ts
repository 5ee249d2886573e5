/**
 * What the platform makes of an extension's answer (runtime.md, "Service apps, called as API
 * Extensions"), and the verdict we show for every call: would this pass in production?
 */
import { PLATFORM_ERROR_CODES } from './error-codes.js';

export const DEFAULT_EXTENSION_TIMEOUT_MS = 2000;
export const MAX_EXTENSION_TIMEOUT_MS = 10_000;
export const MAX_EXTENSION_ACTIONS = 100;
/** The platform stops a job run after 30 minutes (runtime.md, "Limits"). */
export const JOB_RUN_TIMEOUT_MS = 30 * 60_000;
/** Answers slower than this share of the timeout pass, with a warning that production may not. */
export const TIMEOUT_MARGIN = 0.8;

export type ExtensionErrorCode =
  | 'ExtensionBadResponse'
  | 'ExtensionNoResponse'
  | 'ExtensionUpdateActionsFailed'
  | 'ExtensionPredicateEvaluationFailed';

/** The HTTP status the platform answers the client with, per error. */
export const EXTENSION_ERROR_STATUS: Record<ExtensionErrorCode, number> = {
  ExtensionBadResponse: 502,
  ExtensionNoResponse: 504,
  ExtensionUpdateActionsFailed: 400,
  ExtensionPredicateEvaluationFailed: 400,
};

export interface Verdict {
  ok: boolean;
  code: string | null;
  message: string;
}

export interface ExtensionErrorEntry {
  code: string;
  message: string;
  [field: string]: unknown;
}

export interface Judgement {
  outcome: 'accepted' | 'rejected' | 'failed';
  actions: Array<{ action: string; [field: string]: unknown }>;
  /** The extension's own errors on a 400. */
  errors: ExtensionErrorEntry[];
  /** The platform error when outcome is 'failed'. */
  failure?: { code: ExtensionErrorCode; message: string };
  verdict: Verdict;
  /** The parsed body (or the text when it is not JSON). */
  body: unknown;
}

export interface JudgeInput {
  statusCode: number | null;
  text: string;
  durationMs: number;
  timeoutMs: number;
  error?: { kind: 'timeout' | 'connection'; message: string } | undefined;
  resourceTypeId: string;
  /** The update actions valid for the resource type (checked when given). */
  validActions?: ReadonlySet<string> | undefined;
}

function fail(
  code: ExtensionErrorCode,
  message: string,
  body: unknown,
  errors: ExtensionErrorEntry[] = [],
): Judgement {
  return {
    outcome: 'failed',
    actions: [],
    errors,
    failure: { code, message },
    verdict: { ok: false, code, message: `would fail in production (${code}): ${message}` },
    body,
  };
}

function parse(text: string): { ok: true; value: unknown } | { ok: false } {
  if (text.trim() === '') return { ok: true, value: undefined };
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function judge(input: JudgeInput): Judgement {
  const ms = Math.round(input.durationMs);
  const parsed = parse(input.text);
  const body = parsed.ok ? parsed.value : input.text;
  if (input.error?.kind === 'timeout' || input.durationMs > input.timeoutMs) {
    return fail(
      'ExtensionNoResponse',
      `${ms} ms > ${input.timeoutMs} ms timeout${raiseHint(input.timeoutMs)}`,
      body,
    );
  }
  if (input.error || input.statusCode === null) {
    return fail(
      'ExtensionNoResponse',
      `the extension could not be reached: ${input.error?.message ?? 'no answer'}`,
      body,
    );
  }
  const status = input.statusCode;
  if (status === 200 || status === 201) {
    if (!parsed.ok) return fail('ExtensionBadResponse', `the ${status} body is not JSON`, body);
    if (parsed.value === undefined) return accepted([], ms, input, body);
    if (!isObject(parsed.value))
      return fail('ExtensionBadResponse', `the ${status} body is not a JSON object`, body);
    const actions = parsed.value.actions ?? [];
    if (!Array.isArray(actions)) return fail('ExtensionBadResponse', '"actions" is not an array', body);
    if (actions.length > MAX_EXTENSION_ACTIONS) {
      return fail(
        'ExtensionBadResponse',
        `${actions.length} update actions returned, at most ${MAX_EXTENSION_ACTIONS} are allowed`,
        body,
      );
    }
    for (const action of actions) {
      if (!isObject(action) || typeof action.action !== 'string') {
        return fail(
          'ExtensionBadResponse',
          `update action ${JSON.stringify(action)} has no "action" name`,
          body,
        );
      }
      if (input.validActions && !input.validActions.has(action.action)) {
        return fail(
          'ExtensionUpdateActionsFailed',
          `'${action.action}' is not a valid action for ${input.resourceTypeId}`,
          body,
        );
      }
    }
    return accepted(actions as Judgement['actions'], ms, input, body);
  }
  if (status === 400) {
    const errors = isObject(parsed.ok ? parsed.value : undefined)
      ? parsed.ok
        ? (parsed.value as Record<string, unknown>).errors
        : undefined
      : undefined;
    if (!Array.isArray(errors) || errors.length === 0) {
      return fail(
        'ExtensionBadResponse',
        'a 400 answer must be {"errors": [{"code", "message"}, ...]}',
        body,
      );
    }
    for (const error of errors) {
      if (!isObject(error) || typeof error.code !== 'string' || typeof error.message !== 'string') {
        return fail(
          'ExtensionBadResponse',
          `error ${JSON.stringify(error)} lacks a string "code" and "message"`,
          body,
        );
      }
      if (!PLATFORM_ERROR_CODES.has(error.code)) {
        return fail(
          'ExtensionBadResponse',
          `'${error.code}' is not a platform error code (use e.g. InvalidInput or InvalidOperation)`,
          body,
        );
      }
    }
    const list = errors as ExtensionErrorEntry[];
    return {
      outcome: 'rejected',
      actions: [],
      errors: list,
      verdict: {
        ok: true,
        code: null,
        message: `production rejects the request with the extension's errors: ${list.map((e) => `${e.code}: ${e.message}`).join('; ')}`,
      },
      body,
    };
  }
  return fail('ExtensionBadResponse', `status ${status} is outside the contract (200, 201 or 400)`, body);
}

/** Since 2026-03-03 every extension (not only payment ones) may set timeoutInMs up to 10000 ms. */
function raiseHint(timeoutMs: number): string {
  return timeoutMs < MAX_EXTENSION_TIMEOUT_MS
    ? `; the extension's timeoutInMs may be raised up to ${MAX_EXTENSION_TIMEOUT_MS} ms`
    : '';
}

function accepted(actions: Judgement['actions'], ms: number, input: JudgeInput, body: unknown): Judgement {
  const close = input.durationMs > input.timeoutMs * TIMEOUT_MARGIN;
  const what = actions.length === 0 ? 'no update actions' : `${actions.length} update action(s)`;
  return {
    outcome: 'accepted',
    actions,
    errors: [],
    verdict: {
      ok: true,
      code: null,
      message: close
        ? `passes, but ${ms} ms is close to the ${input.timeoutMs} ms timeout: production latency may exceed it (${what})${raiseHint(input.timeoutMs)}`
        : `passes in ${ms} ms of ${input.timeoutMs} ms (${what})`,
    },
    body,
  };
}
