import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
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
 * same upsert, which is idempotent; the run itself is stored once per period.
 */
@Injectable()
export class ScheduledReports implements OnApplicationBootstrap {
  private readonly logger = new Logger(ScheduledReports.name);

  constructor(
    private readonly runner: RunScheduledReport,
    private readonly queues: Queues,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const schedules = this.runner.schedules();
    const queue = this.queues.get(QueueName.Reports);
    const { attempts, backoff, removeOnComplete, removeOnFail } = JOB_OPTIONS[QueueName.Reports];
    for (const s of schedules) {
      await queue.upsertJobScheduler(
        s.key,
        { pattern: s.cron, tz: s.timeZone },
        { name: JobName.ScheduledReport, data: { scheduleKey: s.key }, opts: { attempts, backoff, removeOnComplete, removeOnFail } },
      );
    }
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
