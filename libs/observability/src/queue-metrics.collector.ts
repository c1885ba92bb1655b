import { Injectable } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { Gauge } from 'prom-client';
import { type QueueName, Queues } from '#queues';
import { Metrics } from './metrics.js';

/**
 * Job states counted per queue. BullMQ 6 keeps no list of paused jobs (pausing is a flag on
 * the queue, and its jobs stay in `waiting`), so pausing is its own gauge.
 */
export const COUNTED_STATES = ['waiting', 'prioritized', 'active', 'delayed', 'failed', 'completed'] as const;
type CountedState = (typeof COUNTED_STATES)[number];

/** How long a scrape waits for Redis: a dead Redis must not make Prometheus time out on the whole target. */
export const QUEUE_COUNTS_TIMEOUT_MS = 1_000;

interface QueueReading {
  counts: Record<CountedState, number>;
  paused: boolean;
}

interface Reading {
  /** Only the queues that answered in time; the others have no samples rather than stale ones. */
  queues: Map<QueueName, QueueReading>;
  redisUp: boolean;
}

/**
 * Queue depths read from Redis when /metrics is scraped (prom-client `collect`), never
 * cached: every api and worker process reports the same numbers, so aggregate them with
 * `max by (queue, state)`, not `sum`.
 */
@Injectable()
export class QueueMetricsCollector {
  protected readonly timeoutMs: number = QUEUE_COUNTS_TIMEOUT_MS;
  /** The reading of the scrape under way, shared by its three gauges. */
  private scrape: Promise<Reading> | null = null;
  /**
   * Redis commands not yet answered, per queue. A scrape that times out leaves them
   * waiting (ioredis queues commands while it reconnects); the next scrape waits on them
   * again rather than queueing more, so a long outage does not pile up commands.
   */
  private readonly outstanding = new Map<QueueName, Promise<QueueReading>>();

  constructor(
    metrics: Metrics,
    private readonly queues: Queues,
  ) {
    const read = () => this.read();
    const jobs: Gauge<'queue' | 'state'> = new Gauge({
      name: 'reformflow_queue_jobs',
      help: 'Jobs in each queue by state, read from Redis at scrape time',
      labelNames: ['queue', 'state'] as const,
      registers: [metrics.registry],
      async collect() {
        const reading = await read();
        jobs.reset();
        for (const [queue, { counts }] of reading.queues) {
          for (const state of COUNTED_STATES) jobs.set({ queue, state }, counts[state]);
        }
      },
    });
    const paused: Gauge<'queue'> = new Gauge({
      name: 'reformflow_queue_paused',
      help: 'Whether the queue is paused (1), e.g. from Bull Board: its jobs wait until it is resumed',
      labelNames: ['queue'] as const,
      registers: [metrics.registry],
      async collect() {
        const reading = await read();
        paused.reset();
        for (const [queue, r] of reading.queues) paused.set({ queue }, r.paused ? 1 : 0);
      },
    });
    const redisUp: Gauge = new Gauge({
      name: 'reformflow_redis_up',
      help: `Whether Redis answered every queue count of this scrape within ${QUEUE_COUNTS_TIMEOUT_MS} ms (1) or not (0)`,
      registers: [metrics.registry],
      async collect() {
        redisUp.set((await read()).redisUp ? 1 : 0);
      },
    });
  }

  /** One reading per scrape: prom-client collects every metric of a registry in parallel. */
  read(): Promise<Reading> {
    this.scrape ??= this.readAll().finally(() => {
      this.scrape = null;
    });
    return this.scrape;
  }

  private async readAll(): Promise<Reading> {
    const entries = [...this.queues.all.entries()];
    const results = await Promise.allSettled(entries.map(([name, queue]) => withTimeout(this.readQueue(name, queue), this.timeoutMs)));
    const queues = new Map<QueueName, QueueReading>();
    results.forEach((result, i) => {
      if (result.status === 'fulfilled') queues.set(entries[i][0], result.value);
    });
    return { queues, redisUp: queues.size === entries.length };
  }

  private readQueue(name: QueueName, queue: Queue): Promise<QueueReading> {
    let work = this.outstanding.get(name);
    if (!work) {
      work = Promise.all([queue.getJobCounts(...COUNTED_STATES), queue.isPaused()])
        .then(([counts, isPaused]) => ({
          counts: Object.fromEntries(COUNTED_STATES.map((s) => [s, counts[s] ?? 0])) as Record<CountedState, number>,
          paused: isPaused,
        }))
        .finally(() => this.outstanding.delete(name));
      this.outstanding.set(name, work);
    }
    return work;
  }
}

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`Redis did not answer within ${ms} ms`)), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}
