import { Module } from '@nestjs/common';
import { DeliveryWriter } from '#notifications';
import { WorkflowModule } from '#workflow';
import { ReportLoader } from './loaders/report-loader.js';
import { Bulletins } from './bulletins.service.js';
import { Reports } from './reports.service.js';
import { RunScheduledReport } from './schedules/run-scheduled-report.js';

const PROVIDERS = [ReportLoader, Reports, Bulletins, RunScheduledReport];

/** Report builders, the replication-report and bulletin (情况通报) use cases. Needs the global Config, Persistence and Queues modules. */
@Module({ imports: [WorkflowModule], providers: [...PROVIDERS, DeliveryWriter], exports: PROVIDERS })
export class ReportsModule {}
