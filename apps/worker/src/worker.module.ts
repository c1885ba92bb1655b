import { Controller, Get, HttpStatus, Inject, Module, Res } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import type { Response } from 'express';
import { type AppConfig, ConfigModule } from '#config';
import { type BusinessCalendar, type Clock, calendarOutlook } from '#domain';
import { ChannelsModule } from '#channels';
import { HealthProbe } from '#health';
import { MailModule } from '#mail';
import { NotificationsModule } from '#notifications';
import { PersistenceModule } from '#persistence';
import { JobRegistry, QueuesModule } from '#queues';
import { ReportsModule } from '#reports';
import { CALENDAR, CLOCK, WorkflowModule } from '#workflow';
import { MatterEventHandler } from './events/matter-event.handler.js';
import { WorkerMetricsModule } from './metrics/worker-metrics.module.js';
import { QueueWorkers, connectionsNeeded } from './queues/queue-workers.service.js';
import { OutboxRelay } from './relay/outbox-relay.service.js';
import { ScheduledReports } from './reports/scheduled-reports.js';
import { CalendarReplanner } from './timers/calendar-replanner.service.js';
import { DeliveryPeriodsBackfiller } from './timers/delivery-periods-backfiller.service.js';
import { DigestSweeper } from './timers/digest-sweeper.service.js';
import { Reconciler } from './timers/reconciler.service.js';
import { TimerFireHandler } from './timers/timer-fire.handler.js';

@Controller('health')
class WorkerHealthController {
  constructor(
    private readonly probe: HealthProbe,
    @Inject(CALENDAR) private readonly calendar: BusinessCalendar,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Get()
  async health(@Res({ passthrough: true }) res: Response) {
    const report = await this.probe.check();
    res.status(report.status === 'ok' ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE);
    // a warning, not a failure: without next year's holiday data working-day deadlines there are provisional
    const calendar = calendarOutlook(this.calendar, this.clock.now(), CALENDAR_TIME_ZONE);
    return { ...report, checks: { ...report.checks, calendar }, warnings: calendar.message ? [calendar.message] : [] };
  }
}

/** config/calendars are mainland China's: their years turn at midnight in Beijing. */
const CALENDAR_TIME_ZONE = 'Asia/Shanghai';

/**
 * The worker: relays the outbox to queues, fires timers, turns events into mail, sends
 * mail, and puts back whatever Redis lost. Any number of workers can run at once.
 */
@Module({})
export class WorkerModule {
  static forRoot(given: AppConfig) {
    // the pool covers every job this process runs at once (DATABASE_POOL_MAX is a floor here)
    const config: AppConfig = {
      ...given,
      database: { ...given.database, poolMax: Math.max(given.database.poolMax, connectionsNeeded(given)) },
    };
    return {
      module: WorkerModule,
      imports: [
        ConfigModule.forRoot(config),
        PersistenceModule,
        QueuesModule,
        DiscoveryModule,
        WorkerMetricsModule,
        MailModule,
        ChannelsModule,
        NotificationsModule,
        ReportsModule,
        WorkflowModule,
      ],
      controllers: [WorkerHealthController],
      providers: [
        HealthProbe,
        JobRegistry,
        TimerFireHandler,
        MatterEventHandler,
        OutboxRelay,
        Reconciler,
        DigestSweeper,
        CalendarReplanner,
        DeliveryPeriodsBackfiller,
        ScheduledReports,
        QueueWorkers,
      ],
    };
  }
}
