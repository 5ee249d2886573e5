import { BaseCommand } from '../cli/base-command.js';
import { openRemote, remoteFlags } from '../cli/remote-flags.js';

export interface WhoamiResult {
  projectKey: string;
  region: string;
  clientId: string;
  profile: string | null;
  source: string;
  scopes: string[];
  tokenExpiresAt: string;
  apiUrl: string;
  authUrl: string;
}

export default class Whoami extends BaseCommand<typeof Whoami> {
  static override description =
    'Show the project, region, scopes and token expiry of the current credentials (never the secret).';

  static override examples = ['<%= config.bin %> whoami', '<%= config.bin %> whoami --profile ci --json'];

  static override flags = { ...remoteFlags };

  async run(): Promise<WhoamiResult> {
    const session = await openRemote(this.flags, this.output, { userAgent: this.config.userAgent });
    try {
      const { credentials } = session;
      const token = await session.tokens.get();
      const result: WhoamiResult = {
        projectKey: credentials.projectKey,
        region: credentials.region,
        clientId: credentials.clientId,
        profile: credentials.profileFound ? credentials.profile : null,
        source:
          credentials.sources.clientSecret === 'profile'
            ? `profile "${credentials.profile}"`
            : credentials.sources.clientSecret === 'env'
              ? 'environment (CTP_*)'
              : 'flags',
        scopes: token.scopes,
        tokenExpiresAt: new Date(token.expiresAt).toISOString(),
        apiUrl: credentials.apiUrl,
        authUrl: credentials.authUrl,
      };
      if (!this.jsonEnabled()) {
        const rows: Array<[string, string]> = [
          ['Project', result.projectKey],
          ['Region', result.region],
          ['Client id', result.clientId],
          ['Credentials', result.source],
          ['Scopes', result.scopes.join(' ') || '(none reported)'],
          ['Token expires', result.tokenExpiresAt],
          ['Connect API', result.apiUrl],
        ];
        for (const [label, value] of rows)
          this.output.out(`${this.output.color.bold(label.padEnd(14))} ${value}`);
      }
      return result;
    } finally {
      await session.close();
    }
  }
}
