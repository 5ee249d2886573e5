import { describe, expect, it } from 'vitest';

import type { ValuesFile } from '../config/values.js';
import { parseSetFlags, planValues } from './deploy.js';
import type { Connector, Deployment } from './types.js';

const connector: Pick<Connector, 'configurations' | 'globalConfiguration'> = {
  configurations: [
    {
      applicationName: 'service',
      applicationType: 'service',
      standardConfiguration: [
        { key: 'REGION', description: 'r', required: true },
        { key: 'LEVEL', description: 'l', default: 'info' },
      ],
      securedConfiguration: [{ key: 'TOKEN', description: 't', required: true }],
    },
    {
      applicationName: 'job',
      applicationType: 'job',
      standardConfiguration: [{ key: 'SIZE', description: 's' }],
      securedConfiguration: [],
    },
  ],
  globalConfiguration: {
    standardConfiguration: [],
    securedConfiguration: [{ key: 'SHARED_KEY', description: 'g', required: true }],
  },
};

const noFile: ValuesFile = { file: null, global: {}, applications: {} };

describe('planValues', () => {
  it('puts values where the connector declares them and lists what is missing', () => {
    const plan = planValues(connector, noFile, parseSetFlags(['service.REGION=eu', 'SIZE=10'], {}));
    expect(plan.configurations).toEqual([
      {
        applicationName: 'service',
        standardConfiguration: [{ key: 'REGION', value: 'eu' }],
        securedConfiguration: [],
      },
      {
        applicationName: 'job',
        standardConfiguration: [{ key: 'SIZE', value: '10' }],
        securedConfiguration: [],
      },
    ]);
    expect(plan.missing.map((m) => [m.application, m.key, m.secured])).toEqual([
      ['service', 'TOKEN', true],
      [undefined, 'SHARED_KEY', true],
    ]);
  });

  it('keeps the values of the existing deployment on a redeploy, but never a masked one', () => {
    const existing = {
      applications: [
        {
          id: '1',
          applicationName: 'service',
          standardConfiguration: [{ key: 'REGION', value: 'us' }],
          securedConfiguration: [{ key: 'TOKEN', value: '****' }],
        },
      ],
      globalConfiguration: { securedConfiguration: [{ key: 'SHARED_KEY', value: 'kept-secret' }] },
    } as unknown as Deployment;
    const plan = planValues(connector, noFile, parseSetFlags(['service.LEVEL=debug'], {}), existing);
    expect(plan.configurations[0]?.standardConfiguration).toEqual([
      { key: 'REGION', value: 'us' },
      { key: 'LEVEL', value: 'debug' },
    ]);
    expect(plan.globalConfiguration.securedConfiguration).toEqual([
      { key: 'SHARED_KEY', value: 'kept-secret' },
    ]);
    expect(plan.missing.map((m) => m.key)).toEqual(['TOKEN']);
    expect(plan.secrets).toContain('kept-secret');
  });

  it('reports every unknown application and key at once', () => {
    const values: ValuesFile = {
      file: 'v.yaml',
      global: { NOPE: '1' },
      applications: { ghost: { A: '1' }, service: { TYPO: '2' } },
    };
    expect(() => planValues(connector, values, parseSetFlags(['job.REGION=x'], {}))).toThrow(
      /global\.NOPE[\s\S]*applications\.ghost[\s\S]*applications\.service\.TYPO[\s\S]*--set job\.REGION/,
    );
  });

  it('speaks of --set in its flag errors', () => {
    expect(() => parseSetFlags(['no-equals-sign'], {})).toThrow(/--set/);
  });
});
