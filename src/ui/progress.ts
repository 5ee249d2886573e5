/**
 * Progress of a long wait (publishing, deploying, undeploying). On a terminal: a listr2
 * spinner whose title shows the current status and the elapsed time. Elsewhere (CI, pipes):
 * one line on stderr per status change, so logs stay short and readable.
 */

import { canPrompt } from './prompt.js';
import type { Output } from './output.js';

export type StatusUpdate = (status: string) => void;

function elapsed(since: number): string {
  const seconds = Math.floor((Date.now() - since) / 1000);
  return seconds < 60
    ? `${seconds}s`
    : `${Math.floor(seconds / 60)}m ${String(seconds % 60).padStart(2, '0')}s`;
}

/** Whether a spinner may be drawn: stderr is a terminal and the output is for people. */
export function spinnerEnabled(
  output: Output,
  stream: { isTTY?: boolean | undefined } = process.stderr,
): boolean {
  return !output.json && stream.isTTY === true && canPrompt();
}

export async function withProgress<T>(
  output: Output,
  title: string,
  run: (update: StatusUpdate) => Promise<T>,
): Promise<T> {
  const started = Date.now();
  if (!spinnerEnabled(output)) {
    let last: string | undefined;
    const result = await run((status) => {
      if (status === last) return;
      last = status;
      output.info(`${title}: ${status} (${elapsed(started)})`);
    });
    return result;
  }
  const { Listr, ListrLogger, ProcessOutput } = await import('listr2');
  let status = 'starting';
  let result: T | undefined;
  const processOutput = new ProcessOutput(process.stderr, process.stderr);
  const list = new Listr(
    [
      {
        title,
        task: async (_context, task) => {
          const render = () => {
            task.title = `${title}: ${status} ${output.color.dim(`(${elapsed(started)})`)}`;
          };
          const timer = setInterval(render, 1000);
          try {
            result = await run((next) => {
              status = next;
              render();
            });
            render();
          } finally {
            clearInterval(timer);
          }
        },
      },
    ],
    {
      renderer: 'default',
      rendererOptions: { logger: new ListrLogger({ processOutput }) },
      exitOnError: true,
      registerSignalListeners: false,
    },
  );
  await list.run();
  return result as T;
}
