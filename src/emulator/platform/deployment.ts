/**
 * Which cloud `connect dev` emulates a deployment on: GCP (Pub/Sub push to event apps) unless
 * `--provider aws` or the values file's `platform:` section says AWS:
 * ```yaml
 * platform:
 *   provider: AWS              # or GCP
 *   region: eu-central-1.aws   # optional; the CTP_REGION apps get
 * ```
 * A region ending in `.aws` implies AWS. When the developer's own CTP_REGION is an AWS region
 * and the emulation is GCP, a suggestion says how to switch.
 */
import { ConnectError, ExitCode } from '../../errors.js';
import { isAwsRegion } from '../events/sns.js';
import { DEFAULT_AWS_REGION, DEFAULT_GCP_REGION, type Deployment } from './environment.js';

function usage(message: string, hint: string): ConnectError {
  return new ConnectError('INVALID_PLATFORM_DEFAULT', message, { hint, exitCode: ExitCode.Usage });
}

function provider(value: unknown, where: string): 'AWS' | 'GCP' | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  const upper = String(value).toUpperCase();
  if (upper === 'AWS' || upper === 'GCP') return upper;
  throw usage(`${where}: "${String(value)}" is not a provider the emulator knows.`, 'use AWS or GCP');
}

export interface ResolvedDeployment {
  deployment: Deployment;
  /** Said to the developer when CTP_REGION is an AWS region but the emulation is GCP. */
  suggestion?: string;
}

export function resolveDeployment(input: {
  flag?: string | undefined;
  section?: unknown;
  /** CTP_REGION values the developer set (values file, environment). */
  regions?: Array<string | undefined>;
}): ResolvedDeployment {
  const section = input.section;
  if (section !== undefined && section !== null && (typeof section !== 'object' || Array.isArray(section))) {
    throw usage(
      'values file "platform" must be a map like {provider: AWS}.',
      'write platform: {provider: AWS, region: eu-central-1.aws}',
    );
  }
  const fields = (section ?? {}) as { provider?: unknown; region?: unknown };
  for (const key of Object.keys(fields)) {
    if (key !== 'provider' && key !== 'region')
      throw usage(
        `values file platform.${key} is not a setting of the emulated deployment.`,
        'use platform.provider and platform.region',
      );
  }
  const region = typeof fields.region === 'string' && fields.region !== '' ? fields.region : undefined;
  if (fields.region !== undefined && region === undefined)
    throw usage(
      'values file platform.region must be a region like eu-central-1.aws.',
      'write platform.region: eu-central-1.aws',
    );
  const chosen =
    provider(input.flag, '--provider') ??
    provider(fields.provider, 'values file platform.provider') ??
    (region && isAwsRegion(region) ? 'AWS' : 'GCP');
  if (region && isAwsRegion(region) !== (chosen === 'AWS')) {
    throw usage(
      `The region ${region} is not on ${chosen}.`,
      chosen === 'AWS'
        ? 'use an AWS region such as eu-central-1.aws'
        : 'use a GCP region such as europe-west1.gcp, or --provider aws',
    );
  }
  const deployment: Deployment = {
    provider: chosen,
    region: region ?? (chosen === 'AWS' ? DEFAULT_AWS_REGION : DEFAULT_GCP_REGION),
  };
  const aws = (input.regions ?? []).find((r) => isAwsRegion(r));
  if (chosen === 'GCP' && aws) {
    return {
      deployment,
      suggestion: `CTP_REGION is ${aws}, an AWS region, but event applications get Pub/Sub pushes as on GCP: pass --provider aws (or set platform: {provider: AWS} in the values file) to emulate an AWS deployment, where they receive SNS notifications.`,
    };
  }
  return { deployment };
}
