import { Args, Flags } from '@oclif/core';

import { BaseCommand } from '../cli/base-command.js';
import { SCAFFOLD_TYPES } from '../scaffold/catalogue.js';
import { resolveInitAnswers } from '../scaffold/questions.js';
import { initRepository, type InitResult } from '../scaffold/scaffold.js';
import { inquirerPrompter } from '../ui/prompter.js';
import { canPrompt } from '../ui/prompt.js';
import { shellWord } from '../ui/shell.js';

export default class Init extends BaseCommand<typeof Init> {
  static override summary = 'Create a Connect repository from the bundled templates.';
  static override description = `Writes connect.yaml, one folder per application (service, event, job, assets, Merchant Center custom application or view) from templates pinned to this version of the CLI, a README, .gitignore and .env.example files; installs the dependencies and makes an initial Git commit.

On a terminal, missing answers are asked. Without one, pass every answer as a flag or --yes to accept the defaults (TypeScript, one service, install, git). Nothing is left behind when anything fails or is cancelled.`;

  static override examples = [
    '<%= config.bin %> init',
    '<%= config.bin %> init my-connector --language ts --app service --app event:order-events --yes',
    '<%= config.bin %> init my-connector --app job:nightly --schedule "0 3 * * *" --no-install --no-git --language js',
  ];

  static override args = {
    dir: Args.string({ description: 'directory of the new repository (created if needed)' }),
  };

  static override flags = {
    language: Flags.string({
      char: 'l',
      description:
        'language of the applications: ts (TypeScript), js (JavaScript) or java (Java, built with Maven)',
      helpValue: 'ts|js|java',
    }),
    app: Flags.string({
      char: 'a',
      description: `an application to create, TYPE[:NAME] (repeatable); TYPE is one of ${SCAFFOLD_TYPES.join(', ')}; NAME defaults to TYPE`,
      multiple: true,
      multipleNonGreedy: true,
      helpValue: 'TYPE[:NAME]',
    }),
    endpoint: Flags.string({
      description:
        'endpoint path of the service, event and job applications, as PATH or NAME=PATH (default /TYPE)',
      multiple: true,
      multipleNonGreedy: true,
    }),
    schedule: Flags.string({
      description: 'cron schedule of the job applications, as CRON or NAME=CRON (default "0 * * * *")',
      multiple: true,
      multipleNonGreedy: true,
    }),
    install: Flags.boolean({ description: "install each application's dependencies", allowNo: true }),
    git: Flags.boolean({ description: 'create a Git repository with an initial commit', allowNo: true }),
    yes: Flags.boolean({
      char: 'y',
      description: 'accept the default of every question not answered by a flag',
    }),
    force: Flags.boolean({
      description: 'write into a non-empty directory, replacing files of the same name',
    }),
    ci: Flags.boolean({
      description: 'write a GitHub Actions workflow (.github/workflows/connect.yml); --no-ci leaves it out',
      allowNo: true,
      default: true,
    }),
  };

  async run(): Promise<InitResult> {
    const { flags } = this;
    const answers = await resolveInitAnswers(
      {
        directory: this.args.dir,
        language: flags.language,
        apps: flags.app,
        endpoints: flags.endpoint,
        schedules: flags.schedule,
        install: flags.install,
        git: flags.git,
        yes: flags.yes,
        force: flags.force,
      },
      canPrompt() ? inquirerPrompter : undefined,
    );
    const result = await initRepository({
      ...answers,
      force: flags.force,
      ci: flags.ci,
      quiet: this.jsonEnabled(),
    });
    if (!this.jsonEnabled()) {
      const output = this.output;
      output.success(`Created ${result.root}`);
      output.table(
        result.applications.map((app) => ({ ...app, folder: `${app.name}/` })),
        [
          { header: 'APPLICATION', get: (app) => app.name },
          { header: 'TYPE', get: (app) => app.applicationType },
          { header: 'FOLDER', get: (app) => app.folder },
          { header: 'ENDPOINT', get: (app) => app.endpoint ?? '' },
          { header: 'SCHEDULE', get: (app) => app.schedule ?? '' },
        ],
      );
      if (answers.git && !result.git)
        output.info(`${result.root} is already a Git repository: no commit was made.`);
      output.info('');
      output.info('Next:');
      output.info(`  cd ${shellWord(this.args.dir ?? answers.directory)}`);
      if (result.language === 'java') output.info('  (in each application folder) mvn package');
      else if (!result.installed)
        output.info(`  (in each application folder) ${result.packageManager} install`);
      output.info('  connect validate');
      output.info('  connect dev');
    }
    return result;
  }
}
