/**
 * `connect validate` end to end: the built CLI as a child process on real files.
 */
import { cp, mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { repoRoot, runCli, tempDir } from './helpers/cli.js';

const fixtures = join(repoRoot, 'test', 'fixtures', 'validate');
const valid = join(fixtures, 'valid', 'six-applications');

let work: { path: string; cleanup: () => Promise<void> };
beforeAll(async () => {
  work = await tempDir('connect-validate-');
});
afterAll(async () => {
  await work.cleanup();
});

async function repository(name: string, files: Record<string, string | Uint8Array>): Promise<string> {
  const root = join(work.path, name);
  for (const [path, content] of Object.entries(files)) {
    await mkdir(join(root, path, '..'), { recursive: true });
    await writeFile(join(root, path), content);
  }
  return root;
}

/** A copy of an invalid fixture, with working folders for `apps` so only the fixture's problem shows. */
async function fixtureRepository(name: string, apps: string[]): Promise<string> {
  const root = join(work.path, name);
  await cp(join(fixtures, 'invalid', name), root, { recursive: true });
  for (const app of apps) {
    await mkdir(join(root, app), { recursive: true });
    const scripts = { start: 'node index.js', build: 'node build.js' };
    await writeFile(
      join(root, app, 'package.json'),
      JSON.stringify({ name: app, scripts, engines: { node: '>=22' } }),
    );
    await writeFile(join(root, app, 'package-lock.json'), '{}');
  }
  return root;
}

const NO_STACK = /\n\s+at .+:\d+:\d+/;

describe('connect validate', () => {
  it('exits 0 on a valid six-application repository and says so', async () => {
    const result = await runCli(['validate', valid]);
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toMatch(/connect\.yaml is valid/);
  });

  it('validates the current directory by default and accepts the file itself', async () => {
    expect((await runCli(['validate'], { cwd: valid })).exitCode).toBe(0);
    expect((await runCli(['validate', join(valid, 'connect.yaml')])).exitCode).toBe(0);
  });

  it('prints exactly the documented --json shape, with the next fire times', async () => {
    const result = await runCli(['validate', valid, '--json']);
    expect(result.exitCode).toBe(0);
    const json = JSON.parse(result.stdout) as Record<string, unknown>;
    expect(json).toMatchObject({ valid: true, errorCount: 0, warningCount: 0, diagnostics: [] });
    expect(json.jobs).toEqual([
      expect.objectContaining({
        application: 'job',
        path: 'deployAs[2].properties.schedule',
        schedule: '0 2 * * 1-5',
        description: 'at 02:00 UTC on Monday to Friday',
        nextFireTimes: [
          expect.stringMatching(/T02:00:00\.000Z$/),
          expect.stringMatching(/T02:00:00\.000Z$/),
          expect.stringMatching(/T02:00:00\.000Z$/),
        ],
      }),
    ]);
    expect(json).not.toHaveProperty('spec');
  });

  it('reports every problem with code, line, column and path, and exits 1', async () => {
    const root = await fixtureRepository('mc-required-key', ['mc']);
    const result = await runCli(['validate', root, '--json']);
    expect(result.exitCode).toBe(1);
    const json = JSON.parse(result.stdout) as { valid: boolean; errorCount: number; diagnostics: unknown[] };
    expect(json.valid).toBe(false);
    expect(json.errorCount).toBe(2);
    expect(json.diagnostics).toEqual([
      {
        severity: 'error',
        code: 'mc-required-key',
        message: expect.stringContaining('ENTRY_POINT_URI_PATH'),
        file: join(root, 'connect.yaml'),
        line: 9,
        column: 9,
        path: 'deployAs[0].configuration.standardConfiguration',
      },
      expect.objectContaining({
        code: 'mc-required-key',
        line: 11,
        column: 21,
        path: 'deployAs[0].configuration.standardConfiguration[0].required',
      }),
    ]);
  });

  it('prints stylish output with a code frame', async () => {
    const root = await fixtureRepository('invalid-schedule', ['weekly']);
    const result = await runCli(['validate', root]);
    expect(result.exitCode).toBe(1);
    expect(result.stdout).toContain('8:26  error  schedule "0 0 * * MON": day-of-week field "MON"');
    expect(result.stdout).toContain('invalid-schedule');
    expect(result.stdout).toMatch(/> 8 \| {7}schedule: "0 0 \* \* MON"/);
    expect(result.stdout).toMatch(/\n {6}\| {26}\^/);
    expect(result.stdout).toMatch(/1 problem \(1 error, 0 warnings\)/);
  });

  it('prints GitHub Actions annotations with --format github', async () => {
    const root = await fixtureRepository('invalid-endpoint', ['svc']);
    const result = await runCli(['validate', '--format', 'github'], { cwd: root });
    expect(result.exitCode).toBe(1);
    expect(result.stdout.trim()).toMatch(
      /^::error file=connect\.yaml,line=6,col=15,title=invalid-endpoint::endpoint "\/api\/\/svc" contains "\/\/"/,
    );
  });

  it('passes warnings unless --strict, and shows schedules with --verbose', async () => {
    const root = await repository('warning', {
      'connect.yaml':
        'deployAs:\n  - name: boot\n    applicationType: job\n    endpoint: /job\n    properties:\n      schedule: "*/15 * * * *"\n',
      'boot/package.json': JSON.stringify({ scripts: { start: 'node index.js' }, engines: { node: '>=22' } }),
    });
    const relaxed = await runCli(['validate', root, '--verbose']);
    expect(relaxed.exitCode).toBe(0);
    expect(relaxed.stdout).toContain('missing-lock-file');
    expect(relaxed.stdout).toMatch(/boot {2}\*\/15 \* \* \* \* {2}every 15 minutes/);
    expect(relaxed.stdout).toMatch(/next: \d{4}-\d\d-\d\dT\d\d:(00|15|30|45):00\.000Z, /);
    const strict = await runCli(['validate', root, '--strict', '--json']);
    expect(strict.exitCode).toBe(1);
    expect(JSON.parse(strict.stdout)).toMatchObject({ valid: false, errorCount: 0, warningCount: 1 });
  });

  it('exits 2 and says where it looked when there is no connect.yaml', async () => {
    const empty = await repository('empty', { 'README.md': '# nothing here\n' });
    const result = await runCli(['validate', empty]);
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain(`looked for ${join(empty, 'connect.yaml')}`);
    expect(result.stderr).toContain('CONNECT_YAML_NOT_FOUND');
    const json = await runCli(['validate', empty, '--json']);
    expect(json.exitCode).toBe(2);
    expect(JSON.parse(json.stdout)).toMatchObject({ error: { code: 'CONNECT_YAML_NOT_FOUND' } });
  });

  it('gives diagnostics, not a stack trace, on binary input', async () => {
    const root = await repository('binary', {
      'connect.yaml': new Uint8Array([0x7f, 0x45, 0x4c, 0x46, 0, 1, 2, 0xff, 0xfe, 10, 0]),
    });
    const result = await runCli(['validate', root]);
    expect(result.exitCode).toBe(1);
    expect(result.stdout).toContain('yaml-not-text');
    expect(result.stdout + result.stderr).not.toMatch(NO_STACK);
  });

  it('reports problems in application folders on package.json lines', async () => {
    const root = join(work.path, 'folders');
    await cp(join(fixtures, 'invalid', 'unsupported-node-version'), root, { recursive: true });
    const result = await runCli(['validate', root, '--json']);
    expect(result.exitCode).toBe(1);
    const json = JSON.parse(result.stdout) as {
      diagnostics: { code: string; file: string; line: number; path: string }[];
    };
    expect(json.diagnostics).toEqual([
      expect.objectContaining({
        code: 'unsupported-node-version',
        file: join(root, 'svc', 'package.json'),
        line: 4,
        path: 'engines.node',
      }),
    ]);
  });
});
