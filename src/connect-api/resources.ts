/**
 * The Connect API's endpoints as typed functions (paths as in the reference). A reference
 * is a key unless it is a UUID, then it is an id.
 */
import { isApiError } from './errors.js';
import type { ConnectClient, Query } from './client.js';
import type {
  Connector,
  ConnectorDraft,
  ConnectorStaged,
  Deployment,
  DeploymentDraft,
  DeploymentLogsPage,
  PagedQueryResponse,
} from './types.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** `key=<key>` or the id, as a path segment. */
export function refSegment(ref: string): string {
  return UUID.test(ref) ? encodeURIComponent(ref) : `key=${encodeURIComponent(ref)}`;
}

export interface ListOptions {
  limit?: number | undefined;
  offset?: number | undefined;
  sort?: string[] | undefined;
}

function pageQuery(options: ListOptions): Query {
  return { limit: options.limit, offset: options.offset, sort: options.sort };
}

// --- staged connectors (ConnectorStaged) ---------------------------------------------------

export function stagedPath(ref: string): string {
  return `/connectors/drafts/${refSegment(ref)}`;
}

export function listStaged(client: ConnectClient, options: ListOptions = {}) {
  return client.call<PagedQueryResponse<ConnectorStaged>>('GET', '/connectors/drafts', {
    query: pageQuery(options),
  });
}

export function getStaged(client: ConnectClient, ref: string) {
  return client.call<ConnectorStaged>('GET', stagedPath(ref));
}

export function createStaged(client: ConnectClient, draft: ConnectorDraft) {
  return client.call<ConnectorStaged>('POST', '/connectors/drafts', { body: draft });
}

export function updateStaged(
  client: ConnectClient,
  current: ConnectorStaged,
  actionsFor: (resource: ConnectorStaged) => Array<Record<string, unknown>>,
) {
  return client.update(stagedPath(current.id), current, actionsFor);
}

// --- published connectors ------------------------------------------------------------------

export function getConnector(client: ConnectClient, ref: string) {
  return client.call<Connector>('GET', `/connectors/${refSegment(ref)}`);
}

export interface SearchOptions extends ListOptions {
  text?: string | undefined;
  integrationTypes?: string[] | undefined;
  company?: string | undefined;
  private?: boolean | undefined;
}

export function searchConnectors(client: ConnectClient, options: SearchOptions = {}) {
  return client.call<PagedQueryResponse<Connector>>('GET', '/connectors/search', {
    query: {
      ...pageQuery(options),
      text: options.text,
      integrationTypes: options.integrationTypes,
      'creator.company': options.company,
      private: options.private,
    },
  });
}

// --- deployments ---------------------------------------------------------------------------

export function deploymentsPath(client: ConnectClient): string {
  return `/${encodeURIComponent(client.projectKey)}/deployments`;
}

export function deploymentPath(client: ConnectClient, ref: string): string {
  return `${deploymentsPath(client)}/${refSegment(ref)}`;
}

export function listDeployments(
  client: ConnectClient,
  options: ListOptions & { type?: string | undefined } = {},
) {
  return client.call<PagedQueryResponse<Deployment>>('GET', deploymentsPath(client), {
    query: { ...pageQuery(options), deploymentType: options.type },
  });
}

export function getDeployment(client: ConnectClient, ref: string) {
  return client.call<Deployment>('GET', deploymentPath(client, ref));
}

/** The deployment, or undefined when it does not exist. */
export async function findDeployment(client: ConnectClient, ref: string): Promise<Deployment | undefined> {
  try {
    return await getDeployment(client, ref);
  } catch (error) {
    if ((error as { statusCode?: number }).statusCode === 404) return undefined;
    throw error;
  }
}

export function createDeployment(client: ConnectClient, draft: DeploymentDraft) {
  return client.call<Deployment>('POST', deploymentsPath(client), { body: draft });
}

export function updateDeployment(
  client: ConnectClient,
  current: Deployment,
  actionsFor: (resource: Deployment) => Array<Record<string, unknown>>,
) {
  return client.update(deploymentPath(client, current.id), current, actionsFor);
}

/**
 * Undeploys. A DELETE whose answer was lost (the connection dropped after the platform acted) is
 * sent again by the HTTP client, and the platform then refuses it with
 * DeploymentInvalidStatusTransition: the deployment is already Undeploying, which is what was
 * asked, so that is success.
 */
export async function deleteDeployment(client: ConnectClient, ref: string): Promise<Deployment> {
  try {
    return await client.call<Deployment>('DELETE', deploymentPath(client, ref));
  } catch (error) {
    if (!isApiError(error, 'DeploymentInvalidStatusTransition')) throw error;
    const current = await client.call<Deployment>('GET', deploymentPath(client, ref)).catch(() => undefined);
    if (current?.status === 'Undeploying') return current;
    throw error;
  }
}

export interface LogsQuery {
  applicationName?: string | undefined;
  startDate?: string | undefined;
  endDate?: string | undefined;
  pageToken?: string | undefined;
}

export function getLogsPage(client: ConnectClient, ref: string, query: LogsQuery) {
  return client.call<DeploymentLogsPage>('GET', `${deploymentPath(client, ref)}/logs`, {
    query: { ...query },
  });
}
