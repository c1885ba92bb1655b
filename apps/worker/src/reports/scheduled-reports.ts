import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '#config';
import { HandlesJob, JOB_OPTIONS, type JobOf, JobName, QueueName, Queues } from '#queues';
import { RunScheduledReport } from '#reports';

/** The tick a scheduler job stands for: BullMQ names it `repeat:<scheduler>:<scheduled millis>`. */
export function tickOf(job: { id?: string; opts?: { prevMillis?: number } }, now: Date): Date {
  const fromId = /^repeat:[^:]+:(\d+)$/.exec(job.id ?? '')?.[1];
  if (fromId) return new Date(Number(fromId));
  if (job.opts?.prevMillis) return new Date(job.opts.prevMillis);
  return now;
}

/**
 * Keeps one BullMQ job scheduler per configured report schedule (added or changed on
 * start, removed when it leaves the file), and runs each tick. Every worker does the
 * same upsert, which is idempotent; the run itself is stored once per period. A
 * scheduler lives only in Redis: one lost with Redis's data (a FLUSHALL, a failover
 * without persistence) is put back at the next reconcile interval.
 */
@Injectable()
export class ScheduledReports implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(ScheduledReports.name);
  private interval: NodeJS.Timeout | null = null;

  constructor(
    private readonly runner: RunScheduledReport,
    private readonly queues: Queues,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.sync();
    if (this.runner.schedules().length)
      this.interval = setInterval(() => {
        this.restoreLost().catch((e: Error) => this.logger.warn(`report schedules not checked: ${e.message}`));
      }, this.config.queues.reconcileIntervalMs);
  }

  onApplicationShutdown(): void {
    if (this.interval) clearInterval(this.interval);
  }

  /** Puts back the schedulers Redis no longer has. */
  async restoreLost(): Promise<number> {
    const queue = this.queues.get(QueueName.Reports);
    let restored = 0;
    for (const s of this.runner.schedules()) {
      if (await queue.getJobScheduler(s.key)) continue;
      await this.upsert(s);
      restored += 1;
      this.logger.warn(`report schedule "${s.key}" was missing from Redis: restored`);
    }
    return restored;
  }

  private async upsert(s: ReturnType<RunScheduledReport['schedules']>[number]): Promise<void> {
    const { attempts, backoff, removeOnComplete, removeOnFail } = JOB_OPTIONS[QueueName.Reports];
    await this.queues
      .get(QueueName.Reports)
      .upsertJobScheduler(
        s.key,
        { pattern: s.cron, tz: s.timeZone },
        { name: JobName.ScheduledReport, data: { scheduleKey: s.key }, opts: { attempts, backoff, removeOnComplete, removeOnFail } },
      );
  }

  private async sync(): Promise<void> {
    const schedules = this.runner.schedules();
    const queue = this.queues.get(QueueName.Reports);
    for (const s of schedules) await this.upsert(s);
    const keys = new Set(schedules.map((s) => s.key));
    for (const existing of await queue.getJobSchedulers()) {
      if (existing.key && !keys.has(existing.key)) {
        await queue.removeJobScheduler(existing.key);
        this.logger.log(`report schedule "${existing.key}" removed: no longer configured`);
      }
    }
    if (schedules.length) this.logger.log(`report schedules: ${schedules.map((s) => `${s.key} (${s.cron} ${s.timeZone})`).join('; ')}`);
  }

  @HandlesJob(JobName.ScheduledReport)
  async run(job: JobOf<JobName.ScheduledReport> & { opts?: { prevMillis?: number } }) {
    return this.runner.execute(job.data.scheduleKey, tickOf(job, new Date()));
  }
}
