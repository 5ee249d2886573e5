import net from 'node:net';

import { describe, expect, it } from 'vitest';

import type { Application } from '../spec/types.js';
import { inspectorPorts } from './inspect.js';

const service = (name: string) =>
  ({ name, applicationType: 'service', endpoint: '/x' }) as unknown as Application;

function bindable(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

describe('inspectorPorts', () => {
  it('holds each chosen port until released, so two runs starting together never share one', async () => {
    const [first, second] = await Promise.all([
      inspectorPorts([service('a'), service('b')], true),
      inspectorPorts([service('c')], true),
    ]);
    const ports = [...first, ...second].map(([, port]) => port);
    expect(new Set(ports).size).toBe(3);
    for (const port of ports) expect(await bindable(port)).toBe(false);
    for (const [, , release] of [...first, ...second]) release();
    for (const port of ports) expect(await bindable(port)).toBe(true);
  });

  it('refuses a name that is not an application of the run', async () => {
    await expect(inspectorPorts([service('a')], ['nope'])).rejects.toMatchObject({
      code: 'INSPECT_UNKNOWN_APP',
    });
  });
});
