/**
 * `connect deploy`: check the configuration values against the connector's own declaration
 * (from the API), then create the deployment or redeploy the existing one with that key,
 * and wait for Deployed or Failed.
 */
import {
  flagLayer,
  parseAssignments,
  resolveConfiguration,
  valuesFileLayer,
  type Assignment,
  type ConfigLayer,
  type ValuesFile,
} from '../config/values.js';
import { ConnectError, ExitCode, isConnectError } from '../errors.js';
import type { ConnectSpec } from '../spec/types.js';
import type { ConnectClient } from './client.js';
import { isApiError } from './errors.js';
import { waitFor } from './poll.js';
import type { WaitRunner } from './publish.js';
import {
  createDeployment,
  findDeployment,
  getConnector,
  getDeployment,
  getStaged,
  updateDeployment,
} from './resources.js';
import type {
  ApplicationConfigurationValues,
  Connector,
  Deployment,
  DeploymentDraft,
  DeploymentType,
  GlobalConfigurationValues,
  KeyValue,
} from './types.js';

export interface MissingValue {
  /** undefined for a global key. */
  application: string | undefined;
  key: string;
  secured: boolean;
  description: string;
}

export interface DeployPlan {
  configurations: ApplicationConfigurationValues[];
  globalConfiguration: GlobalConfigurationValues;
  missing: MissingValue[];
  /** Secured values, to be masked everywhere. */
  secrets: string[];
}

/** The connector's configuration declaration, in the shape of a connect.yaml. */
export function specOfConnector(
  connector: Pick<Connector, 'configurations' | 'globalConfiguration'>,
): ConnectSpec {
  const entries = (list: Connector['configurations'][number]['standardConfiguration'] | undefined) =>
    (list ?? []).map((entry) => ({
      key: entry.key,
      description: entry.description ?? '',
      ...(entry.required === undefined ? {} : { required: entry.required }),
      ...(entry.default === undefined ? {} : { default: entry.default }),
    }));
  return {
    deployAs: connector.configurations.map((app) => ({
      name: app.applicationName,
      applicationType: app.applicationType,
      endpoint: '/',
      configuration: {
        standardConfiguration: entries(app.standardConfiguration),
        securedConfiguration: entries(app.securedConfiguration),
      },
    })) as unknown as ConnectSpec['deployAs'],
    inheritAs: {
      configuration: {
        standardConfiguration: entries(connector.globalConfiguration?.standardConfiguration),
        securedConfiguration: entries(connector.globalConfiguration?.securedConfiguration),
      },
    },
  };
}

/** `--set APP.KEY=value` / `--set KEY=value`, with `${env:NAME}` references. */
export function parseSetFlags(list: readonly string[], env: NodeJS.ProcessEnv = process.env): Assignment[] {
  try {
    return parseAssignments(list, env);
  } catch (error) {
    if (!isConnectError(error)) throw error;
    throw new ConnectError(
      error.code === 'ENV_FLAG_INVALID' ? 'SET_FLAG_INVALID' : error.code,
      error.message.replace(/--env/g, '--set'),
      { hint: error.hint?.replace(/--env/g, '--set'), exitCode: error.exitCode },
    );
  }
}

function list(names: readonly string[]): string {
  return names.length ? names.join(', ') : '(none)';
}

/** Every unknown application and key in the values file and the --set flags, all at once. */
export function valueProblems(
  spec: ConnectSpec,
  values: ValuesFile,
  assignments: readonly Assignment[],
): string[] {
  const problems: string[] = [];
  const apps = spec.deployAs.map((app) => app.name);
  const globalKeys = [
    ...(spec.inheritAs?.configuration?.standardConfiguration ?? []),
    ...(spec.inheritAs?.configuration?.securedConfiguration ?? []),
  ].map((entry) => entry.key);
  const ownKeys = (name: string) => {
    const app = spec.deployAs.find((candidate) => candidate.name === name);
    const config = app && 'configuration' in app ? (app.configuration ?? {}) : {};
    return [...(config.standardConfiguration ?? []), ...(config.securedConfiguration ?? [])].map(
      (entry) => entry.key,
    );
  };
  const where = values.file ?? 'the values file';
  for (const key of Object.keys(values.global)) {
    if (!globalKeys.includes(key))
      problems.push(
        `${where}: global.${key} is not a global key of the connector (global keys: ${list(globalKeys)})`,
      );
  }
  for (const [name, map] of Object.entries(values.applications)) {
    if (!apps.includes(name)) {
      problems.push(
        `${where}: applications.${name}: the connector has no application "${name}" (applications: ${list(apps)})`,
      );
      continue;
    }
    for (const key of Object.keys(map)) {
      if (!ownKeys(name).includes(key)) {
        problems.push(
          `${where}: applications.${name}.${key} is not a key of ${name} (${globalKeys.includes(key) ? `${key} is global: put it under global:` : `keys: ${list(ownKeys(name))}`})`,
        );
      }
    }
  }
  for (const assignment of assignments) {
    if (assignment.application !== undefined) {
      if (!apps.includes(assignment.application)) {
        problems.push(
          `--set ${assignment.raw}: the connector has no application "${assignment.application}" (applications: ${list(apps)})`,
        );
      } else if (
        !ownKeys(assignment.application).includes(assignment.key) &&
        !globalKeys.includes(assignment.key)
      ) {
        problems.push(
          `--set ${assignment.raw}: ${assignment.key} is not a key of ${assignment.application} (keys: ${list(ownKeys(assignment.application))})`,
        );
      }
    } else if (
      !globalKeys.includes(assignment.key) &&
      !apps.some((app) => ownKeys(app).includes(assignment.key))
    ) {
      problems.push(`--set ${assignment.raw}: no application of the connector declares ${assignment.key}`);
    }
  }
  return problems;
}

