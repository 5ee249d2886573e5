/**
 * `connect publish`: create or update (by key) the ConnectorStaged of this repository from
 * Git and the connector metadata, optionally run the previewable checks, then publish and
 * wait for the outcome.
 */
import { ConnectError, ExitCode } from '../errors.js';
import type { ConnectClient } from './client.js';
import { isApiError } from './errors.js';
import type { GitSource } from './git.js';
import { waitFor } from './poll.js';
import { createStaged, getStaged, updateStaged } from './resources.js';
import {
  INTEGRATION_TYPES,
  REGIONS,
  type ConnectorDraft,
  type ConnectorStaged,
  type Creator,
  type Report,
} from './types.js';

const KEY_PATTERN = /^[a-zA-Z0-9_-]{2,256}$/;
const CREATOR_FIELDS = [
  'email',
  'name',
  'title',
  'company',
  'logoUrl',
  'supportUrl',
  'noOfContributors',
] as const;

export interface ConnectorMetadata {
  key?: string | undefined;
  name?: string | undefined;
  description?: string | undefined;
  creator: Partial<Creator>;
  integrationTypes?: string[] | undefined;
  supportedRegions?: string[] | undefined;
  privateProjects?: string[] | undefined;
  documentationUrl?: string | undefined;
}

export interface MetadataFlags {
  key?: string | undefined;
  name?: string | undefined;
  description?: string | undefined;
  creatorEmail?: string | undefined;
  integrationTypes?: string[] | undefined;
  regions?: string[] | undefined;
  privateProjects?: string[] | undefined;
}

function metadataError(message: string, hint: string): ConnectError {
  return new ConnectError('CONNECTOR_METADATA_INVALID', message, { hint, exitCode: ExitCode.Usage });
}

function asString(value: unknown, where: string): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  throw metadataError(`${where} must be a string.`, `write ${where} as text in the values file`);
}

function asList(value: unknown, where: string): string[] | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'string') return splitList([value]);
  if (Array.isArray(value) && value.every((item) => typeof item === 'string')) return value as string[];
  throw metadataError(
    `${where} must be a list of strings.`,
    `write ${where} as a YAML list, e.g. [psp, tax]`,
  );
}

/** `a,b` and repeated flags alike. */
export function splitList(values: readonly string[] | undefined): string[] | undefined {
  if (values === undefined) return undefined;
  return values
    .flatMap((value) => value.split(','))
    .map((value) => value.trim())
    .filter(Boolean);
}

/** The `connector:` section of the values file, read and checked. */
export function metadataFromSection(section: unknown, file = 'the values file'): ConnectorMetadata {
  if (section === undefined || section === null) return { creator: {} };
  if (typeof section !== 'object' || Array.isArray(section)) {
    throw metadataError(
      `${file}: connector must be a map (key, name, creator, ...).`,
      'see docs/publish-and-deploy.md',
    );
  }
  const raw = section as Record<string, unknown>;
  const known = [
    'key',
    'name',
    'description',
    'creator',
    'integrationTypes',
    'supportedRegions',
    'privateProjects',
    'documentationUrl',
  ];
  for (const field of Object.keys(raw)) {
    if (!known.includes(field)) {
      throw metadataError(
        `${file}: connector.${field} is not a connector field. Known: ${known.join(', ')}.`,
        `remove connector.${field}`,
      );
    }
  }
  const creator: Partial<Creator> = {};
  if (raw.creator !== undefined && raw.creator !== null) {
    if (typeof raw.creator !== 'object' || Array.isArray(raw.creator)) {
      throw metadataError(
        `${file}: connector.creator must be a map (email, name, company, ...).`,
        'see docs/publish-and-deploy.md',
      );
    }
    for (const [field, value] of Object.entries(raw.creator as Record<string, unknown>)) {
      if (!(CREATOR_FIELDS as readonly string[]).includes(field)) {
        throw metadataError(
          `${file}: connector.creator.${field} is not a creator field. Known: ${CREATOR_FIELDS.join(', ')}.`,
          `remove connector.creator.${field}`,
        );
      }
      if (field === 'noOfContributors') {
        if (typeof value !== 'number' || !Number.isInteger(value)) {
          throw metadataError(
            `${file}: connector.creator.noOfContributors must be a whole number.`,
            'write e.g. noOfContributors: 3',
          );
        }
        creator.noOfContributors = value;
      } else {
        const text = asString(value, `connector.creator.${field}`);
        if (text !== undefined) (creator as Record<string, unknown>)[field] = text;
      }
    }
  }
  return {
    key: asString(raw.key, 'connector.key'),
    name: asString(raw.name, 'connector.name'),
    description: asString(raw.description, 'connector.description'),
    creator,
    integrationTypes: asList(raw.integrationTypes, 'connector.integrationTypes'),
    supportedRegions: asList(raw.supportedRegions, 'connector.supportedRegions'),
    privateProjects: asList(raw.privateProjects, 'connector.privateProjects'),
    documentationUrl: asString(raw.documentationUrl, 'connector.documentationUrl'),
  };
}

