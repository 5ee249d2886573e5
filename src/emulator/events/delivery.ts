/**
 * Pub/Sub push delivery to event apps: at-least-once, acknowledged by 102/200/201/202/204
 * within the 10 s deadline, redelivered per the app's retryPolicy, and after the last attempt
 * kept as a dead letter. The delivery journal (./journal.ts, `.connect/deliveries.jsonl`) keeps
 * dead letters, and with `--persist` every message not yet acknowledged, across restarts;
 * what is not kept is counted at stop (nothing is ever dropped silently).
 * `chaos` delivers some messages twice and out of order, to test idempotency.
 */
import { randomUUID } from 'node:crypto';
import type { RetryPolicy } from '../../spec/types.js';
import { postJson } from '../extensions/caller.js';
import type { Notification, NotificationFormat } from './envelopes.js';
import { DeliveryJournal } from './journal.js';
import { ACK_DEADLINE_MS, ACK_STATUS_CODES, nextDelayMs } from './retry.js';
import { deliveryRequest, type Transport } from './transport.js';

export interface DeliveryAttempt {
  at: string;
  statusCode: number | null;
  durationMs: number;
  error?: string;
}

export interface Delivery {
  id: string;
  application: string;
  subscription: string;
  type: string;
  format: NotificationFormat;
  payload: Notification;
  attempts: DeliveryAttempt[];
  state: 'pending' | 'acked' | 'retrying' | 'dead';
  nextAttemptAt?: string;
  /** True for the extra copies `--chaos` sends; they carry the original's Pub/Sub messageId. */
  duplicate?: boolean;
  messageId?: string;
  /** How it travels (./transport.ts); Pub/Sub push when absent. */
  transport?: Transport;
}

export interface DeliveryTarget {
  application: string;
  /** `projects/<project>/subscriptions/<name>` */
  subscription: string;
  format: NotificationFormat;
  /** SNS on AWS regions; Pub/Sub push when absent. */
  transport?: Transport;
}

export interface DeliveryEngineOptions {
  /** Where the app listens now (null when it is not running: the attempt fails and is retried). */
  urlOf(application: string): string | null;
  retryPolicyOf(application: string): RetryPolicy | undefined;
  /** Where the delivery journal lives (`.connect/`); none keeps everything in memory only. */
  journalDir?: string | undefined;
  /** `--persist`: journal every undelivered message too, and resume them at the next start. */
  persistPending?: boolean | undefined;
  /** What the developer must know (damaged files, messages discarded or kept at stop). */
  notice?(text: string): void;
  chaos?: boolean;
  ackDeadlineMs?: number;
  onDelivery?(delivery: Delivery): void;
  onDeadLetter?(delivery: Delivery): void;
}

const KEEP_SETTLED = 2000;
/** Resumed deliveries wait this long at most for their app to be running before attempts count. */
const RESUME_GRACE_MS = 60_000;

/** What stop() left behind. */
export interface StopReport {
  /** Not acknowledged, not dead: kept in the journal (--persist) or discarded. */
  undelivered: number;
  /** Of which were being sent when the stop came (their answers were awaited). */
  inFlight: number;
  kept: boolean;
}

export class DeliveryEngine {
  private readonly deliveries = new Map<string, Delivery>();
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly inFlight = new Set<Promise<unknown>>();
  private published = 0;
  private stopped = false;
  private halted = false;
  private journal: DeliveryJournal | undefined;
  /** Deliveries being sent now (for the stop report). */
  private readonly sending = new Set<string>();
  /** Resumed from the journal: when they were resumed (attempts wait for the app to run). */
  private readonly resumedAt = new Map<string, number>();

  constructor(private readonly options: DeliveryEngineOptions) {}

