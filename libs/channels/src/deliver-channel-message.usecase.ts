import { Inject, Injectable, Logger } from '@nestjs/common';
import { UnrecoverableError } from 'bullmq';
import { APP_CONFIG, type AppConfig } from '#config';
import { type CancelReason, Db, DeliveryStore, Outbox, UnitChannelStore } from '#persistence';
import { JobName, jobIds } from '#queues';
import { ChannelSendError } from './channel-sender.js';
import { ChannelSenders } from './channel-senders.js';

export type ChannelOutcome = 'sent' | 'already_sent' | 'failed' | 'busy' | 'cancelled';

/** A transient failure, thrown so the queue retries the job with its backoff. */
export class TransientChannelError extends Error {
  override name = 'TransientChannelError';
}

interface Claimed {
  id: string;
  channel: string;
  channel_id: string | null;
  template: string;
  subject: string | null;
  text_body: string | null;
  attempts: number;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const CLAIM = `
  WITH claimed AS (
    UPDATE deliveries SET state = 'sending', attempts = attempts + 1, updated_at = now()
     WHERE id = $1 AND channel <> 'mail'
       AND (state = 'queued' OR (state = 'sending' AND updated_at < now() - $2::double precision * interval '1 millisecond'))
    RETURNING id, channel, channel_id, template, subject, text_body, attempts
  )
  SELECT * FROM claimed`;
const PREPARE_SENT = `UPDATE deliveries SET state = 'sent', sent_at = now(), last_error = NULL, updated_at = now() WHERE id = $1 AND state = 'sending' AND attempts = $2`;
const RECORD_RESPONSE = `UPDATE deliveries SET smtp_response = $2 WHERE id = $1`;
const MARK_UNSENT = `
  WITH marked AS (
    UPDATE deliveries SET state = $2, last_error = $3, smtp_response = $4, sent_at = NULL, updated_at = now()
     WHERE id = $1 AND state = $6 AND attempts = $5
    RETURNING id
  )
  SELECT * FROM marked`;

/**
 * Posts one composed delivery to its unit's group robot, the way DeliverMail sends mail: one
 * attempt at a time holds the row ('sending', fenced by its attempt number), a row left
 * 'sending' longer than any request may take is taken over, and a message is never posted
 * again once 'sent'.
 *
 * 'sent' is committed the moment the request's last byte is in the socket (the sender's
 * onRequestWritten), not when the answer is read: a worker killed while the robot answers
 * leaves the message recorded, not posted twice. Killed before, the transaction rolls back
 * and the robot never had a whole request. An error answer after the commit (a rate limit, a
 * wrong signature) takes the 'sent' back: retried when it may succeed later (45009, 130101,
 * busy, 5xx, no answer), failed for good when it cannot (a wrong key, token or signature),
 * the robot's reply kept in the delivery log and the reform office told by mail.
 *
 * A message whose reason has gone (its deadline met, moved or cancelled before it went) is
 * cancelled, as mail is; one whose channel was removed meanwhile fails, saying so.
 */
@Injectable()
export class DeliverChannelMessage {
  private readonly logger = new Logger(DeliverChannelMessage.name);
  private readonly staleMs: number;

  constructor(
    private readonly db: Db,
    private readonly outbox: Outbox,
    private readonly deliveries: DeliveryStore,
    private readonly channels: UnitChannelStore,
    private readonly senders: ChannelSenders,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.staleMs = Math.max(2 * config.robots.timeoutMs, 10_000);
  }

