/**
 * `connect dev --inspect` / `--inspect-brk` with a real inspector client: the Chrome DevTools
 * Protocol over WebSocket (the `ws` package; Node 20 has no global WebSocket), as VS Code and
 * DevTools speak it. A breakpoint in the app's request handler is hit; the port survives a reload;
 * --inspect-brk holds the app before its first line until the debugger says run.
 */
import { cp, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';

import { repoRoot, tempDir } from './helpers/cli.js';
import { adminUrl, apps, startDev, type DevProcess } from './dev-helpers.js';

const fixture = join(repoRoot, 'test', 'fixtures', 'harness');
const cleanups: Array<() => Promise<void>> = [];
let dev: DevProcess | undefined;

afterEach(async () => {
  if (dev && dev.exitCode === null) {
    dev.kill('SIGTERM');
    await dev;
  }
  dev = undefined;
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

async function copy(): Promise<string> {
  const dir = await tempDir('connect-inspect-');
  cleanups.push(dir.cleanup);
  await cp(fixture, dir.path, { recursive: true });
  return dir.path;
}

interface Paused {
  callFrames: Array<{ location: { lineNumber: number } }>;
  hitBreakpoints?: string[];
}

/** A minimal Chrome DevTools Protocol client. */
class Inspector {
  private id = 0;
  private readonly pending = new Map<number, (result: unknown) => void>();
  private readonly listeners = new Map<string, Array<(params: unknown) => void>>();

  private constructor(private readonly socket: WebSocket) {
    socket.on('message', (data: Buffer) => {
      const message = JSON.parse(data.toString()) as {
        id?: number;
        method?: string;
        result?: unknown;
        params?: unknown;
      };
      if (message.id !== undefined) this.pending.get(message.id)?.(message.result);
      else if (message.method)
        for (const listener of this.listeners.get(message.method) ?? []) listener(message.params);
    });
  }

  static async connect(url: string): Promise<Inspector> {
    const socket = new WebSocket(url);
    await new Promise<void>((resolve, reject) => {
      socket.once('open', () => resolve());
      socket.once('error', reject);
    });
    return new Inspector(socket);
  }

  send(method: string, params: Record<string, unknown> = {}): Promise<unknown> {
    const id = ++this.id;
    return new Promise((resolve) => {
      this.pending.set(id, resolve);
      this.socket.send(JSON.stringify({ id, method, params }));
    });
  }

  next<T>(method: string, timeoutMs = 15_000): Promise<T> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no ${method} within ${timeoutMs} ms`)), timeoutMs);
      const list = this.listeners.get(method) ?? [];
      const listener = (params: unknown): void => {
        clearTimeout(timer);
        list.splice(list.indexOf(listener), 1);
        resolve(params as T);
      };
      list.push(listener);
      this.listeners.set(method, list);
    });
  }

  close(): void {
    this.socket.close();
  }
}

function lastMatch(text: string, pattern: RegExp): RegExpExecArray | undefined {
  let last: RegExpExecArray | undefined;
  for (const match of text.matchAll(new RegExp(pattern.source, 'g'))) last = match as RegExpExecArray;
  return last;
}

describe('connect dev --inspect', () => {
  it('opens the inspector of the app on 127.0.0.1, prints the DevTools URL, hits a breakpoint, keeps the port on reload', async () => {
    const root = await copy();
    dev = startDev([root, '--admin-port', '0', '--inspect=service'], {});
    await dev.waitFor(/service: DevTools: devtools:\/\/\S+/, 30_000, 'stderr');
    await dev.waitFor(/applications ready/, 30_000, 'stderr');
    const { stderr } = dev.output();
    const port = Number(/service: inspector on 127\.0\.0\.1:(\d+)/.exec(stderr)?.[1]);
    expect(port).toBeGreaterThan(0);
    // Only the app asked for.
    expect(stderr).not.toMatch(/(event|job): inspector on/);
    const ws =
      /DevTools: devtools:\/\/devtools\/bundled\/js_app\.html\?\S*ws=(127\.0\.0\.1:(\d+)\/[\w-]+)/.exec(
        stderr,
      );
    expect(Number(ws?.[2])).toBe(port);

    const client = await Inspector.connect(`ws://${ws?.[1]}`);
    try {
      await client.send('Debugger.enable');
      // Line 10 of service/index.js: `console.log(\`extension call: ...\`)` in the request handler.
      const breakpoint = (await client.send('Debugger.setBreakpointByUrl', {
        lineNumber: 9,
        urlRegex: 'service[\\\\/]index\\.js$',
      })) as { breakpointId: string };
      const paused = client.next<Paused>('Debugger.paused');
      // The admin API wants the run's token (dev.json `token`); adminUrl() learns it.
      const url = (await apps(await adminUrl(root)))('service').url as string;
      const answer = fetch(url, {
        method: 'POST',
        body: JSON.stringify({ action: 'Create', resource: { typeId: 'cart', obj: {} } }),
      });
      const stop = await paused;
      expect(stop.hitBreakpoints).toEqual([breakpoint.breakpointId]);
      expect(stop.callFrames[0]?.location.lineNumber).toBe(9);
      await client.send('Debugger.resume');
      expect((await answer).status).toBe(200);
    } finally {
      client.close();
    }

    // A reload (a saved file) restarts the app with the inspector on the same port.
    const before = (dev.output().stderr.match(/service: DevTools:/g) ?? []).length;
    await writeFile(
      join(root, 'service', 'index.js'),
      `${await readFile(join(root, 'service', 'index.js'), 'utf8')}// saved\n`,
    );
    const deadline = Date.now() + 20_000;
    while (
      (dev.output().stderr.match(/service: DevTools:/g) ?? []).length === before &&
      Date.now() < deadline
    ) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const after = lastMatch(dev.output().stderr, /service: DevTools: \S+ws=127\.0\.0\.1:(\d+)\//);
    expect(Number(after?.[1])).toBe(port);
  }, 90_000);

  it('--inspect-brk holds the app before its first line until the debugger attaches', async () => {
    const root = await copy();
    dev = startDev([root, '--admin-port', '0', '--no-watch', '--inspect-brk=job'], {});
    await dev.waitFor(/job: DevTools: /, 30_000, 'stderr');
    const port = Number(
      /job: inspector on 127\.0\.0\.1:(\d+) \(waits for the debugger/.exec(dev.output().stderr)?.[1],
    );
    // Not ready: it waits.
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(dev.output().stderr).not.toMatch(/applications ready/);
    expect(dev.output().stdout).not.toContain('job listening');

    const targets = (await (await fetch(`http://127.0.0.1:${port}/json/list`)).json()) as Array<{
      webSocketDebuggerUrl: string;
    }>;
    const client = await Inspector.connect(targets[0]?.webSocketDebuggerUrl as string);
    try {
      await client.send('Debugger.enable');
      // Line 4 of job/index.js, `let runs = 0;`: the app's first statements have not run yet.
      const breakpoint = (await client.send('Debugger.setBreakpointByUrl', {
        lineNumber: 3,
        urlRegex: 'job[\\\\/]index\\.js$',
      })) as { breakpointId: string };
      const paused = client.next<Paused>('Debugger.paused');
      await client.send('Runtime.runIfWaitingForDebugger');
      const stop = await paused;
      expect(stop.hitBreakpoints).toEqual([breakpoint.breakpointId]);
      expect(stop.callFrames[0]?.location.lineNumber).toBe(3);
      await client.send('Debugger.resume');
      await dev.waitFor(/applications ready/, 30_000, 'stderr');
      expect(dev.output().stdout).toContain('job listening');
    } finally {
      client.close();
    }
  }, 90_000);
});
