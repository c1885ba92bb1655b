import { Injectable } from '@nestjs/common';
import type { DeputyPeriod } from '#domain';
import type { Tx } from '../db.js';

interface Row {
  id: string;
  user_id: string;
  deputy_id: string;
  starts_at: Date;
  ends_at: Date;
  reason: string;
  keep_copy: boolean;
  created_by: string;
  created_at: Date;
  ended_at: Date | null;
}

const COLUMNS = 'id, user_id, deputy_id, starts_at, ends_at, reason, keep_copy, created_by, created_at, ended_at';
const toPeriod = (r: Row): DeputyPeriod => ({
  id: r.id,
  userId: r.user_id,
  deputyId: r.deputy_id,
  startsAt: r.starts_at.toISOString(),
  endsAt: r.ends_at.toISOString(),
  reason: r.reason,
  keepCopy: r.keep_copy,
  createdBy: r.created_by,
  createdAt: r.created_at.toISOString(),
  endedAt: r.ended_at?.toISOString() ?? null,
});
/** In force at $n: started, not yet at its end, not ended. */
const IN_FORCE = (n: number) => `starts_at <= $${n} AND ends_at > $${n} AND (ended_at IS NULL OR ended_at > $${n})`;
/** Not over at $n: in force or still to come. */
const NOT_OVER = (n: number) => `ends_at > $${n} AND (ended_at IS NULL OR ended_at > $${n})`;

/**
 * The one door to `deputies` (委托代理). A period is written once and may be ended early;
 * it is never changed otherwise, so the audit of who stood in for whom, when, stays as it was.
 */
@Injectable()
export class DeputyStore {
  /** Every period not over at `now` that involves any of these people, as the one away or as deputy. */
  async livePeriodsOf(tx: Pick<Tx, 'query'>, userIds: readonly string[], now: Date): Promise<DeputyPeriod[]> {
    const rows = await tx.query<Row>(
      `SELECT ${COLUMNS} FROM deputies WHERE (user_id = ANY($1::uuid[]) OR deputy_id = ANY($1::uuid[])) AND ${NOT_OVER(2)} ORDER BY starts_at`,
      [userIds, now],
    );
    return rows.map(toPeriod);
  }

  /** A person's periods, as the one away and as deputy, newest first (the last year, and every one not over). */
  async listFor(tx: Pick<Tx, 'query'>, userId: string, now: Date): Promise<DeputyPeriod[]> {
    const rows = await tx.query<Row>(
      `SELECT ${COLUMNS} FROM deputies WHERE (user_id = $1 OR deputy_id = $1) AND ends_at > $2::timestamptz - interval '365 days'
       ORDER BY starts_at DESC LIMIT 200`,
      [userId, now],
    );
    return rows.map(toPeriod);
  }

  async get(tx: Pick<Tx, 'query'>, id: string): Promise<DeputyPeriod | null> {
    const [row] = await tx.query<Row>(`SELECT ${COLUMNS} FROM deputies WHERE id = $1`, [id]);
    return row ? toPeriod(row) : null;
  }

  /** Serialises the naming of deputies for one person (the rules span rows): the caller then reads and writes. */
  async lockPerson(tx: Pick<Tx, 'query'>, userId: string): Promise<void> {
    await tx.query('SELECT id FROM users WHERE id = $1 FOR UPDATE', [userId]);
  }

  async create(
    tx: Pick<Tx, 'query'>,
    p: Pick<DeputyPeriod, 'userId' | 'deputyId' | 'startsAt' | 'endsAt' | 'reason' | 'keepCopy' | 'createdBy'>,
    now: Date,
  ): Promise<DeputyPeriod> {
    const [row] = await tx.query<Row>(
      `INSERT INTO deputies (user_id, deputy_id, starts_at, ends_at, reason, keep_copy, created_by, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING ${COLUMNS}`,
      [p.userId, p.deputyId, p.startsAt, p.endsAt, p.reason, p.keepCopy, p.createdBy, now],
    );
    return toPeriod(row);
  }

  /** Ends a period not over yet; null when it already was. */
  async end(tx: Pick<Tx, 'query'>, id: string, by: string, now: Date): Promise<DeputyPeriod | null> {
    const [row] = await tx.query<Row>(
      `UPDATE deputies SET ended_at = GREATEST($3, starts_at), ended_by = $2 WHERE id = $1 AND ${NOT_OVER(3)} RETURNING ${COLUMNS}`,
      [id, by, now],
    );
    return row ? toPeriod(row) : null;
  }

  /** The deputy in force at `now` of each of these people who is away (absent id → period). */
  async inForceFor(tx: Pick<Tx, 'query'>, userIds: readonly string[], now: Date): Promise<Map<string, DeputyPeriod>> {
    if (userIds.length === 0) return new Map();
    const rows = await tx.query<Row>(`SELECT ${COLUMNS} FROM deputies WHERE user_id = ANY($1::uuid[]) AND ${IN_FORCE(2)}`, [userIds, now]);
    return new Map(rows.map((r) => [r.user_id, toPeriod(r)]));
  }

  /** The people this deputy stands in for at `now`. */
  async absentFor(tx: Pick<Tx, 'query'>, deputyId: string, now: Date): Promise<DeputyPeriod[]> {
    const rows = await tx.query<Row>(`SELECT ${COLUMNS} FROM deputies WHERE deputy_id = $1 AND ${IN_FORCE(2)}`, [deputyId, now]);
    return rows.map(toPeriod);
  }
}
