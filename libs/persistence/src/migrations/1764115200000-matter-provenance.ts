import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Where a matter comes from, as the reviewed seed files and imports carry it: the
 * document's exact words and where in it, whether the leading unit is stated there or
 * inferred, why it needs legal authorization, why it has its kind. Targets say how
 * their value is judged ("over 77%" is `above`) and quote their sentence; batches keep
 * a note on their header. Existing rows get the defaults: stated, at_least, no source.
 */
export class MatterProvenance1764115200000 implements MigrationInterface {
  name = 'MatterProvenance1764115200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE matters ADD COLUMN legal_basis text`);
    await q.query(`ALTER TABLE matters ADD COLUMN leading_unit_basis varchar(16) NOT NULL DEFAULT 'stated'`);
    await q.query(`ALTER TABLE matters ADD COLUMN kind_basis text`);
    await q.query(`ALTER TABLE matters ADD COLUMN source_document varchar(500)`);
    await q.query(`ALTER TABLE matters ADD COLUMN source_excerpt text`);
    await q.query(`ALTER TABLE matters ADD COLUMN source_locator varchar(100)`);
    await q.query(
      `ALTER TABLE matters ADD CONSTRAINT matters_leading_unit_basis_check CHECK (leading_unit_basis IN ('stated','inferred'))`,
    );
    await q.query(
      `ALTER TABLE matters ADD CONSTRAINT matters_source_check CHECK ((source_document IS NULL) = (source_excerpt IS NULL) AND (source_locator IS NULL OR source_document IS NOT NULL))`,
    );

    await q.query(`ALTER TABLE matter_targets ADD COLUMN comparison varchar(16) NOT NULL DEFAULT 'at_least'`);
    await q.query(`ALTER TABLE matter_targets ADD COLUMN source text`);
    await q.query(
      `ALTER TABLE matter_targets ADD CONSTRAINT matter_targets_comparison_check CHECK (comparison IN ('at_least','above','at_most','below'))`,
    );

    await q.query(`ALTER TABLE batches ADD COLUMN note text`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE batches DROP COLUMN note`);
    await q.query(`ALTER TABLE matter_targets DROP CONSTRAINT matter_targets_comparison_check`);
    await q.query(`ALTER TABLE matter_targets DROP COLUMN source`);
    await q.query(`ALTER TABLE matter_targets DROP COLUMN comparison`);
    await q.query(`ALTER TABLE matters DROP CONSTRAINT matters_source_check`);
    await q.query(`ALTER TABLE matters DROP CONSTRAINT matters_leading_unit_basis_check`);
    await q.query(`ALTER TABLE matters DROP COLUMN source_locator`);
    await q.query(`ALTER TABLE matters DROP COLUMN source_excerpt`);
    await q.query(`ALTER TABLE matters DROP COLUMN source_document`);
    await q.query(`ALTER TABLE matters DROP COLUMN kind_basis`);
    await q.query(`ALTER TABLE matters DROP COLUMN leading_unit_basis`);
    await q.query(`ALTER TABLE matters DROP COLUMN legal_basis`);
  }
}
