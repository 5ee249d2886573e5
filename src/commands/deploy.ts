import { Flags } from '@oclif/core';

import { BaseCommand } from '../cli/base-command.js';
import { openRemote, remoteFlags, waitFlags } from '../cli/remote-flags.js';
import { readValuesFile, type Assignment } from '../config/values.js';
import {
  deploy,
  fetchConnector,
  missingValuesError,
  parseSetFlags,
  planValues,
  type DeployTarget,
} from '../connect-api/deploy.js';
import { parseDuration } from '../connect-api/poll.js';
import { findDeployment } from '../connect-api/resources.js';
import { DEPLOYMENT_TYPES, REGIONS, type Deployment, type DeploymentType } from '../connect-api/types.js';
import { ConnectError, ExitCode } from '../errors.js';
import { withProgress } from '../ui/progress.js';
import { canPrompt } from '../ui/prompt.js';
import { printApplications, printReport } from '../ui/remote.js';

export default class Deploy extends BaseCommand<typeof Deploy> {
  static override description =
    'Deploy a connector to the project (or redeploy the deployment with that key), with values checked against the connector first; waits for Deployed or Failed.';

  static override examples = [
    '<%= config.bin %> deploy --connector my-connector --values connect.values.yaml',
    // Single quotes: unquoted, the shell expands ${env:API_SECRET} to nothing before connect sees it.
    "<%= config.bin %> deploy --connector my-connector --key my-connector-prod --type production --set service.API_SECRET='${env:API_SECRET}'",
    '<%= config.bin %> deploy --connector my-connector --staged   # preview deployment of the staged connector',
  ];

  static override flags = {
    connector: Flags.string({ description: 'Key of the connector to deploy.', required: true }),
    staged: Flags.boolean({
      default: false,
      description: 'Deploy the staged connector as a preview (needs `connect publish --preview` first).',
    }),
    key: Flags.string({
      description: 'Key of the deployment (default: the connector key; KEY-preview for previews).',
    }),
    type: Flags.string({
      description: 'Deployment type (default: sandbox; preview with --staged).',
      options: [...DEPLOYMENT_TYPES],
    }),
    values: Flags.string({
      description: 'Values file (default: ./connect.values.yaml when present), as for `connect dev`.',
    }),
    set: Flags.string({
      description: 'A configuration value: APP.KEY=value or KEY=value (repeatable; ${env:NAME} allowed).',
      multiple: true,
    }),
    'update-connector': Flags.boolean({
      default: false,
      description: "On redeploy, move to the connector's newest version.",
    }),
    'skip-scripts': Flags.boolean({
      default: false,
      description: 'On redeploy, do not run the postDeploy scripts.',
    }),
    ...waitFlags('Wait for Deployed or Failed (--no-wait returns at once).'),
    ...remoteFlags,
    region: Flags.string({
      description: 'Region to deploy to (default: the region of the credentials).',
      options: [...REGIONS],
      helpGroup: 'CONNECT API',
    }),
  };

  async run(): Promise<Deployment> {
    const { flags } = this;
    const timeoutMs = parseDuration(flags.timeout);
    const type: DeploymentType =
      (flags.type as DeploymentType | undefined) ?? (flags.staged ? 'preview' : 'sandbox');
    const staged = flags.staged === true;
    if ((type === 'preview') !== staged) {
      throw new ConnectError(
        'DEPLOY_TYPE_INVALID',
        staged
          ? `A staged connector deploys only as a preview (not ${type}).`
          : 'A preview deployment is for a staged connector.',
        {
          hint: staged
            ? 'drop --type or use --type preview'
            : 'add --staged, or use --type sandbox or production',
          exitCode: ExitCode.Usage,
        },
      );
    }
    // Read and check everything local before any request.
    const values = await readValuesFile(process.cwd(), { file: flags.values });
    let assignments: Assignment[] = parseSetFlags(flags.set ?? []);

    // The deployment region is not the credentials' region flag: the project's region stays.
    const session = await openRemote(flags, this.output, {
      useRegionFlag: false,
      userAgent: this.config.userAgent,
    });
    try {
      const { client, redactor } = session;
      const target: DeployTarget = {
        connectorKey: flags.connector,
        staged,
        key: flags.key ?? (type === 'preview' ? `${flags.connector}-preview` : flags.connector),
        region: flags.region ?? session.credentials.region,
        type,
      };
      const connector = await fetchConnector(client, target.connectorKey, target.staged);
      const existing = await findDeployment(client, target.key);
      let plan = planValues(connector, values, assignments, existing);
      if (plan.missing.length > 0) {
        if (!canPrompt()) throw missingValuesError(plan.missing);
        this.output.info(
          `${connector.name} needs ${plan.missing.length} more value${plan.missing.length === 1 ? '' : 's'}:`,
        );
        const answers: Assignment[] = [];
        for (const item of plan.missing) {
          const name = item.application ? `${item.application}.${item.key}` : item.key;
          const message = `${name}${item.description ? ` (${item.description})` : ''}`;
          const { input, password } = await import('@inquirer/prompts');
          const value = item.secured ? await password({ message, mask: false }) : await input({ message });
          answers.push({
            ...(item.application ? { application: item.application } : {}),
            key: item.key,
            value,
            raw: name,
          });
        }
        assignments = [...assignments, ...answers];
        plan = planValues(connector, values, assignments, existing);
        if (plan.missing.length > 0) throw missingValuesError(plan.missing);
      }
      redactor.add(...plan.secrets);

      const outcome = await deploy({
        client,
        target,
        plan,
        existing,
        skipScripts: flags['skip-scripts'],
        updateConnector: flags['update-connector'],
        wait: flags.wait,
        timeoutMs,
        progress: (title, run) => withProgress(this.output, title, run),
        note: (text) => {
          if (!this.jsonEnabled()) this.output.info(text);
        },
      });
      const deployment = redactor.redactValue(outcome.deployment);
      if (!this.jsonEnabled() && outcome.waited) {
        printApplications(this.output, deployment);
        printReport(this.output, 'Build report', deployment.details.build.report);
      }
      if (!outcome.ok) {
        throw new ConnectError('DEPLOY_FAILED', `Deployment ${target.key} ended ${deployment.status}.`, {
          hint: `read the build report above and the logs (connect logs ${target.key}); fix, then run connect deploy again to redeploy`,
          details: { status: deployment.status, report: deployment.details.build.report },
        });
      }
      if (!this.jsonEnabled()) {
        if (outcome.waited) this.output.success(`Deployed ${target.key}.`);
        else this.output.info(`Not waiting: follow it with \`connect deployments get ${target.key}\`.`);
      }
      return deployment;
    } finally {
      await session.close();
    }
  }
}
