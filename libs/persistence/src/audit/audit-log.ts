import { Injectable } from '@nestjs/common';
import { type ChainHead, type ChainLink, type ChainVerdict, nextLink, verifyChain } from '#domain';
import type { Tx } from '../db.js';

export type AggregateType = 'matter' | 'unit' | 'user' | 'batch' | 'replication_report' | 'bulletin' | 'authority_batch' | 'target_reading';

export interface AuditEntry {
  type: string;
  actorId: string | null;
  occurredAt: string;
  payload: unknown;
}

export interface StoredAuditEvent extends ChainLink {
  id: string;
}

/**
 * The append-only, hash-chained audit trail. Callers append inside the transaction
 * of the change they record, while holding the aggregate's row lock (MatterStore.update
 * takes it), so two appends to one chain never interleave; the unique
 * (aggregate, seq) constraint is the backstop.
 */
@Injectable()
export class AuditLog {
  async append(tx: Tx, aggregateType: AggregateType, aggregateId: string, entries: readonly AuditEntry[]): Promise<ChainLink[]> {
    if (entries.length === 0) return [];
    const [head] = await tx.query<ChainHead>(
      'SELECT seq, hash FROM audit_events WHERE aggregate_type = $1 AND aggregate_id = $2 ORDER BY seq DESC LIMIT 1',
      [aggregateType, aggregateId],
    );
    const links: ChainLink[] = [];
    let previous: ChainHead | null = head ?? null;
    for (const e of entries) {
      const link = nextLink(previous, {
        aggregateType,
        aggregateId,
        type: e.type,
        actorId: e.actorId,
        occurredAt: e.occurredAt,
        payload: e.payload,
      });
      links.push(link);
      previous = { seq: link.body.seq, hash: link.hash };
    }
    const params: unknown[] = [];
    const rows = links.map((l) => {
      const b = l.body;
      params.push(b.aggregateType, b.aggregateId, b.seq, b.type, b.actorId, b.occurredAt, JSON.stringify(b.payload), l.prevHash, l.hash);
      const n = params.length - 9;
      return `($${n + 1}, $${n + 2}, $${n + 3}, $${n + 4}, $${n + 5}, $${n + 6}, $${n + 7}::jsonb, $${n + 8}, $${n + 9})`;
    });
    await tx.execute(
      `INSERT INTO audit_events (aggregate_type, aggregate_id, seq, type, actor_id, occurred_at, payload, prev_hash, hash) VALUES ${rows.join(', ')}`,
      params,
    );
    return links;
  }

  async read(tx: Pick<Tx, 'query'>, aggregateType: AggregateType, aggregateId: string): Promise<StoredAuditEvent[]> {
    const rows = await tx.query<Record<string, unknown>>(
      `SELECT id, seq, type, actor_id, occurred_at, payload, prev_hash, hash FROM audit_events
       WHERE aggregate_type = $1 AND aggregate_id = $2 ORDER BY seq`,
      [aggregateType, aggregateId],
    );
    return rows.map((r) => ({
      id: String(r.id),
      body: {
        aggregateType,
        aggregateId,
        seq: r.seq as number,
        type: r.type as string,
        actorId: (r.actor_id as string | null) ?? null,
        occurredAt: new Date(r.occurred_at as string).toISOString(),
        payload: r.payload,
      },
      prevHash: r.prev_hash as string,
      hash: r.hash as string,
    }));
  }

  async verify(tx: Pick<Tx, 'query'>, aggregateType: AggregateType, aggregateId: string): Promise<ChainVerdict> {
    return verifyChain(await this.read(tx, aggregateType, aggregateId));
  }
}
