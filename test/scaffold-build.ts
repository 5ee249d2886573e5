/**
 * The acceptance of the templates, shared by scaffold-build-ts.test.ts and
 * scaffold-build-js.test.ts (two files so that vitest runs the languages in parallel): one
 * repository with every application type, created by `connect init` (which installs) and
 * `connect add`; `connect validate` finds no error and no warning; every service, event, job
 * and assets application builds and passes its tests; the service starts and answers.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

import { execa } from 'execa';
import { afterAll, beforeAll, expect, it } from 'vitest';

import { runCli, tempDir } from './helpers/cli.js';
import { startFakeCommercetools } from './helpers/fake-commercetools.js';
import { freePort, npm, npmEnv } from './helpers/scaffold.js';

const BUILT_TYPES = ['service', 'event', 'job', 'assets'] as const;

export function scaffoldAcceptance(language: 'ts' | 'js'): void {
  let work: { path: string; cleanup: () => Promise<void> };
  let root: string;

  beforeAll(async () => {
    work = await tempDir(`connect-build-${language}-`);
    root = join(work.path, 'connector');
  });
  afterAll(() => work.cleanup());

  it('creates and installs every application type, and the repository validates', async () => {
    const init = await runCli(
      [
        'init',
        root,
        '--language',
        language,
        ...BUILT_TYPES.flatMap((type) => ['--app', type]),
        '--install',
        '--git',
      ],
      { env: npmEnv, timeout: 420_000 },
    );
    expect(init.stderr).toContain('Created');
    expect(init.exitCode).toBe(0);
    for (const type of BUILT_TYPES) expect(existsSync(join(root, type, 'node_modules')), type).toBe(true);

    for (const type of ['merchant-center-custom-application', 'merchant-center-custom-view']) {
      const add = await runCli(['add', type, '--no-install', '--path', root], { env: npmEnv });
      expect(add.exitCode, add.stderr).toBe(0);
    }

    const validate = await runCli(['validate', root, '--json']);
    expect(JSON.parse(validate.stdout)).toMatchObject({ valid: true, errorCount: 0, warningCount: 0 });
    expect(validate.exitCode).toBe(0);
  }, 480_000);

  for (const type of BUILT_TYPES) {
    it(`builds the ${type} application and passes its tests`, async () => {
      await npm(join(root, type), ['run', 'build']);
      const output = await npm(join(root, type), ['test']);
      expect(output).toMatch(/Tests\s+\d+ passed/);
      expect(output).not.toMatch(/failed/);
    }, 300_000);
  }

  it('starts the service, which answers an API Extension call on PORT', async () => {
    const port = await freePort();
    // The start script itself (`node dist/index.js`), not `npm start`, so that SIGTERM reaches the app.
    const pkg = JSON.parse(await readFile(join(root, 'service', 'package.json'), 'utf8')) as {
      scripts: { start: string };
    };
    const [command = 'node', ...args] = pkg.scripts.start.split(' ');
    expect(command).toBe('node');
    const app = execa(process.execPath, args, {
      cwd: join(root, 'service'),
      env: { ...npmEnv, PORT: String(port) },
      reject: false,
      all: true,
    });
    try {
      let answer: Response | undefined;
      for (let attempt = 0; attempt < 100 && answer === undefined; attempt += 1) {
        answer = await fetch(`http://127.0.0.1:${port}/service`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({
            action: 'Create',
            resource: {
              typeId: 'cart',
              id: 'c1',
              obj: { id: 'c1', customerEmail: 'Ada@Example.com', lineItems: [] },
            },
          }),
        }).catch(async () => {
          await new Promise((resolve) => setTimeout(resolve, 200));
          return undefined;
        });
      }
      expect(answer?.status).toBe(200);
      expect(await answer?.json()).toEqual({
        actions: [{ action: 'setCustomerEmail', email: 'ada@example.com' }],
      });
    } finally {
      app.kill('SIGTERM');
      await app;
    }
  }, 60_000);

  it('runs the connector scripts of the service and the event app against a commercetools API', async () => {
    const api = await startFakeCommercetools('shop');
    // The scripts as connect.yaml's postDeploy/preUndeploy run them, minus the compile step
    // the build test already did.
    const script = async (app: string, name: string, env: Record<string, string>): Promise<string> => {
      const pkg = JSON.parse(await readFile(join(root, app, 'package.json'), 'utf8')) as {
        scripts: Record<string, string>;
      };
      const [command = '', ...args] = (pkg.scripts[name] ?? '').replace(/^tsc && /, '').split(' ');
      expect(command).toBe('node');
      const result = await execa(process.execPath, args, {
        cwd: join(root, app),
        env: {
          CTP_PROJECT_KEY: 'shop',
          CTP_CLIENT_ID: 'id',
          CTP_CLIENT_SECRET: 'secret',
          CTP_API_URL: api.url,
          CTP_AUTH_URL: api.url,
          ...env,
        },
        all: true,
        reject: false,
      });
      expect(result.exitCode, String(result.all)).toBe(0);
      return String(result.all);
    };
    try {
      const service = { CONNECT_SERVICE_URL: 'https://service-1.europe-west1.gcp.commercetools.app/service' };
      expect(await script('service', 'connector:post-deploy', service)).toContain('Created API Extension');
      expect(await script('service', 'connector:post-deploy', service)).toContain('Updated API Extension');
      expect([...api.collections.extensions!.values()]).toEqual([
        expect.objectContaining({
          key: 'service-extension',
          version: 2,
          destination: { type: 'HTTP', url: service.CONNECT_SERVICE_URL },
        }),
      ]);
      expect(await script('service', 'connector:pre-undeploy', {})).toContain('Removed API Extension');
      expect(api.collections.extensions!.size).toBe(0);

      const event = {
        CONNECT_PROVIDER: 'GCP',
        CONNECT_GCP_PROJECT_ID: 'ct-connect',
        CONNECT_GCP_TOPIC_NAME: 'topic',
      };
      expect(await script('event', 'connector:post-deploy', event)).toContain('Created Subscription');
      expect(api.collections.subscriptions!.get('event-subscription')).toMatchObject({
        destination: { type: 'GoogleCloudPubSub', projectId: 'ct-connect', topic: 'topic' },
        messages: [{ resourceTypeId: 'order', types: ['OrderCreated'] }],
      });
      expect(await script('event', 'connector:pre-undeploy', {})).toContain('Deleted Subscription');
      expect(api.collections.subscriptions!.size).toBe(0);
    } finally {
      await api.close();
    }
  }, 60_000);
}
