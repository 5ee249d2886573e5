/**
 * `connect dev --inspect[=APP,...]` / `--inspect-brk`: which applications get the inspector and
 * on which port (9229, 9230, ... when free, as Node.js numbers them; any free port otherwise),
 * chosen once per run so that reloads keep it. The application's process opens it itself
 * (Node.js: supervisor/preload/inspect.ts; Java: the JDWP agent, runtimes/java.ts).
 */
import net from 'node:net';

import { ConnectError, ExitCode } from '../errors.js';
import type { Application } from '../spec/types.js';
import { freePort } from './supervisor/ports.js';
import { kindOf } from './supervisor/supervisor.js';

const FIRST_PORT = 9229;

/** `[app, port]` for each application to inspect; unknown or static names are usage errors. */
export async function inspectorPorts(
  selected: readonly Application[],
  wanted: boolean | readonly string[],
): Promise<Array<[string, number]>> {
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
  const out: Array<[string, number]> = [];
  let next = FIRST_PORT;
  for (const name of names) {
    let port: number | undefined;
    while (port === undefined && next < FIRST_PORT + 100) {
      const candidate = next;
      next += 1;
      if (await isFree(candidate)) port = candidate;
    }
    out.push([name, port ?? (await freePort())]);
  }
  return out;
}

function isFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.unref();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

/** The DevTools address for a `ws://host:port/id` inspector URL. */
export function devtoolsUrl(webSocketUrl: string): string {
  return `devtools://devtools/bundled/js_app.html?experimental=true&v8only=true&ws=${webSocketUrl.replace(/^ws:\/\//, '')}`;
}
