import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Indexes the benchmarks showed missing (bench/scale.ts at a million matters, bench/reports.ts).
 *
 * The matter list's default order is `updated_at DESC NULLS LAST, id`: no index gave
 * that order (matters_updated_at_idx read backwards gives DESC NULLS FIRST), so every
 * page of an unfiltered or broadly filtered list sorted every visible matter. With this
 * index a page reads its 20 rows in order and stops.
 *
 * Declared on the entity with `synchronize: false`: TypeORM cannot describe a column's
 * sort order, and would otherwise drop it.
 *
 * The statistics tell the planner which (leading unit, stage) pairs exist. Without them
 * it multiplies the two selectivities, so a unit that has no matter in a stage still
 * looks like it has some, and a filtered list walks the whole index above looking for
 * 20 rows that are not there (3 s at a million matters instead of under 1 ms). They take
 * effect at the table's next ANALYZE (autovacuum's, or run by hand after a bulk load).
 *
 * The progress report asks, for every deadline in its period, the highest escalation
 * fired so far (bench/reports.ts, 10,000 matters): one probe per deadline into all of the
 * deadline's timers. The partial index holds only fired escalations, with their level,
 * so each probe is an index-only look at a tiny index (that statement: 541 → 147 ms).
 */
export class BenchIndexes1764201600000 implements MigrationInterface {
  name = 'BenchIndexes1764201600000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX matters_updated_at_desc_idx ON matters (updated_at DESC NULLS LAST, id)`);
    await q.query(`CREATE STATISTICS matters_unit_stage_stats (mcv) ON leading_unit_id, stage FROM matters`);
    await q.query(
      `CREATE INDEX timers_fired_escalation_idx ON timers (deadline_id, fired_at) INCLUDE (level) WHERE kind = 'escalation' AND state = 'fired'`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX timers_fired_escalation_idx`);
    await q.query(`DROP STATISTICS matters_unit_stage_stats`);
    await q.query(`DROP INDEX matters_updated_at_desc_idx`);
  }
}
