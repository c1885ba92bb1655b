import { Module } from '@nestjs/common';
import { ObservabilityModule } from '#observability';
import { WorkerMetricsController } from './worker-metrics.controller.js';

/** GET /metrics on the worker's HTTP port. Needs ConfigModule (Redis for the queue gauges). */
@Module({ imports: [ObservabilityModule], controllers: [WorkerMetricsController] })
export class WorkerMetricsModule {}
