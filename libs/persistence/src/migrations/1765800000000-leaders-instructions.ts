import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `matter_instructions` (领导批示): a leader's written instruction on a matter, as the domain's
 * `Instruction` has it (libs/domain/src/matters/matter.ts): the leader and their office, the day
 * it was given, its words, when the leading unit's report is due and whether the leader set that
 * time, the reports on how it was carried out (JSON, oldest first), and the reform office's
 * closing (销号) with its remark. An instruction awaiting its first report is an `instruction`
 * deadline of the leading unit, keyed `instruction:<id>`; the report meets it.
 */
export class LeadersInstructions1765800000000 implements MigrationInterface {
  name = 'LeadersInstructions1765800000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE matter_instructions (
        id uuid NOT NULL,
        matter_id uuid NOT NULL,
        position integer NOT NULL,
        leader_name varchar(64) NOT NULL,
        leader_title varchar(64),
        given_on date NOT NULL,
        text text NOT NULL,
        due_at timestamptz NOT NULL,
        due_given boolean NOT NULL,
        recorded_at timestamptz NOT NULL,
        recorded_by uuid NOT NULL,
        reports jsonb NOT NULL DEFAULT '[]',
        closed_at timestamptz,
        closed_by uuid,
        closing_remark text,
        CONSTRAINT matter_instructions_pkey PRIMARY KEY (id),
        CONSTRAINT matter_instructions_matter_fkey FOREIGN KEY (matter_id) REFERENCES matters(id) ON DELETE CASCADE,
        CONSTRAINT matter_instructions_recorded_by_fkey FOREIGN KEY (recorded_by) REFERENCES users(id),
        CONSTRAINT matter_instructions_closed_by_fkey FOREIGN KEY (closed_by) REFERENCES users(id),
        CONSTRAINT matter_instructions_reports_check CHECK (jsonb_typeof(reports) = 'array'),
        CONSTRAINT matter_instructions_closed_check CHECK ((closed_at IS NULL) = (closed_by IS NULL)),
        CONSTRAINT matter_instructions_closed_reported_check CHECK (closed_at IS NULL OR jsonb_array_length(reports) > 0)
      )`);
    await q.query(`CREATE INDEX matter_instructions_matter_idx ON matter_instructions (matter_id)`);
    // the reform office's inbox reads the reported instructions it has yet to close
    await q.query(`
      CREATE INDEX matter_instructions_to_close_idx ON matter_instructions (recorded_at)
        WHERE closed_at IS NULL AND reports <> '[]'::jsonb`);
    await q.query(`ALTER TABLE deadlines DROP CONSTRAINT deadlines_kind_check`);
    await q.query(`
      ALTER TABLE deadlines ADD CONSTRAINT deadlines_kind_check
        CHECK (kind IN ('stage','approval_step','milestone','progress_report','urge_notice','authorization_expiry','part','instruction'))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM deadlines WHERE kind = 'instruction'`);
    await q.query(`ALTER TABLE deadlines DROP CONSTRAINT deadlines_kind_check`);
    await q.query(`
      ALTER TABLE deadlines ADD CONSTRAINT deadlines_kind_check
        CHECK (kind IN ('stage','approval_step','milestone','progress_report','urge_notice','authorization_expiry','part'))`);
    await q.query(`DROP TABLE matter_instructions`);
  }
}
