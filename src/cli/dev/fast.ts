/**
 * The fast start of `connect dev`: bin/run.js calls it before loading oclif. Loading oclif and its
 * configuration takes 120-150 ms of CPU, during which no application can start; `connect dev` is
 * the command people start many times a day, and its target is to be ready within 1.2x of the apps
 * started by hand. So a plain `connect dev` command line (flag-spec.ts's `fastParse`) runs the
 * same runDev() the oclif command runs, with the same flags, output and error rendering. Any
 * other command line (--help, a mistake, `--`, an unusual form) returns false, and oclif runs it
 * exactly as before: its messages, exit codes and help.
 */
import { packageVersion } from '../../package-root.js';
import { Output } from '../../ui/output.js';
import { fastParse } from '../flag-spec.js';
import { renderError } from '../render-error.js';
import { DEV_ALL_FLAGS, type DevFlags } from './flags.js';
import { normalizeInspectArgv } from './inspect-argv.js';
import { runDev, writeJsonLine } from './run.js';

/** Runs `connect dev ARGV` and returns true, or returns false for oclif to run it. */
export async function runFastDev(argv: string[], env: NodeJS.ProcessEnv = process.env): Promise<boolean> {
  // oclif reads these: CONNECT_CONTENT_TYPE=json turns --json on, DEBUG prints oclif's traces.
  if (env.CONNECT_CONTENT_TYPE !== undefined || env.DEBUG !== undefined) return false;
  const parsed = fastParse(normalizeInspectArgv(argv), DEV_ALL_FLAGS, 1);
  if (!parsed) return false;
  const { json, ...flags } = parsed.flags;
  const output = new Output({ json: json === true, color: flags.color });
  try {
    await runDev({
      flags: flags as DevFlags,
      path: parsed.positionals[0],
      output,
      json: json === true,
      version: packageVersion,
    });
  } catch (error) {
    // As oclif does after a command's error: exit now, whatever still holds the event loop.
    process.exit(renderError(error, output, writeJsonLine));
  }
  return true;
}
