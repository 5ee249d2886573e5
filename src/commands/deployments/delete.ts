import { Args, Flags } from '@oclif/core';

import { BaseCommand } from '../../cli/base-command.js';
import { openRemote, remoteFlags, waitFlags } from '../../cli/remote-flags.js';
import { isApiError } from '../../connect-api/errors.js';
import { parseDuration, waitFor } from '../../connect-api/poll.js';
import { deleteDeployment, findDeployment, getDeployment } from '../../connect-api/resources.js';
import type { Deployment } from '../../connect-api/types.js';
import { ConnectError, ExitCode } from '../../errors.js';
import { withProgress } from '../../ui/progress.js';
import { canPrompt } from '../../ui/prompt.js';

export interface DeleteResult {
  key: string;
  id: string;
  status: 'Undeployed' | Deployment['status'];
  waited: boolean;
}

export default class DeploymentsDelete extends BaseCommand<typeof DeploymentsDelete> {
  static override description =
    'Undeploy and delete a deployment (runs its preUndeploy scripts). Asks first on a terminal; needs --yes without one.';

  static override examples = [
    '<%= config.bin %> deployments delete my-deployment',
    '<%= config.bin %> deployments delete my-deployment --yes --no-wait',
  ];

  static override args = {
    key: Args.string({ description: 'Key or id of the deployment.', required: true }),
  };

  static override flags = {
    yes: Flags.boolean({
      default: false,
      char: 'y',
      description: 'Do not ask for confirmation (required without a terminal).',
    }),
    ...waitFlags('Wait until the undeploy is over (--no-wait returns at once).'),
    ...remoteFlags,
  };

  async run(): Promise<DeleteResult> {
    const timeoutMs = parseDuration(this.flags.timeout);
    const session = await openRemote(this.flags, this.output, { userAgent: this.config.userAgent });
    try {
      const { client } = session;
      const deployment = await findDeployment(client, this.args.key);
      if (!deployment) {
        throw new ConnectError(
          'DEPLOYMENT_NOT_FOUND',
          `There is no deployment "${this.args.key}" in ${client.projectKey}.`,
          {
            hint: 'list them with `connect deployments list`',
          },
        );
      }
      const label = deployment.key ?? deployment.id;
      if (!this.flags.yes) {
        if (!canPrompt()) {
          throw new ConnectError(
            'CONFIRMATION_REQUIRED',
            `Deleting ${label} needs a confirmation and there is no terminal to ask on.`,
            {
              hint: 'pass --yes',
              exitCode: ExitCode.InputRequired,
            },
          );
        }
        const { confirm } = await import('@inquirer/prompts');
        const ok = await confirm({
          message: `Undeploy ${label} (${deployment.type}, ${deployment.connector.key ?? deployment.connector.id}) from ${client.projectKey}?`,
          default: false,
        });
        if (!ok) throw new ConnectError('DECLINED', 'Nothing was deleted.', { exitCode: ExitCode.Failure });
      }
      const started = await deleteDeployment(client, deployment.id);
      if (!this.flags.wait) {
        if (!this.jsonEnabled()) this.output.success(`Undeploying ${label} (${started.status}).`);
        return { key: label, id: deployment.id, status: started.status, waited: false };
      }
      const final = await withProgress(this.output, `Undeploying ${label}`, (update) =>
        waitFor<Deployment | undefined>(started, {
          read: async () => {
            try {
              return await getDeployment(client, deployment.id);
            } catch (error) {
              if (isApiError(error) && error.statusCode === 404) return undefined;
              throw error;
            }
          },
          done: (resource) => resource === undefined || resource.status === 'UndeployFailed',
          status: (resource) => resource?.status ?? 'Undeployed',
          what: `${label} to be undeployed`,
          checkCommand: `connect deployments get ${label}`,
          timeoutMs,
          onStatus: update,
        }),
      );
      if (final?.status === 'UndeployFailed') {
        throw new ConnectError('UNDEPLOY_FAILED', `Undeploying ${label} failed.`, {
          hint: `look at its preUndeploy script output: connect logs ${label}`,
        });
      }
      if (!this.jsonEnabled()) this.output.success(`Deleted ${label}.`);
      return { key: label, id: deployment.id, status: 'Undeployed', waited: true };
    } finally {
      await session.close();
    }
  }
}
