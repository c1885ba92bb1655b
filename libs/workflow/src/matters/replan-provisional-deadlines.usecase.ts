import { Inject, Injectable, Logger } from '@nestjs/common';
import { type BusinessCalendar, type Clock, deadlinesOf, evolveAll, replanOnCalendar } from '#domain';
import { AuditLog, Db, DeadlineStore, DefinitionStore, MatterStore, Outbox, StaleVersionError } from '#persistence';
import { CALENDAR } from '../common/calendar.js';
import { CLOCK } from '../common/clock.js';
import { recordMatterEvents } from './record-matter-events.js';
import { syncMatterDeadlines } from './sync-deadlines.js';

export interface ReplanReport {
  /** Matters that had a provisional deadline. */
  checked: number;
  /** Of those, matters whose due times moved (a `deadlines.replanned` event each). */
  moved: number;
  /** Changed by a command meanwhile: their next start checks them again. */
  skipped: number;
}

/**
 * Working-day deadlines counted on weekends alone (their year had no holiday data) are
 * counted again on the calendar read at this start: when the year's data has been added
 * the due times move, as an audited system event, and their timers follow; when it has
 * not, nothing changes. Runs at every worker start; each matter in its own transaction,
 * guarded by its version, so any number of workers may run it at once.
 */
@Injectable()
export class ReplanProvisionalDeadlines {
  private readonly logger = new Logger(ReplanProvisionalDeadlines.name);

  constructor(
    private readonly db: Db,
    private readonly matters: MatterStore,
    private readonly definitions: DefinitionStore,
    private readonly audit: AuditLog,
    private readonly outbox: Outbox,
    private readonly deadlines: DeadlineStore,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(CALENDAR) private readonly calendar: BusinessCalendar,
  ) {}

  async execute(): Promise<ReplanReport> {
    const report: ReplanReport = { checked: 0, moved: 0, skipped: 0 };
    for (const { matterId } of await this.deadlines.provisionalMatters(this.db)) {
      report.checked += 1;
      try {
        if (await this.replan(matterId)) report.moved += 1;
      } catch (e) {
        if (!(e instanceof StaleVersionError)) throw e;
        report.skipped += 1;
      }
    }
    if (report.moved || report.skipped) this.logger.log(`provisional deadlines re-planned on the calendar: ${JSON.stringify(report)}`);
    return report;
  }

  private async replan(matterId: string): Promise<boolean> {
    return this.db.transaction(async (tx) => {
      // the row lock a command's UPDATE takes, even when nothing moves: the periods below are
      // rewritten (delete, insert), and the period backfill or a command may be writing them too
      await tx.query('SELECT 1 FROM matters WHERE id = $1 FOR UPDATE', [matterId]);
      const before = await this.matters.load(tx, matterId);
      if (!before) return false;
      const definition = await this.definitions.get(tx, before.workflow.definitionId);
      const now = this.clock.now();
      const keys = deadlinesOf(before, definition.body, this.calendar).map((d) => d.key);
      const event = replanOnCalendar(before, definition.body, this.calendar, keys, now);
      const after = event ? evolveAll(before, [event]) : before;
      if (event) {
        await this.matters.update(tx, before, after);
        await recordMatterEvents(tx, this.audit, this.outbox, matterId, [event]);
      }
      // also clears the flag of a due time the new data leaves where it was, and re-derives report periods
      await syncMatterDeadlines(this.deadlines, tx, after, definition, this.calendar, now);
      return event !== null;
    });
  }
}
