/**
 * `connect dev --exec CMD`: the emulator as a one-command test harness (as `firebase
 * emulators:exec`). Starts every application without watching, waits until all are ready (fails
 * at once with the output tail of one that cannot start), runs CMD in a shell with what a test
 * needs in its environment (CONNECT_DEV_ADMIN_URL, the local project's CTP_* values,
 * CONNECT_APP_<NAME>_URL), streams its output, stops everything and exits with CMD's exit code.
 *
 * The emulator's own outcomes have codes of their own (EXEC_EXIT_CODES, docs/testing-and-ci.md),
 * chosen as `timeout(1)` and `docker run` do so that they do not pass for a test result.
 */
import { spawn } from 'node:child_process';
import { constants } from 'node:os';

import { ExitCode, isConnectError, ConnectError } from '../../errors.js';
import { createTerminalLogger } from '../../emulator/logger.js';
import {
  TestEmulator,
  type AppInfo,
  type Delivery,
  type ExtensionCall,
  type JobRun,
} from '../../testing/emulator.js';
import { errorJson, type Output } from '../../ui/output.js';
import type { DevFlags } from './flags.js';
import { inspectOption } from './inspect-argv.js';

export const EXEC_EXIT_CODES = {
  /** --timeout reached (while starting or while CMD ran); everything was stopped. */
  timeout: 124,
  /** The emulator failed: an application could not start, connect.yaml is invalid, a port is taken... */
  emulatorFailed: 125,
  /** Stopped by SIGINT / SIGTERM / SIGHUP: 128 + the signal's number. */
  interrupted: 130,
  terminated: 143,
} as const;

export interface ExecSummary {
  command: string;
  /** What `connect dev --exec` exits with. */
  exitCode: number;
  /** CMD's own exit code (null when it did not run or was killed by a signal). */
  commandExitCode: number | null;
  commandSignal: string | null;
  timedOut: boolean;
  /** Milliseconds from start to every application ready, and of the whole run. */
  readyMs: number | null;
  durationMs: number;
  applications: AppInfo[];
  extensionCalls: Array<{
    application: string | null;
    resource: string;
    action: string;
    statusCode: number | null;
    ok: boolean;
    actions: number;
    durationMs: number;
  }>;
  deliveries: Array<{ application: string; type: string; state: Delivery['state']; attempts: number }>;
  jobRuns: JobRun[];
  error?: Record<string, unknown>;
}

export interface ExecRun {
  flags: DevFlags;
  path: string | undefined;
  output: Output;
  json: boolean;
  version: string;
}

