import { Module } from '@nestjs/common';
import { DeliveryWriter } from '#notifications';
import { WorkflowModule } from '#workflow';
import { ReportLoader } from './loaders/report-loader.js';
import { Reports } from './reports.service.js';
import { RunScheduledReport } from './schedules/run-scheduled-report.js';

const PROVIDERS = [ReportLoader, Reports, RunScheduledReport];

/** Report builders and the replication-report use cases. Needs the global Config, Persistence and Queues modules. */
@Module({ imports: [WorkflowModule], providers: [...PROVIDERS, DeliveryWriter], exports: PROVIDERS })
export class ReportsModule {}
