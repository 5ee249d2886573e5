import { BaseCommand } from '../cli/base-command.js';

export interface VersionResult {
  name: string;
  version: string;
  node: string;
  platform: string;
  arch: string;
}

export default class Version extends BaseCommand<typeof Version> {
  static override description =
    'Show the version of connect, of Node.js and the platform (also `connect --version` and `connect -v`).';

  static override examples = ['<%= config.bin %> version', '<%= config.bin %> version --json'];

  async run(): Promise<VersionResult> {
    const { config } = this;
    if (!this.jsonEnabled()) this.output.out(config.userAgent);
    return {
      name: config.name,
      version: config.version,
      node: process.versions.node,
      platform: config.platform,
      arch: config.arch,
    };
  }
}
