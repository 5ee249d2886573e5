import { PassThrough } from 'node:stream';

import { confirm } from '@inquirer/prompts';
import { describe, expect, it } from 'vitest';

import { promptCancelled } from './prompt.js';

describe('promptCancelled', () => {
  it('turns an aborted inquirer prompt into CANCELLED and leaves other errors alone', async () => {
    const controller = new AbortController();
    const prompt = confirm(
      { message: 'Delete?' },
      { signal: controller.signal, input: new PassThrough(), output: new PassThrough() },
    );
    controller.abort();
    const error = await prompt.then(
      () => undefined,
      (reason: unknown) => reason,
    );
    expect(promptCancelled(error)?.code).toBe('CANCELLED');
    expect(promptCancelled(error)?.message).toBe('Cancelled: nothing was changed.');
    const exit = new Error('User force closed the prompt with SIGINT');
    exit.name = 'ExitPromptError';
    expect(promptCancelled(exit)?.code).toBe('CANCELLED');
    // 128 + SIGINT, as a shell reports a command stopped by Ctrl-C.
    expect(promptCancelled(exit)?.exitCode).toBe(130);
    expect(promptCancelled(new Error('boom'))).toBeUndefined();
  });
});
