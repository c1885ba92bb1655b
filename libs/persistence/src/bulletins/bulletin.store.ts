import { Injectable } from '@nestjs/common';
import type { Tx } from '../db.js';

/** What the list of issued bulletins shows of each. */
export interface BulletinSummaryRow {
  number: number;
  title: { zh?: string; en?: string };
  periodFrom: string;
  periodTo: string;
  issuedAt: string;
  /** Null for one the worker issued on its schedule. */
  issuedBy: string | null;
  checksum: string;
}

export interface NewBulletinRow {
  number: number;
  title: { zh?: string; en?: string };
  periodFrom: Date;
  periodTo: Date;
  issuedAt: Date;
  issuedBy: string | null;
  scheduleKey: string | null;
  checksum: string;
  document: object;
}

/**
 * The one door to `bulletins` (情况通报). Numbers are consecutive: `lockNumbering` takes a
 * transaction-scoped advisory lock that every issuer takes before `nextNumber`, so two issuers
 * at once get two consecutive numbers, never the same one.
 */
@Injectable()
export class BulletinStore {
  async lockNumbering(tx: Pick<Tx, 'query'>): Promise<void> {
    await tx.query(`SELECT pg_advisory_xact_lock(hashtext('reformflow.bulletins'))`);
  }

  async nextNumber(tx: Pick<Tx, 'query'>): Promise<number> {
    const [{ next }] = await tx.query<{ next: number }>('SELECT COALESCE(max(number), 0) + 1 AS next FROM bulletins');
    return next;
  }

  /** Whether a schedule already issued the bulletin of the period starting at `periodFrom`. */
  async scheduledExists(tx: Pick<Tx, 'query'>, scheduleKey: string, periodFrom: Date): Promise<boolean> {
    const rows = await tx.query('SELECT 1 FROM bulletins WHERE schedule_key = $1 AND period_from = $2', [scheduleKey, periodFrom]);
    return rows.length > 0;
  }

  async insert(tx: Pick<Tx, 'execute'>, b: NewBulletinRow): Promise<void> {
    await tx.execute(
      `INSERT INTO bulletins (number, title_zh, title_en, period_from, period_to, issued_at, issued_by, schedule_key, checksum, document)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10::jsonb)`,
      [
        b.number,
        b.title.zh ?? null,
        b.title.en ?? null,
        b.periodFrom,
        b.periodTo,
        b.issuedAt,
        b.issuedBy,
        b.scheduleKey,
        b.checksum,
        JSON.stringify(b.document),
      ],
    );
  }

  async list(tx: Pick<Tx, 'query'>): Promise<BulletinSummaryRow[]> {
    const rows = await tx.query<{
      number: number;
      title_zh: string | null;
      title_en: string | null;
      period_from: Date;
      period_to: Date;
      issued_at: Date;
      issued_by: string | null;
      checksum: string;
    }>(
      `SELECT b.number, b.title_zh, b.title_en, b.period_from, b.period_to, b.issued_at, u.display_name AS issued_by, b.checksum
       FROM bulletins b LEFT JOIN users u ON u.id = b.issued_by ORDER BY b.number`,
    );
    return rows.map((r) => ({
      number: r.number,
      title: { ...(r.title_zh !== null ? { zh: r.title_zh } : {}), ...(r.title_en !== null ? { en: r.title_en } : {}) },
      periodFrom: r.period_from.toISOString(),
      periodTo: r.period_to.toISOString(),
      issuedAt: r.issued_at.toISOString(),
      issuedBy: r.issued_by,
      checksum: r.checksum,
    }));
  }

  /** The stored document of bulletin `number`, exactly as issued; null when there is none. */
  async document<T>(tx: Pick<Tx, 'query'>, number: number): Promise<T | null> {
    const [row] = await tx.query<{ document: T }>('SELECT document FROM bulletins WHERE number = $1', [number]);
    return row?.document ?? null;
  }
}
