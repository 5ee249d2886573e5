import { Flags } from '@oclif/core';

import { BaseCommand } from '../../cli/base-command.js';
import { connectToEmulator } from '../../emulator/admin/client.js';
import { checkoutUnavailable } from '../../emulator/checkout/not-running.js';

export interface TriggerMcTokenResult {
  token: string;
  claims: Record<string, unknown>;
  expiresAt: string;
  issuer: string;
  projectKey: string;
  audience?: string;
  application?: string;
  jwksUrl: string;
}

export default class TriggerMcToken extends BaseCommand<typeof TriggerMcToken> {
  static override description =
    "Mint a Merchant Center JWT for the running `connect dev`'s local project, signed with the key its JWKS (CTP_JWKS_URL) publishes, and print it: call a processor's /operations/* as the Merchant Center does, with `Authorization: Bearer <token>`.";

  static override examples = [
    'curl -H "Authorization: Bearer $(<%= config.bin %> trigger mc-token)" http://127.0.0.1:PORT/operations/status',
    '<%= config.bin %> trigger mc-token --app processor --expires-in 600 --json',
    '<%= config.bin %> trigger mc-token --project-key someone-elses-project',
  ];

  static override flags = {
    app: Flags.string({
      description:
        'The service app the token is for (audience; its CTP_JWT_ISSUER is the issuer). Default: `processor`, else the only service app.',
    }),
    'project-key': Flags.string({ description: 'The project_key claim (default: the local project).' }),
    issuer: Flags.string({
      description: "The iss claim (default: the app's CTP_JWT_ISSUER, else the local issuer).",
    }),
    audience: Flags.string({ description: 'The aud claim (default: the URL of --app).' }),
    user: Flags.string({
      description: 'The sub claim: the Merchant Center user id (default: connect-dev-user).',
    }),
    'expires-in': Flags.integer({ min: 1, description: 'Lifetime in seconds (default 3600).' }),
    path: Flags.string({
      description: 'The repository where `connect dev` runs. Default: the current directory.',
    }),
  };

  async run(): Promise<TriggerMcTokenResult> {
    const { flags } = this;
    const client = await connectToEmulator(flags.path);
    const result = await client
      .post<TriggerMcTokenResult>('/checkout/mc-token', {
        ...(flags.app === undefined ? {} : { app: flags.app }),
        ...(flags['project-key'] === undefined ? {} : { projectKey: flags['project-key'] }),
        ...(flags.issuer === undefined ? {} : { issuer: flags.issuer }),
        ...(flags.audience === undefined ? {} : { audience: flags.audience }),
        ...(flags.user === undefined ? {} : { userId: flags.user }),
        ...(flags['expires-in'] === undefined ? {} : { expiresInSeconds: flags['expires-in'] }),
      })
      .catch((error: unknown) => {
        throw checkoutUnavailable(error);
      });

    if (!this.jsonEnabled()) {
      this.output.out(result.token);
      this.output.info(
        `Merchant Center token for project ${result.projectKey}, issuer ${result.issuer}${result.audience ? `, audience ${result.audience}` : ''}, valid until ${result.expiresAt}.`,
      );
    }
    return result;
  }
}
