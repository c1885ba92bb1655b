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

/** Messages written in the transaction of the change that causes them; the worker relays them to queues. */
@Injectable()
export class Outbox {
  static readonly CHANNEL = 'reformflow_outbox';

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
    // delivered at commit, so the relay wakes only for rows it can see
    await tx.query(`SELECT pg_notify('${Outbox.CHANNEL}', '')`);
  }
}
