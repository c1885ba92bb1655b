import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Supervision orders issued by the definition's rules (`orders.auto`, issue 16 item 2): each
 * rule that watches a deadline plans one timer of kind 'auto_order' on its version, at the
 * moment the rule issues its order (so long after the due time, or so long before it). It
 * fires as the other timers do, once, and is skipped when its deadline moved or was met.
 */
export class AutomaticOrders1766200000000 implements MigrationInterface {
  name = 'AutomaticOrders1766200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE timers DROP CONSTRAINT timers_kind_check`);
    await q.query(`ALTER TABLE timers ADD CONSTRAINT timers_kind_check CHECK (kind IN ('reminder','escalation','auto_order'))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM timers WHERE kind = 'auto_order'`);
    await q.query(`ALTER TABLE timers DROP CONSTRAINT timers_kind_check`);
    await q.query(`ALTER TABLE timers ADD CONSTRAINT timers_kind_check CHECK (kind IN ('reminder','escalation'))`);
  }
}