  /** Opens the journal: dead letters of earlier runs, and (with --persist) the messages to resume. */
  async load(): Promise<void> {
    if (!this.options.journalDir) return;
    const { journal, loaded } = await DeliveryJournal.open(this.options.journalDir);
    this.journal = journal;
    for (const notice of loaded.notices) this.options.notice?.(notice);
    let parked = 0;
    const now = Date.now();
    for (const delivery of loaded.deliveries) {
      if (delivery.state === 'dead') {
        this.deliveries.set(delivery.id, delivery);
        continue;
      }
      if (!this.options.persistPending) {
        // Saved by a --persist run: left in the journal for the next one, never dropped.
        parked++;
        continue;
      }
      const resumed: Delivery = { ...delivery, state: delivery.attempts.length > 0 ? 'retrying' : 'pending' };
      this.deliveries.set(resumed.id, resumed);
      this.resumedAt.set(resumed.id, now);
      const due = resumed.nextAttemptAt ? Date.parse(resumed.nextAttemptAt) - now : 0;
      this.schedule(resumed, Math.max(0, Number.isFinite(due) ? due : 0));
    }
    if (this.resumedAt.size > 0) {
      this.options.notice?.(
        `Resuming ${this.resumedAt.size} undelivered message${this.resumedAt.size === 1 ? '' : 's'} of the previous run.`,
      );
    }
    if (parked > 0) {
      this.options.notice?.(
        `${parked} undelivered message${parked === 1 ? '' : 's'} saved by an earlier \`connect dev --persist\` wait in ${journal.file}; start with --persist to deliver them.`,
      );
    }
  }

  /** Publishes one notification to one target; resolves with the delivery after its first attempt. */
  async publish(target: DeliveryTarget, payload: Notification): Promise<Delivery> {
    const delivery: Delivery = {
      id: randomUUID(),
      application: target.application,
      subscription: target.subscription,
      type: payload.notificationType === 'Message' ? String(payload.type) : payload.notificationType,
      format: target.format,
      payload,
      attempts: [],
      state: 'pending',
      ...(target.transport ? { transport: target.transport } : {}),
    };
    this.deliveries.set(delivery.id, delivery);
    this.published++;
    // On disk before anyone is told it exists (the API answers with it after the first attempt).
    if (this.options.persistPending) await this.journal?.put(delivery);
    if (this.options.chaos) this.chaos(delivery);
    await this.attempt(delivery);
    return delivery;
  }

  list(filter: { dead?: boolean } = {}): Delivery[] {
    const all = [...this.deliveries.values()];
    return filter.dead ? all.filter((d) => d.state === 'dead') : all;
  }

  get(id: string): Delivery | undefined {
    return this.deliveries.get(id);
  }

  /** Redelivers one delivery (any state but acked) or every dead one; resolves after their first new attempt. */
  async replay(selector: { id: string } | { allDead: true }): Promise<Delivery[]> {
    const chosen =
      'id' in selector
        ? [this.deliveries.get(selector.id)].filter((d): d is Delivery => d !== undefined)
        : this.list({ dead: true });
    for (const delivery of chosen) {
      this.clearTimer(delivery.id);
      delivery.state = 'pending';
      delete delivery.nextAttemptAt;
    }
    // The journal keeps the dead record until the message is acknowledged (or dead again).
    await Promise.all(chosen.map((delivery) => this.attempt(delivery)));
    return chosen;
  }

  /** Waits until nothing is being sent (tests and shutdown). */
  async idle(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.all([...this.inFlight]);
  }

  /** No new attempt from now on (the apps are about to stop); sends under way finish. */
  halt(): void {
    this.halted = true;
    for (const id of [...this.timers.keys()]) this.clearTimer(id);
  }

  /** Stops: waits for the sends under way, then says what was left undelivered. */
  async stop(): Promise<StopReport> {
    const inFlight = this.sending.size;
    this.halt();
    this.stopped = true;
    await this.idle();
    const waiting = this.list().filter((d) => d.state === 'pending' || d.state === 'retrying');
    const kept = Boolean(this.options.persistPending && this.journal);
    if (kept) await Promise.all(waiting.map((d) => this.journal?.put(d)));
    await this.journal?.close();
    // A replayed dead letter not yet acknowledged is still a dead letter in the journal.
    const undelivered = kept ? waiting : waiting.filter((d) => !this.journal?.has(d.id));
    return { undelivered: undelivered.length, inFlight, kept };
  }

  private chaos(delivery: Delivery): void {
    // Deterministic, so a test can rely on it: every third message is also sent a second
    // time, 30 ms later, as a separate delivery with the same messageId (Pub/Sub redelivery).
    if (this.published % 3 === 0) {
      const copy: Delivery = {
        ...delivery,
        id: randomUUID(),
        attempts: [],
        state: 'pending',
        duplicate: true,
        messageId: delivery.id,
      };
      this.deliveries.set(copy.id, copy);
      this.schedule(copy, 30);
    }
  }

