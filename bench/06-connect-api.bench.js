// The Connect API commands against the local fake (test/fake-connect-api): wall time of a
// remote command with a cached token, the first one (token request included), a deploy
// without waiting, and `connect --version` as the floor, all measured in the same run.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

import { cli, envWithoutCa, fmt, median, report, root, timeCommand } from './lib.js';

async function startFake() {
  const child = spawn(process.execPath, ['--import', 'tsx', join(root, 'test/fake-connect-api/main.ts')], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'inherit'],
    env: { ...process.env, FAKE_STEP_MS: '50' },
  });
  const line = await new Promise((resolve, reject) => {
    createInterface({ input: child.stdout }).once('line', resolve);
    child.once('exit', (code) => reject(new Error(`fake exited ${code}`)));
  });
  return { child, ...JSON.parse(line) };
}

export default async function connectApi() {
  const fake = await startFake();
  const config = mkdtempSync(join(tmpdir(), 'bench-connect-api-'));
  const env = { ...envWithoutCa(), ...fake.env, CONNECT_CONFIG_DIR: config, NO_COLOR: '1' };
  try {
    const floor = timeCommand(process.execPath, [cli, '--version'], { env, runs: 9 });
    report('connect --version (floor)', fmt(floor));

    const cached = timeCommand(process.execPath, [cli, 'connectors', 'list', '--json'], { env, runs: 9 });
    report(
      'connect connectors list --json (token cached)',
      fmt(cached),
      `+${fmt(cached - floor)} over the floor`,
    );

    // A fresh config folder each time: the token request is part of the run.
    const fresh = [];
    for (let i = 0; i < 7; i += 1) {
      const dir = mkdtempSync(join(tmpdir(), 'bench-connect-api-fresh-'));
      fresh.push(
        timeCommand(process.execPath, [cli, 'connectors', 'list', '--json'], {
          env: { ...env, CONNECT_CONFIG_DIR: dir },
          runs: 1,
        }),
      );
      rmSync(dir, { recursive: true, force: true });
    }
    report('connect connectors list --json (new token)', fmt(median(fresh)));

    let n = 0;
    const deploys = [];
    for (let i = 0; i < 7; i += 1) {
      n += 1;
      deploys.push(
        timeCommand(
          process.execPath,
          [
            cli,
            'deploy',
            '--connector',
            'demo-connector',
            '--key',
            `bench-${process.pid}-${n}`,
            '--no-wait',
            '--json',
            '--set',
            'service.CTP_REGION=europe-west1.gcp',
            '--set',
            'service.API_SECRET=bench-secret',
          ],
          { env, runs: 1 },
        ),
      );
    }
    report('connect deploy --no-wait (values checked, created)', fmt(median(deploys)));
  } finally {
    fake.child.kill('SIGTERM');
    rmSync(config, { recursive: true, force: true });
  }
}
