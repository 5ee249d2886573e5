import { Flags } from '@oclif/core';

import { BaseCommand } from '../cli/base-command.js';
import { remoteFlags } from '../cli/remote-flags.js';
import {
  checkRegion,
  defaultApiUrl,
  defaultAuthUrl,
  profileName,
  readProfiles,
  saveProfile,
  type Profile,
  type ResolvedCredentials,
} from '../config/credentials.js';
import { connectScopes, createSessionFor } from '../connect-api/session.js';
import { REGIONS } from '../connect-api/types.js';
import { ConnectError, ExitCode, inputRequired } from '../errors.js';
import { canPrompt } from '../ui/prompt.js';

// Prompts load only when one is shown: most runs (CI) never need them.
const prompts = () => import('@inquirer/prompts');

export interface LoginResult {
  profile: string;
  projectKey: string;
  region: string;
  clientId: string;
  scopes: string[];
  tokenExpiresAt: string;
  file: string;
}

export default class Login extends BaseCommand<typeof Login> {
  static override description =
    'Check API client credentials by requesting a token, then save them under a profile (file mode 0600).';

  static override examples = [
    '<%= config.bin %> login --client-id ID --project-key my-project --region europe-west1.gcp',
    'CTP_CLIENT_SECRET=... <%= config.bin %> login --client-id ID --project-key my-project --region europe-west1.gcp --profile ci',
  ];

  static override flags = {
    'client-id': Flags.string({ description: 'API client id (or CTP_CLIENT_ID).' }),
    'client-secret': Flags.string({
      description:
        'API client secret (or CTP_CLIENT_SECRET; prompted without echo on a terminal when omitted).',
    }),
    scope: Flags.string({
      description: 'Scopes to request, space separated (or CTP_SCOPE; default: all of the client).',
    }),
    ...remoteFlags,
  };

  async run(): Promise<LoginResult> {
    const { flags } = this;
    const env = process.env;
    const name = profileName(flags.profile, env);
    const stored: Partial<Profile> = (await readProfiles(env))[name] ?? {};
    const fromEnv = (key: string) => (env[key] && env[key]?.trim() !== '' ? env[key]?.trim() : undefined);

    const clientId =
      flags['client-id'] ??
      fromEnv('CTP_CLIENT_ID') ??
      stored.clientId ??
      (await this.ask('The client id', '--client-id', async () =>
        (await prompts()).input({ message: 'Client id' }),
      ));
    const clientSecret =
      flags['client-secret'] ??
      fromEnv('CTP_CLIENT_SECRET') ??
      (clientId === stored.clientId ? stored.clientSecret : undefined) ??
      (await this.ask('The client secret', '--client-secret (or CTP_CLIENT_SECRET)', async () =>
        (await prompts()).password({ message: 'Client secret', mask: false }),
      ));
    const projectKey =
      flags['project-key'] ??
      fromEnv('CTP_PROJECT_KEY') ??
      stored.projectKey ??
      (await this.ask('The project key', '--project-key', async () =>
        (await prompts()).input({ message: 'Project key' }),
      ));
    const region =
      flags.region ??
      fromEnv('CTP_REGION') ??
      stored.region ??
      (await this.ask('The region', '--region', async () =>
        (await prompts()).select({ message: 'Region', choices: REGIONS.map((value) => ({ value })) }),
      ));
    checkRegion(region, REGIONS);
    const scope =
      flags.scope ?? fromEnv('CTP_SCOPE') ?? (flags['client-id'] === undefined ? stored.scope : undefined);
    const authUrl = fromEnv('CTP_AUTH_URL') ?? stored.authUrl ?? defaultAuthUrl(region);
    const apiUrl =
      fromEnv('CTP_CONNECT_API_URL') ??
      fromEnv('CTP_CLI_CONNECT_API_URL') ??
      stored.apiUrl ??
      defaultApiUrl(region);

    const credentials: ResolvedCredentials = {
      clientId,
      clientSecret,
      projectKey,
      region,
      scope,
      authUrl: authUrl.replace(/\/+$/, ''),
      apiUrl: apiUrl.replace(/\/+$/, ''),
      profile: name,
      profileFound: false,
      sources: {
        clientId: undefined,
        clientSecret: undefined,
        projectKey: undefined,
        region: undefined,
        scope: undefined,
        authUrl: undefined,
        apiUrl: undefined,
      },
    };
    const session = createSessionFor(credentials, {
      trace: flags.debug ? (line) => this.output.info(this.output.color.dim(line)) : undefined,
      userAgent: this.config.userAgent,
    });
    try {
      const token = await session.tokens.fetch();
      if (token.scopes.length > 0 && !token.scopes.some((entry) => entry.endsWith(`:${projectKey}`))) {
        throw new ConnectError(
          'PROJECT_MISMATCH',
          `The API client has no scope for the project "${projectKey}" (granted: ${token.scopes.join(' ')}).`,
          {
            hint: 'check --project-key, or create the API client in that project',
          },
        );
      }
      const wanted = connectScopes(projectKey);
      const lacking = [wanted.connectors, wanted.deployments].filter(
        (entry) => !token.scopes.includes(entry),
      );
      if (token.scopes.length > 0 && lacking.length > 0) {
        this.output.warn(`the token lacks ${lacking.join(' and ')}: some commands will be refused.`);
      }
      const profile: Profile = {
        clientId,
        clientSecret,
        projectKey,
        region,
        ...(scope === undefined ? {} : { scope }),
        ...(credentials.authUrl === defaultAuthUrl(region) ? {} : { authUrl: credentials.authUrl }),
        ...(credentials.apiUrl === defaultApiUrl(region) ? {} : { apiUrl: credentials.apiUrl }),
      };
      const file = await saveProfile(name, profile, env);
      const result: LoginResult = {
        profile: name,
        projectKey,
        region,
        clientId,
        scopes: token.scopes,
        tokenExpiresAt: new Date(token.expiresAt).toISOString(),
        file,
      };
      if (!this.jsonEnabled()) {
        this.output.success(`Logged in to ${projectKey} (${region}) as profile "${name}".`);
        this.output.info(`Scopes: ${token.scopes.join(' ') || '(none reported)'}`);
        this.output.info(`Saved to ${file} (readable by you only).`);
      }
      return result;
    } finally {
      await session.close();
    }
  }

  private async ask(what: string, flag: string, prompt: () => Promise<string>): Promise<string> {
    if (!canPrompt()) throw inputRequired(what, flag);
    const answer = (await prompt()).trim();
    if (answer === '')
      throw new ConnectError('INPUT_EMPTY', `${what} cannot be empty.`, {
        hint: `pass ${flag}`,
        exitCode: ExitCode.Usage,
      });
    return answer;
  }
}