/** The values of an existing deployment, so that a redeploy keeps what it does not change. */
export function deploymentLayer(deployment: Deployment | undefined): ConfigLayer {
  return {
    source: 'runtime',
    get(application, key, global) {
      if (!deployment) return undefined;
      const pairs: KeyValue[] = global
        ? [
            ...(deployment.globalConfiguration?.standardConfiguration ?? []),
            ...(deployment.globalConfiguration?.securedConfiguration ?? []),
          ]
        : (() => {
            const app = deployment.applications.find(
              (candidate) => candidate.applicationName === application,
            );
            return [...(app?.standardConfiguration ?? []), ...(app?.securedConfiguration ?? [])];
          })();
      const value = pairs.find((pair) => pair.key === key)?.value;
      // A masked value read back from the API is not a value to send again.
      return value === '****' ? undefined : value;
    },
  };
}

/** Resolves every application's values: --set, then the values file, then the existing deployment. */
export function planValues(
  connector: Pick<Connector, 'configurations' | 'globalConfiguration'>,
  values: ValuesFile,
  assignments: readonly Assignment[],
  existing?: Deployment,
): DeployPlan {
  const spec = specOfConnector(connector);
  const problems = valueProblems(spec, values, assignments);
  if (problems.length > 0) {
    throw new ConnectError(
      'DEPLOY_VALUES_INVALID',
      `The configuration values do not match the connector:\n  - ${problems.join('\n  - ')}`,
      {
        hint: 'fix or remove these entries (`connect connectors get KEY` lists the keys)',
        details: { problems },
      },
    );
  }
  const layers = [flagLayer(assignments), valuesFileLayer(values), deploymentLayer(existing)];
  const configurations: ApplicationConfigurationValues[] = [];
  const globalStandard = new Map<string, string>();
  const globalSecured = new Map<string, string>();
  const missing: MissingValue[] = [];
  const secrets: string[] = [];
  for (const app of spec.deployAs) {
    const resolved = resolveConfiguration(spec, app.name, layers);
    const standardConfiguration: KeyValue[] = [];
    const securedConfiguration: KeyValue[] = [];
    for (const entry of resolved.values) {
      if (entry.value !== null && entry.secured) secrets.push(entry.value);
      // Defaults are the platform's to apply; only values someone gave are sent.
      if (entry.value === null || entry.source === 'default') continue;
      if (entry.global) (entry.secured ? globalSecured : globalStandard).set(entry.key, entry.value);
      else
        (entry.secured ? securedConfiguration : standardConfiguration).push({
          key: entry.key,
          value: entry.value,
        });
    }
    for (const key of resolved.missing) {
      const entry = resolved.values.find((candidate) => candidate.key === key);
      const global = entry?.global === true;
      if (global && missing.some((item) => item.application === undefined && item.key === key)) continue;
      const config = global
        ? spec.inheritAs?.configuration
        : 'configuration' in app
          ? app.configuration
          : undefined;
      const declared = [
        ...(config?.standardConfiguration ?? []),
        ...(config?.securedConfiguration ?? []),
      ].find((candidate) => candidate.key === key);
      missing.push({
        application: global ? undefined : app.name,
        key,
        secured: entry?.secured === true,
        description: declared?.description ?? '',
      });
    }
    configurations.push({ applicationName: app.name, standardConfiguration, securedConfiguration });
  }
  const toPairs = (map: Map<string, string>) => [...map].map(([key, value]) => ({ key, value }));
  return {
    configurations,
    globalConfiguration: {
      standardConfiguration: toPairs(globalStandard),
      securedConfiguration: toPairs(globalSecured),
    },
    missing,
    secrets,
  };
}

