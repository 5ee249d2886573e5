/**
 * Pub/Sub push delivery to event apps: at-least-once, acknowledged by 102/200/201/202/204
 * within the 10 s deadline, redelivered per the app's retryPolicy, and after the last attempt
 * kept in a dead-letter list persisted under `.connect/` (nothing is ever dropped silently).
 * `chaos` delivers some messages twice and out of order, to test idempotency.
 */
import { randomUUID } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';

import type { RetryPolicy } from '../../spec/types.js';
import { postJson } from '../extensions/caller.js';
import type { Notification, NotificationFormat } from './envelopes.js';
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
  /** The dead-letter file (`.connect/dead-letters.json`); none keeps them in memory only. */
  deadLetterFile?: string | undefined;
  chaos?: boolean;
  ackDeadlineMs?: number;
  onDelivery?(delivery: Delivery): void;
  onDeadLetter?(delivery: Delivery): void;
}

const KEEP_SETTLED = 2000;

export class DeliveryEngine {
  private readonly deliveries = new Map<string, Delivery>();
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly inFlight = new Set<Promise<unknown>>();
  private published = 0;
  private stopped = false;
  private writing: Promise<void> = Promise.resolve();

  constructor(private readonly options: DeliveryEngineOptions) {}

  /** Loads the dead letters of earlier runs. */
  async load(): Promise<void> {
    if (!this.options.deadLetterFile) return;
    try {
      const dead = JSON.parse(await readFile(this.options.deadLetterFile, 'utf8')) as Delivery[];
      for (const delivery of dead) this.deliveries.set(delivery.id, { ...delivery, state: 'dead' });
    } catch {
      // no dead letters yet
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
    await this.persistDead();
    await Promise.all(chosen.map((delivery) => this.attempt(delivery)));
    return chosen;
  }

  /** Waits until nothing is being sent (tests and shutdown). */
  async idle(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.all([...this.inFlight]);
    await this.writing;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    for (const id of [...this.timers.keys()]) this.clearTimer(id);
    await this.idle();
    await this.persistDead();
    await this.writing;
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
    if (this.stopped) return;
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
    try {
      await run;
    } finally {
      this.inFlight.delete(run);
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
      this.options.onDelivery?.(delivery);
      this.trim();
      return;
    }
    const delay = nextDelayMs(this.options.retryPolicyOf(delivery.application), delivery.attempts.length);
    if (delay === null) {
      delivery.state = 'dead';
      delete delivery.nextAttemptAt;
      this.options.onDelivery?.(delivery);
      this.options.onDeadLetter?.(delivery);
      await this.persistDead();
      return;
    }
    delivery.state = 'retrying';
    delivery.nextAttemptAt = new Date(Date.now() + delay).toISOString();
    this.options.onDelivery?.(delivery);
    this.schedule(delivery, delay);
  }

  private schedule(delivery: Delivery, delayMs: number): void {
    if (this.stopped) return;
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

  private persistDead(): Promise<void> {
    const file = this.options.deadLetterFile;
    if (!file) return Promise.resolve();
    const dead = this.list({ dead: true });
    this.writing = this.writing.then(async () => {
      await mkdir(dirname(file), { recursive: true });
      const temp = `${file}.${process.pid}.tmp`;
      await writeFile(temp, JSON.stringify(dead, null, 2));
      await rename(temp, file);
    });
    return this.writing;
  }
}
