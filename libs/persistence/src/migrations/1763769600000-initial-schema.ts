import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The core schema: units, users, workflow definition versions, batches, matters with
 * their plan (targets, risks, milestones, participating units), approval steps,
 * progress reports, evaluations, the append-only audit trail and the outbox.
 *
 * Vocabulary checks repeat the domain's constants on purpose: the database refuses
 * what the domain would never write, whoever writes it.
 */
export class InitialSchema1763769600000 implements MigrationInterface {
  name = 'InitialSchema1763769600000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);

    await q.query(`
      CREATE TABLE units (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        code varchar(64) NOT NULL,
        name_zh varchar(300),
        name_en varchar(300),
        kind varchar(32) NOT NULL,
        parent_id uuid,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT units_pkey PRIMARY KEY (id),
        CONSTRAINT units_code_key UNIQUE (code),
        CONSTRAINT units_parent_fkey FOREIGN KEY (parent_id) REFERENCES units(id),
        CONSTRAINT units_kind_check CHECK (kind IN ('municipal_bureau','district','provincial','national','leading_group','reform_office')),
        CONSTRAINT units_name_check CHECK (name_zh IS NOT NULL OR name_en IS NOT NULL)
      )`);

    await q.query(`
      CREATE TABLE users (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        email varchar(254) NOT NULL,
        display_name varchar(200) NOT NULL,
        password_hash varchar(200) NOT NULL,
        roles varchar(32)[] NOT NULL,
        unit_id uuid NOT NULL,
        locale varchar(8) NOT NULL DEFAULT 'zh-CN',
        time_zone varchar(64) NOT NULL DEFAULT 'Asia/Shanghai',
        active boolean NOT NULL DEFAULT true,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT users_pkey PRIMARY KEY (id),
        CONSTRAINT users_email_key UNIQUE (email),
        CONSTRAINT users_unit_fkey FOREIGN KEY (unit_id) REFERENCES units(id),
        CONSTRAINT users_email_lowercase_check CHECK (email = lower(email)),
        CONSTRAINT users_roles_check CHECK (cardinality(roles) > 0 AND roles <@ ARRAY['admin','reform_office','approver','manager','evaluator']::varchar[]),
        CONSTRAINT users_locale_check CHECK (locale IN ('zh-CN','en'))
      )`);
    await q.query(`CREATE INDEX users_unit_idx ON users (unit_id)`);

    await q.query(`
      CREATE TABLE workflow_definitions (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        name varchar(64) NOT NULL,
        version integer NOT NULL,
        checksum char(64) NOT NULL,
        body jsonb NOT NULL,
        source_file varchar(500) NOT NULL,
        loaded_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT workflow_definitions_pkey PRIMARY KEY (id),
        CONSTRAINT workflow_definitions_name_version_key UNIQUE (name, version),
        CONSTRAINT workflow_definitions_version_check CHECK (version > 0)
      )`);

    await q.query(`
      CREATE TABLE batches (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        code varchar(64) NOT NULL,
        title_zh varchar(300),
        title_en varchar(300),
        issuing_authority varchar(300) NOT NULL,
        issued_on date,
        source_document varchar(500),
        workflow_name varchar(64) NOT NULL,
        created_by uuid,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT batches_pkey PRIMARY KEY (id),
        CONSTRAINT batches_code_key UNIQUE (code),
        CONSTRAINT batches_created_by_fkey FOREIGN KEY (created_by) REFERENCES users(id),
        CONSTRAINT batches_title_check CHECK (title_zh IS NOT NULL OR title_en IS NOT NULL)
      )`);

