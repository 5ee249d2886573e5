/**
 * What the platform checks in an Extension draft before anything is stored, and the mock does
 * not: a draft it refuses with 400 must not be stored (a stored `{}` breaks every later cart
 * and customer creation). Errors are the platform's: `InvalidJsonInput` with the field in
 * `detailedErrorMessage`, as the HTTP API answers a draft missing a required value.
 */
import { EXTENSION_RESOURCE_TYPES } from './resource-types.js';

export interface DraftError {
  statusCode: 400;
  message: string;
  errors: Array<{ code: string; message: string; detailedErrorMessage?: string }>;
}

function invalidJson(detail: string): DraftError {
  const message = 'Request body does not contain valid JSON.';
  return {
    statusCode: 400,
    message,
    errors: [{ code: 'InvalidJsonInput', message, detailedErrorMessage: detail }],
  };
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const DESTINATIONS: Record<string, string[]> = {
  HTTP: ['url'],
  AWSLambda: ['arn', 'accessKey', 'accessSecret'],
  GoogleCloudFunction: ['url'],
};

/** The platform's error for an Extension draft it refuses, or undefined when it is acceptable. */
export function extensionDraftError(draft: unknown): DraftError | undefined {
  if (!isObject(draft)) return invalidJson('body: JSON object expected.');
  const destination = draft.destination;
  if (destination === undefined || destination === null)
    return invalidJson('destination: Missing required value');
  if (!isObject(destination)) return invalidJson('destination: JSON object expected.');
  const type = destination.type;
  if (typeof type !== 'string' || !(type in DESTINATIONS)) {
    return invalidJson(
      `destination: Missing or unknown type '${String(type)}' (one of ${Object.keys(DESTINATIONS).join(', ')}).`,
    );
  }
  for (const field of DESTINATIONS[type] ?? []) {
    if (typeof destination[field] !== 'string' || destination[field] === '') {
      return invalidJson(`destination -> ${field}: Missing required value`);
    }
  }
  const triggers = draft.triggers;
  if (triggers === undefined || triggers === null) return invalidJson('triggers: Missing required value');
  if (!Array.isArray(triggers)) return invalidJson('triggers: JSON array expected.');
  for (const [index, trigger] of triggers.entries()) {
    if (!isObject(trigger)) return invalidJson(`triggers -> ${index}: JSON object expected.`);
    if (
      typeof trigger.resourceTypeId !== 'string' ||
      !EXTENSION_RESOURCE_TYPES.includes(trigger.resourceTypeId as never)
    ) {
      return invalidJson(
        `triggers -> ${index} -> resourceTypeId: Missing or unknown value '${String(trigger.resourceTypeId)}'.`,
      );
    }
    if (
      !Array.isArray(trigger.actions) ||
      trigger.actions.length === 0 ||
      trigger.actions.some((action) => action !== 'Create' && action !== 'Update')
    ) {
      return invalidJson(`triggers -> ${index} -> actions: a non-empty list of Create, Update expected.`);
    }
    if (trigger.condition !== undefined && typeof trigger.condition !== 'string') {
      return invalidJson(`triggers -> ${index} -> condition: JSON string expected.`);
    }
  }
  if (
    draft.timeoutInMs !== undefined &&
    (typeof draft.timeoutInMs !== 'number' || !Number.isInteger(draft.timeoutInMs))
  ) {
    return invalidJson('timeoutInMs: JSON number expected.');
  }
  return undefined;
}
