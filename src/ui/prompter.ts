/**
 * The inquirer implementation of the scaffold's Prompter. Prompts render on stderr so that
 * stdout keeps only data (--json). Ctrl-C becomes a CANCELLED error: nothing has been written
 * while questions are being asked.
 */
import { checkbox, confirm, input, select } from '@inquirer/prompts';

import type { Prompter } from '../scaffold/questions.js';
import { promptCancelled } from './prompt.js';

const context = { output: process.stderr };

async function cancellable<T>(prompt: Promise<T>): Promise<T> {
  try {
    return await prompt;
  } catch (error) {
    throw promptCancelled(error, 'Cancelled: nothing was written.') ?? error;
  }
}

export const inquirerPrompter: Prompter = {
  input: (message, options) =>
    cancellable(
      input(
        {
          message,
          ...(options.default === undefined ? {} : { default: options.default }),
          ...(options.validate === undefined ? {} : { validate: options.validate }),
        },
        context,
      ),
    ),
  select: (message, choices, defaultValue) =>
    cancellable(
      select({ message, choices, ...(defaultValue === undefined ? {} : { default: defaultValue }) }, context),
    ),
  checkbox: (message, choices) =>
    cancellable(
      checkbox(
        { message, choices: choices.map((choice) => ({ ...choice, checked: choice.checked === true })) },
        context,
      ),
    ),
  confirm: (message, defaultValue) => cancellable(confirm({ message, default: defaultValue }, context)),
};
