import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What the lists read at a million matters.
 *
 * `matter_visibility`: one row per audience that may see a matter, as `canRead` says:
 * each unit that leads or participates in it (reach `member`: anyone of that unit), each
 * unit with a step in its approval chain (reach `approver`: that unit's approvers only),
 * and, while the matter is in evaluation or closed, the evaluators as a whole (the nil
 * uuid, reach `evaluator`: an evaluator's stage-based visibility belongs to no unit). Each
 * row carries the columns the lists filter and sort on, so a manager's list and its count
 * read one unit's rows by index instead of scanning every matter with `OR EXISTS`.
 * MatterStore writes the rows in the command's transaction.
 *
 * `matter_delivery_periods`: a matter's delivery status (on_track / at_risk / off_track)
 * as a function of time, written with the matter: without a command it changes only when
 * a deadline falls due soon, is missed or escalates, and each of those instants is known
 * when the matter is saved. A list filters on the period that holds at `now`, so it needs
 * no job to refresh it. The visibility rows are filled here; the periods are not (they are
 * computed in TypeScript from the matter, its definition and the calendar): open matters
 * saved before this migration get theirs from BackfillDeliveryPeriods
 * (libs/workflow/src/matters/backfill-delivery-periods.usecase.ts), which the worker runs at
 * every start (apps/worker/src/timers/delivery-periods-backfiller.service.ts). Until it has
 * run, such a matter shows no status and no `?deliveryStatus=` filter finds it.
 */
export class MatterVisibility1764374400000 implements MigrationInterface {
  name = 'MatterVisibility1764374400000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE matter_visibility (
        unit_id uuid NOT NULL,
        matter_id uuid NOT NULL,
        reach varchar(16) NOT NULL,
        batch_id uuid NOT NULL,
        leading_unit_id uuid NOT NULL,
        stage varchar(32) NOT NULL,
        code varchar(64) NOT NULL,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        next_due_at timestamptz,
        CONSTRAINT matter_visibility_pkey PRIMARY KEY (unit_id, matter_id),
        CONSTRAINT matter_visibility_matter_fkey FOREIGN KEY (matter_id) REFERENCES matters(id) ON DELETE CASCADE,
        CONSTRAINT matter_visibility_reach_check CHECK (reach IN ('member','approver','evaluator'))
      )`);
    await q.query(`CREATE INDEX matter_visibility_matter_idx ON matter_visibility (matter_id)`);
    // counts and stage filters of one unit: index-only
    await q.query(`CREATE INDEX matter_visibility_reach_stage_idx ON matter_visibility (unit_id, reach, stage)`);
    // one per sort key, in the list's order (its default: updated_at DESC)
    await q.query(`CREATE INDEX matter_visibility_updated_idx ON matter_visibility (unit_id, updated_at DESC NULLS LAST, matter_id)`);
    await q.query(`CREATE INDEX matter_visibility_created_idx ON matter_visibility (unit_id, created_at DESC NULLS LAST, matter_id)`);
    await q.query(`CREATE INDEX matter_visibility_code_idx ON matter_visibility (unit_id, code, matter_id)`);
    await q.query(`CREATE INDEX matter_visibility_next_due_idx ON matter_visibility (unit_id, next_due_at, matter_id)`);
    await q.query(`
      INSERT INTO matter_visibility (unit_id, matter_id, reach, batch_id, leading_unit_id, stage, code, created_at, updated_at, next_due_at)
      SELECT DISTINCT ON (m.id, a.unit_id) a.unit_id, m.id, a.reach, m.batch_id, m.leading_unit_id, m.stage, m.code,
             m.created_at, m.updated_at, m.next_due_at
      FROM matters m
      CROSS JOIN LATERAL (
        SELECT m.leading_unit_id AS unit_id, 'member' AS reach, 0 AS rank
        UNION ALL SELECT p.unit_id, 'member', 0 FROM matter_participating_units p WHERE p.matter_id = m.id
        UNION ALL SELECT s.unit_id, 'approver', 1 FROM approval_steps s WHERE s.matter_id = m.id
        UNION ALL SELECT '00000000-0000-0000-0000-000000000000'::uuid, 'evaluator', 2 WHERE m.stage IN ('in_evaluation', 'closed')
      ) a
      ORDER BY m.id, a.unit_id, a.rank`);

    await q.query(`
      CREATE TABLE matter_delivery_periods (
        matter_id uuid NOT NULL,
        valid_from timestamptz NOT NULL,
        valid_until timestamptz NOT NULL,
        status varchar(16) NOT NULL,
        CONSTRAINT matter_delivery_periods_pkey PRIMARY KEY (matter_id, valid_from),
        CONSTRAINT matter_delivery_periods_matter_fkey FOREIGN KEY (matter_id) REFERENCES matters(id) ON DELETE CASCADE,
        CONSTRAINT matter_delivery_periods_status_check CHECK (status IN ('on_track','at_risk','off_track')),
        CONSTRAINT matter_delivery_periods_range_check CHECK (valid_from < valid_until)
      )`);
    await q.query(
      `CREATE INDEX matter_delivery_periods_status_idx ON matter_delivery_periods (status, valid_until) INCLUDE (valid_from, matter_id)`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE matter_delivery_periods`);
    await q.query(`DROP TABLE matter_visibility`);
  }
}
