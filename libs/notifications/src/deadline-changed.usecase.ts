import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '#config';
import type { DeadlineKind } from '#domain';
import { Db, DeliveryStore } from '#persistence';
import { jobIds } from '#queues';
import { DeliveryWriter } from './delivery-writer.js';
import { loadMatterRef } from './matter-ref.js';
import { type Recipient, resolveRecipients } from './recipients.js';

/**
 * A deadline moved, was met or was cancelled: whoever holds its calendar entry gets the
 * same entry again — updated (a higher SEQUENCE) or cancelled (METHOD:CANCEL) — with a
 * short mail saying what changed. Mail with an entry not yet sent was cancelled in the
 * change's own transaction, or is at send time (DeliverMail): it needs no CANCEL.
 */
@Injectable()
export class NotifyDeadlineChanged {
  constructor(
    private readonly db: Db,
    private readonly deliveries: DeliveryWriter,
    private readonly store: DeliveryStore,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async execute(deadlineId: string, version: number, change: 'moved' | 'met' | 'cancelled'): Promise<number> {
    return this.db.transaction(async (tx) => {
      const [d] = await tx.query<{ matter_id: string; kind: DeadlineKind; title_zh: string | null; title_en: string | null; due_at: Date }>(
        'SELECT matter_id, kind, title_zh, title_en, due_at FROM deadlines WHERE id = $1',
        [deadlineId],
      );
      if (!d) return 0;
      // the people whose calendars hold this deadline: they were sent (or are being sent) an entry for an earlier
      // version; an entry cancelled before it was sent needs no CANCEL (DeliveryStore), only the update of a move
      const holders = await this.store.calendarHolders(tx, deadlineId, version, change);
      if (holders.length === 0) return 0;
      const found = await loadMatterRef(tx, d.matter_id, this.config.api.publicUrl);
      if (!found) return 0;
      const recipients = await resolveRecipients(
        tx,
        holders.map((h) => ({ kind: 'user' as const, userId: h.recipient_id })),
      );
      const previous = new Map(holders.map((h) => [h.recipient_id, h.due_at]));
      const deadline = {
        kind: d.kind,
        what: { ...(d.title_zh ? { zh: d.title_zh } : {}), ...(d.title_en ? { en: d.title_en } : {}) },
        dueAt: d.due_at.toISOString(),
      };
      return this.deliveries.write(
        tx,
        recipients.map((r: Recipient) => ({
          deliveryKey: `${jobIds.deadlineChanged(deadlineId, version)}.${r.userId}`,
          matterId: d.matter_id,
          recipient: r,
          template: 'deadline-changed' as const,
          data: { matter: found.ref, deadline, change, previousDueAt: change === 'moved' ? (previous.get(r.userId) ?? null) : null },
          calendar: { deadlineId, version, method: change === 'moved' ? ('REQUEST' as const) : ('CANCEL' as const), dueAt: deadline.dueAt },
        })),
      );
    });
  }
}