  async execute(deliveryId: string, options: { finalAttempt?: boolean } = {}): Promise<ChannelOutcome> {
    const row = await this.claim(deliveryId);
    if (typeof row === 'string') return row;
    if (row.subject === null || row.text_body === null)
      return this.fail(row, new ChannelSendError('permanent', 'the message was never composed'), options);
    const target = row.channel_id ? await this.channels.target(this.db, row.channel_id) : null;
    if (!target) return this.fail(row, new ChannelSendError('permanent', "the unit's robot was removed before the message went"), options);
    if (!target.enabled)
      return this.fail(row, new ChannelSendError('permanent', "the unit's robot was turned off before the message went"), options);
    const sender = this.senders.get(target.kind);
    if (!sender) return this.fail(row, new ChannelSendError('permanent', `no sender for channels of kind ${target.kind}`), options);

    const runner = this.db.dataSource.createQueryRunner();
    let response: string | null = null;
    let failure: unknown = null;
    let cancelled: CancelReason | null = null;
    const commit: { promise: Promise<void> | null; done: boolean } = { promise: null, done: false };
    try {
      try {
        await runner.connect();
        await runner.startTransaction();
        const prepared = await runner.query(PREPARE_SENT, [row.id, row.attempts], true);
        if (prepared.affected !== 1) {
          await runner.rollbackTransaction();
          return 'busy';
        }
        cancelled = await this.deliveries.invitationReason({ query: (sql, params) => runner.query(sql, params as unknown[]) }, row.id);
        if (cancelled) await runner.rollbackTransaction();
      } catch (e) {
        failure = new ChannelSendError('transient', `PostgreSQL: ${(e as Error).message}`, null, { cause: e });
      }
      if (!failure && !cancelled)
        try {
          ({ response } = await sender.send(
            { webhookUrl: target.webhookUrl, secret: target.secret },
            { title: row.subject, markdown: row.text_body },
            {
              onRequestWritten: () => {
                commit.promise = runner.commitTransaction().then(() => {
                  commit.done = true;
                });
              },
            },
          ));
        } catch (e) {
          failure = e;
        }
      if (commit.promise) await commit.promise;
      else if (!failure && !cancelled) failure = new ChannelSendError('transient', 'the request ended before it was written whole');
    } catch (e) {
      failure ??= e;
    } finally {
      if (runner.isTransactionActive) await runner.rollbackTransaction().catch(() => undefined);
      await runner.release();
    }
    if (cancelled) {
      if (!(await this.deliveries.cancelClaimed(this.db, row.id, row.attempts, cancelled))) return 'busy';
      this.logger.log(`cancelled ${row.channel} delivery ${row.id} (${row.template}) unsent: ${cancelled}`);
      return 'cancelled';
    }
    if (failure || response === null) return this.fail(row, failure, options, commit.done ? 'sent' : 'sending');
    await this.db
      .query(RECORD_RESPONSE, [row.id, response])
      .catch((e: Error) => this.logger.warn(`delivery ${row.id}: recording the robot's answer failed: ${e.message}`));
    // the webhook carries the robot's credential: logs name the channel, never its URL
    this.logger.log(`sent ${row.channel} delivery ${row.id} (${row.template}) to channel ${target.id}, attempt ${row.attempts}`);
    return 'sent';
  }

  private async claim(deliveryId: string): Promise<Claimed | Exclude<ChannelOutcome, 'sent'>> {
    if (!UUID.test(deliveryId)) throw new UnrecoverableError(`"${deliveryId}" is not a delivery id`);
    for (let round = 0; round < 2; round++) {
      const [claimed] = await this.db.query<Claimed>(CLAIM, [deliveryId, this.staleMs]);
      if (claimed) return claimed;
      const [current] = await this.db.query<{ state: string; channel: string }>('SELECT state, channel FROM deliveries WHERE id = $1', [
        deliveryId,
      ]);
      if (!current) throw new UnrecoverableError(`no delivery has id ${deliveryId}`);
      if (current.channel === 'mail') throw new UnrecoverableError(`delivery ${deliveryId} is mail, not a channel message`);
      if (current.state === 'sent') return 'already_sent';
      if (current.state === 'failed') return 'failed';
      if (current.state === 'cancelled') return 'cancelled';
      if (current.state === 'sending') return 'busy';
    }
    return 'busy';
  }

  private async fail(row: Claimed, e: unknown, options: { finalAttempt?: boolean }, from: 'sending' | 'sent' = 'sending'): Promise<never> {
    const known = e instanceof ChannelSendError ? e : new ChannelSendError('transient', (e as Error | undefined)?.message ?? String(e));
    const giveUp = known.kind === 'permanent' || options.finalAttempt === true;
    const lastError = known.kind === 'transient' && giveUp ? `gave up after attempt ${row.attempts}: ${known.message}` : known.message;
    const marked = await this.db.transaction(async (tx) => {
      const rows = await tx.query<{ id: string }>(MARK_UNSENT, [
        row.id,
        giveUp ? 'failed' : 'queued',
        lastError,
        known.answer,
        row.attempts,
        from,
      ]);
      if (giveUp && rows.length > 0)
        await this.outbox.add(tx, [
          { jobName: JobName.DeliveryFailed, payload: { deliveryId: row.id }, dedupeKey: jobIds.deliveryFailed(row.id) },
        ]);
      return rows;
    });
    if (marked.length === 0)
      this.logger.warn(
        `delivery ${row.id}: attempt ${row.attempts} outlived the stale interval and was taken over; its failure is not recorded`,
      );
    const message = `${row.channel} delivery ${row.id} (${row.template}), attempt ${row.attempts}, ${known.kind} failure: ${known.message}`;
    if (giveUp) {
      this.logger.error(message);
      throw new UnrecoverableError(message);
    }
    this.logger.warn(message);
    throw new TransientChannelError(message);
  }
}
