/**
 * Flags shared by every command that talks to the Connect API, and the one way to open a
 * session from them (credentials: flags > CTP_* environment > profile).
 */
import { Flags } from '@oclif/core';

import { openSession, type Session } from '../connect-api/session.js';
import { REGIONS } from '../connect-api/types.js';
import type { Output } from '../ui/output.js';

export const remoteFlags = {
  profile: Flags.string({
    description: 'Credentials profile saved by `connect login` (default: "default", or CONNECT_PROFILE).',
    helpGroup: 'CONNECT API',
  }),
  'project-key': Flags.string({
    description: 'Project key (overrides CTP_PROJECT_KEY and the profile).',
    helpGroup: 'CONNECT API',
  }),
  region: Flags.string({
    description: 'Region of the project (overrides CTP_REGION and the profile).',
    options: [...REGIONS],
    helpGroup: 'CONNECT API',
  }),
  debug: Flags.boolean({
    default: false,
    description: 'Trace every HTTP request and answer on stderr (secrets and tokens masked).',
    helpGroup: 'CONNECT API',
  }),
};

/** --wait/--no-wait and --timeout of the commands that wait for an outcome (publish, deploy, delete). */
export function waitFlags(waitDescription: string) {
  return {
    wait: Flags.boolean({ description: waitDescription, default: true, allowNo: true }),
    timeout: Flags.string({
      description: 'Stop waiting after this long (e.g. 90s, 15m, 1h).',
      default: '30m',
    }),
  };
}

export interface RemoteFlagValues {
  profile?: string | undefined;
  'project-key'?: string | undefined;
  region?: string | undefined;
  debug?: boolean | undefined;
}

export async function openRemote(
  flags: RemoteFlagValues,
  output: Output,
  options: { useRegionFlag?: boolean; userAgent?: string } = {},
): Promise<Session> {
  return openSession(
    {
      profile: flags.profile,
      projectKey: flags['project-key'],
      region: options.useRegionFlag === false ? undefined : flags.region,
    },
    {
      trace: flags.debug ? (line) => output.info(output.color.dim(line)) : undefined,
      userAgent: options.userAgent,
    },
  );
}
