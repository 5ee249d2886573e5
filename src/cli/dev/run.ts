/**
 * What `connect dev` does once its command line is read, by oclif (src/commands/dev.ts) or by the
 * fast start (fast.ts): run the emulator, print its output, stop on Ctrl-C / SIGTERM / SIGHUP.
 */
import v8 from 'node:v8';

import { ConnectError, ExitCode } from '../../errors.js';
import { Emulator } from '../../emulator/emulator.js';
import { createTerminalLogger } from '../../emulator/logger.js';
import { createPlatformPlugin } from '../../emulator/platform/plugin.js';
import { STREAM_EVENTS, type EventName } from '../../emulator/types.js';
import type { Output } from '../../ui/output.js';
import type { DevFlags } from './flags.js';

/** The admin API's stream, plus the emulator's own state changes. */
const JSON_EVENTS: EventName[] = ['emulator', ...STREAM_EVENTS];

export interface DevRun {
  flags: DevFlags;
  path: string | undefined;
  output: Output;
  /** --json: stdout is a stream of events, one JSON object per line. */
  json: boolean;
  version: string;
}

export async function runDev({ flags, path, output, json, version }: DevRun): Promise<void> {
  keepYoungGenerationSmall();
  const versions = flags.node ?? 'platform';
  if (versions !== 'platform' && versions !== 'current') {
    throw new ConnectError('USAGE', `--node must be "platform" or "current", not "${versions}".`, {
      hint: 'connect dev --node current (run on this Node.js), or leave --node out',
      exitCode: ExitCode.Usage,
    });
  }
  // With --json, stdout is a stream of events, one JSON object per line ({event, data}); the
  // emulator's own messages stay on stderr.
  const logger = createTerminalLogger(
    {
      out: (text) => (json ? undefined : output.out(text)),
      info: (text) => output.info(text),
      warn: (text) => output.warn(text),
      error: (text) => output.info(`${output.color.red('error')} ${text}`),
      paint: (colour, text) => output.color[colour](text),
    },
    // Names for the log prefixes (width, colours), once the emulator has read connect.yaml.
    () => emulator.spec.deployAs.map((app) => app.name),
  );
  const emulator: Emulator = new Emulator({
    path,
    valuesFile: flags.values,
    env: flags.env ?? [],
    only: flags.only?.split(',').map((name) => name.trim()),
    build: flags.build,
    scripts: flags.scripts,
    watch: flags.watch,
    adminPort: flags['admin-port'],
    graceMs: flags.grace,
    versions,
    preUndeployOnStop: flags.persist !== undefined,
    logger,
    version,
    plugins: flags.platform
      ? [
          createPlatformPlugin({
            seedFile: flags.seed,
            persistDir: flags.persist,
            chaos: flags.chaos,
            extensions: flags.extension ?? [],
            subscriptions: flags.subscribe ?? [],
            valuesFile: flags.values,
          }),
        ]
      : [],
  });

  if (json) {
    for (const event of JSON_EVENTS) {
      emulator.bus.on(event, (data) => output.out(JSON.stringify({ event, data })));
    }
  }

  let signals = 0;
  let resolveStopped: () => void = () => undefined;
  const stopped = new Promise<void>((resolve) => {
    resolveStopped = resolve;
  });
  const onSignal = (signal: NodeJS.Signals): void => {
    signals += 1;
    if (signals > 1) {
      // A second Ctrl-C: do not wait; the guardian kills whatever is left.
      output.info(`${signal} again: exiting now.`);
      process.exit(130);
    }
    output.info(`${signal}: stopping (press Ctrl-C again to force)...`);
    void emulator.stop().then(resolveStopped, resolveStopped);
  };
  const handlers = (['SIGINT', 'SIGTERM', 'SIGHUP'] as const).map((signal) => {
    const handler = (): void => onSignal(signal);
    process.on(signal, handler);
    return [signal, handler] as const;
  });
  try {
    await emulator.start();
    if (signals === 0 && !json) printSummary(emulator, output);
    if (signals === 0 && flags.open) {
      const { openInBrowser } = await import('../../emulator/admin/dashboard.js');
      openInBrowser(`${emulator.adminUrl}/__connect/`, (text) => output.warn(text));
    }
    await stopped;
    output.info('Stopped.');
  } catch (error) {
    await emulator.stop();
    throw error;
  } finally {
    for (const [signal, handler] of handlers) process.off(signal, handler);
  }
}

/** With --json stdout is JSON lines: an error is one more line, not a pretty-printed block. */
export function writeJsonLine(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value)}\n`);
}

function printSummary(emulator: Emulator, output: Output): void {
  const apps = emulator.applications();
  const ready = apps.filter((app) => app.state === 'ready').length;
  output.info(
    `${ready}/${apps.length} applications ready. Admin API: ${emulator.adminUrl}/__connect/api/status. Ctrl-C to stop.`,
  );
  for (const app of apps) {
    output.info(`  ${app.name.padEnd(20)} ${app.state.padEnd(9)} ${app.url ?? ''}`);
  }
  output.info(`Dashboard: ${emulator.adminUrl}/__connect/`);
}

/**
 * `connect dev` runs for hours next to the applications, so its memory matters more than the last
 * percent of throughput. V8 doubles the young generation whenever many objects survive a
 * scavenge, as they do while the local platform loads, up to 32 MB (of which ~24 MB stay resident)
 * for a process that then allocates little. Keeping it at its initial size costs more frequent,
 * very short scavenges. Applies to this process only: it is set after start-up, for new growth.
 */
function keepYoungGenerationSmall(): void {
  v8.setFlagsFromString('--semi-space-growth-factor=1');
}
