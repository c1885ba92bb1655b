import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Deadlines and their timers, mail deliveries, urge notices, and unit heads.
 *
 * PostgreSQL is the source of truth for timers: every deadline is a versioned row and
 * every reminder or escalation a timer row whose id is the BullMQ job id. Redis only
 * holds the delayed jobs that make them fire on time; the reconciler rebuilds any
 * that go missing. A delivery row per mail, unique by its delivery key, makes sending
 * idempotent.
 */
export class DeadlinesTimersDeliveries1763856000000 implements MigrationInterface {
  name = 'DeadlinesTimersDeliveries1763856000000';

  async up(q: QueryRunner): Promise<void> {
    // level 2 of an escalation goes to the unit's head
    await q.query(`ALTER TABLE units ADD COLUMN head_user_id uuid`);
    await q.query(`ALTER TABLE units ADD CONSTRAINT units_head_user_fkey FOREIGN KEY (head_user_id) REFERENCES users(id)`);

    // when a step became current: the start of a legal-authorization wait
    await q.query(`ALTER TABLE approval_steps ADD COLUMN started_at timestamptz`);

    await q.query(`
      CREATE TABLE urge_notices (
        id uuid NOT NULL,
        matter_id uuid NOT NULL,
        message text NOT NULL,
        sent_by uuid NOT NULL,
        sent_at timestamptz NOT NULL,
        due_at timestamptz NOT NULL,
        acknowledged_at timestamptz,
        acknowledged_by uuid,
        response text,
        CONSTRAINT urge_notices_pkey PRIMARY KEY (id),
        CONSTRAINT urge_notices_matter_fkey FOREIGN KEY (matter_id) REFERENCES matters(id) ON DELETE CASCADE,
        CONSTRAINT urge_notices_sent_by_fkey FOREIGN KEY (sent_by) REFERENCES users(id),
        CONSTRAINT urge_notices_acknowledged_by_fkey FOREIGN KEY (acknowledged_by) REFERENCES users(id)
      )`);
    await q.query(`CREATE INDEX urge_notices_matter_idx ON urge_notices (matter_id)`);

    await q.query(`
      CREATE TABLE deadlines (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        matter_id uuid NOT NULL,
        key varchar(120) NOT NULL,
        kind varchar(32) NOT NULL,
        subject_id uuid,
        title_zh varchar(300),
        title_en varchar(300),
        due_at timestamptz NOT NULL,
        status varchar(16) NOT NULL,
        version integer NOT NULL DEFAULT 1,
        policy jsonb NOT NULL,
        responsible jsonb NOT NULL,
        unit_id uuid NOT NULL,
        closed_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT deadlines_pkey PRIMARY KEY (id),
        CONSTRAINT deadlines_matter_key_key UNIQUE (matter_id, key),
        CONSTRAINT deadlines_matter_fkey FOREIGN KEY (matter_id) REFERENCES matters(id) ON DELETE CASCADE,
        CONSTRAINT deadlines_unit_fkey FOREIGN KEY (unit_id) REFERENCES units(id),
        CONSTRAINT deadlines_kind_check CHECK (kind IN ('stage','approval_step','milestone','progress_report','urge_notice')),
        CONSTRAINT deadlines_status_check CHECK (status IN ('open','suspended','met','cancelled')),
        CONSTRAINT deadlines_closed_check CHECK ((status IN ('met','cancelled')) = (closed_at IS NOT NULL))
      )`);
    await q.query(`CREATE INDEX deadlines_open_due_idx ON deadlines (due_at) WHERE status = 'open'`);
    await q.query(`CREATE INDEX deadlines_unit_idx ON deadlines (unit_id, status)`);

    await q.query(`
      CREATE TABLE timers (
        id varchar(200) NOT NULL,
        deadline_id uuid NOT NULL,
        deadline_version integer NOT NULL,
        kind varchar(16) NOT NULL,
        label varchar(40) NOT NULL,
        level integer,
        fire_at timestamptz NOT NULL,
        notify jsonb NOT NULL,
        state varchar(16) NOT NULL,
        fired_at timestamptz,
        lateness_ms integer,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT timers_pkey PRIMARY KEY (id),
        CONSTRAINT timers_deadline_fkey FOREIGN KEY (deadline_id) REFERENCES deadlines(id) ON DELETE CASCADE,
        CONSTRAINT timers_kind_check CHECK (kind IN ('reminder','escalation')),
        CONSTRAINT timers_state_check CHECK (state IN ('pending','fired','skipped','cancelled'))
      )`);
    await q.query(`CREATE INDEX timers_pending_fire_idx ON timers (fire_at) WHERE state = 'pending'`);
    await q.query(`CREATE INDEX timers_deadline_idx ON timers (deadline_id)`);

    await q.query(`
      CREATE TABLE deliveries (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        delivery_key varchar(300) NOT NULL,
        matter_id uuid,
        recipient_id uuid,
        recipient_email varchar(254) NOT NULL,
        template varchar(64) NOT NULL,
        locale varchar(8) NOT NULL DEFAULT 'zh-CN',
        data jsonb NOT NULL,
        subject varchar(500),
        text_body text,
        html_body text,
        message_id varchar(250) NOT NULL,
        state varchar(16) NOT NULL,
        attempts integer NOT NULL DEFAULT 0,
        last_error text,
        smtp_response text,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        sent_at timestamptz,
        CONSTRAINT deliveries_pkey PRIMARY KEY (id),
        CONSTRAINT deliveries_delivery_key_key UNIQUE (delivery_key),
        CONSTRAINT deliveries_matter_fkey FOREIGN KEY (matter_id) REFERENCES matters(id) ON DELETE SET NULL,
        CONSTRAINT deliveries_recipient_fkey FOREIGN KEY (recipient_id) REFERENCES users(id),
        CONSTRAINT deliveries_state_check CHECK (state IN ('queued','sending','sent','failed'))
      )`);
    await q.query(`CREATE INDEX deliveries_matter_idx ON deliveries (matter_id, created_at)`);
    await q.query(`CREATE INDEX deliveries_recipient_idx ON deliveries (recipient_id, created_at)`);
    await q.query(`CREATE INDEX deliveries_unsent_idx ON deliveries (updated_at) WHERE state IN ('queued','sending')`);

    // an outbox row may ask for its job at a later time (timers), or for a queued job to be removed
    await q.query(`ALTER TABLE outbox ADD COLUMN deliver_at timestamptz`);
    await q.query(`ALTER TABLE outbox ADD COLUMN op varchar(8) NOT NULL DEFAULT 'add'`);
    await q.query(`ALTER TABLE outbox ADD CONSTRAINT outbox_op_check CHECK (op IN ('add','remove'))`);
    // set by the handler of an event job: a relayed event not done whose job Redis lost is relayed again
    await q.query(`ALTER TABLE outbox ADD COLUMN done_at timestamptz`);
    await q.query(
      `CREATE INDEX outbox_events_undone_idx ON outbox (relayed_at) WHERE done_at IS NULL AND relayed_at IS NOT NULL AND job_name = 'matter-event'`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX outbox_events_undone_idx`);
    await q.query(`ALTER TABLE outbox DROP COLUMN done_at`);
    await q.query(`ALTER TABLE outbox DROP CONSTRAINT outbox_op_check`);
    await q.query(`ALTER TABLE outbox DROP COLUMN op`);
    await q.query(`ALTER TABLE outbox DROP COLUMN deliver_at`);
    await q.query(`DROP TABLE deliveries`);
    await q.query(`DROP TABLE timers`);
    await q.query(`DROP TABLE deadlines`);
    await q.query(`DROP TABLE urge_notices`);
    await q.query(`ALTER TABLE approval_steps DROP COLUMN started_at`);
    await q.query(`ALTER TABLE units DROP CONSTRAINT units_head_user_fkey`);
    await q.query(`ALTER TABLE units DROP COLUMN head_user_id`);
  }
}
