import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Experiences adopted or promoted by a higher authority, in that authority's own numbered
 * batches, and the readings documents give for a matter's target.
 *
 * An authority batch is the authority's numbering, never Reformflow's: it is keyed by
 * (authority, number), in its own table, so the NDRC's "batch 2" and Reformflow's own
 * replication report 2 (`replication_reports.number`) can never be taken for one another.
 * A batch the documents only mention (004: the NDRC promoted 48 experiences "in three
 * batches") may lack its date and title until someone records them.
 *
 * A target reading is a value a document reports for a target (000: modern services at
 * 76.5 % of service-industry value added, against BEP-02's 77 %), with the document's own
 * words, once per target, document and date. It is not a progress report filed by a unit.
 */
export class AuthorityAdoptionsReadings1764720000000 implements MigrationInterface {
  name = 'AuthorityAdoptionsReadings1764720000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE authority_batches (
        id uuid NOT NULL,
        authority_unit_id uuid NOT NULL,
        number integer NOT NULL,
        issued_on date,
        title_zh varchar(300),
        title_en varchar(300),
        document_number varchar(100),
        experience_count integer,
        source_document varchar(500),
        source_excerpt text,
        created_at timestamptz NOT NULL,
        created_by uuid NOT NULL,
        CONSTRAINT authority_batches_pkey PRIMARY KEY (id),
        CONSTRAINT authority_batches_authority_number_key UNIQUE (authority_unit_id, number),
        CONSTRAINT authority_batches_authority_fkey FOREIGN KEY (authority_unit_id) REFERENCES units(id),
        CONSTRAINT authority_batches_created_by_fkey FOREIGN KEY (created_by) REFERENCES users(id),
        CONSTRAINT authority_batches_number_check CHECK (number > 0),
        CONSTRAINT authority_batches_count_check CHECK (experience_count IS NULL OR experience_count > 0)
      )`);
    await q.query(`
      CREATE TABLE experience_adoptions (
        id uuid NOT NULL,
        experience_id uuid NOT NULL,
        authority_batch_id uuid NOT NULL,
        action varchar(16) NOT NULL,
        note text,
        recorded_at timestamptz NOT NULL,
        recorded_by uuid NOT NULL,
        CONSTRAINT experience_adoptions_pkey PRIMARY KEY (id),
        CONSTRAINT experience_adoptions_experience_batch_key UNIQUE (experience_id, authority_batch_id),
        CONSTRAINT experience_adoptions_experience_fkey FOREIGN KEY (experience_id) REFERENCES experiences(id) ON DELETE CASCADE,
        CONSTRAINT experience_adoptions_batch_fkey FOREIGN KEY (authority_batch_id) REFERENCES authority_batches(id),
        CONSTRAINT experience_adoptions_recorded_by_fkey FOREIGN KEY (recorded_by) REFERENCES users(id),
        CONSTRAINT experience_adoptions_action_check CHECK (action IN ('adopted','promoted'))
      )`);
    await q.query(`CREATE INDEX experience_adoptions_batch_idx ON experience_adoptions (authority_batch_id)`);
    await q.query(`
      CREATE TABLE target_readings (
        id uuid NOT NULL,
        matter_id uuid NOT NULL,
        target_id uuid NOT NULL,
        value numeric NOT NULL,
        as_of date NOT NULL,
        source_document varchar(500) NOT NULL,
        source_excerpt text NOT NULL,
        source_locator varchar(100),
        note text,
        recorded_at timestamptz NOT NULL,
        recorded_by uuid NOT NULL,
        CONSTRAINT target_readings_pkey PRIMARY KEY (id),
        CONSTRAINT target_readings_target_document_date_key UNIQUE (target_id, source_document, as_of),
        CONSTRAINT target_readings_matter_fkey FOREIGN KEY (matter_id) REFERENCES matters(id) ON DELETE CASCADE,
        CONSTRAINT target_readings_target_fkey FOREIGN KEY (target_id) REFERENCES matter_targets(id) ON DELETE CASCADE,
        CONSTRAINT target_readings_recorded_by_fkey FOREIGN KEY (recorded_by) REFERENCES users(id)
      )`);
    await q.query(`CREATE INDEX target_readings_matter_idx ON target_readings (matter_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE target_readings`);
    await q.query(`DROP TABLE experience_adoptions`);
    await q.query(`DROP TABLE authority_batches`);
  }
}
