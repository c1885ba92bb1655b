import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `idempotency_keys`: the answers the api gave to writes sent with an Idempotency-Key, so a
 * retry of the same request by the same person answers the first answer again and writes
 * nothing (apps/api/src/http/idempotency.interceptor.ts).
 *
 * A row is claimed (INSERT … ON CONFLICT DO NOTHING, status and completed_at null) before the
 * write runs, so of two requests with one key only one runs; when the write has answered, the
 * row keeps that answer (status, ETag and Location, body). A key belongs to one person: the
 * primary key is (actor_id, key), so two people cannot collide. body_hash is the SHA-256 of
 * the body's canonical JSON: the same key with another body is refused, never replayed.
 * Rows live 24 hours from created_at; the worker's reconciler deletes older ones
 * (created_at index), and a claim treats an older row as absent.
 */
export class IdempotencyKeys1764979200000 implements MigrationInterface {
  name = 'IdempotencyKeys1764979200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE idempotency_keys (
        actor_id uuid NOT NULL,
        key varchar(255) NOT NULL,
        method varchar(8) NOT NULL,
        path text NOT NULL,
        body_hash char(64) NOT NULL,
        status smallint,
        response_headers jsonb,
        response_body jsonb,
        created_at timestamptz NOT NULL,
        completed_at timestamptz,
        CONSTRAINT idempotency_keys_pkey PRIMARY KEY (actor_id, key),
        CONSTRAINT idempotency_keys_actor_fkey FOREIGN KEY (actor_id) REFERENCES users(id) ON DELETE CASCADE,
        CONSTRAINT idempotency_keys_answer_check CHECK ((completed_at IS NULL) = (status IS NULL)),
        CONSTRAINT idempotency_keys_status_check CHECK (status BETWEEN 200 AND 499)
      )`);
    await q.query(`CREATE INDEX idempotency_keys_created_idx ON idempotency_keys (created_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE idempotency_keys`);
  }
}
