import { chmod, mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { describe, expect, it } from 'vitest';

import { ConnectError } from '../errors.js';
import { findSpecFile, loadSpec } from './load.js';
import { validateRepository } from './validate.js';

const fixtures = fileURLToPath(new URL('../../test/fixtures/validate', import.meta.url));

describe('loadSpec', () => {
  it('returns the typed document of a valid connect.yaml', async () => {
    const loaded = await loadSpec(join(fixtures, 'valid', 'six-applications'));
    expect(loaded.root).toBe(join(fixtures, 'valid', 'six-applications'));
    expect(loaded.spec.deployAs.map((application) => application.applicationType)).toEqual([
      'service',
      'event',
      'job',
      'merchant-center-custom-application',
      'merchant-center-custom-view',
      'assets',
    ]);
    expect(loaded.source).toContain('deployAs:');
  });

  it('does not check application folders (that is `connect validate`)', async () => {
    await expect(loadSpec(join(fixtures, 'invalid', 'missing-folder'))).resolves.toMatchObject({
      spec: { deployAs: [{ name: 'svc' }] },
    });
  });

  it('refuses an invalid document, counting its errors as `connect validate` does', async () => {
    const error = (await loadSpec(join(fixtures, 'invalid', 'mc-required-key')).catch(
      (caught: unknown) => caught,
    )) as ConnectError;
    expect(error).toBeInstanceOf(ConnectError);
    expect(error.code).toBe('CONNECT_YAML_INVALID');
    // Two document errors refuse it; the missing folder is the third that validate reports too.
    const validated = await validateRepository(join(fixtures, 'invalid', 'mc-required-key'));
    expect(validated.errorCount).toBe(3);
    expect(error.message).toContain('(3 errors)');
    expect(error.message).toContain('[missing-folder]');
    expect(error.message).toContain('connect.yaml:9:9');
    expect(error.hint).toMatch(/connect validate/);
  });

  it('says where it looked when there is no connect.yaml', async () => {
    await expect(loadSpec(join(fixtures, 'nowhere'))).rejects.toMatchObject({
      code: 'CONNECT_YAML_NOT_FOUND',
      exitCode: 2,
    });
  });
});

describe('findSpecFile', () => {
  it('walks up from a subfolder to the nearest connect.yaml, as git finds .git', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'connect-find-'));
    try {
      await mkdir(join(dir, 'repo', 'service', 'src'), { recursive: true });
      await writeFile(join(dir, 'repo', 'connect.yaml'), 'deployAs: []\n');
      expect(await findSpecFile(join(dir, 'repo', 'service', 'src'))).toBe(join(dir, 'repo', 'connect.yaml'));
      // The nearest one wins: a nested repository is its own.
      await writeFile(join(dir, 'repo', 'service', 'connect.yml'), 'deployAs: []\n');
      expect(await findSpecFile(join(dir, 'repo', 'service', 'src'))).toBe(
        join(dir, 'repo', 'service', 'connect.yml'),
      );
      await expect(findSpecFile(dir)).rejects.toMatchObject({
        code: 'CONNECT_YAML_NOT_FOUND',
        message: expect.stringContaining('and in every parent folder'),
      });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('says that a connect.yaml symlink loops or dangles, instead of "not found"', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'connect-find-'));
    try {
      await mkdir(join(dir, 'sub'));
      await symlink('connect.yaml', join(dir, 'connect.yaml'));
      for (const path of [dir, join(dir, 'sub'), join(dir, 'connect.yaml')]) {
        await expect(findSpecFile(path)).rejects.toMatchObject({
          code: 'CONNECT_YAML_UNREADABLE',
          exitCode: 2,
          message: `${join(dir, 'connect.yaml')} is a symbolic link loop.`,
        });
      }
      await rm(join(dir, 'connect.yaml'));
      await symlink('gone.yaml', join(dir, 'connect.yaml'));
      await expect(findSpecFile(dir)).rejects.toMatchObject({
        code: 'CONNECT_YAML_UNREADABLE',
        message: expect.stringContaining('to a file that does not exist'),
      });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it.skipIf(process.getuid?.() === 0)('says that connect.yaml cannot be read', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'connect-find-'));
    try {
      await writeFile(join(dir, 'connect.yaml'), 'deployAs: []\n');
      await chmod(join(dir, 'connect.yaml'), 0o000);
      await expect(findSpecFile(dir)).rejects.toMatchObject({
        code: 'CONNECT_YAML_UNREADABLE',
        message: expect.stringContaining('permission denied'),
        hint: expect.stringContaining('chmod u+r'),
      });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
