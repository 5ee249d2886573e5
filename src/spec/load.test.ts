import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { describe, expect, it } from 'vitest';

import { ConnectError } from '../errors.js';
import { loadSpec } from './load.js';

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

  it('refuses an invalid document, naming the first problems', async () => {
    const error = (await loadSpec(join(fixtures, 'invalid', 'mc-required-key')).catch(
      (caught: unknown) => caught,
    )) as ConnectError;
    expect(error).toBeInstanceOf(ConnectError);
    expect(error.code).toBe('CONNECT_YAML_INVALID');
    expect(error.message).toContain('(2 errors)');
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
