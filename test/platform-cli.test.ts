/** Bad input to the platform's commands and flags: stable codes, hints, exit codes, no stack traces. */
import { cp } from 'node:fs/promises';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { repoRoot, runCli, tempDir } from './helpers/cli.js';

describe('platform commands with bad input', () => {
  let dir: Awaited<ReturnType<typeof tempDir>>;
  beforeAll(async () => {
    dir = await tempDir();
    await cp(join(repoRoot, 'test/fixtures/platform/connector'), dir.path, { recursive: true });
  });
  afterAll(async () => dir.cleanup());

  it('refuses a default extension on an app that is not a service', async () => {
    const result = await runCli(['dev', dir.path, '--no-build', '--extension', 'event:cart:Create']);
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toMatch(/INVALID_PLATFORM_DEFAULT.*"event" is not a service application/);
    expect(result.stderr).toMatch(/Try: use one of: service/);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it('says when no connect dev is running', async () => {
    const result = await runCli([
      'trigger',
      'extension',
      'service',
      '--resource',
      'cart',
      '--action',
      'Create',
      '--path',
      dir.path,
      '--json',
    ]);
    expect(result.exitCode).toBe(1);
    expect(JSON.parse(result.stdout)).toMatchObject({ error: { code: 'EMULATOR_NOT_RUNNING' } });
  });

  it('needs an id or --all-dead to replay, and a readable --file', async () => {
    const replay = await runCli(['events', 'replay', '--path', dir.path]);
    expect(replay.exitCode).toBe(2);
    expect(replay.stderr).toMatch(/an ID or --all-dead/);
    const file = await runCli([
      'trigger',
      'event',
      'event',
      '--type',
      'OrderCreated',
      '--file',
      join(dir.path, 'nope.json'),
    ]);
    expect(file.exitCode).toBe(2);
    expect(file.stderr).toMatch(/FILE_NOT_FOUND/);
  });
});
