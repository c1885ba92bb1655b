import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * - `deadlines.provisional`: a working-day deadline counted over a year the business
 *   calendar has no holiday data for (config/calendars), so on weekends alone. The worker
 *   re-plans these rows when that year's data is added; the partial index finds them.
 *   Existing rows are false: they are checked again at the next start.
 * - `matters.fault_tolerance`: the reform office's fault-tolerance finding (容错认定) on a
 *   matter closed as ineffective or terminated, as the domain writes it (exempted, reason,
 *   basis, who and when); the audit trail holds the same as an event.
 */
export class ProvisionalDeadlinesFaultTolerance1764892800000 implements MigrationInterface {
  name = 'ProvisionalDeadlinesFaultTolerance1764892800000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE deadlines ADD COLUMN provisional boolean NOT NULL DEFAULT false`);
    await q.query(`CREATE INDEX deadlines_provisional_idx ON deadlines (matter_id) WHERE provisional AND status IN ('open', 'suspended')`);
    await q.query(`ALTER TABLE matters ADD COLUMN fault_tolerance jsonb`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE matters DROP COLUMN fault_tolerance`);
    await q.query(`DROP INDEX deadlines_provisional_idx`);
    await q.query(`ALTER TABLE deadlines DROP COLUMN provisional`);
  }
}