    await q.query(`
      CREATE TABLE matters (
        id uuid NOT NULL,
        batch_id uuid NOT NULL,
        code varchar(64) NOT NULL,
        title_zh varchar(300),
        title_en varchar(300),
        description_zh text,
        description_en text,
        kind varchar(32) NOT NULL,
        policy_area varchar(64) NOT NULL,
        leading_unit_id uuid NOT NULL,
        manager_id uuid,
        risk_level varchar(16) NOT NULL,
        requires_legal_authorization boolean NOT NULL,
        workflow_definition_id uuid NOT NULL,
        stage varchar(32) NOT NULL,
        outcome varchar(32),
        stage_entered_at timestamptz NOT NULL,
        stage_due_at timestamptz,
        approval_round integer NOT NULL DEFAULT 0,
        legal_authorized_at timestamptz,
        return_comment text,
        adjustment_count integer NOT NULL DEFAULT 0,
        closing_reason text,
        next_due_at timestamptz,
        version integer NOT NULL,
        created_by uuid NOT NULL,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        CONSTRAINT matters_pkey PRIMARY KEY (id),
        CONSTRAINT matters_batch_code_key UNIQUE (batch_id, code),
        CONSTRAINT matters_batch_fkey FOREIGN KEY (batch_id) REFERENCES batches(id),
        CONSTRAINT matters_leading_unit_fkey FOREIGN KEY (leading_unit_id) REFERENCES units(id),
        CONSTRAINT matters_manager_fkey FOREIGN KEY (manager_id) REFERENCES users(id),
        CONSTRAINT matters_workflow_definition_fkey FOREIGN KEY (workflow_definition_id) REFERENCES workflow_definitions(id),
        CONSTRAINT matters_created_by_fkey FOREIGN KEY (created_by) REFERENCES users(id),
        CONSTRAINT matters_title_check CHECK (title_zh IS NOT NULL OR title_en IS NOT NULL),
        CONSTRAINT matters_kind_check CHECK (kind IN ('reform_measure','innovation_experiment','opening_up_initiative')),
        CONSTRAINT matters_risk_level_check CHECK (risk_level IN ('low','medium','high','critical')),
        CONSTRAINT matters_stage_check CHECK (stage IN ('draft','in_approval','approved','in_implementation','in_evaluation','closed','withdrawn','terminated')),
        CONSTRAINT matters_outcome_check CHECK ((stage = 'closed') = (outcome IS NOT NULL) AND (outcome IS NULL OR outcome IN ('replicated','closed_ineffective'))),
        CONSTRAINT matters_version_check CHECK (version > 0)
      )`);
    await q.query(`CREATE INDEX matters_leading_unit_stage_idx ON matters (leading_unit_id, stage)`);
    await q.query(`CREATE INDEX matters_stage_next_due_idx ON matters (stage, next_due_at)`);
    await q.query(`CREATE INDEX matters_next_due_idx ON matters (next_due_at) WHERE next_due_at IS NOT NULL`);
    await q.query(`CREATE INDEX matters_updated_at_idx ON matters (updated_at)`);
    // Free-text search over code and both titles; the query repeats this exact expression.
    await q.query(
      `CREATE INDEX matters_search_trgm_idx ON matters USING gin ((code || ' ' || coalesce(title_zh, '') || ' ' || coalesce(title_en, '')) gin_trgm_ops)`,
    );

    await q.query(`
      CREATE TABLE matter_participating_units (
        matter_id uuid NOT NULL,
        unit_id uuid NOT NULL,
        position integer NOT NULL,
        CONSTRAINT matter_participating_units_pkey PRIMARY KEY (matter_id, unit_id),
        CONSTRAINT matter_participating_units_matter_fkey FOREIGN KEY (matter_id) REFERENCES matters(id) ON DELETE CASCADE,
        CONSTRAINT matter_participating_units_unit_fkey FOREIGN KEY (unit_id) REFERENCES units(id)
      )`);
    await q.query(`CREATE INDEX matter_participating_units_unit_idx ON matter_participating_units (unit_id)`);

    await q.query(`
      CREATE TABLE matter_targets (
        id uuid NOT NULL,
        matter_id uuid NOT NULL,
        position integer NOT NULL,
        indicator_zh varchar(300),
        indicator_en varchar(300),
        baseline numeric,
        target_value numeric NOT NULL,
        unit varchar(32) NOT NULL,
        by_date date NOT NULL,
        CONSTRAINT matter_targets_pkey PRIMARY KEY (id),
        CONSTRAINT matter_targets_matter_fkey FOREIGN KEY (matter_id) REFERENCES matters(id) ON DELETE CASCADE,
        CONSTRAINT matter_targets_indicator_check CHECK (indicator_zh IS NOT NULL OR indicator_en IS NOT NULL)
      )`);
    await q.query(`CREATE INDEX matter_targets_matter_idx ON matter_targets (matter_id)`);

