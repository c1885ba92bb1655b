import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '#config';
import { messageIdFor } from '#mail';
import { Outbox, type Tx } from '#persistence';
import { JobName, jobIds } from '#queues';
import type { PlainMail } from './compose-plain.js';
import type { Recipient } from './recipients.js';

export interface NewDelivery {
  /** Unique per mail: writing the same key twice writes one row and queues one job. */
  deliveryKey: string;
  matterId: string | null;
  recipient: Recipient;
  template: string;
  data: Record<string, unknown>;
  mail: PlainMail;
}

/** Writes delivery rows and, for each new one, an outbox message that becomes its send-mail job. */
@Injectable()
export class DeliveryWriter {
  constructor(
    private readonly outbox: Outbox,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async write(tx: Tx, deliveries: readonly NewDelivery[]): Promise<number> {
    if (deliveries.length === 0) return 0;
    const params: unknown[] = [];
    const rows = deliveries.map((d) => {
      params.push(
        d.deliveryKey,
        d.matterId,
        d.recipient.userId,
        d.recipient.email,
        d.template,
        d.recipient.locale,
        JSON.stringify(d.data),
        d.mail.subject,
        d.mail.text,
        messageIdFor(d.deliveryKey, this.config.smtp.from),
      );
      const n = params.length;
      return `($${n - 9}, $${n - 8}, $${n - 7}, $${n - 6}, $${n - 5}, $${n - 4}, $${n - 3}::jsonb, $${n - 2}, $${n - 1}, $${n}, 'queued')`;
    });
    const created = await tx.query<{ id: string }>(
      `INSERT INTO deliveries (delivery_key, matter_id, recipient_id, recipient_email, template, locale, data, subject, text_body, message_id, state)
       VALUES ${rows.join(', ')} ON CONFLICT (delivery_key) DO NOTHING RETURNING id`,
      params,
    );
    await this.outbox.add(
      tx,
      created.map(({ id }) => ({ jobName: JobName.SendMail, payload: { deliveryId: id }, dedupeKey: jobIds.mail(id) })),
    );
    return created.length;
  }
}
