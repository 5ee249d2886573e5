/**
 * The delivery journal, `.connect/deliveries.jsonl`: what must survive a restart of
 * `connect dev`, even a SIGKILL. Dead letters always; with `--persist`, every message not yet
 * acknowledged too, with its attempts and next retry time.
 *
 * One JSON record a line: `{"t":"put","d":<delivery>}` (the delivery's latest state) or
 * `{"t":"del","id":...}` (acknowledged: forget it). Appends are cheap and durable: records
 * queued while a write is under way go out together, then one fdatasync (group commit), and a
 * `put()` resolves only once its line is on disk, so what the admin API reports is on disk.
 * When dead records outnumber live ones, the journal is rewritten compactly (temporary file,
 * fsync, rename).
 *
 * A torn last line (a SIGKILL during a write) is expected and skipped. Any other line that cannot
 * be read means the file is damaged: it is moved aside (never overwritten) and the caller is
 * told, with what could be read kept. The JSON array of older versions
 * (`.connect/dead-letters.json`) is read once and folded in the same way.
 */
import { constants } from 'node:fs';
import { open, readFile, rename, rm, stat, type FileHandle } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

import {
  ensurePrivateDir,
  PRIVATE_FILE_MODE,
  syncDir,
  writePrivateFile,
} from '../../config/private-files.js';
import type { Delivery } from './delivery.js';

export const JOURNAL_FILE = 'deliveries.jsonl';
export const LEGACY_DEAD_LETTER_FILE = 'dead-letters.json';

type JournalRecord = { t: 'put'; d: Delivery } | { t: 'del'; id: string };

export interface JournalLoad {
  deliveries: Delivery[];
  /** Human sentences about what was found (damaged files moved aside, a torn last line). */
  notices: string[];
}

/** Compact once the file holds this many records more than live deliveries. */
const COMPACT_SLACK = 2000;

export class DeliveryJournal {
  private handle: FileHandle | undefined;
  private readonly live = new Map<string, string>();
  private queue: string[] = [];
  private waiters: Array<{ resolve: () => void; reject: (error: unknown) => void }> = [];
  private flushing: Promise<void> | undefined;
  private records = 0;
  private closed = false;

  private constructor(readonly file: string) {}

  /** Opens (and reads) the journal of `dir`, folding in a legacy dead-letters.json. */
  static async open(dir: string): Promise<{ journal: DeliveryJournal; loaded: JournalLoad }> {
    await ensurePrivateDir(dir);
    const journal = new DeliveryJournal(join(dir, JOURNAL_FILE));
    const notices: string[] = [];
    const byId = new Map<string, Delivery>();

    const legacy = join(dir, LEGACY_DEAD_LETTER_FILE);
    const legacyText = await readRegular(legacy);
    let legacyRead = false;
    if (legacyText !== undefined) {
      try {
        const parsed = JSON.parse(legacyText) as unknown;
        if (!Array.isArray(parsed)) throw new Error('not a JSON array');
        for (const delivery of parsed as Delivery[]) {
          if (delivery && typeof delivery.id === 'string')
            byId.set(delivery.id, { ...delivery, state: 'dead' });
        }
        legacyRead = true;
      } catch (error) {
        const aside = await moveAside(legacy);
        notices.push(
          `${legacy} could not be read (${(error as Error).message}); it was kept as ${aside} and dead letters start afresh.`,
        );
      }
    }

    const text = await readRegular(journal.file);
    if (text !== undefined) {
      const lines = text.split('\n');
      const torn = lines.pop() ?? '';
      let bad = 0;
      for (const line of lines) {
        if (line === '') continue;
        let record: JournalRecord;
        try {
          record = JSON.parse(line) as JournalRecord;
        } catch {
          bad++;
          continue;
        }
        if (record.t === 'put' && record.d && typeof record.d.id === 'string')
          byId.set(record.d.id, record.d);
        else if (record.t === 'del' && typeof record.id === 'string') byId.delete(record.id);
        else bad++;
      }
      if (bad > 0) {
        const aside = await moveAside(journal.file);
        notices.push(
          `${journal.file} is damaged (${bad} unreadable record${bad === 1 ? '' : 's'}): it was kept as ${aside}; the ${byId.size} readable deliveries were kept.`,
        );
      } else if (torn !== '') {
        notices.push(
          `${journal.file}: the last record was cut short (connect dev was killed while writing it) and was skipped.`,
        );
      }
    }

    for (const [id, delivery] of byId) journal.live.set(id, JSON.stringify({ t: 'put', d: delivery }));
    // Start from a compact file: what was read, nothing else.
    await journal.rewrite();
    if (legacyRead) await rm(legacy, { force: true });
    return { journal, loaded: { deliveries: [...byId.values()], notices } };
  }

