import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Evaluation by an assigned evaluator against a rubric, the experiences replicable
 * matters leave behind, the numbered replication reports that issue them, and the
 * stored runs of scheduled reports with their files (mailed as attachments).
 *
 * An experience goes out in exactly one replication report: `report_number` is set
 * once, by the transaction that issues the report, and never changes.
 */
export class EvaluationExperiencesReports1764028800000 implements MigrationInterface {
  name = 'EvaluationExperiencesReports1764028800000';

  async up(q: QueryRunner): Promise<void> {
    // when implementation started: the start of each target's planned line
    await q.query(`ALTER TABLE matters ADD COLUMN implementation_started_at timestamptz`);
    // the evaluator of the current round
    await q.query(`ALTER TABLE matters ADD COLUMN evaluator_id uuid`);
    await q.query(`ALTER TABLE matters ADD COLUMN evaluator_unit_id uuid`);
    await q.query(`ALTER TABLE matters ADD COLUMN evaluator_assigned_at timestamptz`);
    await q.query(`ALTER TABLE matters ADD COLUMN evaluator_assigned_by uuid`);
    await q.query(`ALTER TABLE matters ADD CONSTRAINT matters_evaluator_fkey FOREIGN KEY (evaluator_id) REFERENCES users(id)`);
    await q.query(`ALTER TABLE matters ADD CONSTRAINT matters_evaluator_unit_fkey FOREIGN KEY (evaluator_unit_id) REFERENCES units(id)`);
    await q.query(
      `ALTER TABLE matters ADD CONSTRAINT matters_evaluator_assigned_by_fkey FOREIGN KEY (evaluator_assigned_by) REFERENCES users(id)`,
    );
    await q.query(`
      ALTER TABLE matters ADD CONSTRAINT matters_evaluator_check
      CHECK ((evaluator_id IS NULL) = (evaluator_unit_id IS NULL) AND (evaluator_id IS NULL) = (evaluator_assigned_at IS NULL))`);
    // how many matters each evaluator is evaluating: the pool draws the least busy
    await q.query(`CREATE INDEX matters_evaluator_idx ON matters (evaluator_id) WHERE evaluator_id IS NOT NULL`);

    await q.query(`ALTER TABLE evaluations ADD COLUMN scores jsonb NOT NULL DEFAULT '[]'`);
    await q.query(`ALTER TABLE evaluations ADD COLUMN results jsonb NOT NULL DEFAULT '[]'`);
    await q.query(`ALTER TABLE evaluations ADD COLUMN lessons text`);
    await q.query(`ALTER TABLE evaluations ADD COLUMN adjustment_plan text`);

    await q.query(`
      CREATE TABLE replication_reports (
        number integer NOT NULL,
        title_zh varchar(300),
        title_en varchar(300),
        issued_at timestamptz NOT NULL,
        issued_by uuid NOT NULL,
        experience_count integer NOT NULL,
        checksum char(64) NOT NULL,
        document jsonb NOT NULL,
        CONSTRAINT replication_reports_pkey PRIMARY KEY (number),
        CONSTRAINT replication_reports_issued_by_fkey FOREIGN KEY (issued_by) REFERENCES users(id),
        CONSTRAINT replication_reports_number_check CHECK (number > 0),
        CONSTRAINT replication_reports_count_check CHECK (experience_count > 0)
      )`);

    await q.query(`
      CREATE TABLE experiences (
        id uuid NOT NULL,
        matter_id uuid NOT NULL,
        evaluation_id uuid NOT NULL,
        title_zh varchar(300),
        title_en varchar(300),
        practice_zh text,
        practice_en text,
        conditions_zh text,
        conditions_en text,
        regions text[] NOT NULL,
        fields text[] NOT NULL,
        contact_unit_id uuid NOT NULL,
        recorded_at timestamptz NOT NULL,
        report_number integer,
        CONSTRAINT experiences_pkey PRIMARY KEY (id),
        CONSTRAINT experiences_matter_key UNIQUE (matter_id),
        CONSTRAINT experiences_matter_fkey FOREIGN KEY (matter_id) REFERENCES matters(id) ON DELETE CASCADE,
        CONSTRAINT experiences_evaluation_fkey FOREIGN KEY (evaluation_id) REFERENCES evaluations(id),
        CONSTRAINT experiences_contact_unit_fkey FOREIGN KEY (contact_unit_id) REFERENCES units(id),
        CONSTRAINT experiences_report_fkey FOREIGN KEY (report_number) REFERENCES replication_reports(number),
        CONSTRAINT experiences_title_check CHECK (title_zh IS NOT NULL OR title_en IS NOT NULL),
        CONSTRAINT experiences_practice_check CHECK (practice_zh IS NOT NULL OR practice_en IS NOT NULL),
        CONSTRAINT experiences_conditions_check CHECK (conditions_zh IS NOT NULL OR conditions_en IS NOT NULL)
      )`);
    await q.query(`CREATE INDEX experiences_report_idx ON experiences (report_number)`);
    // An issued experience never changes report: refuse any update of report_number once set.
    await q.query(`
      CREATE FUNCTION experiences_keep_report() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF OLD.report_number IS NOT NULL AND NEW.report_number IS DISTINCT FROM OLD.report_number THEN
          RAISE EXCEPTION 'experience % was issued in replication report %', OLD.id, OLD.report_number USING ERRCODE = 'integrity_constraint_violation';
        END IF;
        RETURN NEW;
      END
      $$`);
    await q.query(`
      CREATE TRIGGER experiences_keep_report BEFORE UPDATE ON experiences
      FOR EACH ROW EXECUTE FUNCTION experiences_keep_report()`);

    // A scheduled report run: one per schedule and period, whichever worker gets there first.
    await q.query(`
      CREATE TABLE report_runs (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        schedule_key varchar(64) NOT NULL,
        kind varchar(32) NOT NULL,
        period_start timestamptz NOT NULL,
        period_end timestamptz NOT NULL,
        parameters jsonb NOT NULL,
        checksum char(64) NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT report_runs_pkey PRIMARY KEY (id),
        CONSTRAINT report_runs_schedule_period_key UNIQUE (schedule_key, period_start),
        CONSTRAINT report_runs_kind_check CHECK (kind IN ('progress','scorecard','replication')),
        CONSTRAINT report_runs_period_check CHECK (period_start < period_end)
      )`);
    await q.query(`
      CREATE TABLE report_files (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        run_id uuid NOT NULL,
        scope varchar(64) NOT NULL,
        locale varchar(8) NOT NULL,
        format varchar(8) NOT NULL,
        filename varchar(200) NOT NULL,
        content_type varchar(100) NOT NULL,
        size integer NOT NULL,
        checksum char(64) NOT NULL,
        body bytea NOT NULL,
        CONSTRAINT report_files_pkey PRIMARY KEY (id),
        CONSTRAINT report_files_run_fkey FOREIGN KEY (run_id) REFERENCES report_runs(id) ON DELETE CASCADE,
        CONSTRAINT report_files_run_scope_key UNIQUE (run_id, scope, locale, format),
        CONSTRAINT report_files_format_check CHECK (format IN ('md','html','pdf','json'))
      )`);

    // files a mail carries, by reference: [{ fileId, filename, contentType }]
    await q.query(`ALTER TABLE deliveries ADD COLUMN attachments jsonb NOT NULL DEFAULT '[]'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE deliveries DROP COLUMN attachments`);
    await q.query(`DROP TABLE report_files`);
    await q.query(`DROP TABLE report_runs`);
    await q.query(`DROP TABLE experiences`);
    await q.query(`DROP FUNCTION experiences_keep_report()`);
    await q.query(`DROP TABLE replication_reports`);
    await q.query(`ALTER TABLE evaluations DROP COLUMN adjustment_plan`);
    await q.query(`ALTER TABLE evaluations DROP COLUMN lessons`);
    await q.query(`ALTER TABLE evaluations DROP COLUMN results`);
    await q.query(`ALTER TABLE evaluations DROP COLUMN scores`);
    await q.query(`DROP INDEX matters_evaluator_idx`);
    await q.query(`ALTER TABLE matters DROP CONSTRAINT matters_evaluator_check`);
    await q.query(`ALTER TABLE matters DROP CONSTRAINT matters_evaluator_assigned_by_fkey`);
    await q.query(`ALTER TABLE matters DROP CONSTRAINT matters_evaluator_unit_fkey`);
    await q.query(`ALTER TABLE matters DROP CONSTRAINT matters_evaluator_fkey`);
    await q.query(`ALTER TABLE matters DROP COLUMN evaluator_assigned_by`);
    await q.query(`ALTER TABLE matters DROP COLUMN evaluator_assigned_at`);
    await q.query(`ALTER TABLE matters DROP COLUMN evaluator_unit_id`);
    await q.query(`ALTER TABLE matters DROP COLUMN evaluator_id`);
    await q.query(`ALTER TABLE matters DROP COLUMN implementation_started_at`);
  }
}
