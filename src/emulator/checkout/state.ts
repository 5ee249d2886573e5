/**
 * What the local Session and Checkout APIs keep: checkout sessions, recurring payment jobs and
 * the Merchant Center signing key. In memory; with `connect dev --persist DIR` also in
 * `DIR/checkout.json` (written on every change, the key with it so tokens minted earlier still
 * verify after a restart).
 */
import { randomUUID } from 'node:crypto';
import { chmod, mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';

import { ConnectError } from '../../errors.js';
import { PERSIST_FILE, type CheckoutPorts } from './persist-file.js';
import { SigningKey, type StoredSigningKey } from './signing-key.js';

/** Checkout Sessions live 60 minutes on the platform. */
export const SESSION_TTL_SECONDS = 60 * 60;

export interface CheckoutSession {
  id: string;
  version: number;
  createdAt: string;
  lastModifiedAt: string;
  expiryAt: string;
  state: 'ACTIVE' | 'EXPIRED';
  activeCart: { cartRef: { id: string } };
  customer?: { customerRef?: { id?: string; key?: string; externalId?: string }; anonymousId?: string };
  metadata: Record<string, unknown>;
}

export interface RecurringPaymentJob {
  id: string;
  version: number;
  createdAt: string;
  lastModifiedAt: string;
  originPayment: { id: string; typeId: string };
  paymentMethod: { id: string; typeId: string };
  status: { state: string };
}

interface Snapshot {
  version: 1;
  projectKey: string;
  /** Reused on the next start, so that URLs and the issuer (and tokens minted earlier) stay valid. */
  ports?: CheckoutPorts;
  signingKey: StoredSigningKey;
  sessions: CheckoutSession[];
  recurringPaymentJobs: RecurringPaymentJob[];
}

export class CheckoutState {
  private readonly sessions = new Map<string, CheckoutSession>();
  private readonly jobs = new Map<string, RecurringPaymentJob>();
  private writing: Promise<void> = Promise.resolve();
  /** Set by the plugin once its servers listen; saved with the rest. */
  ports: CheckoutPorts | undefined;

  private constructor(
    readonly projectKey: string,
    readonly signingKey: SigningKey,
    private readonly file: string | undefined,
  ) {}

  static async open(
    projectKey: string,
    persistDir: string | undefined,
    ports?: CheckoutPorts,
  ): Promise<CheckoutState> {
    const file = persistDir ? join(persistDir, PERSIST_FILE) : undefined;
    const snapshot = file ? await readSnapshot(file) : undefined;
    if (snapshot && snapshot.projectKey === projectKey) {
      const state = new CheckoutState(projectKey, await SigningKey.fromStored(snapshot.signingKey), file);
      state.ports = ports;
      for (const session of snapshot.sessions ?? []) state.sessions.set(session.id, session);
      for (const job of snapshot.recurringPaymentJobs ?? []) state.jobs.set(job.id, job);
      return state;
    }
    const state = new CheckoutState(projectKey, await SigningKey.generate(), file);
    state.ports = ports;
    await state.save();
    return state;
  }

  createSession(input: {
    cartId: string;
    metadata: Record<string, unknown>;
    customer?: CheckoutSession['customer'] | undefined;
    ttlSeconds?: number | undefined;
  }): CheckoutSession {
    const now = new Date();
    const session: CheckoutSession = {
      id: randomUUID(),
      version: 1,
      createdAt: now.toISOString(),
      lastModifiedAt: now.toISOString(),
      expiryAt: new Date(now.getTime() + (input.ttlSeconds ?? SESSION_TTL_SECONDS) * 1000).toISOString(),
      state: 'ACTIVE',
      activeCart: { cartRef: { id: input.cartId } },
      ...(input.customer ? { customer: input.customer } : {}),
      metadata: input.metadata,
    };
    this.sessions.set(session.id, session);
    void this.save();
    return session;
  }

  /** The session as the Session API shows it now (an expired one says EXPIRED). */
  session(id: string): CheckoutSession | undefined {
    const session = this.sessions.get(id);
    if (!session) return undefined;
    if (session.state === 'ACTIVE' && Date.parse(session.expiryAt) <= Date.now()) {
      session.state = 'EXPIRED';
      session.version += 1;
      session.lastModifiedAt = new Date().toISOString();
      void this.save();
    }
    return session;
  }

  allSessions(): CheckoutSession[] {
    return [...this.sessions.keys()].map((id) => this.session(id)).filter((s) => s !== undefined);
  }

  createRecurringPaymentJob(
    draft: Pick<RecurringPaymentJob, 'originPayment' | 'paymentMethod'> & {
      status?: { state: string } | undefined;
    },
  ): RecurringPaymentJob {
    const now = new Date().toISOString();
    const job: RecurringPaymentJob = {
      id: randomUUID(),
      version: 1,
      createdAt: now,
      lastModifiedAt: now,
      originPayment: draft.originPayment,
      paymentMethod: draft.paymentMethod,
      status: draft.status ?? { state: 'Initial' },
    };
    this.jobs.set(job.id, job);
    void this.save();
    return job;
  }

  recurringPaymentJob(id: string): RecurringPaymentJob | undefined {
    return this.jobs.get(id);
  }

  allRecurringPaymentJobs(): RecurringPaymentJob[] {
    return [...this.jobs.values()];
  }

  /** Writes the snapshot (no-op without --persist); writes are serialised. */
  save(): Promise<void> {
    const file = this.file;
    if (!file) return Promise.resolve();
    const snapshot: Snapshot = {
      version: 1,
      projectKey: this.projectKey,
      ...(this.ports ? { ports: this.ports } : {}),
      signingKey: this.signingKey.toStored(),
      sessions: [...this.sessions.values()],
      recurringPaymentJobs: [...this.jobs.values()],
    };
    this.writing = this.writing
      .then(async () => {
        await mkdir(dirname(file), { recursive: true });
        const temp = `${file}.${process.pid}.tmp`;
        await writeFile(temp, JSON.stringify(snapshot), { mode: 0o600 });
        await chmod(temp, 0o600);
        await rename(temp, file);
      })
      .catch(() => undefined);
    return this.writing;
  }
}

async function readSnapshot(
  file: string,
): Promise<(Partial<Snapshot> & { signingKey: StoredSigningKey }) | undefined> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    return undefined;
  }
  try {
    const parsed = JSON.parse(text) as Partial<Snapshot>;
    if (!parsed.signingKey?.privateJwk || !parsed.signingKey.kid) throw new Error('no signing key');
    return parsed as Partial<Snapshot> & { signingKey: StoredSigningKey };
  } catch (error) {
    throw new ConnectError(
      'PERSIST_CORRUPT',
      `The saved checkout state ${file} is not valid: ${(error as Error).message}`,
      { hint: `move ${file} away to start with new sessions and a new signing key` },
    );
  }
}
