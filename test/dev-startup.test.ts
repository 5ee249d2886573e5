/**
 * `connect dev` start-up: the admin API and the local commercetools API have their addresses
 * before the applications start (what answers behind them loads later, off the apps' critical
 * path), and a request that arrives before either has loaded is served once it has, never
 * refused.
 */
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

import { afterEach, describe, expect, it } from 'vitest';

import type { EmulatorStatus } from '../src/emulator/emulator.js';
import { tempDir } from './helpers/cli.js';
import { adminUrl, eventually, getJson, startDev } from './dev-helpers.js';

const cleanups: Array<() => Promise<void>> = [];

afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

// The build asks the local API for a token and the project, as a postDeploy script would,
// then waits for the test to let it finish (so the app is still building meanwhile).
const BUILD = `
import { existsSync, writeFileSync } from 'node:fs';
const basic = Buffer.from(process.env.CTP_CLIENT_ID + ':' + process.env.CTP_CLIENT_SECRET).toString('base64');
const token = await fetch(process.env.CTP_AUTH_URL + '/oauth/token?grant_type=client_credentials', {
  method: 'POST',
  headers: { authorization: 'Basic ' + basic },
});
const { access_token } = await token.json();
const project = await fetch(process.env.CTP_API_URL + '/' + process.env.CTP_PROJECT_KEY, {
  headers: { authorization: 'Bearer ' + access_token },
});
writeFileSync('early.json', JSON.stringify({ token: token.status, project: project.status, key: (await project.json()).key }));
while (!existsSync('go')) await new Promise((resolve) => setTimeout(resolve, 20));
`;

const APP = `
import { createServer } from 'node:http';
createServer((req, res) => res.end('ok')).listen(process.env.PORT);
`;

async function repository(): Promise<string> {
  const dir = await tempDir('connect-dev-startup-');
  cleanups.push(dir.cleanup);
  await writeFile(
    join(dir.path, 'connect.yaml'),
    [
      'inheritAs:',
      '  apiClient:',
      '    scopes: [manage_project]',
      'deployAs:',
      '  - name: api',
      '    applicationType: service',
      '    endpoint: /api',
      '',
    ].join('\n'),
  );
  const app = join(dir.path, 'api');
  await mkdir(app);
  await writeFile(
    join(app, 'package.json'),
    JSON.stringify({
      name: 'api',
      type: 'module',
      scripts: { build: 'node build.js', start: 'node index.js' },
    }),
  );
  await writeFile(join(app, 'build.js'), BUILD);
  await writeFile(join(app, 'index.js'), APP);
  return dir.path;
}

describe('connect dev start-up', () => {
  it('serves the admin API and the local API while an application is still building', async () => {
    const root = await repository();
    const dev = startDev([root, '--no-watch', '--no-scripts']);
    cleanups.unshift(async () => {
      if (dev.exitCode === null) dev.kill('SIGKILL');
      await dev.catch(() => undefined);
    });

    // The build's early requests to the local API were answered, not refused.
    const early = await eventually(
      async () =>
        existsSync(join(root, 'api', 'early.json'))
          ? (JSON.parse(await readFile(join(root, 'api', 'early.json'), 'utf8')) as Record<string, unknown>)
          : undefined,
      60_000,
      'the build to reach the local API',
    );
    expect(early).toEqual({ token: 200, project: 200, key: 'connect-dev' });

    // The admin API answers while the app builds.
    const state = await eventually(
      async () => ({ adminUrl: await adminUrl(root) }),
      10_000,
      '.connect/dev.json',
    );
    const building = await getJson<EmulatorStatus>(`${state.adminUrl}/__connect/api/status`);
    expect(building.applications.map((app) => [app.name, app.state])).toEqual([['api', 'building']]);
    expect(dev.output().stderr).not.toMatch(/applications ready/);

    await writeFile(join(root, 'api', 'go'), '');
    await dev.waitFor(/1\/1 applications ready/, 30_000, 'stderr');
    const ready = await getJson<EmulatorStatus>(`${state.adminUrl}/__connect/api/status`);
    expect(ready.applications[0]?.state).toBe('ready');
    dev.kill('SIGTERM');
    expect((await dev).exitCode).toBe(0);
  });
});
