import { Injectable } from '@nestjs/common';
import type { DeadlineKind, DeadlineSpec, TimerSpec } from '#domain';
import { JobName, jobIds } from '#queues';
import type { Tx } from '../db.js';
import { DeliveryStore } from '../deliveries/delivery.store.js';
import { Outbox, type OutboxMessage } from '../outbox/outbox.js';

interface StoredDeadline {
  id: string;
  key: string;
  due_at: Date;
  status: 'open' | 'suspended' | 'met' | 'cancelled';
  version: number;
  title_zh: string | null;
  title_en: string | null;
  responsible: unknown;
  provisional: boolean;
}

/** A deadline counted in working days over a year without holiday data: its due time is an estimate on weekends alone. */
export interface ProvisionalDeadline {
  key: string;
  kind: DeadlineKind;
  /** The approval step, milestone or urge notice it belongs to. */
  subjectId: string | null;
  dueAt: string;
}

export interface DeadlineSync {
  matterId: string;
  /** Every deadline the matter has now (the domain's deadlinesOf). */
  desired: readonly DeadlineSpec[];
  /** How a stored deadline that is no longer desired ended (the domain's closingOf). */
  closing(key: string): 'met' | 'cancelled';
  /** The timers of a deadline version (the domain's planTimers). */
  plan(d: DeadlineSpec): TimerSpec[];
  now: Date;
}

/**
 * Keeps a matter's deadline rows equal to what the domain says it has, inside the
 * command's transaction. Moving, suspending or resuming a deadline bumps its version;
 * the old version's pending timers are cancelled (and their queued jobs removed
 * through the outbox) and the new version's timers written, each with an outbox row
 * that the relay turns into a delayed job whose id names deadline, version and offset.
 * Mail carrying an earlier version's calendar entry that is not being sent yet is
 * cancelled in the same transaction: a decision that commits first leaves nothing to send.
 */
@Injectable()
export class DeadlineStore {
  constructor(
    private readonly outbox: Outbox,
    private readonly deliveries: DeliveryStore,
  ) {}

  /** Matters with an open deadline counted on weekends alone (a year without holiday data). */
  async provisionalMatters(tx: Pick<Tx, 'query'>): Promise<Array<{ matterId: string }>> {
    return tx.query<{ matterId: string }>(
      `SELECT DISTINCT matter_id AS "matterId" FROM deadlines WHERE provisional AND status IN ('open', 'suspended')`,
    );
  }

  /** A matter's open deadlines counted on weekends alone, soonest first. */
  async provisionalOf(tx: Pick<Tx, 'query'>, matterId: string): Promise<ProvisionalDeadline[]> {
    const rows = await tx.query<{ key: string; kind: DeadlineKind; subject_id: string | null; due_at: Date }>(
      `SELECT key, kind, subject_id, due_at FROM deadlines
       WHERE matter_id = $1 AND provisional AND status IN ('open', 'suspended') ORDER BY due_at, key`,
      [matterId],
    );
    return rows.map((r) => ({ key: r.key, kind: r.kind, subjectId: r.subject_id, dueAt: new Date(r.due_at).toISOString() }));
  }

  /** Of these deadlines, the ones counted on weekends alone. */
  async provisionalAmong(tx: Pick<Tx, 'query'>, deadlineIds: readonly string[]): Promise<Set<string>> {
    if (deadlineIds.length === 0) return new Set();
    const rows = await tx.query<{ id: string }>(`SELECT id FROM deadlines WHERE id = ANY($1::uuid[]) AND provisional`, [
      [...new Set(deadlineIds)],
    ]);
    return new Set(rows.map((r) => r.id));
  }

