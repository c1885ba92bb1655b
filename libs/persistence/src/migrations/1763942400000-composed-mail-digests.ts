import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Mail is composed in a job of its own, from a template, before it is sent: a delivery
 * row starts 'pending' (to compose), or 'held' for a daily digest, then 'queued' once
 * composed. A digest is itself a delivery; the rows it gathered become 'digested'.
 * Users choose immediate mail or a daily digest at a local time of their own.
 */
export class ComposedMailDigests1763942400000 implements MigrationInterface {
  name = 'ComposedMailDigests1763942400000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE deliveries DROP CONSTRAINT deliveries_state_check`);
    await q.query(
      `ALTER TABLE deliveries ADD CONSTRAINT deliveries_state_check CHECK (state IN ('pending','held','queued','sending','sent','failed','digested'))`,
    );
    await q.query(`ALTER TABLE deliveries ADD COLUMN ical text`);
    await q.query(`ALTER TABLE deliveries ADD COLUMN digest_id uuid`);
    await q.query(`ALTER TABLE deliveries ADD CONSTRAINT deliveries_digest_fkey FOREIGN KEY (digest_id) REFERENCES deliveries(id)`);
    await q.query(`CREATE INDEX deliveries_held_idx ON deliveries (recipient_id, created_at) WHERE state = 'held'`);
    await q.query(`DROP INDEX deliveries_unsent_idx`);
    await q.query(`CREATE INDEX deliveries_unsent_idx ON deliveries (updated_at) WHERE state IN ('pending','queued','sending')`);

    await q.query(`ALTER TABLE users ADD COLUMN notification_mode varchar(16) NOT NULL DEFAULT 'immediate'`);
    await q.query(`ALTER TABLE users ADD COLUMN digest_time varchar(5) NOT NULL DEFAULT '08:30'`);
    await q.query(
      `ALTER TABLE users ADD CONSTRAINT users_notification_mode_check CHECK (notification_mode IN ('immediate','daily_digest'))`,
    );
    await q.query(`ALTER TABLE users ADD CONSTRAINT users_digest_time_check CHECK (digest_time ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$')`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE users DROP CONSTRAINT users_digest_time_check`);
    await q.query(`ALTER TABLE users DROP CONSTRAINT users_notification_mode_check`);
    await q.query(`ALTER TABLE users DROP COLUMN digest_time`);
    await q.query(`ALTER TABLE users DROP COLUMN notification_mode`);
    await q.query(`DROP INDEX deliveries_unsent_idx`);
    await q.query(`CREATE INDEX deliveries_unsent_idx ON deliveries (updated_at) WHERE state IN ('queued','sending')`);
    await q.query(`DROP INDEX deliveries_held_idx`);
    await q.query(`ALTER TABLE deliveries DROP CONSTRAINT deliveries_digest_fkey`);
    await q.query(`ALTER TABLE deliveries DROP COLUMN digest_id`);
    await q.query(`ALTER TABLE deliveries DROP COLUMN ical`);
    await q.query(`DELETE FROM deliveries WHERE state IN ('pending','held','digested')`);
    await q.query(`ALTER TABLE deliveries DROP CONSTRAINT deliveries_state_check`);
    await q.query(`ALTER TABLE deliveries ADD CONSTRAINT deliveries_state_check CHECK (state IN ('queued','sending','sent','failed'))`);
  }
}
