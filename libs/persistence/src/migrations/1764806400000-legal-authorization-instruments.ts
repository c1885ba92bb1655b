import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Legal authorization as item (14) of the 2024 Opinions puts it: "Where adjustments to
 * existing laws or administrative regulations are involved … implemented after being
 * authorized by the Standing Committee of the National People's Congress or the State
 * Council".
 *
 * - `legal_adjustment_level` / `_name`: what the matter adjusts (a law, which the NPC
 *   Standing Committee authorizes, or an administrative regulation, which the State Council
 *   authorizes) and which one; both or neither, and only on a matter that needs legal
 *   authorization. Existing rows keep both null: they named nothing.
 * - `national_approval_authority` / `_basis`: a national ministry's, regulator's or the
 *   Supreme People's Court's approval without adjusting a law, a separate condition.
 * - `authorization_instrument`: the instrument the authorizing body's decision records
 *   (title, document number, date, scope, validity), as the domain writes it; its
 *   `validUntil`, when set, is an `authorization_expiry` deadline with reminders.
 */
export class LegalAuthorizationInstruments1764806400000 implements MigrationInterface {
  name = 'LegalAuthorizationInstruments1764806400000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE matters
        ADD COLUMN legal_adjustment_level varchar(32),
        ADD COLUMN legal_adjustment_name varchar(300),
        ADD COLUMN national_approval_authority varchar(300),
        ADD COLUMN national_approval_basis text,
        ADD COLUMN authorization_instrument jsonb,
        ADD CONSTRAINT matters_legal_adjustment_level_check
          CHECK (legal_adjustment_level IS NULL OR legal_adjustment_level IN ('law','administrative_regulation')),
        ADD CONSTRAINT matters_legal_adjustment_check
          CHECK ((legal_adjustment_level IS NULL) = (legal_adjustment_name IS NULL)
             AND (legal_adjustment_level IS NULL OR requires_legal_authorization)),
        ADD CONSTRAINT matters_national_approval_check
          CHECK (national_approval_basis IS NULL OR national_approval_authority IS NOT NULL),
        ADD CONSTRAINT matters_authorization_instrument_check
          CHECK (authorization_instrument IS NULL OR (jsonb_typeof(authorization_instrument) = 'object'
             AND authorization_instrument ? 'documentNumber' AND authorization_instrument ? 'validFrom'))`);
    await q.query(`ALTER TABLE deadlines DROP CONSTRAINT deadlines_kind_check`);
    await q.query(`
      ALTER TABLE deadlines ADD CONSTRAINT deadlines_kind_check
        CHECK (kind IN ('stage','approval_step','milestone','progress_report','urge_notice','authorization_expiry'))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM deadlines WHERE kind = 'authorization_expiry'`);
    await q.query(`ALTER TABLE deadlines DROP CONSTRAINT deadlines_kind_check`);
    await q.query(`
      ALTER TABLE deadlines ADD CONSTRAINT deadlines_kind_check
        CHECK (kind IN ('stage','approval_step','milestone','progress_report','urge_notice'))`);
    await q.query(`
      ALTER TABLE matters
        DROP CONSTRAINT matters_authorization_instrument_check,
        DROP CONSTRAINT matters_national_approval_check,
        DROP CONSTRAINT matters_legal_adjustment_check,
        DROP CONSTRAINT matters_legal_adjustment_level_check,
        DROP COLUMN authorization_instrument,
        DROP COLUMN national_approval_basis,
        DROP COLUMN national_approval_authority,
        DROP COLUMN legal_adjustment_name,
        DROP COLUMN legal_adjustment_level`);
  }
}
