/**
 * `connect dev --inspect[=APP,...]` / `--inspect-brk`: which applications get the inspector and
 * on which port (9229, 9230, ... when free, as Node.js numbers them; any free port otherwise),
 * chosen once per run so that reloads keep it. The application's process opens it itself
 * (Node.js: supervisor/preload/inspect.ts; Java: the JDWP agent, runtimes/java.ts). Until then the
 * port stays bound by the emulator (an install or a Maven build may take a while): another
 * `connect dev --inspect` starting at the same moment moves on to the next port instead of
 * choosing the same one.
 */
import net from 'node:net';

import { ConnectError, ExitCode } from '../errors.js';
import type { Application } from '../spec/types.js';
import { freePort } from './supervisor/ports.js';
import { kindOf } from './supervisor/supervisor.js';

const FIRST_PORT = 9229;

/**
 * `[app, port, release]` for each application to inspect; unknown or static names are usage
 * errors. The port is held until `release()` (call it just before the app's process starts).
 */
export async function inspectorPorts(
  selected: readonly Application[],
  wanted: boolean | readonly string[],
): Promise<Array<[string, number, () => void]>> {
  const candidates = selected.filter((app) => kindOf(app) !== 'static');
  let names: string[];
  if (wanted === true || (Array.isArray(wanted) && (wanted.length === 0 || wanted.includes('*')))) {
    names = candidates.map((app) => app.name);
  } else if (wanted === false) {
    return [];
  } else {
    names = [...(wanted as readonly string[])];
    for (const name of names) {
      if (!candidates.some((app) => app.name === name)) {
        throw new ConnectError(
          'INSPECT_UNKNOWN_APP',
          `--inspect names "${name}", which is not a Node.js or Java application this run starts.`,
          {
            hint: `use one or more of: ${candidates.map((app) => app.name).join(', ') || '(none)'}`,
            exitCode: ExitCode.Usage,
          },
        );
      }
    }
  }
  const out: Array<[string, number, () => void]> = [];
  let next = FIRST_PORT;
  for (const name of names) {
    let held: net.Server | null = null;
    let port: number | undefined;
    while (port === undefined && next < FIRST_PORT + 100) {
      const candidate = next;
      next += 1;
      held = await reserve(candidate);
      if (held) port = candidate;
    }
    const server = held;
    out.push([name, port ?? (await freePort()), () => server?.close()]);
  }
  return out;
}

/** A server bound to 127.0.0.1:port (the port is ours until it closes), or null if taken. */
function reserve(port: number): Promise<net.Server | null> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.unref();
    server.once('error', () => resolve(null));
    server.listen(port, '127.0.0.1', () => resolve(server));
  });
}

/** The DevTools address for a `ws://host:port/id` inspector URL. */
export function devtoolsUrl(webSocketUrl: string): string {
  return `devtools://devtools/bundled/js_app.html?experimental=true&v8only=true&ws=${webSocketUrl.replace(/^ws:\/\//, '')}`;
}
