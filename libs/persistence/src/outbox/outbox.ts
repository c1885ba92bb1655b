import { Injectable } from '@nestjs/common';
import type { Tx } from '../db.js';

export interface OutboxMessage {
  jobName: string;
  payload: Record<string, unknown>;
  /** Unique per message: a second write of the same key is ignored, and the relay turns it into the queue job id. */
  dedupeKey: string;
}

/** Messages written in the transaction of the change that causes them; the worker relays them to queues. */
@Injectable()
export class Outbox {
  static readonly CHANNEL = 'reformflow_outbox';

  async add(tx: Tx, messages: readonly OutboxMessage[]): Promise<void> {
    if (messages.length === 0) return;
    const params: unknown[] = [];
    const rows = messages.map((m) => {
      params.push(m.jobName, JSON.stringify(m.payload), m.dedupeKey);
      return `($${params.length - 2}, $${params.length - 1}::jsonb, $${params.length})`;
    });
    await tx.execute(
      `INSERT INTO outbox (job_name, payload, dedupe_key) VALUES ${rows.join(', ')} ON CONFLICT (dedupe_key) DO NOTHING`,
      params,
    );
    // delivered at commit, so the relay wakes only for rows it can see
    await tx.query(`SELECT pg_notify('${Outbox.CHANNEL}', '')`);
  }
}
