/**
 * An unknown command. On a terminal, @oclif/plugin-not-found asks "Did you mean …?" and runs the
 * suggestion when accepted. Elsewhere (CI, pipes, --json), where it can only print a warning and
 * exit 127, it is a usage error like any other (and declining the suggestion exits 2 too): code, "did you mean" in the "Try:" hint, exit 2,
 * one JSON document with --json.
 */
import { Errors, type Hook, type Interfaces, toConfiguredId } from '@oclif/core';

import { ConnectError, ExitCode } from '../../errors.js';
import { Output } from '../../ui/output.js';
import { renderError } from '../render-error.js';

const hook: Hook<'command_not_found'> = async function (options) {
  const argv = options.argv ?? [];
  const json = argv.includes('--json');
  if (!json && process.stdin.isTTY && process.stdout.isTTY) {
    const { default: notFound } = await import('@oclif/plugin-not-found');
    try {
      return await notFound.call(this, options);
    } catch (error) {
      // Declining "Did you mean …?" is the same usage error as off a terminal: exit 2, not 127.
      if (error instanceof Errors.CLIError && error.oclif.exit === 127) {
        throw new Errors.CLIError(error.message, { exit: ExitCode.Usage });
      }
      throw error;
    }
  }
  const output = new Output({ json, color: !argv.includes('--no-color') });
  throw new Errors.ExitError(renderError(unknownCommand(options.id, options.config), output));
};

/** UNKNOWN_COMMAND (exit 2) for `id`, with the nearest command in the "Try:" hint. */
export function unknownCommand(id: string, config: Interfaces.Config): ConnectError {
  const name = `${config.bin} ${toConfiguredId(id, config)}`;
  const visible = config.commands.filter((command) => !command.hidden).map((command) => command.id);
  const closest = closestId(id, visible);
  const hint =
    closest === undefined
      ? `see \`${config.bin} --help\` for the commands`
      : `did you mean \`${config.bin} ${toConfiguredId(closest, config)}\`? (\`${config.bin} --help\` lists the commands)`;
  return new ConnectError('UNKNOWN_COMMAND', `${name} is not a ${config.bin} command.`, {
    hint,
    exitCode: ExitCode.Usage,
  });
}

/** The command id nearest to `id` by edit distance, when it is near enough to be a typo. */
export function closestId(id: string, ids: string[]): string | undefined {
  let best: { id: string; distance: number } | undefined;
  for (const candidate of ids) {
    const distance = editDistance(id, candidate);
    if (best === undefined || distance < best.distance) best = { id: candidate, distance };
  }
  return best !== undefined && best.distance <= Math.max(2, Math.floor(id.length / 3)) ? best.id : undefined;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i += 1) {
    const current = [i];
    for (let j = 1; j <= b.length; j += 1) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current[j] = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + cost);
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}

export default hook;