    await q.query(`
      CREATE TABLE matter_risks (
        id uuid NOT NULL,
        matter_id uuid NOT NULL,
        position integer NOT NULL,
        description text NOT NULL,
        likelihood varchar(16) NOT NULL,
        impact varchar(16) NOT NULL,
        mitigation text NOT NULL,
        CONSTRAINT matter_risks_pkey PRIMARY KEY (id),
        CONSTRAINT matter_risks_matter_fkey FOREIGN KEY (matter_id) REFERENCES matters(id) ON DELETE CASCADE,
        CONSTRAINT matter_risks_likelihood_check CHECK (likelihood IN ('low','medium','high') AND impact IN ('low','medium','high'))
      )`);
    await q.query(`CREATE INDEX matter_risks_matter_idx ON matter_risks (matter_id)`);

    await q.query(`
      CREATE TABLE milestones (
        id uuid NOT NULL,
        matter_id uuid NOT NULL,
        position integer NOT NULL,
        title_zh varchar(300),
        title_en varchar(300),
        due_at timestamptz NOT NULL,
        completed_at timestamptz,
        completed_by uuid,
        note text,
        CONSTRAINT milestones_pkey PRIMARY KEY (id),
        CONSTRAINT milestones_matter_fkey FOREIGN KEY (matter_id) REFERENCES matters(id) ON DELETE CASCADE,
        CONSTRAINT milestones_completed_by_fkey FOREIGN KEY (completed_by) REFERENCES users(id),
        CONSTRAINT milestones_title_check CHECK (title_zh IS NOT NULL OR title_en IS NOT NULL)
      )`);
    await q.query(`CREATE INDEX milestones_matter_idx ON milestones (matter_id)`);
    await q.query(`CREATE INDEX milestones_completed_at_idx ON milestones (completed_at) WHERE completed_at IS NOT NULL`);

    await q.query(`
      CREATE TABLE approval_steps (
        id uuid NOT NULL,
        matter_id uuid NOT NULL,
        round integer NOT NULL,
        position integer NOT NULL,
        step_key varchar(48) NOT NULL,
        title_zh varchar(200),
        title_en varchar(200),
        role varchar(32) NOT NULL,
        authority varchar(32) NOT NULL,
        unit_id uuid NOT NULL,
        legal_authorization boolean NOT NULL,
        due_at timestamptz,
        status varchar(16) NOT NULL,
        decided_by uuid,
        decided_at timestamptz,
        comment text,
        CONSTRAINT approval_steps_pkey PRIMARY KEY (id),
        CONSTRAINT approval_steps_matter_round_position_key UNIQUE (matter_id, round, position),
        CONSTRAINT approval_steps_matter_fkey FOREIGN KEY (matter_id) REFERENCES matters(id) ON DELETE CASCADE,
        CONSTRAINT approval_steps_unit_fkey FOREIGN KEY (unit_id) REFERENCES units(id),
        CONSTRAINT approval_steps_decided_by_fkey FOREIGN KEY (decided_by) REFERENCES users(id),
        CONSTRAINT approval_steps_status_check CHECK (status IN ('pending','approved','rejected','returned','superseded'))
      )`);
    await q.query(`CREATE INDEX approval_steps_unit_status_idx ON approval_steps (unit_id, status)`);

