import { BaseCommand, ExitCode } from '../cli/base-command.js';
import { pathArg } from '../cli/repository-path.js';
import { connectToEmulator } from '../emulator/admin/client.js';
import type { EmulatorStatus } from '../emulator/emulator.js';

export default class Status extends BaseCommand<typeof Status> {
  static override description =
    'Show the applications of the running `connect dev`: type, state, URL, port, pid, restarts and the last job run. Exits 1 when none is running, or when an application is crashed or stopped (and names it).';

  static override examples = [
    '<%= config.bin %> status',
    '<%= config.bin %> status examples/connector --json',
  ];

  static override args = {
    path: pathArg,
  };

  async run(): Promise<EmulatorStatus> {
    const client = await connectToEmulator(this.args.path);
    const status = await client.get<EmulatorStatus>('/status');
    if (!this.jsonEnabled()) {
      const colour = this.output.color;
      this.output.info(
        `connect dev ${status.emulator.version} on ${status.emulator.root} (pid ${status.emulator.pid}, admin ${status.emulator.adminUrl})`,
      );
      this.output.table(status.applications, [
        { header: 'NAME', get: (app) => app.name },
        { header: 'TYPE', get: (app) => app.type },
        {
          header: 'STATE',
          get: (app) => app.state,
          style: (text, app) =>
            app.state === 'ready'
              ? colour.green(text)
              : app.state === 'crashed'
                ? colour.red(text)
                : colour.yellow(text),
        },
        { header: 'URL', get: (app) => app.url },
        { header: 'PORT', get: (app) => app.port },
        { header: 'PID', get: (app) => app.pid },
        { header: 'RESTARTS', get: (app) => app.restarts },
        {
          header: 'LAST RUN / ERROR',
          get: (app) =>
            app.lastJobRun
              ? `${app.lastJobRun.outcome}${app.lastJobRun.statusCode === null ? '' : ` ${app.lastJobRun.statusCode}`} ${app.lastJobRun.startedAt}`
              : (app.lastError?.split('\n')[0] ?? ''),
        },
      ]);
    }
    // Like `systemctl is-active`: a script can tell from the exit code that something is down.
    const down = status.applications.filter((app) => app.state === 'crashed' || app.state === 'stopped');
    if (down.length > 0) {
      if (!this.jsonEnabled()) {
        this.output.warn(
          `${down.map((app) => `${app.name} (${app.state})`).join(', ')} ${down.length === 1 ? 'is' : 'are'} not running: its output is in the terminal of \`connect dev\` and on the dashboard.`,
        );
      }
      process.exitCode = ExitCode.Failure;
    }
    return status;
  }
}
