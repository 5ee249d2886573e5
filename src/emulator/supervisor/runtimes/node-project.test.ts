import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import {
  detectProject,
  installCommand,
  missingVersion,
  patternRegExp,
  usesBuildLayout,
} from './node-project.js';
import { platformNodeMajor } from './node-tools.js';

describe('missingVersion', () => {
  it.each([
    [
      'npm error code ETARGET\nnpm error notarget No matching version found for @commercetools/connect-payments-sdk@0.27.1.',
      { name: '@commercetools/connect-payments-sdk', version: '0.27.1', why: 'ETARGET' },
    ],
    [
      'npm error 404 Not Found - GET https://registry.npmjs.org/@commercetools%2fplatform-sdk/-/platform-sdk-8.2.0.tgz - Not found',
      { name: '@commercetools/platform-sdk', version: '8.2.0', why: '404 Not Found' },
    ],
    [
      "npm error 404  'left-pad@9.9.9' is not in this registry.",
      { name: 'left-pad', version: '9.9.9', why: '404 Not Found' },
    ],
    [
      'error Couldn\'t find any versions for "left-pad" that matches "9.9.9"',
      { name: 'left-pad', version: '9.9.9', why: 'no such version' },
    ],
    [
      'error An unexpected error occurred: "https://registry.yarnpkg.com/left-pad/-/left-pad-9.9.9.tgz: Request failed \\"404 Not Found\\"".',
      { name: 'left-pad', version: '9.9.9', why: '404 Not Found' },
    ],
  ])('reads %j', (output, expected) => {
    expect(missingVersion(output)).toEqual(expected);
  });

  it('says nothing about other failures', () => {
    expect(missingVersion('npm error code EACCES\nnpm error permission denied')).toBeUndefined();
  });
});

describe('patternRegExp', () => {
  it('matches workspace patterns as npm and yarn do', () => {
    expect(patternRegExp('packages/*').test('packages/service')).toBe(true);
    expect(patternRegExp('packages/*').test('packages/a/b')).toBe(false);
    expect(patternRegExp('apps/**').test('apps/a/b')).toBe(true);
    expect(patternRegExp('./service').test('service')).toBe(true);
    expect(patternRegExp('service').test('service-impl')).toBe(false);
  });
});

describe('usesBuildLayout', () => {
  it('finds /tmp/lib and /workspace as paths, not as parts of other words', () => {
    expect(usesBuildLayout('cp -r /tmp/lib/shared /workspace')).toBe(true);
    expect(usesBuildLayout('cd /workspace && tsc')).toBe(true);
    expect(usesBuildLayout('tsc -p ./workspace.json')).toBe(false);
    expect(usesBuildLayout('node scripts/tmp/lib.js')).toBe(false);
  });
});

describe('platformNodeMajor', () => {
  it.each([
    [undefined, 24],
    ['>=22', 24],
    ['22.x', 22],
    ['^22.12.0', 22],
    ['>=20 <23', 22],
    ['>=24', 24],
    ['20.x', undefined],
    ['banana', undefined],
  ])('%j -> %j', async (range, major) => {
    expect(await platformNodeMajor(range)).toBe(major);
  });
});

describe('detectProject', () => {
  let root: string;
  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'node-project-'));
  });
  afterAll(async () => {
    await rm(root, { recursive: true, force: true });
  });

  async function repo(name: string, files: Record<string, string>): Promise<string> {
    const dir = join(root, name);
    for (const [file, text] of Object.entries(files)) {
      await mkdir(join(dir, file, '..'), { recursive: true });
      await writeFile(join(dir, file), text);
    }
    return dir;
  }

  it('picks yarn for a yarn.lock at the repository root even when the app has none', async () => {
    const dir = await repo('root-yarn', {
      'yarn.lock': '',
      'service/package.json': '{"name":"service","dependencies":{"x":"1"}}',
    });
    const project = await detectProject(join(dir, 'service'), dir);
    expect(project).toMatchObject({ manager: 'yarn', reason: 'yarn.lock at the repository root' });
    expect(project?.lockFile).toBeUndefined();
    expect(installCommand(project!).command).toBe('yarn install --no-lockfile --non-interactive');
  });

  it('installs a workspace member at the workspace root, and knows the packages it uses', async () => {
    const dir = await repo('npm-ws', {
      'package.json': '{"private":true,"workspaces":["apps/*","shared"]}',
      'package-lock.json': '{}',
      'apps/service/package.json': '{"name":"service","dependencies":{"shared":"*"}}',
      'shared/package.json': '{"name":"shared"}',
    });
    const project = await detectProject(join(dir, 'apps', 'service'), dir);
    expect(project).toMatchObject({
      manager: 'npm',
      installDir: dir,
      workspaceRoot: dir,
      lockFile: join(dir, 'package-lock.json'),
      localDirs: [join(dir, 'shared')],
    });
    expect(installCommand(project!).command).toBe('npm ci --no-audit --no-fund');
  });

  it('installs without writing a lock file when there is none, and lists file: folders', async () => {
    const dir = await repo('no-lock', {
      'service/package.json': '{"name":"service","dependencies":{"shared":"file:../shared"}}',
      'shared/package.json': '{"name":"shared"}',
    });
    const project = await detectProject(join(dir, 'service'), dir);
    expect(project?.localDirs).toEqual([join(dir, 'shared')]);
    expect(project?.fileDeps).toEqual({ shared: join(dir, 'shared') });
    expect(installCommand(project!).command).toBe('npm install --no-package-lock --no-audit --no-fund');
  });
});
