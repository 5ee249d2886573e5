import v8 from 'node:v8';

import { Args, Flags } from '@oclif/core';

import { BaseCommand } from '../cli/base-command.js';
import { openInBrowser } from '../emulator/admin/dashboard.js';
import { Emulator } from '../emulator/emulator.js';
import { createTerminalLogger } from '../emulator/logger.js';
import { createPlatformPlugin } from '../emulator/platform/plugin.js';
import { STREAM_EVENTS, type EventName } from '../emulator/types.js';
import { loadSpec } from '../spec/load.js';

/** The admin API's stream, plus the emulator's own state changes. */
const JSON_EVENTS: EventName[] = ['emulator', ...STREAM_EVENTS];

export default class Dev extends BaseCommand<typeof Dev> {
  static override description =
    'Run every application of a Connect repository locally, as the Connect runtime would: configuration, ports, builds, jobs, scripts and reload.';

  static override examples = [
    '<%= config.bin %> dev',
    '<%= config.bin %> dev examples/connector --only service,job',
    '<%= config.bin %> dev --env service.CTP_REGION=europe-west1.gcp --env LOG_LEVEL=debug',
    '<%= config.bin %> dev --values staging.values.yaml --no-watch',
  ];

  static override args = {
    path: Args.string({
      description: 'The repository (or its connect.yaml). Default: the current directory.',
    }),
  };

  static override flags = {
    env: Flags.string({
      char: 'e',
      multiple: true,
      description:
        'Set a configuration value: APP.KEY=value for one application, KEY=value for every application that declares KEY. Highest precedence. Repeatable.',
    }),
    values: Flags.string({
      description:
        'The values file to read (default: connect.values.yaml at the repository root, if present).',
    }),
    only: Flags.string({ description: 'Run only these applications (comma-separated names).' }),
    build: Flags.boolean({
      default: true,
      allowNo: true,
      description: 'Build each application (gcp-build, else build) before starting it. --no-build skips.',
    }),
    scripts: Flags.boolean({
      default: true,
      allowNo: true,
      description:
        'Run postDeploy once an application is ready and preUndeploy when stopping. --no-scripts skips both.',
    }),
    watch: Flags.boolean({
      default: true,
      allowNo: true,
      description:
        'Rebuild and restart an application when its files change; re-read configuration when connect.yaml, the values file or a .env changes.',
    }),
    'admin-port': Flags.integer({
      default: 0,
      min: 0,
      max: 65535,
      description: 'Port of the admin API on 127.0.0.1 (0: any free port).',
    }),
    platform: Flags.boolean({
      default: true,
      allowNo: true,
      description:
        'Run the local commercetools API (extensions, subscriptions, CTP_* variables). --no-platform leaves the CTP_* values to your configuration.',
    }),
    seed: Flags.string({
      description: 'JSON file of resources to create in the local API at start (when the project is empty).',
    }),
    persist: Flags.string({ description: 'Keep the local project in this folder between runs.' }),
    extension: Flags.string({
      multiple: true,
      description:
        'Default API Extension for a service app that registers none: APP:TYPE:ACTIONS, e.g. service:cart:Create,Update. Repeatable.',
    }),
    subscribe: Flags.string({
      multiple: true,
      description:
        'Default Subscription for an event app that registers none: APP:TYPE,TYPE, e.g. event:OrderCreated,CustomerCreated. Repeatable.',
    }),
    chaos: Flags.boolean({
      default: false,
      description: 'Deliver some event messages twice and out of order, to test idempotency.',
    }),
    open: Flags.boolean({
      default: false,
      description:
        'Open the dashboard in the browser once the applications have started ($BROWSER, else the system opener).',
    }),
    grace: Flags.integer({
      default: 5000,
      min: 0,
      description: 'Milliseconds between SIGTERM and SIGKILL when stopping an application.',
    }),
  };

  async run(): Promise<void> {
    keepYoungGenerationSmall();
    const { flags } = this;
    const output = this.output;
    // Names for the log prefixes (width, colours); the emulator loads the spec itself.
    const names = await loadSpec(this.args.path).then(
      (loaded) => loaded.spec.deployAs.map((app) => app.name),
      () => [] as string[],
    );
    const json = this.jsonEnabled();
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
      names,
    );
    const emulator = new Emulator({
      path: this.args.path,
      valuesFile: flags.values,
      env: flags.env ?? [],
      only: flags.only?.split(',').map((name) => name.trim()),
      build: flags.build,
      scripts: flags.scripts,
      watch: flags.watch,
      adminPort: flags['admin-port'],
      graceMs: flags.grace,
      logger,
      version: this.config.version,
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
      if (signals === 0 && !json) this.printSummary(emulator);
      if (signals === 0 && flags.open)
        openInBrowser(`${emulator.adminUrl}/__connect/`, (text) => output.warn(text));
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
  protected override writeJsonError(value: unknown): void {
    process.stdout.write(`${JSON.stringify(value)}\n`);
  }

  /** The events are the output with --json: nothing to print at the end. */
  protected override logJson(json: unknown): void {
    if (json !== undefined) super.logJson(json);
  }

  private printSummary(emulator: Emulator): void {
    const apps = emulator.applications();
    const ready = apps.filter((app) => app.state === 'ready').length;
    this.output.info(
      `${ready}/${apps.length} applications ready. Admin API: ${emulator.adminUrl}/__connect/api/status. Ctrl-C to stop.`,
    );
    for (const app of apps) {
      this.output.info(`  ${app.name.padEnd(20)} ${app.state.padEnd(9)} ${app.url ?? ''}`);
    }
    this.output.info(`Dashboard: ${emulator.adminUrl}/__connect/`);
  }
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
