/**
 * Runs the fake Connect API standalone (for trying the CLI by hand and for bench/):
 *   npx tsx test/fake-connect-api/main.ts
 * prints one JSON line {url, env} and serves until killed.
 */
import { FakeConnectApi, sampleRepository } from './server.js';

const projectKey = process.env.FAKE_PROJECT_KEY ?? 'demo-project';
const stepMs = Number(process.env.FAKE_STEP_MS ?? 150);
const fake = await new FakeConnectApi({ stepMs }).start();
const client = {
  id: 'demo-client',
  secret: 'demo-secret-value',
  scopes: [`manage_connectors:${projectKey}`, `manage_connectors_deployments:${projectKey}`],
};
fake.addClient(client);
fake.addRepository(sampleRepository('https://github.com/example/connector.git'));
fake.seedConnector(
  { key: 'demo-connector', name: 'Demo connector' },
  'https://github.com/example/connector.git',
);
process.stdout.write(`${JSON.stringify({ url: fake.url, env: fake.env(client, projectKey) })}\n`);
const stop = () => void fake.stop().then(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
