import { Injectable } from '@nestjs/common';
import type { Tx } from '../db.js';

export interface OutboxMessage {
  jobName: string;
  payload: Record<string, unknown>;
  /** Unique per message: a second write of the same key is ignored, and the relay turns it into the queue job id. */
  dedupeKey: string;
  /** A job to run at this time (a timer), not at once. */
  deliverAt?: Date | string;
  /** `remove`: take the queued job whose id is `payload.jobId` out of the queue instead of adding one. */
  op?: 'add' | 'remove';
}

/**
 * "Outbox rows were committed", in this process. The worker's relay listens here (a job's
 * rows wake it with no round trip); the api forwards it to the workers through Redis (see
 * `OutboxWakePublisher`). No `pg_notify` in the writing transaction: at commit, NOTIFY takes
 * a lock for the whole cluster held through the WAL flush, which halved the commits per second
 * of a one-row transaction here (5,110/s → 2,445/s), and LISTEN holds a session that PgBouncer's
 * transaction pooling cannot give. A signal lost on the way costs a relay poll at most.
 */
@Injectable()
export class OutboxSignal {
  private readonly listeners = new Set<() => void>();

  /** `fn` on every commit that wrote outbox rows; returns how to stop. */
  listen(fn: () => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  /** Called after commit (Tx.afterCommit): once per transaction however many rows it wrote. */
  readonly committed = (): void => {
    for (const fn of this.listeners) fn();
  };
}

/** Messages written in the transaction of the change that causes them; the worker relays them to queues. */
@Injectable()
export class Outbox {
  constructor(private readonly signal: OutboxSignal) {}

  async add(tx: Tx, messages: readonly OutboxMessage[]): Promise<void> {
    if (messages.length === 0) return;
    const params: unknown[] = [];
    const rows = messages.map((m) => {
      params.push(m.jobName, JSON.stringify(m.payload), m.dedupeKey, m.deliverAt ?? null, m.op ?? 'add');
      const n = params.length;
      return `($${n - 4}, $${n - 3}::jsonb, $${n - 2}, $${n - 1}::timestamptz, $${n})`;
    });
    await tx.execute(
      `INSERT INTO outbox (job_name, payload, dedupe_key, deliver_at, op) VALUES ${rows.join(', ')} ON CONFLICT (dedupe_key) DO NOTHING`,
      params,
    );
    // signalled after commit, so a relay woken by it sees the rows
    tx.afterCommit(this.signal.committed);
  }
}
