import { Global, Module } from '@nestjs/common';
import type { TimerSpec } from '#domain';
import { QueuesModule } from '#queues';
import { Metrics } from './metrics.js';
import { QueueMetricsCollector } from './queue-metrics.collector.js';

const TIMER_KINDS: ReadonlyArray<TimerSpec['kind']> = ['reminder', 'escalation', 'auto_order'];

/**
 * One `Metrics` per process, and the queue gauges read from Redis at scrape time. Used by
 * the api and the worker; each serves it at GET /metrics with `renderMetrics`.
 */
@Global()
@Module({
  imports: [QueuesModule],
  providers: [Metrics, QueueMetricsCollector],
  exports: [Metrics],
})
export class ObservabilityModule {
  constructor(metrics: Metrics) {
    // A labelled series only appears once observed: start the timer series at zero so dashboards
    // and `rate()` see them before the first timer fires. Mail templates are open-ended, so the
    // mail counters appear (HELP and TYPE lines) without samples until the first mail.
    for (const kind of TIMER_KINDS) {
      metrics.timerLateness.zero({ kind });
      metrics.timersFired.labels({ kind }).inc(0);
    }
  }
}
