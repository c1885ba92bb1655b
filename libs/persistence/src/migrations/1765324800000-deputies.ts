import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `deputies` (委托代理): while `user_id` is away, from `starts_at` until `ends_at` (or until
 * `ended_at`, when the period is ended early), `deputy_id` receives their tasks and mail and acts
 * on their behalf. The rules between periods (no overlap for one person, no chains, same unit
 * and role) are checked by the domain (libs/domain/src/users/deputies.ts) under a lock on the
 * absent person's user row; the table holds what can be said of one row.
 */
export class Deputies1765324800000 implements MigrationInterface {
  name = 'Deputies1765324800000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE deputies (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL,
        deputy_id uuid NOT NULL,
        starts_at timestamptz NOT NULL,
        ends_at timestamptz NOT NULL,
        reason varchar(500) NOT NULL,
        keep_copy boolean NOT NULL DEFAULT true,
        created_by uuid NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        ended_at timestamptz,
        ended_by uuid,
        CONSTRAINT deputies_pkey PRIMARY KEY (id),
        CONSTRAINT deputies_user_fkey FOREIGN KEY (user_id) REFERENCES users(id),
        CONSTRAINT deputies_deputy_fkey FOREIGN KEY (deputy_id) REFERENCES users(id),
        CONSTRAINT deputies_created_by_fkey FOREIGN KEY (created_by) REFERENCES users(id),
        CONSTRAINT deputies_ended_by_fkey FOREIGN KEY (ended_by) REFERENCES users(id),
        CONSTRAINT deputies_not_self_check CHECK (deputy_id <> user_id),
        CONSTRAINT deputies_period_check CHECK (ends_at > starts_at),
        CONSTRAINT deputies_ended_check CHECK ((ended_at IS NULL) = (ended_by IS NULL))
      )`);
    await q.query(`CREATE INDEX deputies_user_idx ON deputies (user_id, ends_at)`);
    await q.query(`CREATE INDEX deputies_deputy_idx ON deputies (deputy_id, ends_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE deputies`);
  }
}
