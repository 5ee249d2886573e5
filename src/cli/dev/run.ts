/**
 * What `connect dev` does once its command line is read, by oclif (src/commands/dev.ts) or by the
 * fast start (fast.ts): run the emulator, print its output, stop on Ctrl-C / SIGTERM / SIGHUP.
 */
import v8 from 'node:v8';

import { ConnectError, ExitCode } from '../../errors.js';
import { Emulator } from '../../emulator/emulator.js';
import { createTerminalLogger } from '../../emulator/logger.js';
import { createCheckoutPlugin } from '../../emulator/checkout/plugin.js';
import { createPlatformPlugin } from '../../emulator/platform/plugin.js';
import { STREAM_EVENTS, type EmulatorPlugin, type EventName } from '../../emulator/types.js';
import type { Output } from '../../ui/output.js';
import type { DevFlags } from './flags.js';
import { inspectOption } from './inspect-argv.js';

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
  if (flags.exec !== undefined) {
    const { runExec } = await import('./exec.js');
    // Exit now: a local API still loading in the background (nothing needed it) would hold the
    // process for seconds. Output is written synchronously to pipes, files and terminals.
    process.exit(await runExec({ flags, path, output, json, version }));
  }
  if (flags.timeout > 0) {
    throw new ConnectError('USAGE', '--timeout bounds a run of --exec.', {
      hint: 'add --exec "<command>", or leave --timeout out',
      exitCode: ExitCode.Usage,
    });
  }
  keepYoungGenerationSmall();
  const versions = flags.node ?? 'platform';
  if (versions !== 'platform' && versions !== 'current') {
    throw new ConnectError('USAGE', `--node must be "platform" or "current", not "${versions}".`, {
      hint: 'connect dev --node current (run on this Node.js), or leave --node out',
      exitCode: ExitCode.Usage,
    });
  }
  const inspect = inspectOption(flags);
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
    ...(inspect ? { inspect: { apps: inspect.apps, brk: inspect.brk } } : {}),
    plugins: flags.platform ? platformPlugins(flags) : [],
    onListening: () => {
      if (!json) return;
      // The first line of --json: where to reach this emulator, so that no tool scrapes stderr.
      const status = emulator.status();
      const platform = status.platform as
        { apiUrl?: string; authUrl?: string; projectKey?: string } | undefined;
      output.out(
        JSON.stringify({
          event: 'addresses',
          data: {
            version: status.emulator.version,
            root: status.emulator.root,
            pid: status.emulator.pid,
            adminUrl: emulator.adminUrl,
            adminApiUrl: `${emulator.adminUrl}/__connect/api`,
            // The admin API's bearer token (also in .connect/dev.json, 0600): stdout is the caller's own.
            adminToken: emulator.adminToken,
            dashboardUrl: `${emulator.adminUrl}/__connect/`,
            platform: platform
              ? { apiUrl: platform.apiUrl, authUrl: platform.authUrl, projectKey: platform.projectKey }
              : null,
          },
        }),
      );
      flushHeld();
    },
  });

  // Events before the addresses are known wait, so that the addresses are the first line.
  let held: string[] | undefined = [];
  if (json) {
    for (const event of JSON_EVENTS) {
      emulator.bus.on(event, (data) => {
        const line = JSON.stringify({ event, data });
        if (held) held.push(line);
        else output.out(line);
      });
    }
  }
  const flushHeld = (): void => {
    for (const line of held?.splice(0) ?? []) output.out(line);
    held = undefined;
  };

  let signals = 0;
  let resolveStopped: () => void = () => undefined;
  const stopped = new Promise<void>((resolve) => {
    resolveStopped = resolve;
  });
  const onSignal = (signal: NodeJS.Signals): void => {
    signals += 1;
    if (signals > 1) {
      // A second Ctrl-C (or the second SIGTERM of `timeout`, of a supervisor): the applications
      // lose their grace period; preUndeploy and the removal of dev.json still happen, and the
      // exit code says the stop was forced.
      if (signals > 2) process.exit(process.exitCode ?? 130);
      if (signals === 2) {
        output.info(`${signal} again: ending the grace period, the applications are killed now.`);
        process.exitCode = 128 + (signal === 'SIGINT' ? 2 : signal === 'SIGHUP' ? 1 : 15);
        emulator.endGracePeriod();
      }
      return;
    }
    output.info(`${signal}: stopping (press Ctrl-C again to end the grace period)...`);
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
      openInBrowser(emulator.dashboardUrl(), (text) => output.warn(text));
    }
    await stopped;
    output.info('Stopped.');
  } catch (error) {
    await emulator.stop();
    throw error;
  } finally {
    flushHeld();
    for (const [signal, handler] of handlers) process.off(signal, handler);
  }
}

/** The local commercetools API, and the Session/Checkout APIs and JWT issuer on its project. */
function platformPlugins(flags: DevFlags): EmulatorPlugin[] {
  const platform = createPlatformPlugin({
    seedFile: flags.seed,
    persistDir: flags.persist,
    chaos: flags.chaos,
    extensions: flags.extension ?? [],
    subscriptions: flags.subscribe ?? [],
    valuesFile: flags.values,
    projectKey: flags['project-key'],
    provider: flags.provider,
  });
  return [platform, createCheckoutPlugin({ platform, persistDir: flags.persist })];
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
  output.info(`Dashboard: ${emulator.dashboardUrl()}`);
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
