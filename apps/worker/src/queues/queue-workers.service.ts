import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { type Job, Worker } from 'bullmq';
import { APP_CONFIG, type AppConfig } from '#config';
import { type AnyJob, JobRegistry, QueueName } from '#queues';

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
    const concurrency: Record<QueueName, number> = {
      [QueueName.Events]: this.config.worker.concurrency,
      // firing a timer is a short transaction: more of them run side by side
      [QueueName.Timers]: this.config.worker.concurrency * 2,
      [QueueName.Mail]: this.config.worker.concurrency,
    };
    for (const name of Object.values(QueueName)) {
      const worker = new Worker(name, (job: Job) => this.registry.dispatch(job as unknown as AnyJob), {
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
