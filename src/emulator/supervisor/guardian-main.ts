/**
 * The guardian: a tiny process that outlives the emulator just long enough to make sure no
 * application survives it, even when the emulator is killed with SIGKILL. The emulator
 * writes `+<pgid>` / `-<pgid>` lines on its stdin as process groups start and end; when
 * stdin closes (the emulator exited, whatever the way), every group still registered gets
 * SIGTERM, then SIGKILL after the grace period (argv[2], ms).
 */
import { once } from 'node:events';

const grace = Number(process.argv[2] ?? 3000);
const groups = new Set<number>();

// Terminal signals hit the whole foreground group; the guardian must stay to clean up.
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, () => undefined);

function alive(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
}

function signalAll(signal: NodeJS.Signals): void {
  for (const pgid of groups) {
    try {
      process.kill(-pgid, signal);
    } catch {
      groups.delete(pgid);
    }
  }
}

let buffer = '';
process.stdin.setEncoding('utf8');
process.stdin.on('data', (chunk: string) => {
  buffer += chunk;
  let newline: number;
  while ((newline = buffer.indexOf('\n')) >= 0) {
    const line = buffer.slice(0, newline).trim();
    buffer = buffer.slice(newline + 1);
    const pgid = Number(line.slice(1));
    if (!Number.isInteger(pgid) || pgid <= 1) continue;
    if (line.startsWith('+')) groups.add(pgid);
    else if (line.startsWith('-')) groups.delete(pgid);
  }
});

await once(process.stdin, 'close').catch(() => undefined);
for (const pgid of [...groups]) if (!alive(pgid)) groups.delete(pgid);
if (groups.size > 0) {
  signalAll('SIGTERM');
  const deadline = Date.now() + grace;
  while (Date.now() < deadline && [...groups].some(alive)) await new Promise((r) => setTimeout(r, 50));
  signalAll('SIGKILL');
}
process.exit(0);
