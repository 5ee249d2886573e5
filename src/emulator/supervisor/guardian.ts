/**
 * The guardian: a tiny `/bin/sh` process (about 1 MB, no Node.js start-up) that outlives the
 * emulator just long enough to make sure no application survives it, even when the emulator is
 * killed with SIGKILL. The emulator writes `+<pgid>` / `-<pgid>` lines on its stdin as process
 * groups start and end; when stdin closes (the emulator exited, whatever the way), every group
 * still registered gets SIGTERM, then SIGKILL after the grace period. It ignores the terminal's
 * signals (Ctrl-C reaches the whole foreground group) so that it is there to clean up.
 * If it cannot start, the emulator still runs: a graceful stop kills everything itself.
 */
import { spawn, type ChildProcess } from 'node:child_process';

const SCRIPT = `
trap '' INT TERM HUP
groups=" "
while IFS= read -r line; do
  case "$line" in
    +*) groups="$groups\${line#+} " ;;
    -*) groups=$(printf '%s' "$groups" | sed "s/ \${line#-} / /") ;;
  esac
done
alive() { for g in $groups; do kill -0 -"$g" 2>/dev/null && return 0; done; return 1; }
alive || exit 0
for g in $groups; do kill -TERM -"$g" 2>/dev/null; done
waited=0
while alive && [ "$waited" -lt "$1" ]; do sleep 0.1; waited=$((waited + 100)); done
for g in $groups; do kill -KILL -"$g" 2>/dev/null; done
exit 0
`;

export class Guardian {
  private child: ChildProcess | undefined;
  private readonly groups = new Set<number>();
  private closed = false;
  private graceMs = 0;
  /** Told when the guardian died and was restarted (or could not be). */
  onWarning: (text: string) => void = () => undefined;

  start(graceMs: number): void {
    this.graceMs = graceMs;
    this.closed = false;
    this.spawn();
  }

  private spawn(): void {
    try {
      const child = spawn(
        '/bin/sh',
        ['-c', SCRIPT, 'connect-dev-guardian', String(Math.max(0, Math.round(this.graceMs)))],
        {
          detached: true,
          stdio: ['pipe', 'ignore', 'ignore'],
          env: { PATH: process.env.PATH ?? '/usr/bin:/bin' },
        },
      );
      child.on('error', () => {
        if (this.child === child) this.child = undefined;
      });
      // Killed by someone (an OOM killer, a `kill` of the wrong pid): without it, a SIGKILL of
      // connect dev would leave every app running. Start another and hand it every group.
      child.on('exit', (code, signal) => {
        if (this.closed || this.child !== child) return;
        this.child = undefined;
        const next = this.respawn();
        for (const pgid of this.groups) next?.stdin?.write(`+${pgid}\n`);
        this.onWarning(
          next
            ? `The guardian process (which stops the applications if connect dev is killed) ended (${signal ?? `exit ${code}`}); a new one took over.`
            : `The guardian process ended (${signal ?? `exit ${code}`}) and could not be restarted: if connect dev is killed, the applications keep running.`,
        );
      });
      child.stdin?.on('error', () => undefined);
      child.unref();
      (child.stdin as unknown as { unref?: () => void } | null)?.unref?.();
      this.child = child;
    } catch {
      this.child = undefined;
    }
  }

  private respawn(): ChildProcess | undefined {
    this.spawn();
    return this.child;
  }

  /** The guardian's pid (tests). */
  get pid(): number | undefined {
    return this.child?.pid;
  }

  add(pgid: number | undefined): void {
    if (!pgid) return;
    this.groups.add(pgid);
    this.child?.stdin?.write(`+${pgid}\n`);
  }

  remove(pgid: number | undefined): void {
    if (!pgid) return;
    this.groups.delete(pgid);
    this.child?.stdin?.write(`-${pgid}\n`);
  }

  /** Ends the guardian: it kills what is still registered (nothing, after a graceful stop). */
  close(): void {
    this.closed = true;
    this.child?.stdin?.end();
    this.child = undefined;
  }
}
