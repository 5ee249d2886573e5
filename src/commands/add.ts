import { join, relative } from 'node:path';

import { Args, Flags } from '@oclif/core';

import { BaseCommand } from '../cli/base-command.js';
import { pathArg, repositoryPath } from '../cli/repository-path.js';
import { SCAFFOLD_TYPES } from '../scaffold/catalogue.js';
import { resolveAddAnswers } from '../scaffold/questions.js';
import { addApplication, inferLanguage, readRepository, type AddResult } from '../scaffold/scaffold.js';
import { inquirerPrompter } from '../ui/prompter.js';
import { canPrompt } from '../ui/prompt.js';
import { shellWord } from '../ui/shell.js';

export default class Add extends BaseCommand<typeof Add> {
  static override summary = 'Add an application to an existing Connect repository.';
  static override description = `Creates the application's folder from the bundled template and adds its entry to connect.yaml, keeping the file's comments, order and formatting. Refuses a name that connect.yaml already has, unless that application has no folder yet: then it creates the folder (validate's missing-folder) and leaves connect.yaml as it is.`;

  static override examples = [
    '<%= config.bin %> add event',
    '<%= config.bin %> add job --name nightly-export --schedule "0 3 * * *" --no-install',
    '<%= config.bin %> add service --name cart-rules --endpoint /cart-rules ../my-connector',
  ];

  static override args = {
    type: Args.string({
      description: `application type: ${SCAFFOLD_TYPES.join(', ')}`,
      required: true,
    }),
    path: pathArg,
  };

  static override flags = {
    name: Flags.string({
      char: 'n',
      description: 'name of the application and of its folder (default: TYPE)',
    }),
    path: Flags.string({
      char: 'p',
      hidden: true,
      description: 'Same as the PATH argument (kept for scripts).',
    }),
    language: Flags.string({
      char: 'l',
      description: "ts, js or java (default: the language of the repository's other applications)",
      helpValue: 'ts|js|java',
    }),
    endpoint: Flags.string({ description: 'endpoint path (service, event, job; default /TYPE)' }),
    schedule: Flags.string({ description: 'cron schedule (job; default "0 * * * *")' }),
    install: Flags.boolean({ description: "install the application's dependencies", allowNo: true }),
    yes: Flags.boolean({
      char: 'y',
      description: 'accept the default of every question not answered by a flag',
    }),
    force: Flags.boolean({ description: 'replace an existing folder of the same name' }),
  };

  async run(): Promise<AddResult> {
    const { flags } = this;
    const path = repositoryPath(this.args.path, flags.path);
    const repository = await readRepository(path);
    const declared = repository.applications.find(
      (app) => app.name === (flags.name ?? this.args.type) && app.type === this.args.type,
    );
    const answers = await resolveAddAnswers(
      {
        type: this.args.type,
        name: flags.name,
        language: flags.language,
        // An application connect.yaml declares (its folder is missing): its endpoint and schedule.
        endpoints: optional(flags.endpoint ?? declared?.endpoint),
        schedules: optional(flags.schedule ?? declared?.schedule),
        install: flags.install,
        yes: flags.yes,
      },
      inferLanguage(repository.root, repository.applications),
      canPrompt() ? inquirerPrompter : undefined,
    );
    const result = await addApplication({
      ...answers,
      path,
      force: flags.force,
      quiet: this.jsonEnabled(),
    });
    if (!this.jsonEnabled()) {
      const app = result.application;
      this.output.success(
        result.declared
          ? `Created ${app.name}/ for the ${app.applicationType} "${app.name}" connect.yaml declares${app.endpoint ? ` (POST ${app.endpoint})` : ''}`
          : `Added ${app.applicationType} "${app.name}" in ${app.name}/${app.endpoint ? ` (POST ${app.endpoint})` : ''} and to connect.yaml`,
      );
      if (!result.installed) {
        // From where the user is (perhaps a subfolder of the repository), as a shell word.
        const folder = relative(process.cwd(), join(result.root, app.name)) || '.';
        this.output.info(`Next: cd ${shellWord(folder)} && ${result.packageManager} install`);
      }
    }
    return result;
  }
}

function optional(value: string | undefined): string[] | undefined {
  return value === undefined ? undefined : [value];
}
