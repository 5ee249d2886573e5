/**
 * Connect API errors, made readable: every error code of the API becomes a ConnectError
 * with a stable code (the API's, in SCREAMING_SNAKE_CASE), the API's message, and a hint
 * saying what to do next.
 */
import { ConnectError, ExitCode } from '../errors.js';
import type { ApiErrorBody } from './types.js';

/** What to do about each API error code. `{...}` fields are filled from the error. */
const HINTS: Record<string, string> = {
  AuthenticationError:
    'the token was refused: run `connect login` again, or check CTP_CLIENT_ID / CTP_CLIENT_SECRET',
  AuthorizationError:
    'the API client lacks a scope: create one with manage_connectors and manage_connectors_deployments for this project (Merchant Center > Settings > Developer settings), then `connect login`',
  BadGateway: 'the platform had a temporary problem: retry in a minute',
  ConcurrentModification:
    'someone else changed the resource at the same time: re-read it (`connect ... get`) and run the command again',
  DuplicateField:
    'a resource with this {field} already exists: pick another value, or update the existing one',
  FieldValueNotFound: 'a referenced value does not exist: check keys and ids in the command',
  RateLimited: 'the API is limiting the requests of this client: wait a minute and run the command again',
  General: 'the platform failed unexpectedly: retry, and report the correlation id if it persists',
  InvalidJsonInput: 'the request body was refused: {detailedErrorMessage}',
  InvalidPathParam: 'a key or id in the request is malformed: {detailedErrorMessage}',
  InvalidQueryParam: 'a filter or paging option is malformed: {detailedErrorMessage}',
  ResourceNotFound:
    'check the key or id (`connect staged list`, `connect connectors search`, `connect deployments list`)',
  ConnectorAlreadyCertified:
    'a certified connector cannot be changed this way: publish a new version instead',
  ConnectorStagedInCertification:
    'the connector is being certified: wait for the certification to finish before changing it',
  ConnectorStagedNotPreviewable:
    'run `connect publish --preview` first so that the platform checks the staged connector for previews',
  ConnectorStagedNotPrivate:
    'only private connectors publish without certification: add --private-project or publish with --certify',
  ConnectorStagedPreviewRequestUnderProcess:
    'previewable checks are still running: wait for them (`connect staged get KEY`) and try again',
  GitRepositoryNotReachable:
    "make the repository public, or grant the platform's machine user read access (GitHub: add the `connect-mu` user as a collaborator); check the URL and that the tag is pushed",
  ConnectorSpecificationFileNotFound:
    'commit connect.yaml at the repository root, tag that commit, push the tag, and publish again',
  ConnectorSpecificationFileNotValid:
    'run `connect validate` on the tagged commit, fix connect.yaml, tag again and publish again',
  ConnectorReferenceNotFound:
    'check --connector (`connect connectors search`), or add --staged for a staged connector',
  DeploymentConnectorUpdateFailure:
    'the connector could not be updated: check its newest version, then redeploy',
  DeploymentInvalidStatusTransition:
    'the deployment is busy (e.g. still deploying): wait for it (`connect deployments get KEY`) and try again',
  DeploymentUnknownApplicationConfiguration:
    "remove the application's values: the connector has no such application",
  DeploymentUnknownApplicationConfigurationKey:
    'remove the unknown key from the values file or --set: the connector does not declare it',
  DeploymentUnsupportedRegion:
    'deploy to one of the regions the connector supports (`connect connectors get KEY`)',
  DeploymentApplicationDoNotBelong:
    'the application named is not part of this connector: check the values file',
  DeploymentApplicationRequired:
    "give values for the connector's applications (values file or --set APP.KEY=value)",
  DeploymentUnknownGlobalConfigurationKey: 'remove the unknown key from `global:` in the values file',
  DeploymentMissingGlobalConfigurationKey:
    'set the global key in the values file (`global:`) or with --set KEY=value',
  DeploymentEmptyRequiredGlobalConfigurationKey: 'give the required global key a non-empty value',
  DeploymentInvalidType: 'use --type sandbox, production or preview (preview needs --staged)',
  DeploymentProductionDeactivated:
    'production deployments are turned off for this project: deploy with --type sandbox, or ask commercetools support',
};

export function toErrorCode(apiCode: string): string {
  return apiCode
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/[^A-Za-z0-9]+/g, '_')
    .toUpperCase();
}

function fill(template: string, fields: Record<string, unknown>): string {
  return template.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = fields[name];
    return value === undefined || value === null ? '' : String(value);
  });
}

export interface ApiErrorContext {
  method: string;
  path: string;
  statusCode: number;
  correlationId: string;
  body: unknown;
}

/** The ConnectError for a non-2xx answer of the Connect API. */
export class ConnectApiError extends ConnectError {
  readonly statusCode: number;
  readonly apiCode: string;
  readonly apiErrors: Array<Record<string, unknown>>;

  constructor(context: ApiErrorContext, redact: (text: string) => string = (text) => text) {
    const body = isErrorBody(context.body) ? context.body : undefined;
    const errors = (body?.errors ?? []) as Array<Record<string, unknown>>;
    const first = errors[0] ?? {};
    // Rate limiting is the gateway's answer, whatever code the body carries.
    const apiCode =
      context.statusCode === 429
        ? 'RateLimited'
        : typeof first.code === 'string'
          ? first.code
          : fallbackCode(context.statusCode);
    const text =
      (typeof first.message === 'string' && first.message) ||
      body?.message ||
      `The Connect API answered ${context.statusCode}.`;
    const more = errors
      .slice(1)
      .map((entry) => (typeof entry.message === 'string' ? entry.message : ''))
      .filter(Boolean);
    const template = HINTS[apiCode];
    const hint = template ? fill(template, first).replace(/: $/, '') : undefined;
    super(
      toErrorCode(apiCode),
      redact(
        `${text}${more.length ? `\n  ${more.join('\n  ')}` : ''} (${context.method} ${context.path} → ${context.statusCode})`,
      ),
      {
        hint: hint === undefined ? undefined : redact(hint),
        exitCode: ExitCode.Failure,
        details: {
          apiCode,
          statusCode: context.statusCode,
          correlationId: context.correlationId,
          ...(errors.length ? { errors: JSON.parse(redact(JSON.stringify(errors))) as unknown } : {}),
        },
      },
    );
    this.statusCode = context.statusCode;
    this.apiCode = apiCode;
    this.apiErrors = errors;
  }
}

function isErrorBody(value: unknown): value is ApiErrorBody {
  return !!value && typeof value === 'object' && ('message' in value || 'errors' in value);
}

function fallbackCode(status: number): string {
  if (status === 401) return 'AuthenticationError';
  if (status === 403) return 'AuthorizationError';
  if (status === 404) return 'ResourceNotFound';
  if (status === 409) return 'ConcurrentModification';
  if (status === 502) return 'BadGateway';
  return 'General';
}

export function isApiError(error: unknown, apiCode?: string): error is ConnectApiError {
  return error instanceof ConnectApiError && (apiCode === undefined || error.apiCode === apiCode);
}

/** The list of API codes with a hint (for tests and docs). */
export const API_ERROR_CODES = Object.keys(HINTS);
