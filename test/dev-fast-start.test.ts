/**
 * `connect dev` has two routes in bin/run.js: plain command lines start without oclif
 * (src/cli/dev/fast.ts), every other one through oclif. The user must not be able to tell them
 * apart: the same errors, exit codes and JSON; help and mistakes stay oclif's. A `--` before the
 * path sends the same command line through oclif, so each pair below runs both routes.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';

import { afterEach, describe, expect, it } from 'vitest';

import { runCli, tempDir } from './helpers/cli.js';
import { copyFixture } from './dev-helpers.js';

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

/** The same `connect dev` run through the fast route and through oclif. */
async function bothRoutes(flags: string[], path: string, env: Record<string, string> = {}) {
  const fast = await runCli(['dev', ...flags, path], { env });
  const oclif = await runCli(['dev', ...flags, '--', path], { env });
  return { fast, oclif };
}

describe('connect dev, fast route and oclif route', () => {
  it('fail the same way on a folder without connect.yaml, as text and as JSON lines', async () => {
    const dir = await tempDir();
    cleanups.push(dir.cleanup);
    const text = await bothRoutes(['--no-watch'], dir.path);
    expect(text.fast.exitCode).toBe(2);
    expect(text.fast.stderr).toContain('CONNECT_YAML_NOT_FOUND');
    expect(text.fast.stderr).not.toMatch(/\n\s+at /);
    expect(text.fast).toEqual(text.oclif);

    const json = await bothRoutes(['--json', '--no-color'], dir.path);
    expect(json.fast.exitCode).toBe(2);
    const error = JSON.parse(json.fast.stdout.trim().split('\n').at(-1) as string) as {
      error: { code: string };
    };
    expect(error.error.code).toBe('CONNECT_YAML_NOT_FOUND');
    expect(json.fast.stdout).toBe(json.oclif.stdout);
    expect(json.fast.exitCode).toBe(json.oclif.exitCode);
  });

  it('fail the same way on a bad values file, with the flags applied', async () => {
    const repo = await copyFixture('basic');
    cleanups.push(repo.cleanup);
    await writeFile(join(repo.path, 'staging.values.yaml'), 'applications:\n  svc-a:\n    NOPE: 1\n');
    const { fast, oclif } = await bothRoutes(
      [
        '--values',
        join(repo.path, 'staging.values.yaml'),
        '-e',
        'svc-a.FROM_FLAG=x',
        '--no-watch',
        '--only',
        'svc-a',
      ],
      repo.path,
      { TEST_API_SECRET: 'fast-route-secret' },
    );
    expect(fast.exitCode).toBe(1);
    expect(fast.stderr).toContain('VALUES_UNKNOWN_KEY');
    expect(fast.stderr).toContain('staging.values.yaml');
    expect(fast.stderr).toBe(oclif.stderr);
  });

  it('leave help and mistakes to oclif', async () => {
    const help = await runCli(['dev', '--help']);
    expect(help.exitCode).toBe(0);
    expect(help.stdout).toContain('USAGE');
    expect(help.stdout).toContain('--only=<value>');

    const unknown = await runCli(['dev', '--nope']);
    expect(unknown.exitCode).toBe(2);
    expect(unknown.stderr).toContain('USAGE');
    expect(unknown.stderr).toContain('--nope');

    const badPort = await runCli(['dev', '--admin-port', '70000', '--json']);
    expect(badPort.exitCode).toBe(2);
    expect(JSON.parse(badPort.stdout.trim().split('\n').at(-1) as string).error.code).toBe('USAGE');
  });
});
