import { Inject, Injectable, Logger } from '@nestjs/common';
import { UnrecoverableError } from 'bullmq';
import { APP_CONFIG, type AppConfig } from '#config';
import { Metrics } from '#observability';
import { type CancelReason, Db, DeliveryStore, Outbox } from '#persistence';
import { JobName, jobIds } from '#queues';
import { MailTransport, classifySmtpError, describeSmtpError, smtpReplyOf } from './mail-transport.js';

export type DeliveryOutcome = 'sent' | 'already_sent' | 'failed' | 'busy' | 'cancelled';

export interface DeliverMailOptions {
  /** The queue will not run this job again: a transient failure now fails the delivery for good. */
  finalAttempt?: boolean;
}

interface ClaimedDelivery {
  id: string;
  delivery_key: string;
  recipient_email: string;
  locale: string;
  template: string;
  subject: string | null;
  text_body: string | null;
  html_body: string | null;
  /** The calendar entry, if the mail carries one (its METHOD says REQUEST or CANCEL). */
  ical: string | null;
  message_id: string;
  attempts: number;
  /** Files to attach, by reference to report_files. */
  attachments: Array<{ fileId: string; filename: string; contentType: string }>;
}

/** A transient failure, thrown so the queue retries the job with its backoff. */
export class TransientMailError extends Error {
  constructor(
    readonly deliveryId: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'TransientMailError';
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A row left 'sending' is taken over only after this long: a send never lasts longer (see MailTransport). */
export function staleSendingMs(smtpTimeoutMs: number): number {
  return Math.max(2 * smtpTimeoutMs, 10_000);
}

// The UPDATEs that return rows are wrapped in a SELECT: for a bare UPDATE, TypeORM's
// DataSource.query (behind Db.query) answers [rows, rowCount] instead of the rows.

// Claims the row for this attempt. Under READ COMMITTED a second claim waits for the
// first one's row lock, re-reads the row, no longer matches and claims nothing.
const CLAIM = `
  WITH claimed AS (
    UPDATE deliveries SET state = 'sending', attempts = attempts + 1, updated_at = now()
     WHERE id = $1
       AND (state = 'queued' OR (state = 'sending' AND updated_at < now() - $2::double precision * interval '1 millisecond'))
    RETURNING id, delivery_key, recipient_email, template, subject, text_body, html_body, ical, message_id, attempts, attachments
  )
  SELECT * FROM claimed`;

// Prepared before the send, inside a transaction on a held connection, fenced by the
// attempt number; committed the moment the message's terminating dot is in the socket.
const PREPARE_SENT = `
  UPDATE deliveries SET state = 'sent', sent_at = now(), last_error = NULL, updated_at = now()
   WHERE id = $1 AND state = 'sending' AND attempts = $2`;

// After the commit, best effort: the server's words for the record.
const RECORD_RESPONSE = `UPDATE deliveries SET smtp_response = $2 WHERE id = $1`;

// Fenced by the attempt number: an attempt that outlived the stale interval and was
// taken over must not put the row back to 'queued' or 'failed' under the new owner.
const MARK_UNSENT = `
  WITH marked AS (
    UPDATE deliveries SET state = $2, last_error = $3, smtp_response = $4, sent_at = NULL, updated_at = now()
     WHERE id = $1 AND state = $6 AND attempts = $5
    RETURNING id
  )
  SELECT * FROM marked`;

/**
 * Sends one delivery row: at most one worker at a time, never again once it is 'sent'.
 * Rows are written 'queued' with their subject and bodies composed; this only sends.
 *
 * A row left 'sending' is taken over after the stale interval, which is longer than any
 * send may take (MailTransport aborts a send after the SMTP timeout), so a live worker
 * is never overtaken: only one that died mid-send.
 *
 * Sent once, even when the worker is killed. Before the SMTP exchange, the row's change
 * to 'sent' is written inside a transaction on a connection this attempt holds, and it
 * is committed the moment the message's terminating dot is in the socket (SmtpSender's
 * end-of-data hook) — not when the server's 250 is read, which under load can be
 * milliseconds later, all of them a window in which a killed worker would leave an
 * accepted mail unrecorded. Killed before the dot, the transaction rolls back and the
 * server discards the unfinished message: the row stays 'sending' and goes again once
 * stale. Killed after, the kernel still delivers both the dot and the COMMIT, which
 * follows it within the same run of ticks with no I/O in between. What remains between
 * those two writes is microseconds of code, and a resend would carry the same
 * Message-ID, by which mail systems recognise duplicates.
 *
 * A refusal after the dot (the server's 4xx/5xx to the end of data), or a connection
 * lost before its reply, takes the 'sent' back (fenced by the attempt number): the mail
 * is retried or failed as usual. Each attempt holds one pooled connection for the length
 * of its send and never asks for a second while holding it, so a small pool slows sending
 * down but cannot deadlock it.
 *
 * Mail whose reason has gone is not sent. Inside the transaction that marks it sent, after
 * that mark has locked the row, its calendar entry is checked against its deadline as it
 * stands then (DeliveryStore.invitationReason): a step decided, a deadline met, moved or
 * cancelled by a command that committed at any time before makes it 'cancelled' with its
 * reason, and nothing goes out. (Such a command also cancels the mail itself when it is not
 * being sent: this check catches a send it could not see, a retry taken over, or mail
 * written after it.) A command that commits later, while this mail is on its way, finds it
 * 'sending' or 'sent' and sends its holders the CANCEL or the update.
 */
@Injectable()
export class DeliverMail {
  private readonly logger = new Logger(DeliverMail.name);
  private readonly staleMs: number;

  constructor(
    private readonly db: Db,
    private readonly outbox: Outbox,
    private readonly store: DeliveryStore,
    private readonly transport: MailTransport,
    private readonly metrics: Metrics,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.staleMs = staleSendingMs(config.smtp.timeoutMs);
  }

  async execute(deliveryId: string, options: DeliverMailOptions = {}): Promise<DeliveryOutcome> {
    const row = await this.claim(deliveryId);
    if (typeof row === 'string') return row;

    if (row.subject === null || row.text_body === null) {
      return this.fail(row, 'permanent', new Error('the delivery has no subject or text body: it was never composed'), options);
    }

    const attachments = await this.attachmentsOf(row);
    const runner = this.db.dataSource.createQueryRunner();
    let response: string | null = null;
    let failure: { error: unknown } | null = null;
    let cancelled: CancelReason | null = null;
    // set from the end-of-data hook, so kept in an object: a `let` would stay narrowed to its first value
    const commit: { promise: Promise<void> | null; done: boolean } = { promise: null, done: false };
    try {
      try {
        await runner.connect();
        await runner.startTransaction();
        const prepared = await runner.query(PREPARE_SENT, [row.id, row.attempts], true);
        if (prepared.affected !== 1) {
          // another attempt took the row over meanwhile: it is that attempt's to send
          await runner.rollbackTransaction();
          return 'busy';
        }
        // read after the mark locked the row: any decision committed before now is seen
        cancelled = await this.store.invitationReason({ query: (sql, params) => runner.query(sql, params as unknown[]) }, row.id);
        if (cancelled) await runner.rollbackTransaction();
      } catch (e) {
        // PostgreSQL failed before anything was sent: nothing to undo, try again later
        failure = { error: e };
      }
      if (!failure && !cancelled)
        try {
          ({ response } = await this.transport.send(
            {
              to: row.recipient_email,
              locale: row.locale,
              subject: row.subject,
              text: row.text_body,
              html: row.html_body,
              ...(row.ical ? { icalEvent: { method: /^METHOD:(\w+)/m.exec(row.ical)?.[1] ?? 'REQUEST', content: row.ical } } : {}),
              ...(attachments.length ? { attachments } : {}),
              messageId: row.message_id,
              headers: { 'X-Reformflow-Delivery': row.delivery_key },
            },
            // the server may accept from here on: commit now, not when its reply is read (see the class comment)
            {
              onEndOfData: () => {
                commit.promise = runner.commitTransaction().then(() => {
                  commit.done = true;
                });
              },
            },
          ));
        } catch (e) {
          failure = { error: e };
        }
      if (commit.promise) {
        await commit.promise;
      } else if (!failure && !cancelled) {
        failure = { error: new Error('the SMTP exchange ended without reaching the end of data') };
      }
    } catch (e) {
      failure ??= { error: e };
    } finally {
      if (runner.isTransactionActive) await runner.rollbackTransaction().catch(() => undefined);
      // released before a failure is recorded: recording takes a connection of its own
      await runner.release();
    }
    if (cancelled) return this.cancel(row, cancelled);
    if (failure || response === null) {
      // after a commit at end of data the row says 'sent': the server's later refusal (or silence) takes it back
      return this.fail(row, classifySmtpError(failure?.error), failure?.error, options, commit.done ? 'sent' : 'sending');
    }

    await this.db
      .query(RECORD_RESPONSE, [row.id, response])
      .catch((e: Error) => this.logger.warn(`delivery ${row.id}: recording the SMTP reply failed: ${e.message}`));

    this.metrics.mailsSent.inc({ template: row.template });
    this.logger.log(`sent delivery ${row.id} (${row.template}) to ${row.recipient_email}, attempt ${row.attempts}: ${response}`);
    return 'sent';
  }

  /** The claimed row, or what to answer when another attempt has it or had it. */
  /** The stored files the mail carries; a file that is gone is a fault of ours, not the recipient's: it fails loudly. */
  private async attachmentsOf(row: ClaimedDelivery): Promise<Array<{ filename: string; contentType: string; content: Buffer }>> {
    const refs = row.attachments ?? [];
    if (refs.length === 0) return [];
    const files = await this.db.query<{ id: string; body: Buffer }>('SELECT id, body FROM report_files WHERE id = ANY($1::uuid[])', [
      refs.map((r) => r.fileId),
    ]);
    const byId = new Map(files.map((f) => [f.id, f.body]));
    return refs.map((r) => {
      const content = byId.get(r.fileId);
      if (!content) throw new Error(`delivery ${row.id}: attachment ${r.filename} (report file ${r.fileId}) is missing`);
      return { filename: r.filename, contentType: r.contentType, content };
    });
  }

  private async claim(deliveryId: string): Promise<ClaimedDelivery | Exclude<DeliveryOutcome, 'sent'>> {
    if (!UUID.test(deliveryId)) throw new UnrecoverableError(`"${deliveryId}" is not a delivery id`);
    // twice at most: the row can go back to 'queued' between a failed claim and the read
    for (let round = 0; round < 2; round++) {
      const [claimed] = await this.db.query<ClaimedDelivery>(CLAIM, [deliveryId, this.staleMs]);
      if (claimed) return claimed;
      const [current] = await this.db.query<{ state: string }>('SELECT state FROM deliveries WHERE id = $1', [deliveryId]);
      if (!current) throw new UnrecoverableError(`no delivery has id ${deliveryId}`);
      if (current.state === 'sent') return 'already_sent';
      if (current.state === 'failed') return 'failed';
      if (current.state === 'cancelled') return 'cancelled';
      if (current.state === 'sending') return 'busy';
    }
    return 'busy';
  }

  /** The claimed row's invitation lost its reason before it was sent: cancelled, and nothing was sent. */
  private async cancel(row: ClaimedDelivery, reason: CancelReason): Promise<DeliveryOutcome> {
    if (!(await this.store.cancelClaimed(this.db, row.id, row.attempts, reason))) {
      this.logger.warn(
        `delivery ${row.id}: attempt ${row.attempts} outlived the stale interval and was taken over; its cancellation is not recorded`,
      );
      return 'busy';
    }
    this.metrics.mailsCancelled.inc({ template: row.template, reason });
    this.logger.log(`cancelled delivery ${row.id} (${row.template}) to ${row.recipient_email} unsent: ${reason}`);
    return 'cancelled';
  }

  private async fail(
    row: ClaimedDelivery,
    kind: 'transient' | 'permanent',
    e: unknown,
    options: DeliverMailOptions,
    /** What this attempt left the row as: 'sending', or 'sent' when it committed at end of data. */
    from: 'sending' | 'sent' = 'sending',
  ): Promise<never> {
    const giveUp = kind === 'permanent' || options.finalAttempt === true;
    const error = describeSmtpError(e);
    const lastError = kind === 'transient' && giveUp ? `gave up after attempt ${row.attempts}: ${error}` : error;
    // a mail failed for good is announced to the reform office, in the same transaction
    const updated = await this.db.transaction(async (tx) => {
      const marked = await tx.query<{ id: string }>(MARK_UNSENT, [
        row.id,
        giveUp ? 'failed' : 'queued',
        lastError,
        smtpReplyOf(e),
        row.attempts,
        from,
      ]);
      if (giveUp && marked.length > 0) {
        await this.outbox.add(tx, [
          { jobName: JobName.DeliveryFailed, payload: { deliveryId: row.id }, dedupeKey: jobIds.deliveryFailed(row.id) },
        ]);
      }
      return marked;
    });
    this.metrics.mailsFailed.inc({ template: row.template, kind });
    if (updated.length === 0) {
      this.logger.warn(
        `delivery ${row.id}: attempt ${row.attempts} outlived the stale interval and was taken over; its ${kind} failure is not recorded`,
      );
    }
    const message = `delivery ${row.id} (${row.template}) to ${row.recipient_email}, attempt ${row.attempts}, ${kind} failure: ${error}`;
    if (giveUp) {
      this.logger.error(message);
      throw new UnrecoverableError(message);
    }
    this.logger.warn(message);
    throw new TransientMailError(row.id, message, { cause: e });
  }
}