  private async attempt(delivery: Delivery): Promise<void> {
    if (this.stopped || this.halted) return;
    // A resumed message waits (a while) for its app to run, rather than burning its attempts.
    const resumed = this.resumedAt.get(delivery.id);
    if (resumed !== undefined) {
      if (!this.options.urlOf(delivery.application) && Date.now() - resumed < RESUME_GRACE_MS) {
        this.schedule(delivery, 250);
        return;
      }
      this.resumedAt.delete(delivery.id);
    }
    // Out of order under chaos: every second message waits a little before its first attempt.
    if (
      this.options.chaos &&
      delivery.attempts.length === 0 &&
      this.published % 2 === 0 &&
      !delivery.duplicate
    ) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const run = this.send(delivery);
    this.inFlight.add(run);
    this.sending.add(delivery.id);
    try {
      await run;
    } finally {
      this.inFlight.delete(run);
      this.sending.delete(delivery.id);
    }
  }

  private async send(delivery: Delivery): Promise<void> {
    const at = new Date().toISOString();
    const url = this.options.urlOf(delivery.application);
    const messageId = delivery.messageId ?? delivery.id;
    let attempt: DeliveryAttempt;
    if (!url) {
      attempt = {
        at,
        statusCode: null,
        durationMs: 0,
        error: `application "${delivery.application}" is not running`,
      };
    } else {
      const request = deliveryRequest({ ...delivery, messageId, at });
      const result = await postJson(url, request.body, {
        timeoutMs: this.options.ackDeadlineMs ?? ACK_DEADLINE_MS,
        ...(request.headers ? { headers: request.headers } : {}),
      });
      attempt = {
        at,
        statusCode: result.statusCode,
        durationMs: Math.round(result.durationMs * 100) / 100,
        ...(result.error
          ? {
              error:
                result.error.kind === 'timeout'
                  ? 'not acknowledged within the 10 s deadline'
                  : result.error.message,
            }
          : {}),
      };
    }
    delivery.attempts.push(attempt);
    if (attempt.statusCode !== null && ACK_STATUS_CODES.has(attempt.statusCode)) {
      delivery.state = 'acked';
      delete delivery.nextAttemptAt;
      await this.journal?.remove(delivery.id).catch((error: unknown) => this.journalFailed(error));
      this.options.onDelivery?.(delivery);
      this.trim();
      return;
    }
    const delay = nextDelayMs(this.options.retryPolicyOf(delivery.application), delivery.attempts.length);
    if (delay === null) {
      // On disk before the API (or the stream) reports it dead.
      const dead: Delivery = { ...delivery, state: 'dead' };
      delete dead.nextAttemptAt;
      await this.journal?.put(dead).catch((error: unknown) => this.journalFailed(error));
      delivery.state = 'dead';
      delete delivery.nextAttemptAt;
      this.options.onDelivery?.(delivery);
      this.options.onDeadLetter?.(delivery);
      return;
    }
    const nextAttemptAt = new Date(Date.now() + delay).toISOString();
    if (this.options.persistPending) {
      await this.journal
        ?.put({ ...delivery, state: 'retrying', nextAttemptAt })
        .catch((error: unknown) => this.journalFailed(error));
    }
    delivery.state = 'retrying';
    delivery.nextAttemptAt = nextAttemptAt;
    this.options.onDelivery?.(delivery);
    this.schedule(delivery, delay);
  }

  private schedule(delivery: Delivery, delayMs: number): void {
    if (this.stopped || this.halted) return;
    this.clearTimer(delivery.id);
    const timer = setTimeout(() => {
      this.timers.delete(delivery.id);
      void this.attempt(delivery);
    }, delayMs);
    this.timers.set(delivery.id, timer);
  }

  private clearTimer(id: string): void {
    const timer = this.timers.get(id);
    if (timer) clearTimeout(timer);
    this.timers.delete(id);
  }

  /** Forgets the oldest acknowledged deliveries so a long session does not grow without bound. */
  private trim(): void {
    if (this.deliveries.size <= KEEP_SETTLED) return;
    for (const [id, delivery] of this.deliveries) {
      if (this.deliveries.size <= KEEP_SETTLED) break;
      if (delivery.state === 'acked') this.deliveries.delete(id);
    }
  }

  private journalFailed(error: unknown): void {
    this.options.notice?.(
      `Could not write the delivery journal: ${(error as Error).message}. Messages may not survive a restart.`,
    );
  }
}
