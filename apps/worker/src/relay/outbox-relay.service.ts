import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import pg from 'pg';
import type { JobsOptions } from 'bullmq';
import { APP_CONFIG, type AppConfig } from '#config';
import { Metrics } from '#observability';
import { Db, Outbox, type Tx } from '#persistence';
import { JOB_OPTIONS, QUEUE_OF, type QueueName, Queues, assertJobId, isJobName } from '#queues';

interface OutboxRow {
  id: string;
  job_name: string;
  payload: Record<string, unknown>;
  dedupe_key: string;
  deliver_at: Date | null;
  op: 'add' | 'remove';
}

const BATCH = 500;

/**
 * Moves outbox rows to their queues. Rows are claimed with FOR UPDATE SKIP LOCKED, so
 * any number of workers relay side by side without taking the same row; each job's id
 * is the row's dedupe key, so a row relayed twice (a crash between adding the job and
 * committing) is still one job. Woken by NOTIFY from the writing transaction, with a
 * polling fallback for a missed notification or a lost listening connection.
 * Timers due beyond the horizon stay in PostgreSQL: the reconciler queues them as
 * their time approaches, so Redis holds only what fires soon.
 */
@Injectable()
export class OutboxRelay implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(OutboxRelay.name);
  private listener: pg.Client | null = null;
  private poll: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private again = false;
  private stopped = false;

  constructor(
    private readonly db: Db,
    private readonly queues: Queues,
    private readonly metrics: Metrics,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.listen();
    this.poll = setInterval(() => this.kick(), this.config.queues.outboxPollMs);
    this.kick();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    if (this.poll) clearInterval(this.poll);
    await this.running;
    await this.listener?.end().catch(() => undefined);
  }

  /** Relays until the outbox is empty; a kick during a run makes it go round once more. */
  kick(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = (async () => {
      try {
        do {
          this.again = false;
          while (!this.stopped && (await this.relayBatch()) === BATCH);
        } while (this.again && !this.stopped);
      } catch (e) {
        this.logger.error(`relay failed; retrying on the next poll: ${(e as Error).message}`);
      } finally {
        this.running = null;
      }
    })();
  }

  /** Relays one batch in one transaction; returns how many rows it took. */
  async relayBatch(): Promise<number> {
    return this.db.transaction(async (tx) => {
      const rows = await tx.query<OutboxRow>(
        `SELECT id, job_name, payload, dedupe_key, deliver_at, op FROM outbox WHERE relayed_at IS NULL ORDER BY id LIMIT ${BATCH} FOR UPDATE SKIP LOCKED`,
      );
      if (rows.length === 0) return 0;
      await this.relay(rows);
      await this.markRelayed(tx, rows);
      this.metrics.outboxRelayed.inc(rows.length);
      return rows.length;
    });
  }

  private async relay(rows: OutboxRow[]): Promise<void> {
    const horizon = Date.now() + this.config.queues.timerHorizonMs;
    const adds = new Map<QueueName, Array<{ name: string; data: Record<string, unknown>; opts: JobsOptions }>>();
    for (const row of rows) {
      if (!isJobName(row.job_name)) throw new Error(`outbox row ${row.id} names an unknown job "${row.job_name}"`);
      const queue = QUEUE_OF[row.job_name];
      if (row.op === 'remove') {
        await this.queues
          .get(queue)
          .remove(String(row.payload.jobId))
          .catch(() => 0); // active jobs stay: they find their timer cancelled
        continue;
      }
      const deliverAt = row.deliver_at?.getTime() ?? null;
      if (deliverAt !== null && deliverAt > horizon) continue;
      const opts: JobsOptions = {
        ...JOB_OPTIONS[queue],
        jobId: assertJobId(row.dedupe_key),
        delay: deliverAt === null ? 0 : Math.max(0, deliverAt - Date.now()),
      };
      adds.set(queue, [...(adds.get(queue) ?? []), { name: row.job_name, data: row.payload, opts }]);
    }
    for (const [queue, jobs] of adds) await this.queues.get(queue).addBulk(jobs);
  }

  private async markRelayed(tx: Tx, rows: OutboxRow[]): Promise<void> {
    await tx.execute('UPDATE outbox SET relayed_at = now() WHERE id = ANY($1::bigint[])', [rows.map((r) => r.id)]);
  }

  private async listen(): Promise<void> {
    const client = new pg.Client({ connectionString: this.config.database.url, application_name: 'reformflow-relay' });
    client.on('notification', () => this.kick());
    client.on('error', (e) => {
      this.logger.warn(`outbox listener lost its connection (${e.message}); polling until it is back`);
      this.listener = null;
      void client.end().catch(() => undefined);
      setTimeout(() => void this.listen().catch(() => undefined), 2_000).unref();
    });
    try {
      await client.connect();
      await client.query(`LISTEN ${Outbox.CHANNEL}`);
      this.listener = client;
    } catch (e) {
      this.logger.warn(
        `cannot listen for outbox notifications (${(e as Error).message}); polling every ${this.config.queues.outboxPollMs} ms`,
      );
      await client.end().catch(() => undefined);
      if (!this.stopped) setTimeout(() => void this.listen().catch(() => undefined), 5_000).unref();
    }
  }
}
