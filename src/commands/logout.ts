import { Flags } from '@oclif/core';

import { BaseCommand } from '../cli/base-command.js';
import { profileName, removeProfile } from '../config/credentials.js';
import { clearTokenCache } from '../connect-api/auth.js';

export interface LogoutResult {
  profile: string;
  removed: boolean;
}

export default class Logout extends BaseCommand<typeof Logout> {
  static override description = 'Forget the credentials of a profile and every cached token.';

  static override examples = ['<%= config.bin %> logout', '<%= config.bin %> logout --profile ci'];

  static override flags = {
    profile: Flags.string({ description: 'Profile to remove (default: "default", or CONNECT_PROFILE).' }),
  };

  async run(): Promise<LogoutResult> {
    const profile = profileName(this.flags.profile);
    const removed = await removeProfile(profile);
    await clearTokenCache();
    if (!this.jsonEnabled()) {
      if (removed) this.output.success(`Logged out: profile "${profile}" removed.`);
      else this.output.info(`No profile "${profile}": nothing to remove.`);
    }
    return { profile, removed };
  }
}