/** Runs it all and returns the exit code (the caller exits with it). */
export async function runExec({ flags, path, output, json, version }: ExecRun): Promise<number> {
  const command = flags.exec ?? '';
  const started = performance.now();
  const controller = new AbortController();
  let handle: TestEmulator | undefined;
  let child: ReturnType<typeof spawn> | undefined;
  let stopReason: { code: number; why: string } | undefined;
  let readyMs: number | null = null;

  const stopAll = (code: number, why: string): void => {
    if (stopReason) return;
    stopReason = { code, why };
    output.info(`${why}: stopping...`);
    controller.abort();
    const pid = child?.pid;
    if (pid !== undefined) {
      signalGroup(pid, 'SIGTERM');
      setTimeout(() => signalGroup(pid, 'SIGKILL'), flags.grace).unref();
    }
  };
  const onSignal = (signal: NodeJS.Signals): void => {
    if (stopReason && signal !== 'SIGHUP') {
      output.info(`${signal} again: exiting now.`);
      process.exit(128 + (constants.signals[signal] ?? 15));
    }
    stopAll(128 + (constants.signals[signal] ?? 15), signal);
  };
  const handlers = (['SIGINT', 'SIGTERM', 'SIGHUP'] as const).map((signal) => {
    const handler = (): void => onSignal(signal);
    process.on(signal, handler);
    return [signal, handler] as const;
  });
  const timer =
    flags.timeout > 0
      ? setTimeout(
          () => stopAll(EXEC_EXIT_CODES.timeout, `--timeout ${flags.timeout}s reached`),
          flags.timeout * 1000,
        )
      : undefined;

  // Application lines go to stderr: stdout is CMD's (or, with --json, the summary's).
  const logger = createTerminalLogger(
    {
      out: (text) => output.info(text),
      info: (text) => output.info(text),
      warn: (text) => output.warn(text),
      error: (text) => output.info(`${output.color.red('error')} ${text}`),
      paint: (colour, text) => output.color[colour](text),
    },
    () => handle?.emulator.spec.deployAs.map((app) => app.name) ?? [],
  );

  let commandExitCode: number | null = null;
  let commandSignal: string | null = null;
  let error: unknown;
  try {
    const inspect = inspectOption(flags);
    handle = await TestEmulator.start(
      {
        path,
        env: flags.env ?? [],
        values: flags.values,
        only: flags.only?.split(',').map((name) => name.trim()),
        build: flags.build,
        scripts: flags.scripts,
        platform: flags.platform,
        seed: flags.seed,
        extensions: flags.extension ?? [],
        subscriptions: flags.subscribe ?? [],
        projectKey: flags['project-key'],
        provider: flags.provider as 'gcp' | 'aws' | undefined,
        node: flags.node as 'platform' | 'current' | undefined,
        adminPort: flags['admin-port'],
        graceMs: flags.grace,
        startTimeoutMs: 24 * 3600 * 1000,
        logger,
        version,
        signal: controller.signal,
        ...(inspect ? { inspect: inspect.apps, inspectBrk: inspect.brk } : {}),
      },
      // This process exits once everything is stopped: a local API still loading need not be waited for.
      { quickStop: true },
    );
    readyMs = Math.round(performance.now() - started);
    const apps = handle.emulator.applications();
    output.info(`${apps.length}/${apps.length} applications ready in ${readyMs} ms. Running: ${command}`);
    for (const app of apps) output.info(`  ${app.name.padEnd(20)} ${app.url ?? ''}`);

    const env = { ...process.env, ...handle.env };
    // Its own process group, so that stopping it stops all it started; the emulator's guardian
    // kills it too if this process dies.
    const running = spawn('/bin/sh', ['-c', command], {
      env,
      stdio: ['inherit', json ? 2 : 'inherit', 'inherit'],
      detached: true,
    });
    child = running;
    handle.emulator.guardProcessGroup(running.pid);
    const result = await new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
      running.once('error', () => resolve({ code: 127, signal: null }));
      running.once('exit', (code, signal) => resolve({ code, signal }));
      // A stop asked before it started.
      if (stopReason && running.pid !== undefined) {
        const pid = running.pid;
        signalGroup(pid, 'SIGTERM');
        setTimeout(() => signalGroup(pid, 'SIGKILL'), flags.grace).unref();
      }
    });
    // Whatever it left in its group goes too.
    if (running.pid !== undefined) signalGroup(running.pid, 'SIGKILL');
    commandExitCode = result.code;
    commandSignal = result.signal;
  } catch (caught) {
    error = caught;
  } finally {
    clearTimeout(timer);
  }

  await handle?.stop();
  for (const [signal, handler] of handlers) process.off(signal, handler);

  const exitCode = stopReason
    ? stopReason.code
    : error !== undefined
      ? isConnectError(error) && error.exitCode === ExitCode.Usage
        ? ExitCode.Usage
        : EXEC_EXIT_CODES.emulatorFailed
      : commandSignal
        ? 128 + (constants.signals[commandSignal as NodeJS.Signals] ?? 0)
        : (commandExitCode ?? 1);

  const shownError =
    error !== undefined && !(isConnectError(error) && error.code === 'ABORTED') ? error : undefined;
  const summary: ExecSummary = {
    command,
    exitCode,
    commandExitCode,
    commandSignal,
    timedOut: stopReason?.code === EXEC_EXIT_CODES.timeout,
    readyMs,
    durationMs: Math.round(performance.now() - started),
    applications: handle?.emulator.applications() ?? [],
    extensionCalls: ((await handle?.extensionCalls()) ?? []).map(callSummary),
    deliveries: ((await handle?.deliveries()) ?? []).map((delivery) => ({
      application: delivery.application,
      type: delivery.type,
      state: delivery.state,
      attempts: delivery.attempts.length,
    })),
    jobRuns: (await handle?.jobRuns()) ?? [],
    ...(shownError === undefined ? {} : { error: errorJson(asConnectError(shownError)).error }),
  };
  if (json) {
    process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
  } else {
    if (shownError !== undefined) output.error(asConnectError(shownError));
    output.info(describe(summary, stopReason?.why));
  }
  return exitCode;
}

function asConnectError(error: unknown): ConnectError {
  if (isConnectError(error)) return error;
  return new ConnectError('EMULATOR_FAILED', error instanceof Error ? error.message : String(error), {
    hint: 'run `connect dev` on its own to see what fails',
  });
}

function callSummary(call: ExtensionCall): ExecSummary['extensionCalls'][number] {
  return {
    application: call.application,
    resource: call.request.resource.typeId,
    action: call.request.action,
    statusCode: call.response?.statusCode ?? null,
    ok: call.verdict.ok,
    actions: call.actions.length,
    durationMs: call.durationMs,
  };
}

function describe(summary: ExecSummary, stopped: string | undefined): string {
  const what = stopped
    ? `stopped (${stopped})`
    : summary.error
      ? 'the emulator failed'
      : summary.commandSignal
        ? `the command was killed by ${summary.commandSignal}`
        : `the command exited with ${summary.commandExitCode}`;
  const acked = summary.deliveries.filter((delivery) => delivery.state === 'acked').length;
  return `connect dev --exec: ${what} after ${(summary.durationMs / 1000).toFixed(1)} s; ${summary.extensionCalls.length} extension call(s), ${summary.deliveries.length} deliver${summary.deliveries.length === 1 ? 'y' : 'ies'} (${acked} acked), ${summary.jobRuns.length} job run(s). Exit code ${summary.exitCode}.`;
}

function signalGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // gone
  }
}
