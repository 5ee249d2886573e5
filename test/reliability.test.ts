/**
 * The reliability suite: `connect dev` restarted under load (SIGINT, SIGKILL) and its event app
 * killed, with messages counted every time: every message the admin API accepted is
 * acknowledged by the app, a dead letter, or still queued. Nothing else is allowed.
 * The event app (test/fixtures/reliability) acknowledges, fails once, or always fails,
 * depending on the message, and writes every acknowledgement to disk before answering.
 */
import { cp, readFile } from 'node:fs/promises';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { Delivery } from '../src/emulator/events/delivery.js';
import { adminFetch, adminUrl, alive, eventually, startDev, type DevProcess } from './dev-helpers.js';
import { repoRoot, tempDir } from './helpers/cli.js';

const MODES = ['ok', 'flaky', 'poison', 'ok', 'flaky'] as const;
const BATCH = 80;

interface Run {
  dev: DevProcess;
  admin: string;
}

describe('messages across restarts and crashes', { timeout: 240_000 }, () => {
  let repo: { path: string; cleanup: () => Promise<void> };
  const published = new Set<string>();
  const runs: DevProcess[] = [];

  beforeAll(async () => {
    repo = await tempDir('connect-reliability-');
    await cp(join(repoRoot, 'test', 'fixtures', 'reliability'), repo.path, { recursive: true });
  });
  afterAll(async () => {
    for (const dev of runs) if (dev.exitCode === null) dev.kill('SIGKILL');
    await repo?.cleanup();
  });

  async function start(persist: boolean): Promise<Run> {
    const dev = startDev([
      repo.path,
      '--no-watch',
      '--admin-port',
      '0',
      '--grace',
      '1000',
      ...(persist ? ['--persist', join(repo.path, '.connect', 'project')] : []),
    ]);
    runs.push(dev);
    await dev.waitFor(/applications ready/, 90_000, 'stderr');
    return { dev, admin: await adminUrl(repo.path) };
  }

  async function publish(run: Run, count: number, round: string): Promise<string[]> {
    const ids: string[] = [];
    const queue = Array.from({ length: count }, (_, i) => i);
    const worker = async (): Promise<void> => {
      for (let i = queue.shift(); i !== undefined; i = queue.shift()) {
        const response = await adminFetch(`${run.admin}/__connect/api/events/event/publish`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({
            type: 'OrderCreated',
            payload: {
              type: 'OrderCreated',
              mode: MODES[i % MODES.length],
              resource: { typeId: 'order', id: `${round}-${i}` },
            },
          }),
        });
        expect(response.status).toBe(200);
        const delivery = (await response.json()) as Delivery;
        ids.push(delivery.id);
        published.add(delivery.id);
      }
    };
    await Promise.all(Array.from({ length: 8 }, worker));
    return ids;
  }

  async function deliveries(run: Run): Promise<Delivery[]> {
    const response = await adminFetch(`${run.admin}/__connect/api/events/messages`);
    return ((await response.json()) as { messages: Delivery[] }).messages;
  }

  async function acked(): Promise<Set<string>> {
    const text = await readFile(join(repo.path, 'event', 'acked.log'), 'utf8').catch(() => '');
    return new Set(text.split('\n').filter(Boolean));
  }

  /** published = acknowledged + dead + still queued: the ids nobody accounts for. */
  async function unaccounted(
    run: Run,
  ): Promise<{ lost: string[]; acked: number; dead: number; queued: number }> {
    const list = await deliveries(run);
    const dead = new Set(list.filter((d) => d.state === 'dead').map((d) => d.id));
    const queued = new Set(
      list.filter((d) => d.state === 'pending' || d.state === 'retrying').map((d) => d.id),
    );
    const ack = await acked();
    const lost = [...published].filter((id) => !ack.has(id) && !dead.has(id) && !queued.has(id));
    return {
      lost,
      acked: [...published].filter((id) => ack.has(id)).length,
      dead: [...published].filter((id) => dead.has(id) && !ack.has(id)).length,
      queued: [...published].filter((id) => queued.has(id) && !ack.has(id) && !dead.has(id)).length,
    };
  }

  async function stopped(dev: DevProcess): Promise<void> {
    await eventually(
      () => dev.exitCode !== null || dev.signalCode !== null,
      30_000,
      'connect dev to exit',
    ).catch((error: Error) => {
      throw new Error(`${error.message}\n${dev.output().stderr.slice(-3000)}`);
    });
  }

  it('keeps every message across SIGINT, SIGKILL and app kills (with --persist)', async () => {
    // 1. SIGINT right after a burst: the retries still waiting are saved, and said so.
    let run = await start(true);
    await publish(run, BATCH, 'a');
    run.dev.kill('SIGINT');
    await stopped(run.dev);
    expect(run.dev.output().stderr).toMatch(
      /\d+ undelivered messages? .*saved in \.connect\/deliveries\.jsonl/,
    );

    run = await start(true);
    expect((await unaccounted(run)).lost).toEqual([]);

    // 2. SIGKILL in the middle of a burst: what the API accepted was on disk.
    await publish(run, BATCH, 'b');
    run.dev.kill('SIGKILL');
    await stopped(run.dev);
    run = await start(true);
    expect(run.dev.output().stderr).toMatch(/Resuming \d+ undelivered messages/);
    expect((await unaccounted(run)).lost).toEqual([]);

    // 3. The event app killed while messages arrive: the supervisor restarts it; retries deliver.
    const status = (await (await adminFetch(`${run.admin}/__connect/api/status`)).json()) as {
      applications: Array<{ name: string; pid: number | null }>;
    };
    const pid = status.applications.find((app) => app.name === 'event')?.pid;
    expect(pid).toBeGreaterThan(0);
    const burst = publish(run, BATCH, 'c');
    await new Promise((resolve) => setTimeout(resolve, 300));
    process.kill(pid!, 'SIGKILL');
    await burst;
    expect(alive(pid!)).toBe(false);
    expect((await unaccounted(run)).lost).toEqual([]);

    // Everything settles: acknowledged or dead, nothing queued, nothing lost.
    const final = await eventually(
      async () => {
        const count = await unaccounted(run);
        return count.queued === 0 ? count : undefined;
      },
      90_000,
      'every message to settle',
    );
    expect(final.lost).toEqual([]);
    expect(final.acked + final.dead).toBe(published.size);
    expect(published.size).toBe(3 * BATCH);
    // Poison messages (one in five) are the dead letters; a flaky one may die too when its
    // app was killed in between, never an `ok` one for nothing.
    expect(final.dead).toBeGreaterThanOrEqual((3 * BATCH) / 5);
    run.dev.kill('SIGTERM');
    await stopped(run.dev);
  });

  it('without --persist, says at stop how many undelivered messages it discards', async () => {
    const run = await start(false);
    const ids = await publish(run, 20, 'd');
    const list = await deliveries(run);
    const waiting = list.filter(
      (d) => ids.includes(d.id) && (d.state === 'pending' || d.state === 'retrying'),
    ).length;
    expect(waiting).toBeGreaterThan(0);
    run.dev.kill('SIGINT');
    await stopped(run.dev);
    const match =
      /(\d+) undelivered messages?(?: \((\d+) were being delivered at stop\))? discarded at stop/.exec(
        run.dev.output().stderr,
      );
    expect(match, run.dev.output().stderr).not.toBeNull();
    // Those still waiting at the last look, give or take the ones that settled since.
    expect(Number(match![1])).toBeGreaterThan(0);
    expect(Number(match![1])).toBeLessThanOrEqual(waiting);
  });
});
