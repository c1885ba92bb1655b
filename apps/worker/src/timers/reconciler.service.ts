import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { Redis } from 'ioredis';
import { APP_CONFIG, type AppConfig } from '#config';
import { Metrics } from '#observability';
import { Db, IdempotencyKeyStore } from '#persistence';
import { JOB_OPTIONS, JobName, QueueName, Queues, jobIds } from '#queues';

const PAGE = 1_000;

export interface ReconcileReport {
  timers: number;
  mails: number;
  events: number;
}

/**
 * PostgreSQL is the source of truth; Redis only makes jobs run on time. On start and
 * every RECONCILE_INTERVAL this puts back every job Redis should hold and does not:
 * pending timers due within the horizon (which is also how far-future timers reach
 * Redis at all), unsent mail deliveries, and relayed events not yet handled. After
 * Redis loses its data, nothing is lost: it runs late by at most one interval.
 * Each pass also prunes what is kept only for a while: relayed outbox rows, expired
 * Idempotency-Key answers. A Redis lock lets one worker do each pass; a flushed Redis loses the lock too, and
 * the next pass takes it again.
 */
@Injectable()
export class Reconciler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(Reconciler.name);
  private readonly redis: Redis;
  private interval: NodeJS.Timeout | null = null;
  private running: Promise<unknown> | null = null;
  private readonly token = randomUUID();

  constructor(
    private readonly db: Db,
    private readonly idempotencyKeys: IdempotencyKeyStore,
    private readonly queues: Queues,
    private readonly metrics: Metrics,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.redis = new Redis(config.redis.url, { lazyConnect: true, maxRetriesPerRequest: 2 });
    this.redis.on('error', () => undefined); // each pass reports its own failure
  }

  onApplicationBootstrap(): void {
    this.tick();
    this.interval = setInterval(() => this.tick(), this.config.queues.reconcileIntervalMs);
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.interval) clearInterval(this.interval);
    await this.running;
    this.redis.disconnect();
  }

  private tick(): void {
    if (this.running) return;
    this.running = this.runOnce()
      .then((r) => {
        if (r && r.timers + r.mails + r.events > 0) this.logger.warn(`re-queued jobs missing from Redis: ${JSON.stringify(r)}`);
      })
      .catch((e: Error) => this.logger.error(`reconcile pass failed: ${e.message}`))
      .finally(() => (this.running = null));
  }

  /** One pass, if this worker holds the lock; null when another worker does this pass. */
  async runOnce(): Promise<ReconcileReport | null> {
    if (this.redis.status === 'wait') await this.redis.connect();
    const lock = `${this.config.queues.prefix}:reconcile-lock`;
    const ttl = Math.max(1_000, Math.floor(this.config.queues.reconcileIntervalMs * 0.9));
    if ((await this.redis.set(lock, this.token, 'PX', ttl, 'NX')) !== 'OK') return null;
    const report = { timers: await this.timers(), mails: await this.mails(), events: await this.events() };
    this.metrics.reconcilerRepaired.inc(report.timers);
    await this.pruneOutbox();
    // answers kept for Idempotency-Key retries live 24 hours (a claim already ignores older ones)
    await this.idempotencyKeys.purgeExpired(this.db, new Date());
    return report;
  }

  /** Outbox rows are only needed until relayed (and, for events, handled): a week later they go, a bounded batch per pass. */
  private async pruneOutbox(): Promise<void> {
    await this.db.execute(
      `DELETE FROM outbox WHERE id IN (
         SELECT id FROM outbox WHERE relayed_at < now() - interval '7 days' AND (job_name <> 'matter-event' OR done_at IS NOT NULL) LIMIT 10000)`,
    );
  }

  private async timers(): Promise<number> {
    let repaired = 0;
    let after: { fire_at: Date; id: string } | null = null;
    const until = new Date(Date.now() + this.config.queues.timerHorizonMs);
    for (;;) {
      const rows: Array<{ id: string; fire_at: Date }> = await this.db.query(
        `SELECT id, fire_at FROM timers WHERE state = 'pending' AND fire_at <= $1
           AND ($2::timestamptz IS NULL OR (fire_at, id) > ($2::timestamptz, $3::text))
         ORDER BY fire_at, id LIMIT ${PAGE}`,
        [until, after?.fire_at ?? null, after?.id ?? ''],
      );
      if (rows.length === 0) return repaired;
      const missing = await this.missing(
        QueueName.Timers,
        rows.map((r) => r.id),
      );
      const now = Date.now();
      const jobs = rows
        .filter((r) => missing.has(r.id))
        .map((r) => ({
          name: JobName.TimerFire,
          data: { timerId: r.id },
          opts: { ...JOB_OPTIONS[QueueName.Timers], jobId: r.id, delay: Math.max(0, r.fire_at.getTime() - now) },
        }));
      if (jobs.length) await this.queues.get(QueueName.Timers).addBulk(jobs);
      repaired += jobs.length;
      if (rows.length < PAGE) return repaired;
      after = rows[rows.length - 1];
    }
  }

  /** Deliveries still to compose (their compose job) or to send (their send job). */
  private async mails(): Promise<number> {
    const rows = await this.db.query<{ id: string; state: string; channel: string }>(
      `SELECT id, state, channel FROM deliveries WHERE state IN ('pending', 'queued', 'sending') AND updated_at < now() - interval '5 seconds' ORDER BY updated_at LIMIT 10000`,
    );
    // a unit's group robot message is posted by its own job
    const jobOf = (r: { id: string; state: string; channel: string }) =>
      r.state === 'pending'
        ? { name: JobName.ComposeMail, data: { deliveryId: r.id }, opts: { ...JOB_OPTIONS[QueueName.Mail], jobId: jobIds.compose(r.id) } }
        : r.channel === 'mail'
          ? { name: JobName.SendMail, data: { deliveryId: r.id }, opts: { ...JOB_OPTIONS[QueueName.Mail], jobId: jobIds.mail(r.id) } }
          : {
              name: JobName.SendChannelMessage,
              data: { deliveryId: r.id },
              opts: { ...JOB_OPTIONS[QueueName.Mail], jobId: jobIds.channel(r.id) },
            };
    const jobs = rows.map(jobOf);
    const missing = await this.missing(
      QueueName.Mail,
      jobs.map((j) => j.opts.jobId),
    );
    const lost = jobs.filter((j) => missing.has(j.opts.jobId));
    if (lost.length) await this.queues.get(QueueName.Mail).addBulk(lost);
    return lost.length;
  }

  private async events(): Promise<number> {
    const rows = await this.db.query<{ dedupe_key: string; payload: { matterId: string; seq: number; type: string } }>(
      `SELECT dedupe_key, payload FROM outbox
       WHERE job_name = 'matter-event' AND done_at IS NULL AND relayed_at IS NOT NULL AND relayed_at < now() - interval '10 seconds'
       ORDER BY relayed_at LIMIT 10000`,
    );
    const missing = await this.missing(
      QueueName.Events,
      rows.map((r) => r.dedupe_key),
    );
    const jobs = rows
      .filter((r) => missing.has(r.dedupe_key))
      .map((r) => ({ name: JobName.MatterEvent, data: r.payload, opts: { ...JOB_OPTIONS[QueueName.Events], jobId: r.dedupe_key } }));
    if (jobs.length) await this.queues.get(QueueName.Events).addBulk(jobs);
    return jobs.length;
  }

  /** The job ids that have no job hash in Redis (BullMQ keeps one per job: `<prefix>:<queue>:<id>`). */
  private async missing(queue: QueueName, ids: readonly string[]): Promise<Set<string>> {
    if (ids.length === 0) return new Set();
    const pipeline = this.redis.pipeline();
    for (const id of ids) pipeline.exists(`${this.config.queues.prefix}:${queue}:${id}`);
    const results = (await pipeline.exec()) ?? [];
    return new Set(ids.filter((_, i) => results[i]?.[1] === 0));
  }
}
