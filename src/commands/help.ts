import { Args, Flags, loadHelpClass, toStandardizedId } from '@oclif/core';

import { BaseCommand } from '../cli/base-command.js';
import { unknownCommand } from '../cli/hooks/command-not-found.js';

/**
 * `connect help [COMMAND]`: @oclif/plugin-help's command, with an unknown command reported like
 * everywhere else (UNKNOWN_COMMAND, the nearest command, exit 2) instead of oclif's bare error.
 */
export default class Help extends BaseCommand<typeof Help> {
  static override description = 'Show help for connect, a topic or a command.';
  static override enableJsonFlag = false;
  static override strict = false;
  static override args = {
    command: Args.string({ description: 'Command or topic to show help for (e.g. `deployments list`).' }),
  };
  static override flags = {
    'nested-commands': Flags.boolean({
      char: 'n',
      description: 'Include all nested commands in the output.',
    }),
  };
  static override examples = ['<%= config.bin %> help validate', '<%= config.bin %> help deployments list'];

  async run(): Promise<void> {
    const words = this.argv.filter((word) => !word.startsWith('-'));
    if (words.length > 0) {
      const id = toStandardizedId(words.join(' '), this.config);
      if (!this.config.findCommand(id) && !this.config.findTopic(id)) throw unknownCommand(id, this.config);
    }
    const HelpClass = await loadHelpClass(this.config);
    const help = new HelpClass(this.config, { all: this.flags['nested-commands'] });
    await help.showHelp(words);
  }
}
