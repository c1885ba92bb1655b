import { Injectable } from '@nestjs/common';
import { type CancelReason, Db } from '#persistence';

export interface DeliveryLogEntry {
  id: string;
  deliveryKey: string;
  matterId: string | null;
  /** Who: a person's address for mail; none for a unit's group robot (see channel). */
  recipient: { id: string | null; email: string | null };
  /** How it went: by mail, or to a unit's 企业微信 / 钉钉 group robot. */
  channel: 'mail' | 'wecom' | 'dingtalk';
  /** The unit channel a robot message went to; null for mail, and once the channel is removed. */
  channelId: string | null;
  template: string;
  locale: string;
  state: string;
  attempts: number;
  subject: string | null;
  messageId: string;
  /** The receiving server's answer: the SMTP reply for mail, the robot's JSON answer for a group message. */
  smtpResponse: string | null;
  lastError: string | null;
  /**
   * For a cancelled delivery, why it was never sent: the deadline of its calendar entry was met
   * (a step approved, a milestone met), cancelled (a step rejected or returned, the matter
   * withdrawn) or moved (its holders are sent the moved entry instead).
   */
  cancelReason: CancelReason | null;
  /** For a reminder that went out in a daily digest: the digest's delivery. */
  digestId: string | null;
  createdAt: string;
  updatedAt: string;
  sentAt: string | null;
}

export interface DeliveryFilter {
  state?: string;
  page: number;
  pageSize: number;
}

const iso = (v: unknown) => (v ? new Date(v as string).toISOString() : null);

/** The delivery log, newest first: what was sent to whom, and what became of it. */
@Injectable()
export class DeliveryLog {
  constructor(private readonly db: Db) {}

  forMatter(matterId: string, f: DeliveryFilter): Promise<{ items: DeliveryLogEntry[]; total: number }> {
    return this.list('d.matter_id = $1', [matterId], f);
  }

  /** What went to one of a unit's group robots. */
  forChannel(channelId: string, f: DeliveryFilter): Promise<{ items: DeliveryLogEntry[]; total: number }> {
    return this.list('d.channel_id = $1', [channelId], f);
  }

  forUser(userId: string, f: DeliveryFilter): Promise<{ items: DeliveryLogEntry[]; total: number }> {
    return this.list('d.recipient_id = $1', [userId], f);
  }

  private async list(where: string, params: unknown[], f: DeliveryFilter): Promise<{ items: DeliveryLogEntry[]; total: number }> {
    const all = [...params];
    let condition = where;
    if (f.state) {
      all.push(f.state);
      condition += ` AND d.state = $${all.length}`;
    }
    const [{ total }] = await this.db.query<{ total: string }>(`SELECT count(*) AS total FROM deliveries d WHERE ${condition}`, all);
    const rows = await this.db.query<Record<string, unknown>>(
      `SELECT d.* FROM deliveries d WHERE ${condition} ORDER BY d.created_at DESC, d.id LIMIT $${all.length + 1} OFFSET $${all.length + 2}`,
      [...all, f.pageSize, (f.page - 1) * f.pageSize],
    );
    return {
      total: Number(total),
      items: rows.map((r) => ({
        id: r.id as string,
        deliveryKey: r.delivery_key as string,
        matterId: (r.matter_id as string | null) ?? null,
        recipient: { id: (r.recipient_id as string | null) ?? null, email: (r.recipient_email as string | null) ?? null },
        channel: r.channel as DeliveryLogEntry['channel'],
        channelId: (r.channel_id as string | null) ?? null,
        template: r.template as string,
        locale: r.locale as string,
        state: r.state as string,
        attempts: r.attempts as number,
        subject: (r.subject as string | null) ?? null,
        messageId: r.message_id as string,
        smtpResponse: (r.smtp_response as string | null) ?? null,
        lastError: (r.last_error as string | null) ?? null,
        cancelReason: (r.cancel_reason as CancelReason | null) ?? null,
        digestId: (r.digest_id as string | null) ?? null,
        createdAt: iso(r.created_at)!,
        updatedAt: iso(r.updated_at)!,
        sentAt: iso(r.sent_at),
      })),
    };
  }
}
