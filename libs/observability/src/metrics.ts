import { Injectable } from '@nestjs/common';
import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/**
 * The Prometheus metrics of one process, in one registry. Processors record what
 * happens (mails, timers); queue gauges are read from Redis when /metrics is scraped.
 * With several worker processes, each exposes its own counters: sum them in queries.
 */
@Injectable()
export class Metrics {
  readonly registry = new Registry();

  readonly mailsSent = new Counter({
    name: 'reformflow_mails_sent_total',
    help: 'Mails accepted by the SMTP server',
    labelNames: ['template'] as const,
    registers: [this.registry],
  });

  readonly mailsFailed = new Counter({
    name: 'reformflow_mails_failed_total',
    help: 'Mail attempts that failed: transient ones are retried, permanent ones are not',
    labelNames: ['template', 'kind'] as const,
    registers: [this.registry],
  });

  readonly mailsCancelled = new Counter({
    name: 'reformflow_mails_cancelled_total',
    help: 'Mails cancelled at send time, unsent: their calendar entry lost its reason (its deadline met, cancelled or moved)',
    labelNames: ['template', 'reason'] as const,
    registers: [this.registry],
  });

  readonly timerLateness = new Histogram({
    name: 'reformflow_timer_lateness_seconds',
    help: 'Seconds between a timer’s due time and its firing',
    labelNames: ['kind'] as const,
    buckets: [0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 30, 60, 300, 900, 3600],
    registers: [this.registry],
  });

  readonly timersFired = new Counter({
    name: 'reformflow_timers_fired_total',
    help: 'Timers that fired and notified, by kind',
    labelNames: ['kind'] as const,
    registers: [this.registry],
  });

  readonly timersSkipped = new Counter({
    name: 'reformflow_timers_skipped_total',
    help: 'Timers that found their deadline met, moved or suspended, and did nothing',
    registers: [this.registry],
  });

  readonly outboxRelayed = new Counter({
    name: 'reformflow_outbox_relayed_total',
    help: 'Outbox rows moved to their queues',
    registers: [this.registry],
  });

  readonly reconcilerRepaired = new Counter({
    name: 'reformflow_reconciler_repaired_total',
    help: 'Delayed timer jobs the reconciler found missing in Redis and added again',
    registers: [this.registry],
  });

  readonly httpRequestDuration = new Histogram({
    name: 'reformflow_http_request_duration_seconds',
    help: 'HTTP requests answered, by method, route pattern (never the raw path) and status, and how long each took',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry, prefix: 'reformflow_' });
  }
}
