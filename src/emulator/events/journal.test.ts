import { appendFile, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import http from 'node:http';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { DeliveryEngine, type Delivery } from './delivery.js';
import { DeliveryJournal, JOURNAL_FILE, LEGACY_DEAD_LETTER_FILE, readJournal } from './journal.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'connect-journal-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

function delivery(id: string, state: Delivery['state'] = 'pending'): Delivery {
  return {
    id,
    application: 'events',
    subscription: 'projects/p/subscriptions/s',
    type: 'OrderCreated',
    format: 'Platform',
    payload: { notificationType: 'Message', type: 'OrderCreated', projectKey: 'p' } as never,
    attempts: [],
    state,
  };
}

/** An event app on 127.0.0.1:0 answering `status()`; counts what it received. */
async function app(
  status: () => number,
  delayMs = 0,
): Promise<{ url: string; received: string[]; close(): Promise<void> }> {
  const received: string[] = [];
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      received.push((JSON.parse(body) as { message: { messageId: string } }).message.messageId);
      setTimeout(() => res.writeHead(status()).end(), delayMs);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  return {
    url: `http://127.0.0.1:${port}/`,
    received,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

describe('DeliveryJournal', () => {
  it('keeps what was put and not removed across reopenings, in a 0700 folder and a 0600 file', async () => {
    const state = join(dir, '.connect');
    const { journal } = await DeliveryJournal.open(state);
    await Promise.all([
      journal.put(delivery('a')),
      journal.put(delivery('b')),
      journal.put(delivery('c', 'dead')),
    ]);
    await journal.remove('b');
    // On disk as soon as put() resolved: no close needed (a SIGKILL would find it).
    expect((await readJournal(join(state, JOURNAL_FILE))).map((d) => d.id).sort()).toEqual(['a', 'c']);
    await journal.close();
    const again = await DeliveryJournal.open(state);
    expect(again.loaded.deliveries.map((d) => [d.id, d.state])).toEqual([
      ['a', 'pending'],
      ['c', 'dead'],
    ]);
    expect(again.loaded.notices).toEqual([]);
    await again.journal.close();
    expect((await stat(state)).mode & 0o777).toBe(0o700);
    expect((await stat(join(state, JOURNAL_FILE))).mode & 0o777).toBe(0o600);
  });

  it('skips a torn last record (SIGKILL while writing) and says so', async () => {
    const { journal } = await DeliveryJournal.open(dir);
    await journal.put(delivery('a'));
    await journal.close();
    await appendFile(join(dir, JOURNAL_FILE), '{"t":"put","d":{"id":"b","sta');
    const { loaded, journal: reopened } = await DeliveryJournal.open(dir);
    await reopened.close();
    expect(loaded.deliveries.map((d) => d.id)).toEqual(['a']);
    expect(loaded.notices.join('\n')).toMatch(/cut short/);
  });

  it('moves a damaged journal aside (never overwrites it) and keeps the readable records', async () => {
    const file = join(dir, JOURNAL_FILE);
    const damaged = `${JSON.stringify({ t: 'put', d: delivery('a', 'dead') })}\nGARBAGE\n${JSON.stringify({ t: 'put', d: delivery('b', 'dead') })}\n`;
    await writeFile(file, damaged);
    const { loaded, journal } = await DeliveryJournal.open(dir);
    await journal.put(delivery('c', 'dead'));
    await journal.close();
    expect(loaded.deliveries.map((d) => d.id)).toEqual(['a', 'b']);
    expect(loaded.notices.join('\n')).toMatch(/damaged \(1 unreadable record\).*kept as/);
    const aside = (await readdir(dir)).find((name) => name.startsWith(`${JOURNAL_FILE}.damaged-`));
    expect(aside).toBeDefined();
    expect(await readFile(join(dir, aside!), 'utf8')).toBe(damaged);
  });

  it('folds in a readable dead-letters.json of older versions, and keeps a damaged one aside', async () => {
    await writeFile(join(dir, LEGACY_DEAD_LETTER_FILE), JSON.stringify([delivery('old', 'dead')]));
    const first = await DeliveryJournal.open(dir);
    await first.journal.close();
    expect(first.loaded.deliveries.map((d) => d.id)).toEqual(['old']);
    expect((await readdir(dir)).includes(LEGACY_DEAD_LETTER_FILE)).toBe(false);

    await writeFile(join(dir, LEGACY_DEAD_LETTER_FILE), '[{"id": "x", "sta');
    const second = await DeliveryJournal.open(dir);
    await second.journal.put(delivery('new', 'dead'));
    await second.journal.close();
    expect(second.loaded.notices.join('\n')).toMatch(/could not be read.*kept as/);
    const aside = (await readdir(dir)).find((name) => name.startsWith(`${LEGACY_DEAD_LETTER_FILE}.damaged-`));
    expect(await readFile(join(dir, aside!), 'utf8')).toBe('[{"id": "x", "sta');
    expect((await readJournal(join(dir, JOURNAL_FILE))).map((d) => d.id).sort()).toEqual(['new', 'old']);
  });

  it('stays small: a long session compacts the file', async () => {
    const { journal } = await DeliveryJournal.open(dir);
    // Concurrent writes share one fsync (group commit): 3000 records, a few dozen syncs.
    for (let batch = 0; batch < 30; batch++) {
      const ids = Array.from({ length: 100 }, (_, i) => `m${batch}-${i}`);
      await Promise.all(ids.map((id) => journal.put(delivery(id))));
      await Promise.all(ids.map((id) => journal.remove(id)));
    }
    await journal.put(delivery('last'));
    await journal.close();
    const lines = (await readFile(join(dir, JOURNAL_FILE), 'utf8')).trim().split('\n');
    expect(lines.length).toBeLessThan(2500);
    expect((await readJournal(join(dir, JOURNAL_FILE))).map((d) => d.id)).toEqual(['last']);
  });
});

describe('DeliveryEngine with the journal', () => {
  const target = {
    application: 'events',
    subscription: 'projects/p/subscriptions/s',
    format: 'Platform' as const,
  };
  const payload = { notificationType: 'Message', type: 'OrderCreated', projectKey: 'p' } as never;
  const immediate = { strategy: 'immediate' as const };

  it('with --persist, resumes undelivered messages after a restart with their attempts', async () => {
    let status = 500;
    const events = await app(() => status);
    try {
      const one = new DeliveryEngine({
        urlOf: () => events.url,
        retryPolicyOf: () => ({
          strategy: 'exponential-backoff',
          minBackoffSeconds: 60,
          maxBackoffSeconds: 60,
        }),
        journalDir: dir,
        persistPending: true,
      });
      await one.load();
      const sent = await Promise.all([1, 2, 3].map(() => one.publish(target, payload)));
      expect(sent.map((d) => d.state)).toEqual(['retrying', 'retrying', 'retrying']);
      const report = await one.stop();
      expect(report).toEqual({ undelivered: 3, inFlight: 0, kept: true });

      status = 204;
      const notices: string[] = [];
      const two = new DeliveryEngine({
        urlOf: () => events.url,
        retryPolicyOf: () => immediate,
        journalDir: dir,
        persistPending: true,
        notice: (text) => notices.push(text),
      });
      await two.load();
      expect(notices).toEqual(['Resuming 3 undelivered messages of the previous run.']);
      // Their retry was due in a minute: brought forward by hand (as `connect events replay` does).
      for (const d of sent) await two.replay({ id: d.id });
      expect(two.list().map((d) => [d.state, d.attempts.length])).toEqual([
        ['acked', 2],
        ['acked', 2],
        ['acked', 2],
      ]);
      expect(await two.stop()).toEqual({ undelivered: 0, inFlight: 0, kept: true });
      expect(await readJournal(join(dir, JOURNAL_FILE))).toEqual([]);
    } finally {
      await events.close();
    }
  });

  it("without --persist, says at stop how many are discarded, and keeps another run's saved ones", async () => {
    const events = await app(() => 500);
    try {
      const saved = await DeliveryJournal.open(dir);
      await saved.journal.put(delivery('from-persist-run', 'retrying'));
      await saved.journal.close();
      const notices: string[] = [];
      const engine = new DeliveryEngine({
        urlOf: () => events.url,
        retryPolicyOf: () => ({
          strategy: 'exponential-backoff',
          minBackoffSeconds: 60,
          maxBackoffSeconds: 60,
        }),
        journalDir: dir,
        notice: (text) => notices.push(text),
      });
      await engine.load();
      expect(notices.join('\n')).toMatch(/1 undelivered message saved by an earlier `connect dev --persist`/);
      await engine.publish(target, payload);
      await engine.publish(target, payload);
      expect(await engine.stop()).toEqual({ undelivered: 2, inFlight: 0, kept: false });
      expect((await readJournal(join(dir, JOURNAL_FILE))).map((d) => d.id)).toEqual(['from-persist-run']);
    } finally {
      await events.close();
    }
  });

  it('reports sends under way at stop, and writes a dead letter before it is reported', async () => {
    const events = await app(() => 500);
    try {
      const engine = new DeliveryEngine({
        urlOf: () => events.url,
        retryPolicyOf: () => ({
          strategy: 'exponential-backoff',
          minBackoffSeconds: 1,
          maxBackoffSeconds: 1,
          maxAttempts: 1,
        }),
        journalDir: dir,
        onDeadLetter: (d) => {
          // Synchronously, at the moment the dead letter is announced: it is on disk already.
          dead.push(readFile(join(dir, JOURNAL_FILE), 'utf8').then((text) => text.includes(d.id)));
        },
      });
      const dead: Array<Promise<boolean>> = [];
      await engine.load();
      const published = await engine.publish(target, payload);
      expect(published.state).toBe('dead');
      expect(await Promise.all(dead)).toEqual([true]);

      const sluggish = await app(() => 500, 300);
      const slow = new DeliveryEngine({ urlOf: () => sluggish.url, retryPolicyOf: () => immediate });
      const pending = slow.publish(target, payload);
      await new Promise((resolve) => setTimeout(resolve, 50));
      const report = await slow.stop();
      expect(report).toEqual({ undelivered: 1, inFlight: 1, kept: false });
      expect((await pending).attempts).toHaveLength(1);
      await sluggish.close();
    } finally {
      await events.close();
    }
  });
});