    await q.query(`
      CREATE TABLE progress_reports (
        id uuid NOT NULL,
        matter_id uuid NOT NULL,
        target_id uuid NOT NULL,
        value numeric NOT NULL,
        as_of date NOT NULL,
        note text,
        reported_by uuid NOT NULL,
        reported_at timestamptz NOT NULL,
        CONSTRAINT progress_reports_pkey PRIMARY KEY (id),
        CONSTRAINT progress_reports_matter_fkey FOREIGN KEY (matter_id) REFERENCES matters(id) ON DELETE CASCADE,
        CONSTRAINT progress_reports_target_fkey FOREIGN KEY (target_id) REFERENCES matter_targets(id),
        CONSTRAINT progress_reports_reported_by_fkey FOREIGN KEY (reported_by) REFERENCES users(id)
      )`);
    await q.query(`CREATE INDEX progress_reports_matter_idx ON progress_reports (matter_id, as_of)`);

    await q.query(`
      CREATE TABLE evaluations (
        id uuid NOT NULL,
        matter_id uuid NOT NULL,
        round integer NOT NULL,
        evaluator_id uuid NOT NULL,
        evaluator_unit_id uuid NOT NULL,
        verdict varchar(32) NOT NULL,
        narrative text NOT NULL,
        logged_at timestamptz NOT NULL,
        CONSTRAINT evaluations_pkey PRIMARY KEY (id),
        CONSTRAINT evaluations_matter_fkey FOREIGN KEY (matter_id) REFERENCES matters(id) ON DELETE CASCADE,
        CONSTRAINT evaluations_evaluator_fkey FOREIGN KEY (evaluator_id) REFERENCES users(id),
        CONSTRAINT evaluations_evaluator_unit_fkey FOREIGN KEY (evaluator_unit_id) REFERENCES units(id),
        CONSTRAINT evaluations_verdict_check CHECK (verdict IN ('replicable','needs_adjustment','ineffective'))
      )`);
    await q.query(`CREATE INDEX evaluations_matter_idx ON evaluations (matter_id)`);

    // The audit trail: one hash chain per aggregate, append-only (enforced below).
    await q.query(`
      CREATE TABLE audit_events (
        id bigserial NOT NULL,
        aggregate_type varchar(32) NOT NULL,
        aggregate_id uuid NOT NULL,
        seq integer NOT NULL,
        type varchar(64) NOT NULL,
        actor_id uuid,
        occurred_at timestamptz NOT NULL,
        payload jsonb NOT NULL,
        prev_hash char(64) NOT NULL,
        hash char(64) NOT NULL,
        CONSTRAINT audit_events_pkey PRIMARY KEY (id),
        CONSTRAINT audit_events_aggregate_seq_key UNIQUE (aggregate_type, aggregate_id, seq),
        CONSTRAINT audit_events_seq_check CHECK (seq > 0)
      )`);
    await q.query(`
      CREATE FUNCTION audit_events_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'audit_events is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
      END
      $$`);
    await q.query(`
      CREATE TRIGGER audit_events_append_only
      BEFORE UPDATE OR DELETE ON audit_events
      FOR EACH ROW EXECUTE FUNCTION audit_events_refuse_change()`);
    await q.query(`
      CREATE TRIGGER audit_events_no_truncate
      BEFORE TRUNCATE ON audit_events
      FOR EACH STATEMENT EXECUTE FUNCTION audit_events_refuse_change()`);

    // Rows written in the same transaction as a state change; the worker relays them to queues.
    await q.query(`
      CREATE TABLE outbox (
        id bigserial NOT NULL,
        job_name varchar(64) NOT NULL,
        payload jsonb NOT NULL,
        dedupe_key varchar(200) NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        relayed_at timestamptz,
        CONSTRAINT outbox_pkey PRIMARY KEY (id),
        CONSTRAINT outbox_dedupe_key_key UNIQUE (dedupe_key)
      )`);
    await q.query(`CREATE INDEX outbox_pending_idx ON outbox (id) WHERE relayed_at IS NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE outbox`);
    await q.query(`DROP TABLE audit_events`);
    await q.query(`DROP FUNCTION audit_events_refuse_change()`);
    for (const t of [
      'evaluations',
      'progress_reports',
      'approval_steps',
      'milestones',
      'matter_risks',
      'matter_targets',
      'matter_participating_units',
      'matters',
      'batches',
      'workflow_definitions',
      'users',
      'units',
    ]) {
      await q.query(`DROP TABLE ${t}`);
    }
  }
}
