/**
 * Apps written like the platform's older starters declare the API client's variables as their
 * own required configuration. Locally nobody has to supply them: the emulator fills the keys
 * nothing else set with the local platform's values (source "emulator"), below every user layer.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { tempDir } from './helpers/cli.js';
import { adminUrl, eventually, getJson, startDev, type DevProcess } from './dev-helpers.js';

const connectYaml = `deployAs:
  - name: svc
    applicationType: service
    endpoint: /svc
    configuration:
      standardConfiguration:
        - key: CTP_CLIENT_ID
          description: API client id
          required: true
        - key: CTP_PROJECT_KEY
          description: project key
          required: true
      securedConfiguration:
        - key: CTP_CLIENT_SECRET
          description: API client secret
          required: true
`;

const app = `import http from 'node:http';
http.createServer((req, res) => {
  res.setHeader('content-type', 'application/json');
  res.end(JSON.stringify({ id: process.env.CTP_CLIENT_ID, key: process.env.CTP_PROJECT_KEY, secret: process.env.CTP_CLIENT_SECRET }));
}).listen(Number(process.env.PORT ?? 8080));
`;

describe('connect dev supplies declared API client keys from the local platform', () => {
  let dir: Awaited<ReturnType<typeof tempDir>>;
  let dev: DevProcess | undefined;

  beforeAll(async () => {
    dir = await tempDir('connect-dev-platform-values-');
    await writeFile(join(dir.path, 'connect.yaml'), connectYaml);
    await mkdir(join(dir.path, 'svc'));
    await writeFile(
      join(dir.path, 'svc', 'package.json'),
      JSON.stringify({ name: 'svc', private: true, type: 'module', scripts: { start: 'node index.js' } }),
    );
    await writeFile(join(dir.path, 'svc', 'index.js'), app);
  });

  afterAll(async () => {
    dev?.kill('SIGTERM');
    await dev?.catch(() => undefined);
    await dir.cleanup();
  });

  it('starts the app with the local credentials, masked in the configuration view', async () => {
    dev = startDev([dir.path, '--no-watch', '--no-build']);
    await dev.waitFor(/svc.*ready/i, 90_000, 'both');
    const admin = await adminUrl(dir.path);
    const status = await getJson<{
      applications: { name: string; url: string; state: string }[];
      platform: { clientId: string; clientSecret: string; projectKey: string };
    }>(`${admin}/__connect/api/status`);
    const svc = status.applications.find((candidate) => candidate.name === 'svc');
    expect(svc?.state).toBe('ready');
    const answer = await eventually(() => getJson<{ id: string; key: string; secret: string }>(svc!.url));
    expect(answer).toEqual({
      id: status.platform.clientId,
      key: status.platform.projectKey,
      secret: status.platform.clientSecret,
    });
    const config = await getJson<{
      values: { key: string; value: string; source: string }[];
      missing: string[];
    }>(`${admin}/__connect/api/applications/svc/config`);
    expect(config.missing).toEqual([]);
    expect(config.values.find((entry) => entry.key === 'CTP_CLIENT_ID')).toMatchObject({
      source: 'emulator',
      value: status.platform.clientId,
    });
    expect(config.values.find((entry) => entry.key === 'CTP_CLIENT_SECRET')).toMatchObject({
      source: 'emulator',
      value: '****',
    });
  }, 150_000);
});
