import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { type Job, Worker } from 'bullmq';
import { APP_CONFIG, type AppConfig } from '#config';
import { withLogContext } from '#observability';
import { type AnyJob, JobRegistry, QueueName } from '#queues';

/** The `…Id` fields of a job's payload, for its log lines. */
const idsOf = (data: unknown): Record<string, string> =>
  Object.fromEntries(
    Object.entries((data ?? {}) as Record<string, unknown>).filter(([k, v]) => k.endsWith('Id') && typeof v === 'string'),
  ) as Record<string, string>;

/** Jobs each queue runs at once in one worker process. */
export function queueConcurrency(config: Pick<AppConfig, 'worker'>): Record<QueueName, number> {
  return {
    [QueueName.Events]: config.worker.concurrency,
    // firing a timer is a short transaction: more of them run side by side
    [QueueName.Timers]: config.worker.concurrency * 2,
    [QueueName.Mail]: config.worker.concurrency,
    // a report renders PDFs for seconds: one at a time keeps the other queues responsive
    [QueueName.Reports]: 1,
  };
}

/**
 * PostgreSQL connections one worker process can use at once: one per job in flight (a
 * job holds at most one), plus the outbox relay, the reconciler and the digest sweeper.
 * A smaller pool makes jobs queue for a connection inside the process (and time out
 * after 5 s under load) while PostgreSQL sits idle: bench/timers measured the worker at
 * half its throughput with DATABASE_POOL_MAX=10 against 40 jobs in flight.
 */
export function connectionsNeeded(config: Pick<AppConfig, 'worker'>): number {
  return Object.values(queueConcurrency(config)).reduce((a, b) => a + b, 0) + 3;
}

/**
 * One BullMQ worker per queue, each handing its jobs to the registry. On SIGTERM they
 * stop taking jobs and finish those in flight before the process exits.
 */
@Injectable()
export class QueueWorkers implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(QueueWorkers.name);
  private readonly workers: Worker[] = [];

  constructor(
    private readonly registry: JobRegistry,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    const concurrency = queueConcurrency(this.config);
    for (const name of Object.values(QueueName)) {
      // every line a job logs names its queue, id and name, and the ids it carries (matterId, deliveryId, timerId)
      const run = (job: Job) =>
        withLogContext({ queue: name, jobId: job.id, job: job.name, ...idsOf(job.data) }, () =>
          this.registry.dispatch(job as unknown as AnyJob),
        );
      const worker = new Worker(name, run, {
        connection: { url: this.config.redis.url, maxRetriesPerRequest: null },
        prefix: this.config.queues.prefix,
        concurrency: concurrency[name],
        lockDuration: this.config.queues.lockDurationMs,
        stalledInterval: this.config.queues.lockDurationMs,
      });
      worker.on('failed', (job, err) => {
        if (job && job.attemptsMade >= (job.opts.attempts ?? 1)) this.logger.error(`${name} job ${job.id} failed for good: ${err.message}`);
      });
      worker.on('error', (err) => this.logger.warn(`${name} worker: ${err.message}`));
      this.workers.push(worker);
    }
  }

  async onApplicationShutdown(signal?: string): Promise<void> {
    if (signal) this.logger.log(`${signal}: finishing the jobs in flight`);
    await Promise.all(this.workers.map((w) => w.close()));
  }
}
