import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A delivery whose reason went before it was sent is cancelled, not sent.
 *
 * - `deliveries.state` may be 'cancelled', and `cancel_reason` says why (and only then):
 *   the deadline its calendar entry is for was met (a step approved, a milestone met),
 *   cancelled (a step rejected or returned, the matter withdrawn or terminated) or moved
 *   (moved, suspended or re-planned: a later version of the entry replaces it).
 * - The mail of one deadline's calendar entry is found by the deadline's id inside `data`
 *   (the entry's holders, the mail to cancel when it ends): an expression index over the
 *   rows that carry one (the SQL in libs/persistence repeats this expression exactly).
 */
export class CancelledDeliveries1765238400000 implements MigrationInterface {
  name = 'CancelledDeliveries1765238400000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE deliveries DROP CONSTRAINT deliveries_state_check`);
    await q.query(
      `ALTER TABLE deliveries ADD CONSTRAINT deliveries_state_check CHECK (state IN ('pending','held','queued','sending','sent','failed','digested','cancelled'))`,
    );
    await q.query(`ALTER TABLE deliveries ADD COLUMN cancel_reason varchar(32)`);
    await q.query(
      `ALTER TABLE deliveries ADD CONSTRAINT deliveries_cancel_reason_check CHECK (cancel_reason IN ('deadline_met','deadline_cancelled','deadline_moved'))`,
    );
    await q.query(
      `ALTER TABLE deliveries ADD CONSTRAINT deliveries_cancelled_check CHECK ((state = 'cancelled') = (cancel_reason IS NOT NULL))`,
    );
    await q.query(
      `CREATE INDEX deliveries_calendar_deadline_idx ON deliveries ((data->'calendar'->>'deadlineId')) WHERE data->'calendar'->>'deadlineId' IS NOT NULL`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX deliveries_calendar_deadline_idx`);
    await q.query(`ALTER TABLE deliveries DROP CONSTRAINT deliveries_cancelled_check`);
    await q.query(`ALTER TABLE deliveries DROP CONSTRAINT deliveries_cancel_reason_check`);
    await q.query(`ALTER TABLE deliveries DROP COLUMN cancel_reason`);
    await q.query(`DELETE FROM deliveries WHERE state = 'cancelled'`);
    await q.query(`ALTER TABLE deliveries DROP CONSTRAINT deliveries_state_check`);
    await q.query(
      `ALTER TABLE deliveries ADD CONSTRAINT deliveries_state_check CHECK (state IN ('pending','held','queued','sending','sent','failed','digested'))`,
    );
  }
}
