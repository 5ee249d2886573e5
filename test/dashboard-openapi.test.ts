/**
 * schemas/admin-api.openapi.yaml is the machine-readable admin API: it must be valid OpenAPI
 * 3.1, its schemas must compile, and it must list exactly the routes of docs/admin-api.md.
 * (test/dashboard.test.ts checks the running emulator's answers against it.)
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { repoRoot } from './helpers/cli.js';
import { compileOpenApi, loadOpenApi, operationsOf } from './helpers/openapi.js';

/** `| GET | \`/__connect/api/jobs/:name/run\` | ...` rows of the contract page. */
async function contractRoutes(): Promise<string[]> {
  const text = await readFile(join(repoRoot, 'docs', 'admin-api.md'), 'utf8');
  const routes: string[] = [];
  for (const match of text.matchAll(/^\|\s*(GET|POST|PUT|PATCH|DELETE)\s*\|\s*`([^`]+)`/gm)) {
    const path = match[2]!.split('?')[0]!.replace(/:([A-Za-z]+)/g, '{$1}');
    routes.push(`${match[1]} ${path}`);
  }
  return routes.sort();
}

describe('the admin API description (OpenAPI)', () => {
  it('is OpenAPI 3.1 with an operationId and responses on every operation', async () => {
    const doc = await loadOpenApi();
    expect(doc.openapi).toMatch(/^3\.1\.\d+$/);
    const operations = operationsOf(doc);
    expect(operations.length).toBeGreaterThan(15);
    const ids = operations.map((op) => op.operation.operationId);
    expect(new Set(ids).size).toBe(ids.length);
    for (const { method, path, operation } of operations) {
      expect(operation.operationId, `${method} ${path}`).toMatch(/^[a-z][A-Za-z]+$/);
      expect(Object.keys(operation.responses ?? {}).length, `${method} ${path}`).toBeGreaterThan(0);
      // every path parameter is declared
      for (const name of path.matchAll(/\{(\w+)\}/g)) {
        const declared = [...(operation.parameters ?? []), ...(doc.paths[path]?.parameters ?? [])].some(
          (p) => ('$ref' in p ? p.$ref.endsWith('Name') : p.name === name[1] && p.in === 'path'),
        );
        expect(declared, `${method} ${path} declares {${name[1]}}`).toBe(true);
      }
    }
  });

  it('lists exactly the routes of docs/admin-api.md', async () => {
    const doc = await loadOpenApi();
    const documented = operationsOf(doc)
      .map(({ method, path }) => `${method.toUpperCase()} ${path}`)
      .sort();
    expect(documented).toEqual(await contractRoutes());
  });

  it('has schemas that compile, resolve every $ref, and accept the examples of the contract', async () => {
    const doc = await loadOpenApi();
    const validate = await compileOpenApi(doc);
    const app = {
      name: 'service',
      type: 'service',
      state: 'ready',
      url: 'http://127.0.0.1:5001/service',
      port: 5001,
      pid: 42,
      restarts: 0,
      health: null,
    };
    expect(validate('App', app)).toEqual([]);
    expect(validate('App', { ...app, state: 'sleeping' })).not.toEqual([]);
    expect(
      validate('JobRun', {
        id: '1',
        application: 'job',
        trigger: 'manual',
        startedAt: '2026-11-27T09:00:00.000Z',
        durationMs: 12,
        statusCode: 200,
        outcome: 'ok',
      }),
    ).toEqual([]);
    expect(
      validate('Delivery', {
        id: 'm1',
        application: 'event',
        subscription: 'projects/p/subscriptions/s',
        type: 'OrderCreated',
        format: 'platform',
        payload: {},
        attempts: [{ at: '2026-11-27T09:00:00.000Z', statusCode: null, durationMs: 10000, error: 'timeout' }],
        state: 'dead',
      }),
    ).toEqual([]);
    expect(validate('Error', { error: { code: 'NOT_FOUND' } })).not.toEqual([]);
  });

  it('ships with the package, next to the dashboard (package.json files)', async () => {
    const pkg = JSON.parse(await readFile(join(repoRoot, 'package.json'), 'utf8')) as { files: string[] };
    expect(pkg.files).toEqual(expect.arrayContaining(['schemas', 'dashboard']));
  });
});
