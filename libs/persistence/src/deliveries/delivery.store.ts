import { Injectable } from '@nestjs/common';
import type { Db, Tx } from '../db.js';
import type { CancelReason } from '../entities/deadline.entity.js';
import { type DeadlineNow, type InvitationRef, staleInvitationReason } from './stale-invitation.js';

/**
 * The deliveries table where mail meets the calendar entries it carries.
 *
 * A delivery moves pending → queued → sending → sent (or failed, or back to queued on a
 * transient failure); a reminder for a digest reader is held, then digested or pending. A
 * delivery whose invitation lost its reason before it was sent becomes cancelled, with a
 * `cancel_reason`, and is never sent: at the change itself when it is not yet being sent
 * (`cancelUnsentInvitations`, in the transaction that met, cancelled or moved the deadline),
 * else at send time (`invitationReason`, read inside the transaction that marks it sent).
 * One that was sent, or may have been (sending), holds the entry: it is sent the update or
 * the CANCEL (`calendarHolders`).
 *
 * Every query finds a deadline's mail by `data->'calendar'->>'deadlineId'`, the expression
 * of deliveries_calendar_deadline_idx (migration 1765238400000).
 */
@Injectable()
export class DeliveryStore {
  /** The REQUESTs for earlier versions of this deadline that are not being sent yet: cancelled, never to be sent. */
  cancelUnsentInvitations(tx: Tx, deadlineId: string, version: number, reason: CancelReason): Promise<number> {
    return tx.execute(
      `UPDATE deliveries SET state = 'cancelled', cancel_reason = $3, updated_at = now()
       WHERE data->'calendar'->>'deadlineId' = $1 AND data->'calendar'->>'method' = 'REQUEST' AND (data->'calendar'->>'version')::int < $2
         AND state IN ('pending', 'held', 'queued')`,
      [deadlineId, version, reason],
    );
  }

  /** Why this delivery's invitation no longer holds, as its deadline stands at this statement; null while it holds. */
  async invitationReason(tx: Pick<Tx, 'query'>, deliveryId: string): Promise<CancelReason | null> {
    const [row] = await tx.query<{ calendar: InvitationRef | null; status: DeadlineNow['status'] | null; version: number | null }>(
      `SELECT d.data->'calendar' AS calendar, dl.status, dl.version
       FROM deliveries d LEFT JOIN deadlines dl ON dl.id = (d.data->'calendar'->>'deadlineId')::uuid
       WHERE d.id = $1`,
      [deliveryId],
    );
    if (!row) return null;
    return staleInvitationReason(row.calendar, row.status === null ? null : { status: row.status, version: Number(row.version) });
  }

  /** Cancels a delivery this attempt claimed (fenced by the attempt, as every mark of a claimed row is). */
  async cancelClaimed(db: Db, deliveryId: string, attempt: number, reason: CancelReason): Promise<boolean> {
    const n = await db.execute(
      `UPDATE deliveries SET state = 'cancelled', cancel_reason = $3, sent_at = NULL, updated_at = now()
       WHERE id = $1 AND state = 'sending' AND attempts = $2`,
      [deliveryId, attempt, reason],
    );
    return n === 1;
  }

  /**
   * The people who hold this deadline's calendar entry from a version before `version`, with
   * the due time of the latest entry each holds: sent it, or being sent it (it may arrive).
   * When the deadline moved, also those whose entry was cancelled unsent because it moved:
   * they are to hold the new one. Mail cancelled unsent for any other reason holds nothing.
   */
  calendarHolders(
    tx: Pick<Tx, 'query'>,
    deadlineId: string,
    version: number,
    change: 'moved' | 'met' | 'cancelled',
  ): Promise<Array<{ recipient_id: string; due_at: string }>> {
    return tx.query<{ recipient_id: string; due_at: string }>(
      `SELECT DISTINCT ON (recipient_id) recipient_id, data->'calendar'->>'dueAt' AS due_at FROM deliveries
       WHERE data->'calendar'->>'deadlineId' = $1 AND (data->'calendar'->>'version')::int < $2 AND recipient_id IS NOT NULL
         AND (state IN ('sent', 'sending') OR ($3 AND state = 'cancelled' AND cancel_reason = 'deadline_moved'))
       ORDER BY recipient_id, (data->'calendar'->>'version')::int DESC`,
      [deadlineId, version, change === 'moved'],
    );
  }
}
