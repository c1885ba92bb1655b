import { Inject, Injectable, Logger } from '@nestjs/common';
import { type BusinessCalendar, type Clock, TERMINAL_STAGES } from '#domain';
import { Db, DefinitionStore, MatterStore } from '#persistence';
import { CALENDAR } from '../common/calendar.js';
import { CLOCK } from '../common/clock.js';
import { syncDeliveryPeriods } from './sync-deadlines.js';

export interface BackfillReport {
  /** Open matters that had no delivery periods and now have them. */
  matters: number;
  /** Period rows written for them. */
  periods: number;
}

/** Matters per transaction: bounded locks and memory on an installation of a million matters. */
export const BACKFILL_BATCH = 500;

/**
 * Open matters saved before migration 1764374400000 have no `matter_delivery_periods`
 * rows, so the lists show them without a delivery status and `?deliveryStatus=` never
 * finds them. This writes, for each open matter with none, exactly the rows
 * `syncMatterDeadlines` would write at this instant (the same `syncDeliveryPeriods`, on
 * the matter as MatterStore loads it, its definition and the calendar of this start);
 * deadline rows and timers are left as they are. Closed, withdrawn and terminated
 * matters have no periods and get none.
 *
 * Idempotent: a matter with periods is never touched, so a second run writes nothing.
 * Any number of processes may run it at once: each batch locks its matters'
 * rows `FOR UPDATE SKIP LOCKED`, so two runs take disjoint batches, and a matter a command
 * is saving right now (its UPDATE holds the row) is skipped, that command writing its periods.
 */
@Injectable()
export class BackfillDeliveryPeriods {
  private readonly logger = new Logger(BackfillDeliveryPeriods.name);

  constructor(
    private readonly db: Db,
    private readonly matters: MatterStore,
    private readonly definitions: DefinitionStore,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(CALENDAR) private readonly calendar: BusinessCalendar,
  ) {}

  async execute(batchSize = BACKFILL_BATCH): Promise<BackfillReport> {
    const report: BackfillReport = { matters: 0, periods: 0 };
    // keyset over matter ids: each pass moves past its batch, so a skipped matter cannot stall it
    let after = '00000000-0000-0000-0000-000000000000';
    for (;;) {
      const batch = await this.db.transaction(async (tx) => {
        const candidates = await tx.query<{ id: string }>(
          `SELECT m.id FROM matters m
           WHERE m.id > $1 AND m.stage <> ALL($2::text[])
             AND NOT EXISTS (SELECT 1 FROM matter_delivery_periods p WHERE p.matter_id = m.id)
           ORDER BY m.id LIMIT $3
           FOR UPDATE OF m SKIP LOCKED`,
          [after, [...TERMINAL_STAGES], batchSize],
        );
        if (candidates.length === 0) return null;
        const ids = candidates.map((c) => c.id);
        // a command that committed after this statement's snapshot may have written them meanwhile
        const written = await tx.query<{ matter_id: string }>(
          'SELECT DISTINCT matter_id FROM matter_delivery_periods WHERE matter_id = ANY($1::uuid[])',
          [ids],
        );
        const done = new Set(written.map((w) => w.matter_id));
        const now = this.clock.now();
        let matters = 0;
        let periods = 0;
        for (const id of ids) {
          if (done.has(id)) continue;
          const matter = await this.matters.load(tx, id);
          if (!matter) continue;
          const definition = await this.definitions.get(tx, matter.workflow.definitionId);
          const n = await syncDeliveryPeriods(tx, matter, definition, this.calendar, now);
          if (n > 0) matters += 1;
          periods += n;
        }
        return { last: ids[ids.length - 1], matters, periods };
      });
      if (!batch) break;
      after = batch.last;
      report.matters += batch.matters;
      report.periods += batch.periods;
    }
    if (report.matters > 0) this.logger.log(`delivery periods backfilled for open matters that had none: ${JSON.stringify(report)}`);
    return report;
  }
}
