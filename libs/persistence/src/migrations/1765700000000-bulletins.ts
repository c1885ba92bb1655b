import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `bulletins` (情况通报): each issued bulletin, numbered 1, 2, 3 … and stored as issued (the
 * document and its checksum), like replication reports. `issued_by` is null for one the worker
 * issued on its schedule; `schedule_key` with `period_from` then makes a scheduled period issue
 * at most once however many workers run (the unique index), while bulletins issued by hand
 * (schedule_key null) may cover any period. A partial index finds the matters whose implementation
 * ended (evaluation requested) within a bulletin's period.
 */
export class Bulletins1765700000000 implements MigrationInterface {
  name = 'Bulletins1765700000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE bulletins (
        number integer NOT NULL,
        title_zh varchar(300),
        title_en varchar(300),
        period_from timestamptz NOT NULL,
        period_to timestamptz NOT NULL,
        issued_at timestamptz NOT NULL,
        issued_by uuid,
        schedule_key varchar(100),
        checksum char(64) NOT NULL,
        document jsonb NOT NULL,
        CONSTRAINT bulletins_pkey PRIMARY KEY (number),
        CONSTRAINT bulletins_issued_by_fkey FOREIGN KEY (issued_by) REFERENCES users(id),
        CONSTRAINT bulletins_number_check CHECK (number > 0),
        CONSTRAINT bulletins_period_check CHECK (period_to > period_from),
        CONSTRAINT bulletins_title_check CHECK (title_zh IS NOT NULL OR title_en IS NOT NULL)
      )`);
    // a bulletin's 完成实施: the matters whose evaluation was requested within its period (libs/reports report-loader)
    await q.query(
      `CREATE INDEX audit_events_evaluation_requested_idx ON audit_events (occurred_at) WHERE aggregate_type = 'matter' AND type = 'evaluation.requested'`,
    );
    await q.query(
      `CREATE UNIQUE INDEX bulletins_schedule_period_key ON bulletins (schedule_key, period_from) WHERE schedule_key IS NOT NULL`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE bulletins');
    await q.query('DROP INDEX audit_events_evaluation_requested_idx');
  }
}
