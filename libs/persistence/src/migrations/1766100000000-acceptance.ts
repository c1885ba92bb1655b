import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Formal acceptance (签收, issue 16 item 1): the leading unit's acceptance of a matter and a
 * participating unit's of its part, each one JSON object on its row (the domain's
 * `Acceptance`: the unit, when opened and due, accepted by whom or returned with what
 * reason), null where none was asked for. It is read and written only with its matter or
 * part, so it needs no table of its own; the reform office's inbox finds returned ones
 * through the partial indexes. While one waits it is an 'acceptance' deadline.
 */
export class Acceptance1766100000000 implements MigrationInterface {
  name = 'Acceptance1766100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE matters ADD COLUMN acceptance jsonb`);
    await q.query(`ALTER TABLE matter_parts ADD COLUMN acceptance jsonb`);
    await q.query(
      `ALTER TABLE matters ADD CONSTRAINT matters_acceptance_check CHECK (acceptance IS NULL OR jsonb_typeof(acceptance) = 'object')`,
    );
    await q.query(
      `ALTER TABLE matter_parts ADD CONSTRAINT matter_parts_acceptance_check CHECK (acceptance IS NULL OR jsonb_typeof(acceptance) = 'object')`,
    );
    // the reform office's inbox: assignments returned (退回) and not yet resolved
    await q.query(
      `CREATE INDEX matters_acceptance_returned_idx ON matters (id) WHERE acceptance ? 'returnedAt' AND acceptance->>'returnedAt' IS NOT NULL`,
    );
    await q.query(
      `CREATE INDEX matter_parts_acceptance_returned_idx ON matter_parts (matter_id) WHERE acceptance ? 'returnedAt' AND acceptance->>'returnedAt' IS NOT NULL`,
    );
    await q.query(`ALTER TABLE deadlines DROP CONSTRAINT deadlines_kind_check`);
    await q.query(`
      ALTER TABLE deadlines ADD CONSTRAINT deadlines_kind_check
        CHECK (kind IN ('stage','approval_step','milestone','progress_report','urge_notice','authorization_expiry','part','instruction','order','acceptance'))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM deadlines WHERE kind = 'acceptance'`);
    await q.query(`ALTER TABLE deadlines DROP CONSTRAINT deadlines_kind_check`);
    await q.query(`
      ALTER TABLE deadlines ADD CONSTRAINT deadlines_kind_check
        CHECK (kind IN ('stage','approval_step','milestone','progress_report','urge_notice','authorization_expiry','part','instruction','order'))`);
    await q.query(`ALTER TABLE matter_parts DROP COLUMN acceptance`);
    await q.query(`ALTER TABLE matters DROP COLUMN acceptance`);
  }
}
