/**
 * The Java templates: `connect init --language java` creates service, event and job apps that
 * validate, build with Maven and pass their own tests, then run under `connect dev` as the Node
 * templates do: post-deploy registers the API Extension and the Subscription (through Maven),
 * the service answers extension calls, the event app acknowledges the Pub/Sub push, the job
 * answers the scheduler's POST.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { ExtensionCall } from '../src/emulator/extensions/runner.js';
import type { JobRun } from '../src/emulator/types.js';
import { runCli, tempDir } from './helpers/cli.js';
import { javaSkip, mavenEnv } from './helpers/java.js';
import { startDev } from './dev-helpers.js';

const TYPES = ['service', 'event', 'job'] as const;

describe.skipIf(javaSkip !== undefined)('a scaffolded Java repository', () => {
  let work: { path: string; cleanup: () => Promise<void> };
  let root: string;
  const env = mavenEnv();

  beforeAll(async () => {
    work = await tempDir('connect-build-java-');
    root = join(work.path, 'connector');
  });
  afterAll(() => work.cleanup());

  it('creates the service, event and job applications, and the repository validates', async () => {
    const init = await runCli(
      ['init', root, '--language', 'java', ...TYPES.flatMap((type) => ['--app', type]), '--yes', '--no-git'],
      { env },
    );
    expect(init.exitCode, init.stderr).toBe(0);
    expect(init.stderr).toContain('mvn package');
    for (const type of TYPES) {
      for (const file of [
        'pom.xml',
        'project.toml',
        '.gitignore',
        'README.md',
        'src/main/java/com/example/connect/App.java',
      ])
        expect(existsSync(join(root, type, file)), `${type}/${file}`).toBe(true);
      expect(existsSync(join(root, type, 'package.json'))).toBe(false);
    }
    const yaml = readFileSync(join(root, 'connect.yaml'), 'utf8');
    expect(yaml).toContain('postDeploy: mvn -B -q compile exec:java@post-deploy');

    const validate = await runCli(['validate', root, '--json']);
    expect(JSON.parse(validate.stdout)).toMatchObject({ valid: true, errorCount: 0, warningCount: 0 });

    const refused = await runCli([
      'add',
      'merchant-center-custom-view',
      '--path',
      root,
      '--yes',
      '--no-install',
    ]);
    expect(refused.exitCode).toBe(2);
    expect(refused.stderr).toMatch(/LANGUAGE_NOT_AVAILABLE[\s\S]*--language ts/);
  }, 60_000);

  for (const type of TYPES) {
    it(`builds the ${type} application with Maven and passes its tests`, async () => {
      const result = await execa('mvn', ['-B', '-q', 'package'], {
        cwd: join(root, type),
        env,
        reject: false,
        all: true,
        timeout: 400_000,
      });
      expect(result.exitCode, String(result.all)).toBe(0);
      const reports = readdirSync(join(root, type, 'target', 'surefire-reports')).filter((name) =>
        name.endsWith('.xml'),
      );
      let tests = 0;
      for (const report of reports) {
        const text = readFileSync(join(root, type, 'target', 'surefire-reports', report), 'utf8');
        const suite = /<testsuite [^>]*tests="(\d+)" errors="(\d+)" skipped="\d+" failures="(\d+)"/.exec(
          text,
        );
        expect(suite, report).not.toBeNull();
        tests += Number(suite?.[1]);
        expect([suite?.[2], suite?.[3]]).toEqual(['0', '0']);
      }
      expect(tests).toBeGreaterThanOrEqual(3);
      // One jar with a Main-Class, as the platform needs.
      expect(
        readdirSync(join(root, type, 'target'))
          .filter((name) => name.endsWith('.jar'))
          .sort(),
      ).toEqual([`${type}-1.0.0.jar`, `original-${type}-1.0.0.jar`].sort());
    }, 420_000);
  }

  it('runs under connect dev: scripts register, the service, event and job answer', async () => {
    const dev = startDev([root, '--admin-port', '0', '--no-watch'], { env });
    try {
      await dev.waitFor(/applications ready/, 300_000, 'stderr');
      // post-deploy through Maven: the extension and the subscription exist in the local API.
      await dev.waitFor(/service: postDeploy done/, 180_000, 'stderr');
      await dev.waitFor(/event: postDeploy done/, 180_000, 'stderr');
      expect(`${dev.output().stdout}${dev.output().stderr}`).toMatch(
        /Created API Extension "service-extension" -> http:\/\/127\.0\.0\.1:\d+\/service/,
      );
      expect(`${dev.output().stdout}${dev.output().stderr}`).toMatch(
        /Created Subscription "event-subscription" \(GoogleCloudPubSub\)/,
      );

      const call = await runCli(
        [
          'trigger',
          'extension',
          'service',
          '--resource',
          'cart',
          '--action',
          'Create',
          '--json',
          '--path',
          root,
        ],
        { env },
      );
      expect(call.exitCode, call.stderr).toBe(0);
      const extension = JSON.parse(call.stdout) as ExtensionCall;
      expect(extension.verdict).toMatchObject({ ok: true });
      expect(extension.response?.statusCode).toBe(200);

      const event = await runCli(
        ['trigger', 'event', 'event', '--type', 'OrderCreated', '--wait', '30', '--json', '--path', root],
        { env },
      );
      expect(event.exitCode, event.stderr).toBe(0);
      const delivery = JSON.parse(event.stdout) as { state: string; attempts: Array<{ statusCode: number }> };
      expect(delivery.state).toBe('acked');
      expect(delivery.attempts.at(-1)?.statusCode).toBe(204);
      await dev.waitFor(/event\s+\| Order \S+ created: [\d.]+ [A-Z]{3}, \d+ line item/, 10_000, 'both');

      const job = await runCli(['trigger', 'job', 'job', '--json', '--path', root], { env });
      expect(job.exitCode, job.stderr).toBe(0);
      expect(JSON.parse(job.stdout) as JobRun).toMatchObject({ statusCode: 200, outcome: 'ok' });
    } finally {
      dev.kill('SIGINT');
      await dev;
    }
  }, 600_000);
});
