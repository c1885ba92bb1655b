import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '#config';
import { type Clock, type Locale, webPaths } from '#domain';
import { Db, Outbox } from '#persistence';
import { JobName, jobIds } from '#queues';
import { CLOCK } from '#workflow';
import { deadlineUid, icalendar } from './calendar/ics.js';
import type { DeliveryData } from './delivery-writer.js';
import { renderRobotMessage } from './robot-message.js';
import { linksOnBehalfOf } from './templates/on-behalf-of.js';
import { renderTemplate } from './templates/renderer.js';
import type { TemplateName } from './templates/template-data.js';

interface PendingRow {
  id: string;
  state: string;
  channel: string;
  template: TemplateName;
  locale: Locale;
  data: DeliveryData;
  recipient_email: string;
  display_name: string | null;
  time_zone: string | null;
}

/**
 * Renders a pending delivery once — subject, plain text, HTML and its calendar entry; for a
 * unit's group robot, its title and Markdown —
 * stores the result on the row and queues its send. Sending is a job of its own, so
 * a send that is retried, or a worker killed between the two, never composes again.
 */
@Injectable()
export class ComposeMail {
  private readonly fromAddress: string;
  private readonly settingsUrl: string;

  constructor(
    private readonly db: Db,
    private readonly outbox: Outbox,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.fromAddress = /<([^>]+)>/.exec(config.smtp.from)?.[1] ?? config.smtp.from;
    this.settingsUrl = `${config.api.publicUrl}${webPaths.settings()}`;
  }

  async execute(deliveryId: string): Promise<'composed' | 'not_pending'> {
    return this.db.transaction(async (tx) => {
      const [row] = await tx.query<PendingRow>(
        `SELECT d.id, d.state, d.channel, d.template, d.locale, d.data, d.recipient_email, u.display_name, u.time_zone
         FROM deliveries d LEFT JOIN users u ON u.id = d.recipient_id WHERE d.id = $1 FOR UPDATE OF d`,
        [deliveryId],
      );
      if (!row || row.state !== 'pending') return 'not_pending' as const;
      if (row.channel !== 'mail') {
        // a unit's group robot: Markdown in the channel's language, posted by its own job
        const message = renderRobotMessage(row.template, row.data.template, row.locale);
        await tx.execute(`UPDATE deliveries SET subject = $2, text_body = $3, state = 'queued', updated_at = now() WHERE id = $1`, [
          row.id,
          message.title.slice(0, 500),
          message.markdown,
        ]);
        await this.outbox.add(tx, [
          { jobName: JobName.SendChannelMessage, payload: { deliveryId: row.id }, dedupeKey: jobIds.channel(row.id) },
        ]);
        return 'composed' as const;
      }
      const onBehalfOf = row.data.onBehalfOf ?? null;
      const recipient = {
        displayName: row.display_name ?? row.recipient_email,
        locale: row.locale,
        timeZone: row.time_zone ?? 'Asia/Shanghai',
        settingsUrl: this.settingsUrl,
        onBehalfOf: onBehalfOf?.displayName ?? null,
      };
      // a deputy's links open the matter on the absent person's behalf (?onBehalfOf=, the web app's On-Behalf-Of)
      const data = withDigestDefaults(row.template, onBehalfOf ? linksOnBehalfOf(row.data.template, onBehalfOf.userId) : row.data.template);
      const mail = renderTemplate(row.template, data as never, recipient);
      const calendar = row.data.calendar;
      const matterUrl = (data as { matter?: { url: string } | null }).matter?.url ?? '';
      const ical = calendar
        ? icalendar({
            uid: deadlineUid(calendar.deadlineId),
            sequence: calendar.version,
            method: calendar.method,
            start: calendar.dueAt,
            durationMinutes: 30,
            summary: mail.subject,
            description: mail.text,
            url: matterUrl,
            organizer: { name: 'Reformflow', email: this.fromAddress },
            attendee: { name: recipient.displayName, email: row.recipient_email },
            stamp: this.clock.now().toISOString(),
          })
        : null;
      await tx.execute(
        `UPDATE deliveries SET subject = $2, text_body = $3, html_body = $4, ical = $5, state = 'queued', updated_at = now() WHERE id = $1`,
        [row.id, mail.subject.slice(0, 500), mail.text, mail.html, ical],
      );
      await this.outbox.add(tx, [{ jobName: JobName.SendMail, payload: { deliveryId: row.id }, dedupeKey: jobIds.mail(row.id) }]);
      return 'composed' as const;
    });
  }
}

/** A digest written before its groups named an absent person (委托代理) renders as one naming none. */
function withDigestDefaults(template: string, data: unknown): unknown {
  if (template !== 'digest') return data;
  const d = data as { groups?: Array<Record<string, unknown>> };
  return { ...d, groups: (d.groups ?? []).map((g) => ({ onBehalfOf: null, ...g })) };
}