/** Flags win over the values file, field by field. */
export function mergeMetadata(flags: MetadataFlags, section: ConnectorMetadata): ConnectorMetadata {
  return {
    key: flags.key ?? section.key,
    name: flags.name ?? section.name,
    description: flags.description ?? section.description,
    creator: {
      ...section.creator,
      ...(flags.creatorEmail === undefined ? {} : { email: flags.creatorEmail }),
    },
    integrationTypes: splitList(flags.integrationTypes) ?? section.integrationTypes,
    supportedRegions: splitList(flags.regions) ?? section.supportedRegions,
    privateProjects: splitList(flags.privateProjects) ?? section.privateProjects,
    documentationUrl: section.documentationUrl,
  };
}

/** The ConnectorDraft, after checking every field the way the platform will. */
export function checkMetadata(meta: ConnectorMetadata): string {
  const missing = [
    meta.key === undefined ? '--key (connector.key)' : undefined,
    meta.name === undefined ? '--name (connector.name)' : undefined,
    meta.creator.email === undefined ? '--creator-email (connector.creator.email)' : undefined,
  ].filter(Boolean);
  if (missing.length > 0) {
    throw new ConnectError('CONNECTOR_METADATA_MISSING', `The connector needs ${missing.join(', ')}.`, {
      hint: 'pass the flags, or write them in the `connector:` section of connect.values.yaml',
      exitCode: ExitCode.Usage,
    });
  }
  const key = meta.key as string;
  if (!KEY_PATTERN.test(key)) {
    throw metadataError(
      `The connector key "${key}" is not valid.`,
      'use 2 to 256 letters, digits, "_" or "-"',
    );
  }
  if (!(meta.creator.email as string).includes('@')) {
    throw metadataError(
      `"${meta.creator.email}" is not an email address.`,
      'pass --creator-email you@example.com',
    );
  }
  for (const type of meta.integrationTypes ?? []) {
    if (!(INTEGRATION_TYPES as readonly string[]).includes(type)) {
      throw metadataError(
        `Unknown integration type "${type}".`,
        `use some of: ${INTEGRATION_TYPES.join(', ')}`,
      );
    }
  }
  for (const region of meta.supportedRegions ?? []) {
    if (!(REGIONS as readonly string[]).includes(region)) {
      throw metadataError(`Unknown region "${region}".`, `use some of: ${REGIONS.join(', ')}`);
    }
  }
  return key;
}

/** The ConnectorDraft for a tagged commit (metadata checked first). */
export function buildDraft(
  meta: ConnectorMetadata,
  source: Pick<GitSource, 'url' | 'tag'>,
): ConnectorDraft & { key: string } {
  const key = checkMetadata(meta);
  return {
    key,
    name: meta.name as string,
    ...(meta.description === undefined ? {} : { description: meta.description }),
    ...(meta.integrationTypes === undefined ? {} : { integrationTypes: meta.integrationTypes }),
    creator: meta.creator as Creator,
    repository: { url: source.url, tag: source.tag },
    ...(meta.supportedRegions === undefined ? {} : { supportedRegions: meta.supportedRegions }),
    ...(meta.privateProjects === undefined ? {} : { privateProjects: meta.privateProjects }),
    ...(meta.documentationUrl === undefined ? {} : { documentationUrl: meta.documentationUrl }),
  };
}

const sameList = (a: readonly string[] | undefined, b: readonly string[] | undefined) =>
  JSON.stringify([...(a ?? [])].sort()) === JSON.stringify([...(b ?? [])].sort());

/** The update actions that make `current` match `draft` (fields the draft leaves out stay). */
export function stagedActions(
  current: ConnectorStaged,
  draft: ConnectorDraft,
): Array<Record<string, unknown>> {
  const actions: Array<Record<string, unknown>> = [];
  if (draft.name !== current.name) actions.push({ action: 'setName', name: draft.name });
  if (draft.description !== undefined && draft.description !== current.description) {
    actions.push({ action: 'setDescription', description: draft.description });
  }
  if (draft.repository.url !== current.repository.url || draft.repository.tag !== current.repository.tag) {
    actions.push({ action: 'setRepository', url: draft.repository.url, tag: draft.repository.tag });
  }
  const creatorAction: Record<string, [string, string]> = {
    email: ['setCreatorEmail', 'email'],
    name: ['setCreatorName', 'name'],
    title: ['setCreatorTitle', 'title'],
    company: ['setCreatorCompany', 'company'],
    supportUrl: ['setCreatorSupportUrl', 'supportUrl'],
    logoUrl: ['setCreatorLogo', 'logoUrl'],
    noOfContributors: ['setCreatorNoOfContributors', 'noOfContributors'],
  };
  for (const [field, [action, name]] of Object.entries(creatorAction)) {
    const wanted = (draft.creator as unknown as Record<string, unknown>)[field];
    if (wanted !== undefined && wanted !== (current.creator as unknown as Record<string, unknown>)[field]) {
      actions.push({ action, [name]: wanted });
    }
  }
  if (draft.integrationTypes !== undefined && !sameList(draft.integrationTypes, current.integrationTypes)) {
    actions.push({ action: 'setIntegrationTypes', integrationTypes: draft.integrationTypes });
  }
  if (draft.supportedRegions !== undefined && !sameList(draft.supportedRegions, current.supportedRegions)) {
    actions.push({ action: 'setSupportedRegions', regions: draft.supportedRegions });
  }
  if (draft.documentationUrl !== undefined && draft.documentationUrl !== current.documentationUrl) {
    actions.push({ action: 'setDocumentationUrl', documentationUrl: draft.documentationUrl });
  }
  if (draft.privateProjects !== undefined) {
    for (const project of draft.privateProjects) {
      if (!current.privateProjects.includes(project))
        actions.push({ action: 'addPrivateProject', privateProject: project });
    }
    for (const project of current.privateProjects) {
      if (!draft.privateProjects.includes(project))
        actions.push({ action: 'removePrivateProject', privateProject: project });
    }
  }
  return actions;
}

