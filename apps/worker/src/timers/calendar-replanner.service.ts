import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { ReplanProvisionalDeadlines } from '#workflow';

/**
 * At start, the calendar read from config/calendars may know a year it did not know
 * before: working-day deadlines counted on weekends alone for that year are counted
 * again. Deadlines still without data stay provisional and are checked at the next start.
 */
@Injectable()
export class CalendarReplanner implements OnApplicationBootstrap {
  private readonly logger = new Logger(CalendarReplanner.name);
  running: Promise<unknown> | null = null;

  constructor(private readonly replan: ReplanProvisionalDeadlines) {}

  onApplicationBootstrap(): void {
    // in the background: a start never waits on it, and a failure is logged, not fatal
    this.running = this.replan.execute().catch((e: Error) => this.logger.error(`re-planning provisional deadlines failed: ${e.message}`));
  }
}
