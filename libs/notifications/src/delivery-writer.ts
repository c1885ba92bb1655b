import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '#config';
import { messageIdFor } from '#mail';
import { Outbox, type Tx, UnitChannelStore } from '#persistence';
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
  /** 委托代理: the absent person the mail was for, when it goes to their deputy (resolveRecipients); absent otherwise. */
  onBehalfOf?: { userId: string; displayName: string };
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
    private readonly channels: UnitChannelStore,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * The same notification for the group robots of the units whose people it was for: one
   * message per unit channel and reason, not one per person (key `<reason>.ch.<channel id>`,
   * so writing it twice writes one row), in the channel's language. Composed and sent like
   * mail (compose-mail renders it for the robot, send-channel-message posts it); a calendar
   * entry is kept only so a message whose deadline was met before it went is cancelled.
   */
  async writeToUnitChannels(
    tx: Tx,
    reasonKey: string,
    unitIds: readonly string[],
    message: { matterId: string | null; template: string; data: unknown; calendar: CalendarRef | null },
    only?: { channelId: string },
  ): Promise<number> {
    const channels = (await this.channels.enabledFor(tx, unitIds)).filter((c) => !only || c.id === only.channelId);
    if (channels.length === 0) return 0;
    const params: unknown[] = [];
    const rows = channels.map((c) => {
      const key = `${reasonKey}.ch.${c.id}`;
      params.push(
        key,
        message.matterId,
        message.template,
        c.language,
        JSON.stringify({ template: message.data, calendar: message.calendar }),
        messageIdFor(key, this.config.smtp.from),
        c.kind,
        c.id,
      );
      const n = params.length;
      return `($${n - 7}, $${n - 6}, $${n - 5}, $${n - 4}, $${n - 3}::jsonb, $${n - 2}, 'pending', $${n - 1}, $${n}::uuid)`;
    });
    const created = await tx.query<{ id: string }>(
      `INSERT INTO deliveries (delivery_key, matter_id, template, locale, data, message_id, state, channel, channel_id)
       VALUES ${rows.join(', ')} ON CONFLICT (delivery_key) DO NOTHING RETURNING id`,
      params,
    );
    await this.outbox.add(
      tx,
      created.map(({ id }) => ({ jobName: JobName.ComposeMail, payload: { deliveryId: id }, dedupeKey: jobIds.compose(id) })),
    );
    return created.length;
  }

  async write(tx: Tx, deliveries: readonly NewDelivery[]): Promise<number> {
    if (deliveries.length === 0) return 0;
    const params: unknown[] = [];
    const rows = deliveries.map((d) => {
      const state = d.recipient.notificationMode === 'daily_digest' && DIGESTIBLE.has(d.template) ? 'held' : 'pending';
      const data: DeliveryData = {
        template: d.data,
        calendar: d.calendar,
        ...(d.recipient.onBehalfOf ? { onBehalfOf: d.recipient.onBehalfOf } : {}),
      };
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

  /**
   * A matter handed to another manager: its mail to the previous manager that is not yet
   * composed (pending, or held for a digest) and was theirs as the responsible person goes
   * to the new manager instead, in the new manager's language; a held reminder goes at once
   * when the new manager does not read a digest. Mail already composed is on its way and stays.
   */
  async readdress(tx: Tx, matterId: string, fromUserId: string, toUserId: string): Promise<number> {
    const moved = await tx.query<{ id: string; was: string; state: string }>(
      `WITH old AS (
         SELECT id, state FROM deliveries
         WHERE matter_id = $1 AND recipient_id = $2 AND state IN ('pending', 'held') AND template = ANY($4::text[])
         FOR UPDATE
       )
       UPDATE deliveries d
       SET recipient_id = u.id, recipient_email = u.email, locale = u.locale, updated_at = now(),
           state = CASE WHEN old.state = 'held' AND u.notification_mode <> 'daily_digest' THEN 'pending' ELSE old.state END
       FROM old, users u
       WHERE d.id = old.id AND u.id = $3
       RETURNING d.id, old.state AS was, d.state`,
      [matterId, fromUserId, toUserId, [...RESPONSIBLE_TEMPLATES]],
    );
    // a reminder held for the previous manager's digest that now goes at once needs its compose job
    const released = moved.filter((r) => r.was === 'held' && r.state === 'pending');
    await this.outbox.add(
      tx,
      released.map(({ id }) => ({ jobName: JobName.ComposeMail, payload: { deliveryId: id }, dedupeKey: jobIds.compose(id) })),
    );
    return moved.length;
  }
}

/** Mail a matter's manager receives as the one responsible for it, which follows the matter to a new manager. */
const RESPONSIBLE_TEMPLATES: ReadonlySet<TemplateName> = new Set([
  'deadline-reminder',
  'urge-notice',
  'urge-acknowledgement-request',
  'decision-made',
]);
