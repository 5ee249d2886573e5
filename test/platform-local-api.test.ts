/**
 * The local API's start-up options: seed data, persistence between runs, and the defaults
 * for extensions/subscriptions from flags and the values file.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import {
  parseExtensionFlags,
  parseSubscribeFlags,
  valuesFileDefaults,
} from '../src/emulator/platform/defaults.js';
import { EmulatedPlatform } from '../src/emulator/platform/emulated-platform.js';
import { LocalApi } from '../src/emulator/platform/local-api.js';
import type { ConnectSpec } from '../src/spec/types.js';
import { repoRoot, tempDir } from './helpers/cli.js';
import { apiClient } from './platform-helpers.js';

const seed = join(repoRoot, 'test/fixtures/platform/seed.json');

describe('seed and persistence', () => {
  it('creates the seed resources at start', async () => {
    const api = await LocalApi.start({ seedFile: seed });
    try {
      const client = await apiClient(api.info());
      expect((await client.get('/customers')).body.results[0].email).toBe('seeded@example.com');
      expect((await client.get('/carts')).body.total).toBe(1);
      expect((await client.get('/payments')).body.total).toBe(1);
    } finally {
      await api.stop();
    }
  });

  it('refuses a seed file that is not valid, naming it', async () => {
    const dir = await tempDir();
    try {
      const bad = join(dir.path, 'bad.json');
      await writeFile(bad, '{"widgets": [{}]}');
      await expect(LocalApi.start({ seedFile: bad })).rejects.toThrow(/"widgets" is not a resource type/);
      await writeFile(bad, '[1, 2]');
      await expect(LocalApi.start({ seedFile: bad })).rejects.toMatchObject({
        code: 'SEED_INVALID',
        exitCode: 2,
      });
    } finally {
      await dir.cleanup();
    }
  });

  it('keeps the project (resources and messages) between runs with a persist folder', async () => {
    const dir = await tempDir();
    try {
      const first = await EmulatedPlatform.start({ persistDir: dir.path, seedFile: seed, apps: () => [] });
      const client = await apiClient(first.info());
      const cart = (await client.get('/carts')).body.results[0];
      const order = await client.post('/orders', {
        cart: { typeId: 'cart', id: cart.id },
        version: cart.version,
      });
      expect(order.status).toBe(201);
      await first.stop();

      const second = await EmulatedPlatform.start({ persistDir: dir.path, seedFile: seed, apps: () => [] });
      try {
        const again = await apiClient(second.info());
        expect((await again.get(`/orders/${order.body.id}`)).body.id).toBe(order.body.id);
        // The seed is applied to an empty project only.
        expect((await again.get('/customers')).body.total).toBe(1);
        // Seeding happens before the platform layer: it creates resources, not messages.
        const messages = (await again.get('/messages')).body.results as Array<{ type: string }>;
        expect(messages.map((m) => m.type)).toEqual(['OrderCreated']);
      } finally {
        await second.stop();
      }
    } finally {
      await dir.cleanup();
    }
  });
});

describe('default extensions and subscriptions', () => {
  const spec: ConnectSpec = {
    deployAs: [
      { name: 'service', applicationType: 'service', endpoint: '/service' },
      { name: 'event', applicationType: 'event', endpoint: '/event' },
    ],
  };

  it('parses --extension and --subscribe', () => {
    expect(parseExtensionFlags(spec, ['service:cart:Create,Update', 'service:orders:Create'])).toEqual([
      {
        application: 'service',
        triggers: [
          { resourceTypeId: 'cart', actions: ['Create', 'Update'] },
          { resourceTypeId: 'order', actions: ['Create'] },
        ],
      },
    ]);
    expect(parseSubscribeFlags(spec, ['event:OrderCreated,CustomerCreated'])).toEqual([
      { application: 'event', types: ['OrderCreated', 'CustomerCreated'] },
    ]);
  });

  it('reads the same from the values file', () => {
    expect(
      valuesFileDefaults(spec, {
        extensions: { service: ['payment:Create'] },
        subscriptions: { event: ['OrderCreated'] },
      }),
    ).toEqual({
      extensions: [
        { application: 'service', triggers: [{ resourceTypeId: 'payment', actions: ['Create'] }] },
      ],
      subscriptions: [{ application: 'event', types: ['OrderCreated'] }],
    });
  });

  it.each([
    [() => parseExtensionFlags(spec, ['event:cart:Create']), /"event" is not a service application/],
    [
      () => parseExtensionFlags(spec, ['service:product:Create']),
      /"product" is not a resource type extensions/,
    ],
    [() => parseExtensionFlags(spec, ['service:cart:Delete']), /"Delete" is not an extension action/],
    [() => parseSubscribeFlags(spec, ['nope:OrderCreated']), /"nope" is not a event application/],
    [() => valuesFileDefaults(spec, { extensions: ['x'] }), /must map application names/],
  ])('refuses bad defaults with a usage error (%#)', (run, message) => {
    expect(run).toThrow(message);
    try {
      run();
    } catch (error) {
      expect(error).toMatchObject({ code: 'INVALID_PLATFORM_DEFAULT', exitCode: 2 });
    }
  });
});
