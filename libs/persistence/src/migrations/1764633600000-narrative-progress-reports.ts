import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Narrative progress reports (进展报告): what was done in the period, problems, next
 * steps, evidence links and optional target values, each covering one reporting period;
 * and the period a matter in implementation has open now (zero or one row per matter).
 * Matters already in implementation get no period row: the domain derives theirs from
 * their last reading, as before, until their first narrative report opens the next one.
 */
export class NarrativeProgressReports1764633600000 implements MigrationInterface {
  name = 'NarrativeProgressReports1764633600000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE period_reports (
        id uuid NOT NULL,
        matter_id uuid NOT NULL,
        period_number integer,
        period_starts_at timestamptz,
        period_due_at timestamptz,
        done text NOT NULL,
        problems text,
        next_steps text,
        evidence_links jsonb NOT NULL DEFAULT '[]',
        target_values jsonb NOT NULL DEFAULT '[]',
        late boolean NOT NULL,
        reported_by uuid NOT NULL,
        reported_at timestamptz NOT NULL,
        CONSTRAINT period_reports_pkey PRIMARY KEY (id),
        CONSTRAINT period_reports_period_check CHECK ((period_number IS NULL) = (period_starts_at IS NULL) AND (period_number IS NULL) = (period_due_at IS NULL)),
        CONSTRAINT period_reports_matter_fkey FOREIGN KEY (matter_id) REFERENCES matters(id) ON DELETE CASCADE,
        CONSTRAINT period_reports_reported_by_fkey FOREIGN KEY (reported_by) REFERENCES users(id)
      )`);
    await q.query(`CREATE INDEX period_reports_matter_idx ON period_reports (matter_id, reported_at)`);
    await q.query(`
      CREATE TABLE matter_report_periods (
        matter_id uuid NOT NULL,
        number integer NOT NULL,
        starts_at timestamptz NOT NULL,
        due_at timestamptz NOT NULL,
        CONSTRAINT matter_report_periods_pkey PRIMARY KEY (matter_id),
        CONSTRAINT matter_report_periods_matter_fkey FOREIGN KEY (matter_id) REFERENCES matters(id) ON DELETE CASCADE
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE matter_report_periods`);
    await q.query(`DROP TABLE period_reports`);
  }
}