  /** Records the delivery's current state; resolves once it is on disk. */
  put(delivery: Delivery): Promise<void> {
    const line = JSON.stringify({ t: 'put', d: delivery });
    this.live.set(delivery.id, line);
    return this.append(line);
  }

  /** Forgets a delivery (acknowledged); resolves once that is on disk. */
  remove(id: string): Promise<void> {
    if (!this.live.delete(id)) return Promise.resolve();
    return this.append(JSON.stringify({ t: 'del', id }));
  }

  has(id: string): boolean {
    return this.live.has(id);
  }

  /** Waits for every queued record to be on disk, then closes the file. */
  async close(): Promise<void> {
    await this.flushing;
    if (this.queue.length > 0) await this.flush();
    this.closed = true;
    await this.handle?.close().catch(() => undefined);
    this.handle = undefined;
  }

  private append(line: string): Promise<void> {
    if (this.closed) return Promise.reject(new Error(`the delivery journal ${this.file} is closed`));
    this.queue.push(line);
    const done = new Promise<void>((resolve, reject) => this.waiters.push({ resolve, reject }));
    if (!this.flushing) {
      this.flushing = this.flush().finally(() => {
        this.flushing = undefined;
      });
    }
    return done;
  }

  private async flush(): Promise<void> {
    while (this.queue.length > 0) {
      const lines = this.queue;
      const waiters = this.waiters;
      this.queue = [];
      this.waiters = [];
      try {
        if (this.records > COMPACT_SLACK && this.records > 2 * this.live.size) {
          await this.rewrite();
        } else {
          this.handle ??= await open(
            this.file,
            constants.O_WRONLY | constants.O_APPEND | constants.O_CREAT,
            PRIVATE_FILE_MODE,
          );
          await this.handle.write(`${lines.join('\n')}\n`);
          await this.handle.datasync();
          this.records += lines.length;
        }
        for (const waiter of waiters) waiter.resolve();
      } catch (error) {
        for (const waiter of waiters) waiter.reject(error);
      }
    }
  }

  /** Writes the live records to a new file (fsync, rename): the journal without history. */
  private async rewrite(): Promise<void> {
    await this.handle?.close().catch(() => undefined);
    this.handle = undefined;
    const lines = [...this.live.values()];
    await writePrivateFile(this.file, lines.length > 0 ? `${lines.join('\n')}\n` : '');
    this.records = lines.length;
  }
}

/** The file's text; undefined when it does not exist. Only regular files are read. */
async function readRegular(file: string): Promise<string | undefined> {
  let info;
  try {
    info = await stat(file);
  } catch {
    return undefined;
  }
  if (!info.isFile()) throw new Error(`${file} is not a regular file`);
  return readFile(file, 'utf8');
}

/** Renames a file we could not read to `<name>.damaged-<time>` next to it; returns the new path. */
async function moveAside(file: string): Promise<string> {
  const aside = join(
    dirname(file),
    `${basename(file)}.damaged-${new Date().toISOString().replace(/[:.]/g, '-')}`,
  );
  await rename(file, aside);
  await syncDir(dirname(file));
  return aside;
}

/** The deliveries a journal file holds now (read-only; tests and tools). */
export async function readJournal(file: string): Promise<Delivery[]> {
  const text = await readRegular(file);
  const byId = new Map<string, Delivery>();
  for (const line of (text ?? '').split('\n')) {
    let record: JournalRecord;
    try {
      record = JSON.parse(line) as JournalRecord;
    } catch {
      continue;
    }
    if (record.t === 'put') byId.set(record.d.id, record.d);
    else if (record.t === 'del') byId.delete(record.id);
  }
  return [...byId.values()];
}
