/**
 * The emulator's side of the guardian (guardian-main.ts): starts it, registers process
 * groups. If the guardian cannot start, the emulator still runs (graceful stop kills
 * everything; only a SIGKILL of the emulator would then leave apps behind).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** Files compiled next to this one (dist/), also when running from src/ in unit tests. */
export function compiledFile(relative: string): string {
  const here = fileURLToPath(new URL(relative, import.meta.url));
  if (existsSync(here)) return here;
  return here.replace(/([\\/])src([\\/])/, '$1dist$2');
}

export class Guardian {
  private child: ChildProcess | undefined;

  start(graceMs: number): void {
    try {
      const child = spawn(process.execPath, [compiledFile('./guardian-main.js'), String(graceMs)], {
        detached: true,
        stdio: ['pipe', 'ignore', 'ignore'],
        env: { PATH: process.env.PATH ?? '' },
      });
      child.on('error', () => {
        this.child = undefined;
      });
      child.stdin?.on('error', () => undefined);
      child.unref();
      (child.stdin as unknown as { unref?: () => void } | null)?.unref?.();
      this.child = child;
    } catch {
      this.child = undefined;
    }
  }

  add(pgid: number | undefined): void {
    if (pgid) this.child?.stdin?.write(`+${pgid}\n`);
  }

  remove(pgid: number | undefined): void {
    if (pgid) this.child?.stdin?.write(`-${pgid}\n`);
  }

  /** Ends the guardian: it kills what is still registered (nothing, after a graceful stop). */
  close(): void {
    this.child?.stdin?.end();
    this.child = undefined;
  }
}
