import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { JobsOptions } from 'bullmq';
import { Redis } from 'ioredis';
import { APP_CONFIG, type AppConfig } from '#config';
import { Metrics } from '#observability';
import { Db, OutboxSignal, type Tx } from '#persistence';
import { JOB_OPTIONS, QUEUE_OF, type QueueName, Queues, assertJobId, isJobName, outboxWakeChannel } from '#queues';

interface OutboxRow {
  id: string;
  job_name: string;
  payload: Record<string, unknown>;
  dedupe_key: string;
  deliver_at: Date | null;
  op: 'add' | 'remove';
}

const BATCH = 500;
/** The first poll after rows came: soon, while they keep coming. */
const FAST_POLL_MS = 50;

/**
 * Moves outbox rows to their queues. Rows are claimed with FOR UPDATE SKIP LOCKED, so
 * any number of workers relay side by side without taking the same row; each job's id
 * is the row's dedupe key, so a row relayed twice (a crash between adding the job and
 * committing) is still one job.
 *
 * Woken after commit: by this process's own writes (OutboxSignal, no round trip) and by the
 * api's through Redis (OutboxWakePublisher). It also polls, adaptively: 50 ms after a pass
 * that found rows (more may be coming, from a writer that does not wake it, like the CLI), and
 * OUTBOX_POLL_INTERVAL after an empty one; so a wake-up lost on the way costs at most that
 * interval, and an idle relay asks PostgreSQL once per interval. No LISTEN connection: it works through PgBouncer's transaction pooling.
 * Timers due beyond the horizon stay in PostgreSQL: the reconciler queues them as
 * their time approaches, so Redis holds only what fires soon.
 */
@Injectable()
export class OutboxRelay implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(OutboxRelay.name);
  private subscriber: Redis | null = null;
  private stopLocal: (() => void) | null = null;
  private poll: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private again = false;
  private stopped = false;

  constructor(
    private readonly db: Db,
    private readonly queues: Queues,
    private readonly metrics: Metrics,
    private readonly signal: OutboxSignal,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.stopLocal = this.signal.listen(() => this.kick());
    this.subscribe();
    this.kick();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    this.stopLocal?.();
    if (this.poll) clearTimeout(this.poll);
    await this.running;
    this.subscriber?.disconnect();
  }

  /** Relays until the outbox is empty; a kick during a run makes it go round once more. */
  kick(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    if (this.poll) clearTimeout(this.poll);
    this.running = (async () => {
      let relayed = 0;
      try {
        do {
          this.again = false;
          for (;;) {
            const n = this.stopped ? 0 : await this.relayBatch();
            relayed += n;
            if (n < BATCH) break;
          }
        } while (this.again && !this.stopped);
      } catch (e) {
        this.logger.error(`relay failed; retrying on the next poll: ${(e as Error).message}`);
      } finally {
        this.running = null;
        if (!this.stopped) this.poll = setTimeout(() => this.kick(), relayed > 0 ? FAST_POLL_MS : this.config.queues.outboxPollMs);
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

  /** The api's wake-ups, on a connection of their own (a subscribed connection can do nothing else). */
  private subscribe(): void {
    const sub = new Redis(this.config.redis.url, { maxRetriesPerRequest: null, connectionName: 'reformflow-relay' });
    let warned = false;
    sub.on('error', (e) => {
      if (warned) return;
      warned = true;
      this.logger.warn(
        `outbox wake-ups lost their Redis connection (${e.message}); polling every ${this.config.queues.outboxPollMs} ms until it is back`,
      );
    });
    sub.on('ready', () => (warned = false));
    sub.on('message', () => this.kick());
    // ioredis subscribes again after a reconnect by itself
    sub.subscribe(outboxWakeChannel(this.config.queues.prefix)).catch(() => undefined);
    this.subscriber = sub;
  }
}
