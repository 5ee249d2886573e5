import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { ConnectError } from '../errors.js';
import type { ConnectSpec } from '../spec/types.js';
import { readDotenv } from './dotenv.js';
import {
  checkAssignments,
  checkValues,
  createRedactor,
  dotenvLayer,
  flagLayer,
  maskEntries,
  missingKeysMessage,
  parseAssignments,
  parseValues,
  readValuesFile,
  resolveConfiguration,
  valuesFileLayer,
} from './values.js';

const spec: ConnectSpec = {
  inheritAs: {
    configuration: {
      standardConfiguration: [{ key: 'CTP_REGION', description: 'region', required: true, default: 'eu' }],
      securedConfiguration: [{ key: 'GLOBAL_SECRET', description: 'secret' }],
    },
  },
  deployAs: [
    {
      name: 'service',
      applicationType: 'service',
      endpoint: '/service',
      configuration: {
        standardConfiguration: [
          { key: 'LEVEL', description: 'level', default: 'info' },
          { key: 'NEEDED', description: 'needed', required: true },
        ],
        securedConfiguration: [{ key: 'CTP_CLIENT_SECRET', description: 'secret', required: true }],
      },
    },
    { name: 'job', applicationType: 'job', endpoint: '/job', properties: { schedule: '@every 1s' } },
    { name: 'assets', applicationType: 'assets' },
  ],
};

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (error) {
    return (error as ConnectError).code;
  }
  return undefined;
}

describe('parseValues', () => {
  it('reads global and application sections, stringifies scalars and expands ${env:NAME}', () => {
    const values = parseValues(
      'global:\n  CTP_REGION: us\napplications:\n  service:\n    LEVEL: 3\n    CTP_CLIENT_SECRET: ${env:MY_SECRET}\n    NEEDED: "a$${env:KEEP}b"\nconnector:\n  name: x\n',
      'v.yaml',
      { MY_SECRET: 's3cr3t' },
    );
    expect(values.global).toEqual({ CTP_REGION: 'us' });
    expect(values.applications.service).toEqual({
      LEVEL: '3',
      CTP_CLIENT_SECRET: 's3cr3t',
      NEEDED: 'a${env:KEEP}b',
    });
    expect(values.connector).toEqual({ name: 'x' });
  });

  it('names a missing environment variable', () => {
    expect(() => parseValues('global:\n  CTP_REGION: ${env:NOPE_NOT_SET}\n', 'v.yaml', {})).toThrow(
      /NOPE_NOT_SET/,
    );
  });

  it('rejects unknown top-level sections, listing the known ones', () => {
    expect(() => parseValues('globals:\n  A: b\n', 'v.yaml', {})).toThrow(
      /unknown section "globals".*global, applications/,
    );
  });

  it('rejects non-scalar values and invalid YAML', () => {
    expect(codeOf(() => parseValues('global:\n  A: [1]\n', 'v.yaml', {}))).toBe('VALUES_INVALID');
    expect(codeOf(() => parseValues('global: [\n', 'v.yaml', {}))).toBe('VALUES_INVALID');
  });

  it('accepts an empty file', () => {
    expect(parseValues('', 'v.yaml', {})).toMatchObject({ global: {}, applications: {} });
  });
});

describe('readValuesFile and readDotenv', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'values-'));
  });
  afterAll(async () => rm(dir, { recursive: true, force: true }));

  it('returns an empty set when the default file is absent, but fails for an explicit one', async () => {
    expect((await readValuesFile(dir)).file).toBeNull();
    await expect(readValuesFile(dir, { file: 'nope.yaml', cwd: dir })).rejects.toMatchObject({
      code: 'VALUES_FILE_NOT_FOUND',
      exitCode: 2,
    });
  });

  it('reads connect.values.yaml and .env', async () => {
    await writeFile(join(dir, 'connect.values.yaml'), 'global:\n  CTP_REGION: x\n');
    await writeFile(join(dir, '.env'), '# comment\nA=1\nexport B="two words"\n');
    expect((await readValuesFile(dir)).global).toEqual({ CTP_REGION: 'x' });
    expect(await readDotenv(dir)).toEqual({ A: '1', B: 'two words' });
    expect(await readDotenv(join(dir, 'missing'))).toBeUndefined();
  });
});

