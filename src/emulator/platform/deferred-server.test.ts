import { describe, expect, it } from 'vitest';

import { DeferredServer } from './deferred-server.js';

describe('DeferredServer', () => {
  it('holds requests that arrive before the API is attached, then serves them', async () => {
    const server = await DeferredServer.listen();
    try {
      const early = fetch(`${server.url}/early`).then((r) => r.text());
      await new Promise((resolve) => setTimeout(resolve, 50));
      server.attach((req, res) => res.end(`served ${req.url}`));
      expect(await early).toBe('served /early');
      expect(await (await fetch(`${server.url}/late`)).text()).toBe('served /late');
    } finally {
      await server.close();
    }
  });

  it('answers 503 with the reason when the API could not start', async () => {
    const server = await DeferredServer.listen();
    try {
      server.fail('bad seed');
      const response = await fetch(`${server.url}/x`);
      expect(response.status).toBe(503);
      expect(await response.json()).toMatchObject({ message: 'bad seed' });
    } finally {
      await server.close();
    }
  });
});
