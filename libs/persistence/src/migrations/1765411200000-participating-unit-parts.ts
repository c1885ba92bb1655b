import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `matter_parts` (分工): a participating unit's part of a matter, as the domain's `Part` has it
 * (libs/domain/src/matters/matter.ts): what the unit delivers, by when, its contact person, the
 * reports it filed (JSON, oldest first) and when it marked the part done. The unit must be one
 * of the matter's participating units, which the domain checks; the table holds that the unit
 * exists and that done has both a time and a person. An open part is a `part` deadline, keyed
 * `part:<id>`, whose `unit_id` is the participating unit: the scorecard counts it there.
 */
export class ParticipatingUnitParts1765411200000 implements MigrationInterface {
  name = 'ParticipatingUnitParts1765411200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE matter_parts (
        id uuid NOT NULL,
        matter_id uuid NOT NULL,
        position integer NOT NULL,
        unit_id uuid NOT NULL,
        deliverable_zh varchar(300),
        deliverable_en varchar(300),
        due_at timestamptz NOT NULL,
        contact_id uuid,
        assigned_at timestamptz NOT NULL,
        assigned_by uuid NOT NULL,
        reports jsonb NOT NULL DEFAULT '[]',
        completed_at timestamptz,
        completed_by uuid,
        CONSTRAINT matter_parts_pkey PRIMARY KEY (id),
        CONSTRAINT matter_parts_matter_fkey FOREIGN KEY (matter_id) REFERENCES matters(id) ON DELETE CASCADE,
        CONSTRAINT matter_parts_unit_fkey FOREIGN KEY (unit_id) REFERENCES units(id),
        CONSTRAINT matter_parts_contact_fkey FOREIGN KEY (contact_id) REFERENCES users(id),
        CONSTRAINT matter_parts_assigned_by_fkey FOREIGN KEY (assigned_by) REFERENCES users(id),
        CONSTRAINT matter_parts_completed_by_fkey FOREIGN KEY (completed_by) REFERENCES users(id),
        CONSTRAINT matter_parts_deliverable_check CHECK (deliverable_zh IS NOT NULL OR deliverable_en IS NOT NULL),
        CONSTRAINT matter_parts_reports_check CHECK (jsonb_typeof(reports) = 'array'),
        CONSTRAINT matter_parts_completed_check CHECK ((completed_at IS NULL) = (completed_by IS NULL))
      )`);
    await q.query(`CREATE INDEX matter_parts_matter_idx ON matter_parts (matter_id)`);
    await q.query(`CREATE INDEX matter_parts_unit_idx ON matter_parts (unit_id)`);
    await q.query(`ALTER TABLE deadlines DROP CONSTRAINT deadlines_kind_check`);
    await q.query(`
      ALTER TABLE deadlines ADD CONSTRAINT deadlines_kind_check
        CHECK (kind IN ('stage','approval_step','milestone','progress_report','urge_notice','authorization_expiry','part'))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM deadlines WHERE kind = 'part'`);
    await q.query(`ALTER TABLE deadlines DROP CONSTRAINT deadlines_kind_check`);
    await q.query(`
      ALTER TABLE deadlines ADD CONSTRAINT deadlines_kind_check
        CHECK (kind IN ('stage','approval_step','milestone','progress_report','urge_notice','authorization_expiry'))`);
    await q.query(`DROP TABLE matter_parts`);
  }
}