describe('checks against the spec', () => {
  it('rejects unknown applications and keys with the known ones', () => {
    expect(() => checkValues(spec, parseValues('applications:\n  nope:\n    A: b\n', 'v.yaml', {}))).toThrow(
      /"nope".*Known applications: service, job, assets/,
    );
    expect(() =>
      checkValues(spec, parseValues('applications:\n  service:\n    A: b\n', 'v.yaml', {})),
    ).toThrow(/Known keys of service: LEVEL, NEEDED, CTP_CLIENT_SECRET/);
    expect(() =>
      checkValues(spec, parseValues('applications:\n  service:\n    CTP_REGION: b\n', 'v.yaml', {})),
    ).toThrow(/global key/);
    expect(() => checkValues(spec, parseValues('global:\n  LEVEL: b\n', 'v.yaml', {}))).toThrow(
      /Known global keys: CTP_REGION, GLOBAL_SECRET/,
    );
    expect(() =>
      checkValues(
        spec,
        parseValues('global:\n  CTP_REGION: b\napplications:\n  service:\n    LEVEL: x\n', 'v.yaml', {}),
      ),
    ).not.toThrow();
  });

  it('parses and checks --env assignments', () => {
    const parsed = parseAssignments(['service.LEVEL=debug', 'CTP_REGION=a=b', 'NEEDED=${env:X}'], {
      X: 'from-env',
    });
    expect(parsed.map(({ application, key, value }) => ({ application, key, value }))).toEqual([
      { application: 'service', key: 'LEVEL', value: 'debug' },
      { application: undefined, key: 'CTP_REGION', value: 'a=b' },
      { application: undefined, key: 'NEEDED', value: 'from-env' },
    ]);
    expect(() => checkAssignments(spec, parsed)).not.toThrow();
    expect(codeOf(() => parseAssignments(['novalue']))).toBe('ENV_FLAG_INVALID');
    expect(codeOf(() => parseAssignments(['a.b.c=1']))).toBe('ENV_FLAG_INVALID');
    expect(codeOf(() => checkAssignments(spec, parseAssignments(['ghost.LEVEL=1'])))).toBe(
      'VALUES_UNKNOWN_APPLICATION',
    );
    expect(codeOf(() => checkAssignments(spec, parseAssignments(['job.LEVEL=1'])))).toBe(
      'VALUES_UNKNOWN_KEY',
    );
    expect(codeOf(() => checkAssignments(spec, parseAssignments(['UNKNOWN=1'])))).toBe('VALUES_UNKNOWN_KEY');
  });
});

describe('resolveConfiguration', () => {
  const values = parseValues(
    'global:\n  GLOBAL_SECRET: g-secret\napplications:\n  service:\n    LEVEL: from-file\n    NEEDED: file-needed\n',
    'v.yaml',
    {},
  );
  const appEnv: Record<string, Record<string, string>> = {
    service: { LEVEL: 'from-app-env', CTP_CLIENT_SECRET: 'app-secret' },
  };
  const rootEnv = { LEVEL: 'from-root-env', CTP_REGION: 'root-region', NEEDED: 'root-needed' };
  const layers = (flags: string[]) => [
    flagLayer(parseAssignments(flags)),
    valuesFileLayer(values),
    dotenvLayer('app-dotenv', (app) => appEnv[app]),
    dotenvLayer('root-dotenv', () => rootEnv),
  ];

  it('applies precedence flag > values file > app .env > root .env > default', () => {
    const resolved = resolveConfiguration(
      spec,
      'service',
      layers(['LEVEL=general', 'service.LEVEL=specific']),
    );
    const byKey = Object.fromEntries(resolved.values.map((e) => [e.key, [e.value, e.source]]));
    expect(byKey).toEqual({
      LEVEL: ['specific', 'flag'],
      NEEDED: ['file-needed', 'values-file'],
      CTP_CLIENT_SECRET: ['app-secret', 'app-dotenv'],
      CTP_REGION: ['root-region', 'root-dotenv'],
      GLOBAL_SECRET: ['g-secret', 'values-file'],
    });
    expect(resolved.missing).toEqual([]);
    const withoutDotenv = resolveConfiguration(spec, 'service', [valuesFileLayer(values)]);
    expect(withoutDotenv.values.find((e) => e.key === 'CTP_REGION')).toMatchObject({
      value: 'eu',
      source: 'default',
      global: true,
    });
  });

  it('lists required keys without a value and explains where to set them', () => {
    const resolved = resolveConfiguration(spec, 'service', []);
    expect(resolved.missing).toEqual(['NEEDED', 'CTP_CLIENT_SECRET']);
    const message = missingKeysMessage(resolved);
    expect(message).toContain('--env service.NEEDED=');
    expect(message).toContain('applications.service.CTP_CLIENT_SECRET in connect.values.yaml');
    expect(message).toContain('service/.env');
  });

  it('gives assets apps no configuration', () => {
    expect(resolveConfiguration(spec, 'assets', []).values).toEqual([]);
  });

  it('masks secured values and redacts them from text', () => {
    const resolved = resolveConfiguration(spec, 'service', layers([]));
    const masked = maskEntries(resolved.values);
    expect(masked.find((e) => e.key === 'CTP_CLIENT_SECRET')?.value).toBe('****');
    expect(masked.find((e) => e.key === 'LEVEL')?.value).toBe('from-file');
    expect(JSON.stringify(masked)).not.toContain('app-secret');
    const redact = createRedactor(['app-secret', 'g-secret', 'ab', null]);
    expect(redact('token=app-secret and g-secret, ab')).toBe('token=**** and ****, ab');
    expect(createRedactor([])('unchanged')).toBe('unchanged');
  });
});
