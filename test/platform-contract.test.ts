/**
 * The contract between our platform layer and @labdigital/commercetools-mock's internals.
 * If an upgrade of the mock breaks a hook (create, update, delete, update-action names, the
 * error class, OAuth middleware, predicate parser), this file fails and says which.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { CommercetoolsMock } from '@labdigital/commercetools-mock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { StoredChange } from '../src/emulator/platform/hooks.js';
import { LocalApi } from '../src/emulator/platform/local-api.js';
import {
  assertMockContract,
  repositories,
  repository,
  updateActionNames,
} from '../src/emulator/platform/mock-internals.js';
import { repoRoot } from './helpers/cli.js';
import { apiClient } from './platform-helpers.js';

describe('commercetools-mock contract', () => {
  let api: LocalApi;
  const before: string[] = [];
  const after: StoredChange[] = [];

  beforeAll(async () => {
    api = await LocalApi.start({ projectKey: 'contract' });
    api.setHooks({
      beforeSave: async (change) => {
        before.push(`${change.kind}:${change.typeId}`);
        if (change.typeId === 'customer-group' && change.kind === 'create')
          change.resource.key = 'set-by-hook';
      },
      afterSave: (change) => after.push(change),
    });
  });
  afterAll(async () => api.stop());

  it('is the pinned version', () => {
    const pkg = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as {
      dependencies: Record<string, string>;
    };
    const installed = JSON.parse(
      readFileSync(join(repoRoot, 'node_modules/@labdigital/commercetools-mock/package.json'), 'utf8'),
    ) as { version: string };
    expect(pkg.dependencies['@labdigital/commercetools-mock']).toBe('4.4.0');
    expect(installed.version).toBe('4.4.0');
  });

  it('still has every internal the hooks use', () => {
    const mock = new CommercetoolsMock({ defaultProjectKey: 'x' });
    expect(() => assertMockContract(mock)).not.toThrow();
    expect(repositories(mock).length).toBeGreaterThan(30);
    const cart = repository(mock, 'cart');
    expect(cart && updateActionNames(cart)).toContain('setCustomerEmail');
    expect(cart && updateActionNames(cart)).not.toContain('apply');
  });

  it('routes creates, updates and deletes over HTTP through the hooks', async () => {
    const client = await apiClient(api.info());
    const created = await client.post('/customer-groups', { groupName: 'VIP' });
    expect(created.status).toBe(201);
    expect(created.body.key).toBe('set-by-hook');
    const updated = await client.post(`/customer-groups/${created.body.id}`, {
      version: created.body.version,
      actions: [{ action: 'changeName', name: 'Gold' }],
    });
    expect(updated.status).toBe(200);
    const deleted = await client.delete(
      `/customer-groups/${created.body.id}?version=${updated.body.version}`,
    );
    expect(deleted.status).toBe(200);
    expect(before).toEqual(['create:customer-group', 'update:customer-group']);
    expect(after.map((c) => `${c.kind}:${c.typeId}`)).toEqual([
      'create:customer-group',
      'update:customer-group',
      'delete:customer-group',
    ]);
    expect(after[1]?.old?.name).toBe('VIP');
    expect(after[1]?.resource.name).toBe('Gold');
  });

  it('renders errors thrown by a hook as commercetools errors', async () => {
    api.setHooks({
      beforeSave: async () => {
        throw new api.errorClass({ code: 'InvalidInput', message: 'refused by hook' }, 400);
      },
    });
    const client = await apiClient(api.info());
    const refused = await client.post('/customer-groups', { groupName: 'Refused' });
    expect(refused.status).toBe(400);
    expect(refused.body).toMatchObject({
      statusCode: 400,
      errors: [{ code: 'InvalidInput', message: 'refused by hook' }],
    });
    api.setHooks({});
  });

  it('protects the API with OAuth and only accepts its own client credentials', async () => {
    const info = api.info();
    const anonymous = await fetch(`${info.apiUrl}/${info.projectKey}/carts`);
    expect(anonymous.status).toBe(401);
    const wrong = await fetch(`${info.authUrl}/oauth/token?grant_type=client_credentials`, {
      method: 'POST',
      headers: { authorization: `Basic ${Buffer.from('someone:else').toString('base64')}` },
    });
    expect(wrong.status).toBe(401);
  });

  it('evaluates query predicates with the mock parser', async () => {
    await expect(
      api.predicates.matches({ id: 'a', totalPrice: { centAmount: 5000 } }, 'totalPrice(centAmount > 1000)'),
    ).resolves.toBe(true);
    await expect(
      api.predicates.matches({ id: 'a', totalPrice: { centAmount: 5 } }, 'totalPrice(centAmount > 1000)'),
    ).resolves.toBe(false);
    await expect(api.predicates.matches({ id: 'a' }, 'this is not ( a predicate')).rejects.toThrow();
  });
});
