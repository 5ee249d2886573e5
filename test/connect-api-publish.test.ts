/**
 * `connect publish` end to end: a real Git repository whose origin is a local bare repository
 * (reached through git's `url.<local>.insteadOf <https URL>`, so origin keeps the https URL
 * the platform needs), the validator, and the fake Connect API.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { E2E_TIMEOUT, json, REPO_URL, startHarness, type Harness } from './fake-connect-api/harness.js';

let h: Harness;
let repo: string;
const git = (...args: string[]) =>
  execa(
    'git',
    [
      '-c',
      'user.name=Test',
      '-c',
      'user.email=test@example.com',
      '-c',
      'commit.gpgsign=false',
      '-c',
      'tag.gpgsign=false',
      ...args,
    ],
    { cwd: repo },
  );

const CONNECT_YAML = `deployAs:
  - name: service
    applicationType: service
    endpoint: /service
    configuration:
      standardConfiguration:
        - key: CTP_REGION
          description: region
          required: true
`;

async function makeRepository(dir: string, originUrl: string): Promise<void> {
  const bare = `${dir}.git`;
  await execa('git', ['init', '--bare', '-q', bare]);
  await mkdir(join(dir, 'service'), { recursive: true });
  await writeFile(join(dir, 'connect.yaml'), CONNECT_YAML);
  await writeFile(
    join(dir, 'service', 'package.json'),
    JSON.stringify({
      name: 'service',
      version: '1.0.0',
      scripts: { start: 'node index.js', build: 'echo ok' },
    }),
  );
  await writeFile(
    join(dir, 'service', 'package-lock.json'),
    JSON.stringify({ name: 'service', lockfileVersion: 3, requires: true, packages: {} }),
  );
  await writeFile(join(dir, 'service', 'index.js'), '\n');
  const run = (...args: string[]) =>
    execa(
      'git',
      ['-c', 'user.name=Test', '-c', 'user.email=test@example.com', '-c', 'commit.gpgsign=false', ...args],
      { cwd: dir },
    );
  await run('init', '-q', '-b', 'main');
  await run('config', `url.${bare}.insteadOf`, originUrl);
  await run('remote', 'add', 'origin', originUrl);
  await run('add', '-A');
  await run('commit', '-q', '-m', 'initial');
  await run('push', '-q', 'origin', 'main');
}

const publishFlags = [
  '--key',
  'acme-connector',
  '--name',
  'Acme connector',
  '--creator-email',
  'dev@acme.test',
  '--integration-types',
  'psp,tax',
];
const draftRequests = () => h.fake.requests.filter((req) => req.path.startsWith('/connectors/drafts'));

beforeAll(async () => {
  h = await startHarness();
  repo = join(h.dir, 'connector');
  await makeRepository(repo, REPO_URL);
});
afterAll(async () => {
  await h.close();
});

describe('connect publish', { timeout: E2E_TIMEOUT }, () => {
  it('refuses a dirty tree, a missing tag and an unpushed tag before calling the API', async () => {
    await writeFile(join(repo, 'notes.txt'), 'work in progress');
    const dirty = await h.run(['publish', ...publishFlags], h.ciEnv, { cwd: repo });
    expect(dirty.exitCode).toBe(1);
    expect(dirty.stderr).toContain('[GIT_DIRTY]');
    expect(dirty.stderr).toContain('notes.txt');
    await git('add', 'notes.txt');
    await git('commit', '-q', '-m', 'notes');

    const untagged = await h.run(['publish', ...publishFlags], h.ciEnv, { cwd: repo });
    expect(untagged.exitCode).toBe(1);
    expect(untagged.stderr).toContain('[GIT_TAG_MISSING]');
    expect(untagged.stderr).toContain('Try: tag it and push the tag');

    const unknown = await h.run(['publish', ...publishFlags, '--tag', 'v9.9.9'], h.ciEnv, { cwd: repo });
    expect(unknown.stderr).toContain('[GIT_TAG_NOT_FOUND]');

    await git('tag', 'v1.0.0');
    const unpushed = await h.run(['publish', ...publishFlags], h.ciEnv, { cwd: repo });
    expect(unpushed.exitCode).toBe(1);
    expect(unpushed.stderr).toContain('[GIT_TAG_NOT_PUSHED]');
    expect(unpushed.stderr).toContain('Try: git push origin v1.0.0');

    const noMeta = await h.run(['publish', '--key', 'acme-connector'], h.ciEnv, { cwd: repo });
    expect(noMeta.exitCode).toBe(2);
    expect(noMeta.stderr).toContain('[CONNECTOR_METADATA_MISSING]');
    expect(noMeta.stderr).toContain('--creator-email');

    expect(draftRequests()).toHaveLength(0);
  });

  it('creates the staged connector from Git and publishes it, then updates it by key with --preview', async () => {
    await git('push', '-q', 'origin', 'v1.0.0');
    const first = await h.run(['publish', ...publishFlags, '--json'], h.ciEnv, { cwd: repo });
    expect(first.exitCode, first.stderr).toBe(0);
    const staged = json<{ key: string; status: string; repository: { url: string; tag: string } }>(first);
    expect(staged).toMatchObject({
      key: 'acme-connector',
      status: 'Published',
      repository: { url: REPO_URL, tag: 'v1.0.0' },
    });
    const create = h.fake.requestsTo('POST', /^\/connectors\/drafts$/)[0];
    expect(create?.body).toEqual({
      key: 'acme-connector',
      name: 'Acme connector',
      integrationTypes: ['psp', 'tax'],
      creator: { email: 'dev@acme.test' },
      repository: { url: REPO_URL, tag: 'v1.0.0' },
    });
    expect(h.fake.requestsTo('POST', /^\/connectors\/drafts\/[0-9a-f-]{36}$/).map((req) => req.body)).toEqual(
      [{ version: 1, actions: [{ action: 'publish', certification: false }] }],
    );
    expect([...h.fake.connectors.values()].map((c) => c.key)).toContain('acme-connector');

    // Metadata from the values file this time; a new tag; previewable checks first.
    await writeFile(
      join(repo, 'connect.values.yaml'),
      'connector:\n  key: acme-connector\n  name: Acme connector 2\n  creator:\n    email: dev@acme.test\n    company: Acme\n',
    );
    await git('add', '-A');
    await git('commit', '-q', '-m', 'values');
    await git('tag', 'v1.1.0');
    await git('push', '-q', 'origin', 'main', 'v1.1.0');
    const second = await h.run(['publish', '--preview'], h.ciEnv, { cwd: repo });
    expect(second.exitCode, second.stderr).toBe(0);
    expect(second.stderr).toContain(
      'Updated staged connector acme-connector: setName, setRepository, setCreatorCompany.',
    );
    expect(second.stderr).toMatch(
      /Previewable checks[\s\S]*info\s+Repository checked: Tag v1\.1\.0 found[\s\S]*warning\s+No tests/,
    );
    expect(second.stderr).toMatch(/Publishing acme-connector: Published/);
    expect(second.stderr).toContain('✔ Published acme-connector (v1.1.0)');
    const actions = h.fake
      .requestsTo('POST', /^\/connectors\/drafts\/[0-9a-f-]{36}$/)
      .slice(1)
      .map((req) => (req.body as { actions: Array<{ action: string }> }).actions.map((a) => a.action));
    expect(actions).toEqual([
      ['setName', 'setRepository', 'setCreatorCompany'],
      ['updatePreviewable'],
      ['publish'],
    ]);
  });

  it('exits 1 and prints the publishing report when publishing fails', async () => {
    const repository = h.fake.repositories.get(REPO_URL);
    if (repository) repository.failPublish = true;
    try {
      await git('commit', '-q', '--allow-empty', '-m', 'broken');
      await git('tag', 'v1.2.0');
      await git('push', '-q', 'origin', 'v1.2.0');
      const result = await h.run(['publish', '--json'], h.ciEnv, { cwd: repo });
      expect(result.exitCode).toBe(1);
      const error = json<{
        error: { code: string; details: { status: string; report: { entries: Array<{ message: string }> } } };
      }>(result);
      expect(error.error.code).toBe('PUBLISH_FAILED');
      expect(error.error.details.report.entries[0]?.message).toContain('missing package-lock.json');
    } finally {
      if (repository) repository.failPublish = false;
    }
  });

  it('validates connect.yaml first and sends nothing when it is invalid (unless --no-validate)', async () => {
    const before = draftRequests().length;
    await writeFile(
      join(repo, 'connect.yaml'),
      CONNECT_YAML.replace('applicationType: service', 'applicationType: servce'),
    );
    await git('commit', '-q', '-am', 'typo');
    await git('tag', 'v1.3.0');
    await git('push', '-q', 'origin', 'v1.3.0');
    const result = await h.run(['publish'], h.ciEnv, { cwd: repo });
    expect(result.exitCode).toBe(1);
    expect(result.stderr).toContain('[CONNECT_YAML_INVALID]');
    expect(result.stderr).toMatch(/connect\.yaml:\d+:\d+ error/);
    expect(draftRequests().length).toBe(before);

    const skipped = await h.run(['publish', '--no-validate', '--no-wait', '--json'], h.ciEnv, { cwd: repo });
    expect(skipped.exitCode, skipped.stderr).toBe(0);
    expect(json<{ status: string }>(skipped).status).toBe('Processing');
  });

  it('--certify submits for certification and succeeds once the connector is in certification', async () => {
    await writeFile(join(repo, 'connect.yaml'), CONNECT_YAML);
    await git('commit', '-q', '-am', 'fix typo');
    await git('tag', 'v2.0.0');
    await git('push', '-q', 'origin', 'main', 'v2.0.0');
    const result = await h.run(['publish', '--certify', '--json'], h.ciEnv, { cwd: repo });
    expect(result.exitCode, result.stderr).toBe(0);
    expect(json<{ status: string; repository: { tag: string } }>(result)).toMatchObject({
      status: 'InCertification',
      repository: { tag: 'v2.0.0' },
    });
    const last = h.fake.requestsTo('POST', /^\/connectors\/drafts\/[0-9a-f-]{36}$/).at(-1);
    expect(last?.body).toMatchObject({ actions: [{ action: 'publish', certification: true }] });
  });

  it('explains GitRepositoryNotReachable with what to grant', async () => {
    const other = join(h.dir, 'private-connector');
    await makeRepository(other, 'git@git.example.test:acme/private-connector.git');
    await execa('git', ['-c', 'user.name=T', '-c', 'user.email=t@e.st', 'tag', 'v1.0.0'], { cwd: other });
    await execa('git', ['push', '-q', 'origin', 'v1.0.0'], { cwd: other });
    const result = await h.run(
      ['publish', '--key', 'private-one', '--name', 'Private', '--creator-email', 'dev@acme.test'],
      h.ciEnv,
      { cwd: other },
    );
    expect(result.exitCode).toBe(1);
    expect(result.stderr).toContain('[GIT_REPOSITORY_NOT_REACHABLE]');
    expect(result.stderr).toContain('git@git.example.test:acme/private-connector.git');
    expect(result.stderr).toMatch(
      /Try: make the repository public, or grant the platform's machine user read access/,
    );
  });
});