export function missingValuesError(missing: readonly MissingValue[]): ConnectError {
  const names = missing.map((item) => (item.application ? `${item.application}.${item.key}` : item.key));
  return new ConnectError(
    'DEPLOY_VALUES_MISSING',
    `Required configuration values are missing: ${names.join(', ')}.`,
    {
      hint: `set them in the values file or pass ${names.map((name) => `--set ${name}=...`).join(' ')}`,
      exitCode: ExitCode.InputRequired,
      details: { missing: names },
    },
  );
}

export interface DeployTarget {
  connectorKey: string;
  staged: boolean;
  key: string;
  region: string;
  type: DeploymentType;
}

/** The connector to deploy: the published one, or the staged one for a preview. */
export async function fetchConnector(
  client: ConnectClient,
  key: string,
  staged: boolean,
): Promise<Connector> {
  try {
    return staged ? await getStaged(client, key) : await getConnector(client, key);
  } catch (error) {
    if (isApiError(error) && error.statusCode === 404) {
      throw new ConnectError(
        'CONNECTOR_NOT_FOUND',
        staged ? `There is no staged connector "${key}".` : `There is no published connector "${key}".`,
        {
          hint: staged
            ? 'check the key with `connect staged list`'
            : 'check the key with `connect connectors search`; for a connector not yet published use --staged',
        },
      );
    }
    throw error;
  }
}

export interface DeployOptions {
  client: ConnectClient;
  target: DeployTarget;
  plan: DeployPlan;
  existing: Deployment | undefined;
  skipScripts: boolean;
  updateConnector: boolean;
  wait: boolean;
  timeoutMs: number;
  progress: WaitRunner;
  note?: (text: string) => void;
}

export interface DeployOutcome {
  deployment: Deployment;
  created: boolean;
  ok: boolean;
  waited: boolean;
}

const DEPLOY_SETTLED = ['Deployed', 'Failed'];

export async function deploy(options: DeployOptions): Promise<DeployOutcome> {
  const { client, target, plan } = options;
  const note = options.note ?? (() => {});
  let deployment: Deployment;
  let created = false;
  const globalConfiguration =
    (plan.globalConfiguration.standardConfiguration?.length ?? 0) +
      (plan.globalConfiguration.securedConfiguration?.length ?? 0) >
    0
      ? plan.globalConfiguration
      : undefined;
  if (options.existing) {
    const current = options.existing;
    const connectorKey = current.connector.key ?? current.connector.id;
    if (connectorKey !== target.connectorKey && current.connector.id !== target.connectorKey) {
      throw new ConnectError(
        'DEPLOYMENT_KEY_TAKEN',
        `The deployment "${target.key}" exists but deploys the connector "${connectorKey}", not "${target.connectorKey}".`,
        { hint: 'pick another --key, or delete it first (`connect deployments delete KEY`)' },
      );
    }
    deployment = await updateDeployment(client, current, () => [
      {
        action: 'redeploy',
        ...(options.skipScripts ? { skipScripts: true } : {}),
        ...(options.updateConnector ? { updateConnector: true } : {}),
        configurationValues: plan.configurations,
        ...(globalConfiguration ? { globalConfiguration } : {}),
      },
    ]);
    note(`Redeploying ${target.key}${options.updateConnector ? ' on the newest connector version' : ''}.`);
  } else {
    const draft: DeploymentDraft = {
      key: target.key,
      type: target.type,
      connector: { key: target.connectorKey, ...(target.staged ? { staged: true } : {}) },
      region: target.region,
      configurations: plan.configurations,
      ...(globalConfiguration ? { globalConfiguration } : {}),
    };
    deployment = await createDeployment(client, draft);
    created = true;
    note(`Created deployment ${target.key} (${target.type}, ${target.region}).`);
  }
  if (!options.wait) return { deployment, created, ok: true, waited: false };
  const started = deployment;
  let sawBusy = !DEPLOY_SETTLED.includes(started.status);
  deployment = await options.progress(`Deploying ${target.key}`, (update) =>
    waitFor(started, {
      read: () => getDeployment(client, started.id),
      // Right after a redeploy the old Deployed/Failed may still be read: wait for a new run.
      done: (resource) => {
        if (!DEPLOY_SETTLED.includes(resource.status)) {
          sawBusy = true;
          return false;
        }
        return sawBusy || resource.version > started.version;
      },
      status: (resource) => resource.status,
      what: `deployment ${target.key}`,
      checkCommand: `connect deployments get ${target.key}`,
      timeoutMs: options.timeoutMs,
      onStatus: update,
    }),
  );
  return { deployment, created, ok: deployment.status === 'Deployed', waited: true };
}

export { findDeployment };
