import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The web app's sign-in sessions, and what the inbox (GET /me/tasks) reads fast.
 *
 * A session row is what the browser's httpOnly cookie points at: the cookie holds a random
 * secret, the row only its SHA-256, so a copy of the table signs nobody in. Signing out or
 * changing the password revokes rows; an expired row is refused and swept.
 *
 * Deadlines say who must act in their `responsible` JSON (a user, or a unit and role); the
 * inbox asks "what is open for me", so each shape gets a partial expression index over
 * open deadlines (the inbox's SQL repeats these expressions exactly).
 */
export class WebSessionsInbox1764288000000 implements MigrationInterface {
  name = 'WebSessionsInbox1764288000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE sessions (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        secret_hash char(64) NOT NULL,
        csrf_token char(43) NOT NULL,
        user_id uuid NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        revoked_at timestamptz,
        user_agent varchar(300),
        client_address varchar(64),
        CONSTRAINT sessions_pkey PRIMARY KEY (id),
        CONSTRAINT sessions_secret_hash_key UNIQUE (secret_hash),
        CONSTRAINT sessions_user_fkey FOREIGN KEY (user_id) REFERENCES users(id) ON DELETE CASCADE,
        CONSTRAINT sessions_expiry_check CHECK (expires_at > created_at)
      )`);
    await q.query(`CREATE INDEX sessions_user_idx ON sessions (user_id) WHERE revoked_at IS NULL`);
    await q.query(`CREATE INDEX sessions_expires_idx ON sessions (expires_at)`);

    await q.query(
      `CREATE INDEX deadlines_open_responsible_user_idx ON deadlines (((responsible->>'userId')::uuid), due_at) WHERE status = 'open' AND responsible->>'kind' = 'user'`,
    );
    await q.query(
      `CREATE INDEX deadlines_open_responsible_unit_idx ON deadlines (((responsible->>'unitId')::uuid), (responsible->>'role'), due_at) WHERE status = 'open' AND responsible->>'kind' = 'unit_role'`,
    );
    // the current step of each matter in approval, by the unit that decides it ("approval steps for my unit and role")
    await q.query(
      `CREATE INDEX approval_steps_pending_unit_idx ON approval_steps (unit_id, role) WHERE status = 'pending' AND started_at IS NOT NULL`,
    );
    // "done by me": a person's own audit events, newest first
    await q.query(`CREATE INDEX audit_events_actor_idx ON audit_events (actor_id, id DESC) WHERE actor_id IS NOT NULL`);
    await q.query(`CREATE INDEX deliveries_failed_idx ON deliveries (updated_at) WHERE state = 'failed'`);
    // the reform office's "waiting for an evaluator"
    await q.query(
      `CREATE INDEX matters_awaiting_evaluator_idx ON matters (stage_due_at) WHERE stage = 'in_evaluation' AND evaluator_id IS NULL`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX matters_awaiting_evaluator_idx`);
    await q.query(`DROP INDEX deliveries_failed_idx`);
    await q.query(`DROP INDEX audit_events_actor_idx`);
    await q.query(`DROP INDEX approval_steps_pending_unit_idx`);
    await q.query(`DROP INDEX deadlines_open_responsible_unit_idx`);
    await q.query(`DROP INDEX deadlines_open_responsible_user_idx`);
    await q.query(`DROP TABLE sessions`);
  }
}
