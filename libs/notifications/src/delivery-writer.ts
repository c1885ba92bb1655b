import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '#config';
import { messageIdFor } from '#mail';
import { Outbox, type Tx } from '#persistence';
import { JobName, jobIds } from '#queues';
import type { Recipient } from './recipients.js';
import type { TemplateData, TemplateName } from './templates/template-data.js';

/** The calendar entry a mail carries: one per deadline, updated by version, cancelled when it ends. */
export interface CalendarRef {
  deadlineId: string;
  version: number;
  method: 'REQUEST' | 'CANCEL';
  dueAt: string;
}

export interface NewDelivery<N extends TemplateName = TemplateName> {
  /** Unique per mail: writing the same key twice writes one row. */
  deliveryKey: string;
  matterId: string | null;
  recipient: Recipient;
  template: N;
  data: TemplateData[N];
  calendar: CalendarRef | null;
  /** Stored report files the mail carries. */
  attachments?: ReadonlyArray<{ fileId: string; filename: string; contentType: string }>;
}

/** What a delivery row keeps in `data`: the template's data as of the event, and its calendar entry. */
export interface DeliveryData<N extends TemplateName = TemplateName> {
  template: TemplateData[N];
  calendar: CalendarRef | null;
}

/** Mail that may wait for the recipient's daily digest. Escalations and urge notices always go at once. */
export const DIGESTIBLE: ReadonlySet<TemplateName> = new Set(['deadline-reminder']);

/**
 * Writes delivery rows with their template and data, in the transaction of what
 * caused them. A row to send now starts 'pending' with a compose job behind it; a
 * reminder for someone who reads a daily digest starts 'held' until their digest.
 */
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
      const state = d.recipient.notificationMode === 'daily_digest' && DIGESTIBLE.has(d.template) ? 'held' : 'pending';
      const data: DeliveryData = { template: d.data, calendar: d.calendar };
      params.push(
        d.deliveryKey,
        d.matterId,
        d.recipient.userId,
        d.recipient.email,
        d.template,
        d.recipient.locale,
        JSON.stringify(data),
        messageIdFor(d.deliveryKey, this.config.smtp.from),
        state,
        JSON.stringify(d.attachments ?? []),
      );
      const n = params.length;
      return `($${n - 9}, $${n - 8}, $${n - 7}, $${n - 6}, $${n - 5}, $${n - 4}, $${n - 3}::jsonb, $${n - 2}, $${n - 1}, $${n}::jsonb)`;
    });
    const created = await tx.query<{ id: string; state: string }>(
      `INSERT INTO deliveries (delivery_key, matter_id, recipient_id, recipient_email, template, locale, data, message_id, state, attachments)
       VALUES ${rows.join(', ')} ON CONFLICT (delivery_key) DO NOTHING RETURNING id, state`,
      params,
    );
    await this.outbox.add(
      tx,
      created
        .filter((r) => r.state === 'pending')
        .map(({ id }) => ({ jobName: JobName.ComposeMail, payload: { deliveryId: id }, dedupeKey: jobIds.compose(id) })),
    );
    return created.length;
  }
}
