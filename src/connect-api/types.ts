/**
 * The Connect API's resources, field for field as they travel on the wire
 * (../shared/reference/connect-api.md). Optional fields are optional because the API omits them.
 */
export const REGIONS = [
  'us-central1.gcp',
  'europe-west1.gcp',
  'australia-southeast1.gcp',
  'us-east-2.aws',
  'eu-central-1.aws',
] as const;
export type Region = (typeof REGIONS)[number];

export const INTEGRATION_TYPES = [
  'analytics',
  'crm',
  'email',
  'erp',
  'giftcard',
  'marketplace',
  'oms',
  'other',
  'pim',
  'promotion',
  'psp',
  'search',
  'shipping',
  'tax',
] as const;

export const DEPLOYMENT_TYPES = ['sandbox', 'production', 'preview'] as const;
export type DeploymentType = (typeof DEPLOYMENT_TYPES)[number];

export interface PagedQueryResponse<T> {
  limit: number;
  offset: number;
  count: number;
  total?: number;
  results: T[];
}

export interface KeyValue {
  key: string;
  value: string;
}

export interface ConfigurationEntryDefinition {
  key: string;
  description?: string;
  required?: boolean;
  default?: string;
}

export interface ConnectorConfigurationApplication {
  applicationName: string;
  applicationType: string;
  standardConfiguration: ConfigurationEntryDefinition[];
  securedConfiguration: ConfigurationEntryDefinition[];
}

export interface ConnectorGlobalConfiguration {
  standardConfiguration?: ConfigurationEntryDefinition[];
  securedConfiguration?: ConfigurationEntryDefinition[];
}

export interface Creator {
  email: string;
  name?: string;
  title?: string;
  company?: string;
  logoUrl?: string;
  noOfContributors?: number;
  supportUrl?: string;
}

export interface Repository {
  url: string;
  tag: string;
}

export interface ReportEntry {
  type: 'Error' | 'Warning' | 'Information';
  title: string;
  message?: string;
  createdAt: string;
}

export interface Report {
  entries: ReportEntry[];
}

export type ConnectorStagedStatus =
  'Draft' | 'Processing' | 'Published' | 'Failed' | 'ReadyForCertification' | 'InCertification';

export type Previewable = 'none' | 'pending' | 'true' | 'false';

export interface ConnectorDraft {
  key?: string;
  name: string;
  description?: string;
  integrationTypes?: string[];
  creator: Creator;
  repository: Repository;
  supportedRegions?: string[];
  privateProjects?: string[];
  documentationUrl?: string;
}

export interface ConnectorStaged {
  id: string;
  key?: string;
  version: number;
  name: string;
  description?: string;
  integrationTypes?: string[];
  creator: Creator;
  repository: Repository;
  supportedRegions?: string[];
  privateProjects: string[];
  documentationUrl?: string;
  status: ConnectorStagedStatus;
  configurations: ConnectorConfigurationApplication[];
  globalConfiguration?: ConnectorGlobalConfiguration;
  apiClient?: { scopes?: string[] };
  private: boolean;
  certificationInfo?: unknown;
  publishingReport?: Report;
  alreadyListed: boolean;
  hasChanges: boolean;
  isPreviewable: Previewable;
  previewableReport?: Report;
  createdAt?: string;
  lastModifiedAt?: string;
}

export interface Connector {
  id: string;
  key?: string;
  version: number;
  name: string;
  description?: string;
  integrationTypes?: string[];
  creator: Creator;
  repository: Repository;
  supportedRegions?: string[];
  privateProjects?: string[];
  configurations: ConnectorConfigurationApplication[];
  globalConfiguration?: ConnectorGlobalConfiguration;
  private?: boolean;
  documentationUrl?: string;
  createdAt?: string;
  lastModifiedAt?: string;
}

export interface StagedConnectorAction {
  action: string;
  [field: string]: unknown;
}

export interface ApplicationConfigurationValues {
  applicationName: string;
  standardConfiguration: KeyValue[];
  securedConfiguration: KeyValue[];
}

export interface GlobalConfigurationValues {
  standardConfiguration?: KeyValue[];
  securedConfiguration?: KeyValue[];
}

export interface DeploymentDraft {
  key?: string;
  type?: DeploymentType;
  connector: { id?: string; key?: string; staged?: boolean; version?: number };
  region: string;
  configurations?: ApplicationConfigurationValues[];
  globalConfiguration?: GlobalConfigurationValues;
}

export type DeploymentStatus =
  'Queued' | 'Draft' | 'Deploying' | 'Deployed' | 'Failed' | 'Undeploying' | 'UndeployFailed';

export interface DeploymentApplication {
  id: string;
  applicationName: string;
  standardConfiguration: KeyValue[];
  securedConfiguration: KeyValue[];
  url?: string;
  topic?: string;
  schedule?: string;
}

export interface Deployment {
  id: string;
  key?: string;
  version: number;
  type: DeploymentType;
  connector: Connector & { staged?: boolean };
  globalConfiguration?: GlobalConfigurationValues;
  apiClient?: unknown;
  details: { build: { id: string; report?: Report } };
  deployedRegion: string;
  applications: DeploymentApplication[];
  preview: boolean;
  status: DeploymentStatus;
  createdAt?: string;
  lastModifiedAt?: string;
}

export interface DeploymentLog {
  type: string;
  deploymentId: string;
  applicationName: string;
  severity: string;
  timestamp: string;
  details: unknown;
}

export interface DeploymentLogsPage {
  data: DeploymentLog[];
  next?: string | null;
}

/** An error as the Connect API answers it. */
export interface ApiErrorBody {
  statusCode: number;
  message: string;
  errors?: Array<{ code: string; message: string; [field: string]: unknown }>;
}
