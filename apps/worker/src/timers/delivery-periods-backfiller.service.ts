import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { BackfillDeliveryPeriods } from '#workflow';
import { CalendarReplanner } from './calendar-replanner.service.js';

/**
 * At start, open matters without delivery periods (saved before migration 1764374400000)
 * get them, so the lists' status column and `?deliveryStatus=` see them. After this
 * start's calendar re-planning, which rewrites the periods of the matters it touches: the
 * two never write one matter's periods at once in this process.
 */
@Injectable()
export class DeliveryPeriodsBackfiller implements OnApplicationBootstrap {
  private readonly logger = new Logger(DeliveryPeriodsBackfiller.name);
  running: Promise<unknown> | null = null;

  constructor(
    private readonly backfill: BackfillDeliveryPeriods,
    private readonly replanner: CalendarReplanner,
  ) {}

  onApplicationBootstrap(): void {
    // in the background: a start never waits on it (nor readiness), and a failure is logged, not fatal;
    // the microtask lets every bootstrap hook, the re-planner's included, run first
    this.running = Promise.resolve()
      .then(() => this.replanner.running)
      .then(() => this.backfill.execute())
      .catch((e: Error) => this.logger.error(`backfilling delivery periods failed: ${e.message}`));
  }
}