export type WaitRunner = <T>(
  title: string,
  run: (update: (status: string) => void) => Promise<T>,
) => Promise<T>;

export interface PublishOptions {
  client: ConnectClient;
  draft: ConnectorDraft & { key: string };
  preview: boolean;
  certify: boolean;
  wait: boolean;
  timeoutMs: number;
  progress: WaitRunner;
  /** Told about each step, for the human output. */
  note?: (text: string) => void;
  /** Shown the previewable checks' report as soon as it is known. */
  onPreviewReport?: (report: Report | undefined, staged: ConnectorStaged) => void;
}

export interface PublishOutcome {
  staged: ConnectorStaged;
  created: boolean;
  actions: string[];
  /** true when the wait ended in the state asked for. */
  ok: boolean;
  waited: boolean;
}

/** Statuses that end a publish wait. */
const PUBLISH_SETTLED = ['Published', 'Failed', 'InCertification', 'ReadyForCertification'];

export async function publishConnector(options: PublishOptions): Promise<PublishOutcome> {
  const { client, draft } = options;
  const note = options.note ?? (() => {});
  let staged: ConnectorStaged;
  let created = false;
  let actions: string[] = [];
  const existing = await getStaged(client, draft.key).catch((error: unknown) => {
    if (isApiError(error) && error.statusCode === 404) return undefined;
    throw error;
  });
  if (!existing) {
    staged = await createStaged(client, draft);
    created = true;
    note(`Created staged connector ${draft.key} (${draft.repository.url} at ${draft.repository.tag}).`);
  } else {
    const planned = stagedActions(existing, draft);
    actions = planned.map((action) => String(action.action));
    staged = planned.length
      ? await updateStaged(client, existing, (current) => stagedActions(current, draft))
      : existing;
    note(
      planned.length
        ? `Updated staged connector ${draft.key}: ${actions.join(', ')}.`
        : `Staged connector ${draft.key} is up to date.`,
    );
  }

  if (options.preview) {
    staged = await updateStaged(client, staged, () => [{ action: 'updatePreviewable' }]);
    if (!options.wait) return { staged, created, actions, ok: true, waited: false };
    staged = await options.progress(`Previewable checks of ${draft.key}`, (update) =>
      waitFor(staged, {
        read: () => getStaged(client, staged.id),
        done: (resource) => resource.isPreviewable !== 'pending',
        status: (resource) => `isPreviewable ${resource.isPreviewable}`,
        what: `the previewable checks of ${draft.key}`,
        checkCommand: `connect staged get ${draft.key}`,
        timeoutMs: options.timeoutMs,
        onStatus: update,
      }),
    );
    options.onPreviewReport?.(staged.previewableReport, staged);
    if (staged.isPreviewable !== 'true') {
      throw new ConnectError(
        'PREVIEW_CHECKS_FAILED',
        `The previewable checks of ${draft.key} failed (isPreviewable: ${staged.isPreviewable}).`,
        {
          hint: 'fix what the report above says, tag a new commit, push it, and publish again',
          details: { isPreviewable: staged.isPreviewable, report: staged.previewableReport },
        },
      );
    }
  }

  staged = await updateStaged(client, staged, () => [{ action: 'publish', certification: options.certify }]);
  if (!options.wait) return { staged, created, actions, ok: true, waited: false };
  staged = await options.progress(`Publishing ${draft.key}`, (update) =>
    waitFor(staged, {
      read: () => getStaged(client, staged.id),
      done: (resource) => PUBLISH_SETTLED.includes(resource.status),
      status: (resource) => resource.status,
      what: `${draft.key} to publish`,
      checkCommand: `connect staged get ${draft.key}`,
      timeoutMs: options.timeoutMs,
      onStatus: update,
    }),
  );
  const ok =
    staged.status === 'Published' ||
    (options.certify && (staged.status === 'InCertification' || staged.status === 'ReadyForCertification'));
  return { staged, created, actions, ok, waited: true };
}
