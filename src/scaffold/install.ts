/**
 * Installing each application's dependencies, one after the other (a listr2 progress list on
 * stderr), with the package manager that invoked the CLI when it can tell, else npm.
 */
import { execa } from 'execa';
import { Listr, ListrLogger, ProcessOutput } from 'listr2';

import { ConnectError, ExitCode, ProcessError } from '../errors.js';

export type PackageManager = 'npm' | 'pnpm' | 'yarn' | 'bun';

/** From npm_config_user_agent ("pnpm/9.1.0 npm/? node/v20..."), which every package manager sets. */
export function detectPackageManager(env: NodeJS.ProcessEnv = process.env): PackageManager {
  const agent = env.npm_config_user_agent ?? '';
  const name = /^(npm|pnpm|yarn|bun)\//.exec(agent)?.[1];
  return (name as PackageManager | undefined) ?? 'npm';
}

export function installCommand(manager: PackageManager): [string, string[]] {
  switch (manager) {
    case 'npm':
      return ['npm', ['install', '--no-audit', '--no-fund']];
    case 'pnpm':
      return ['pnpm', ['install']];
    case 'yarn':
      return ['yarn', ['install']];
    case 'bun':
      return ['bun', ['install']];
  }
}

export interface InstallTarget {
  name: string;
  /** Absolute folder of the application. */
  folder: string;
}

export async function installDependencies(
  targets: InstallTarget[],
  options: { manager: PackageManager; quiet: boolean; signal?: AbortSignal | undefined },
): Promise<void> {
  const [command, args] = installCommand(options.manager);
  // Progress is for people: on stderr, so that stdout keeps only data.
  const logger = new ListrLogger({ processOutput: new ProcessOutput(process.stderr, process.stderr) });
  const tasks = new Listr(
    targets.map((target) => ({
      title: `Installing the dependencies of ${target.name} (${command} ${args[0] ?? ''})`,
      task: async () => {
        const result = await execa(command, args, {
          cwd: target.folder,
          all: true,
          reject: false,
          stdin: 'ignore',
          ...(options.signal ? { cancelSignal: options.signal } : {}),
          env: { ...process.env, npm_config_update_notifier: 'false' },
        });
        if (result.isCanceled) {
          throw new ConnectError('CANCELLED', 'Cancelled.', { exitCode: ExitCode.Interrupted });
        }
        if (result.failed) {
          const spawnFailed = result.exitCode === undefined;
          throw new ProcessError(
            'INSTALL_FAILED',
            spawnFailed
              ? `Could not run ${command} to install the dependencies of ${target.name}: ${result.shortMessage}`
              : `Installing the dependencies of ${target.name} failed (${command} ${args.join(' ')} exited with ${result.exitCode}).`,
            {
              command: `${command} ${args.join(' ')}`,
              exitCode: result.exitCode,
              output: String(result.all ?? ''),
            },
            {
              hint: spawnFailed
                ? `install ${command}, or pass --no-install and install later`
                : `fix the problem shown above, or pass --no-install and run \`${command} install\` in ${target.name}/ later`,
              details: { application: target.name },
            },
          );
        }
      },
    })),
    {
      concurrent: false,
      exitOnError: true,
      registerSignalListeners: false,
      renderer: options.quiet ? 'silent' : 'default',
      fallbackRenderer: options.quiet ? 'silent' : 'simple',
      rendererOptions: { logger },
      fallbackRendererOptions: { logger },
    },
  );
  await tasks.run();
}