  async sync(tx: Tx, s: DeadlineSync): Promise<void> {
    const wanted = new Set(s.desired.map((d) => d.key));
    // the open ones, and closed ones that are wanted again (a milestone's clock after a resubmission)
    const stored = await tx.query<StoredDeadline>(
      `SELECT id, key, due_at, status, version, title_zh, title_en, responsible, provisional FROM deadlines
       WHERE matter_id = $1 AND (status IN ('open', 'suspended') OR key = ANY($2))`,
      [s.matterId, [...wanted]],
    );
    const byKey = new Map(stored.map((d) => [d.key, d]));
    const messages: OutboxMessage[] = [];

    for (const d of stored.filter((x) => !wanted.has(x.key) && (x.status === 'open' || x.status === 'suspended'))) {
      const closing = s.closing(d.key);
      await tx.execute(`UPDATE deadlines SET status = $2, closed_at = $3, version = version + 1, updated_at = $3 WHERE id = $1`, [
        d.id,
        closing,
        s.now,
      ]);
      await this.deliveries.cancelUnsentInvitations(tx, d.id, d.version + 1, closing === 'met' ? 'deadline_met' : 'deadline_cancelled');
      messages.push(...(await this.cancelTimers(tx, d.id)), changed(d.id, d.version + 1, closing));
    }

    for (const d of s.desired) {
      const status = d.suspended ? 'suspended' : 'open';
      const current = byKey.get(d.key);
      if (!current) {
        const [row] = await tx.query<{ id: string }>(
          `INSERT INTO deadlines (matter_id, key, kind, subject_id, title_zh, title_en, due_at, status, version, policy, responsible, unit_id, created_at, updated_at, provisional)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 1, $9::jsonb, $10::jsonb, $11, $12, $12, $13) RETURNING id`,
          [
            s.matterId,
            d.key,
            d.kind,
            d.subjectId,
            d.title.zh ?? null,
            d.title.en ?? null,
            d.dueAt,
            status,
            JSON.stringify(d.policy),
            JSON.stringify(d.responsible),
            d.unitId,
            s.now,
            d.provisional ?? false,
          ],
        );
        messages.push(...(await this.writeTimers(tx, row.id, 1, s.plan(d))));
        continue;
      }
      const moved = current.due_at.toISOString() !== d.dueAt || current.status !== status;
      if (moved) {
        const version = current.version + 1;
        await tx.execute(
          `UPDATE deadlines SET due_at = $2, status = $3, version = $4, title_zh = $5, title_en = $6, responsible = $7::jsonb, updated_at = $8, closed_at = NULL,
             provisional = $9
           WHERE id = $1`,
          [
            current.id,
            d.dueAt,
            status,
            version,
            d.title.zh ?? null,
            d.title.en ?? null,
            JSON.stringify(d.responsible),
            s.now,
            d.provisional ?? false,
          ],
        );
        // the earlier version's mail not yet being sent is replaced: by the update below when it moved, by the new timers' reminders
        await this.deliveries.cancelUnsentInvitations(tx, current.id, version, 'deadline_moved');
        messages.push(...(await this.cancelTimers(tx, current.id)));
        messages.push(...(await this.writeTimers(tx, current.id, version, s.plan(d))));
        // calendars hold the due time: tell them when it moved (not when only the clock stopped or restarted)
        if (current.due_at.toISOString() !== d.dueAt && current.status !== 'met' && current.status !== 'cancelled')
          messages.push(changed(current.id, version, 'moved'));
      } else if (
        current.title_zh !== (d.title.zh ?? null) ||
        current.title_en !== (d.title.en ?? null) ||
        JSON.stringify(current.responsible) !== JSON.stringify(d.responsible) ||
        current.provisional !== (d.provisional ?? false)
      ) {
        // a renamed milestone keeps its timers: the mail reads the title when it is written;
        // a due time the added holiday data leaves where it was is no longer provisional
        await tx.execute(
          `UPDATE deadlines SET title_zh = $2, title_en = $3, responsible = $4::jsonb, updated_at = $5, provisional = $6 WHERE id = $1`,
          [current.id, d.title.zh ?? null, d.title.en ?? null, JSON.stringify(d.responsible), s.now, d.provisional ?? false],
        );
      }
    }
    await this.outbox.add(tx, messages);
  }

  private async writeTimers(tx: Tx, deadlineId: string, version: number, timers: readonly TimerSpec[]): Promise<OutboxMessage[]> {
    if (timers.length === 0) return [];
    const params: unknown[] = [];
    const rows = timers.map((t) => {
      params.push(
        jobIds.timer(deadlineId, version, t.label),
        deadlineId,
        version,
        t.kind,
        t.label,
        t.level,
        t.fireAt,
        JSON.stringify(t.notify),
      );
      const n = params.length;
      return `($${n - 7}, $${n - 6}, $${n - 5}, $${n - 4}, $${n - 3}, $${n - 2}, $${n - 1}, $${n}::jsonb, 'pending')`;
    });
    await tx.execute(
      `INSERT INTO timers (id, deadline_id, deadline_version, kind, label, level, fire_at, notify, state) VALUES ${rows.join(', ')}`,
      params,
    );
    return timers.map((t) => {
      const timerId = jobIds.timer(deadlineId, version, t.label);
      return { jobName: JobName.TimerFire, payload: { timerId }, dedupeKey: timerId, deliverAt: t.fireAt };
    });
  }

  private async cancelTimers(tx: Tx, deadlineId: string): Promise<OutboxMessage[]> {
    const cancelled = await tx.query<{ id: string }>(
      `UPDATE timers SET state = 'cancelled' WHERE deadline_id = $1 AND state = 'pending' RETURNING id`,
      [deadlineId],
    );
    return cancelled.map(({ id }) => ({
      jobName: JobName.TimerFire,
      payload: { jobId: id },
      dedupeKey: `rm.${id}`,
      op: 'remove' as const,
    }));
  }
}

/** Calendar entries people hold for this deadline must follow the change. */
function changed(deadlineId: string, version: number, change: 'moved' | 'met' | 'cancelled'): OutboxMessage {
  return {
    jobName: JobName.DeadlineChanged,
    payload: { deadlineId, version, change },
    dedupeKey: jobIds.deadlineChanged(deadlineId, version),
  };
}
