import { dirname, relative } from 'node:path';

import { Flags } from '@oclif/core';

import { BaseCommand } from '../cli/base-command.js';
import { openRemote, remoteFlags, waitFlags } from '../cli/remote-flags.js';
import { pathArg } from '../cli/repository-path.js';
import { readValuesFile } from '../config/values.js';
import { gitSource } from '../connect-api/git.js';
import { parseDuration } from '../connect-api/poll.js';
import {
  buildDraft,
  checkMetadata,
  mergeMetadata,
  metadataFromSection,
  publishConnector,
} from '../connect-api/publish.js';
import type { ConnectorStaged } from '../connect-api/types.js';
import { ConnectError } from '../errors.js';
import { findSpecFile } from '../spec/load.js';
import { validateRepository } from '../spec/validate.js';
import { withProgress } from '../ui/progress.js';
import { printReport, statusStyle } from '../ui/remote.js';

export default class Publish extends BaseCommand<typeof Publish> {
  static override description =
    'Validate, then create or update (by key) the staged connector of this repository from its pushed Git tag, and publish it; waits for Published or Failed.';

  static override examples = [
    '<%= config.bin %> publish --key my-connector --name "My connector" --creator-email me@example.com',
    '<%= config.bin %> publish --tag v1.2.0 --preview          # previewable checks first, then publish',
    '<%= config.bin %> publish --certify                        # submit for public certification',
  ];

  static override args = {
    path: pathArg,
  };

  static override flags = {
    tag: Flags.string({ description: 'Git tag to publish (default: the tag at HEAD).' }),
    key: Flags.string({ description: 'Connector key (or connector.key in the values file).' }),
    name: Flags.string({ description: 'Connector name (or connector.name).' }),
    description: Flags.string({ description: 'Connector description (or connector.description).' }),
    'creator-email': Flags.string({ description: "Creator's email (or connector.creator.email)." }),
    'integration-types': Flags.string({
      description: 'Integration types, a,b (or connector.integrationTypes).',
      multiple: true,
    }),
    regions: Flags.string({
      description: 'Supported regions, a,b (or connector.supportedRegions).',
      multiple: true,
    }),
    'private-project': Flags.string({
      description: 'A project that may deploy the private connector (repeatable).',
      multiple: true,
    }),
    values: Flags.string({
      description: 'Values file with a `connector:` section (default: connect.values.yaml).',
    }),
    preview: Flags.boolean({
      default: false,
      description: 'Run the previewable checks (and wait for them) before publishing.',
    }),
    certify: Flags.boolean({
      default: false,
      description: 'Publish for public certification instead of privately.',
    }),
    validate: Flags.boolean({
      description: 'Run `connect validate` first (--no-validate skips it).',
      default: true,
      allowNo: true,
    }),
    ...waitFlags('Wait for the outcome (--no-wait returns at once).'),
    ...remoteFlags,
  };

  async run(): Promise<ConnectorStaged> {
    const { flags } = this;
    const timeoutMs = parseDuration(flags.timeout);
    const specFile = await findSpecFile(this.args.path);
    const root = dirname(specFile);

    // Never send the platform a connect.yaml we know it will reject.
    if (flags.validate) {
      const result = await validateRepository(specFile, {});
      if (!result.valid) {
        for (const d of result.diagnostics) {
          this.output.info(
            `${relative(process.cwd(), d.file) || d.file}:${d.line}:${d.column} ${d.severity === 'error' ? this.output.color.red('error') : this.output.color.yellow('warning')} ${d.message} ${this.output.color.dim(d.code)}`,
          );
        }
        throw new ConnectError(
          'CONNECT_YAML_INVALID',
          `connect.yaml has ${result.errorCount} error${result.errorCount === 1 ? '' : 's'}: nothing was published.`,
          {
            hint: `fix them (\`connect validate ${relative(process.cwd(), root) || '.'}\`), commit, tag, push, and publish again`,
            details: { diagnostics: result.diagnostics },
          },
        );
      }
    }

    const values = await readValuesFile(root, { file: flags.values });
    const meta = mergeMetadata(
      {
        key: flags.key,
        name: flags.name,
        description: flags.description,
        creatorEmail: flags['creator-email'],
        integrationTypes: flags['integration-types'],
        regions: flags.regions,
        privateProjects: flags['private-project'],
      },
      metadataFromSection(values.connector, values.file ?? 'the values file'),
    );
    checkMetadata(meta);
    const source = await gitSource(root, { tag: flags.tag });
    const draft = buildDraft(meta, source);

    const session = await openRemote(flags, this.output, { userAgent: this.config.userAgent });
    try {
      const human = !this.jsonEnabled();
      const outcome = await publishConnector({
        client: session.client,
        draft,
        preview: flags.preview,
        certify: flags.certify,
        wait: flags.wait,
        timeoutMs,
        progress: (title, run) => withProgress(this.output, title, run),
        note: (text) => {
          if (human) this.output.info(text);
        },
        onPreviewReport: (report) => {
          if (human) printReport(this.output, 'Previewable checks', report);
        },
      });
      const staged = session.redactor.redactValue(outcome.staged);
      if (human && outcome.waited) printReport(this.output, 'Publishing report', staged.publishingReport);
      if (!outcome.ok) {
        throw new ConnectError('PUBLISH_FAILED', `Publishing ${draft.key} ended ${staged.status}.`, {
          hint: 'read the publishing report above, fix the repository, tag a new commit, push it, and publish again',
          details: { status: staged.status, report: staged.publishingReport },
        });
      }
      if (human) {
        if (!outcome.waited)
          this.output.info(`Not waiting: follow it with \`connect staged get ${draft.key}\`.`);
        else if (staged.status === 'Published')
          this.output.success(
            `Published ${draft.key} (${source.tag}). Deploy it with: connect deploy --connector ${draft.key}`,
          );
        else
          this.output.success(
            `${draft.key} is ${statusStyle(this.output.color, staged.status)}: commercetools reviews it for certification.`,
          );
      }
      return staged;
    } finally {
      await session.close();
    }
  }
}
