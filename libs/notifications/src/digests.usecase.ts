import { Inject, Injectable, Logger } from '@nestjs/common';
import { type Clock, type LocalDate, type Locale, wallClockAt } from '#domain';
import { Db, Outbox, type Tx } from '#persistence';
import { JobName, jobIds } from '#queues';
import { CLOCK } from '#workflow';
import { type DeliveryData, DeliveryWriter } from './delivery-writer.js';
import { withOnBehalfOf } from './templates/on-behalf-of.js';
import type { TemplateData } from './templates/template-data.js';

interface Holder {
  id: string;
  email: string;
  display_name: string;
  locale: Locale;
  time_zone: string;
  notification_mode: 'immediate' | 'daily_digest';
  digest_time: string;
}

/**
 * Daily digests: each person who chose one gets, once a day at their local time, one
 * mail with the reminders held for them since, grouped by matter. The digest is a
 * delivery of its own, keyed by person and local date, so two workers sweeping at
 * once make one digest. Reminders held for someone who went back to immediate mail
 * are released to go one by one.
 */
@Injectable()
export class BuildDigests {
  private readonly logger = new Logger(BuildDigests.name);

  constructor(
    private readonly db: Db,
    private readonly deliveries: DeliveryWriter,
    private readonly outbox: Outbox,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** One sweep over everyone with held reminders; returns how many digests it made. */
  async run(): Promise<number> {
    const now = this.clock.now();
    const holders = await this.db.query<Holder>(
      `SELECT u.id, u.email, u.display_name, u.locale, u.time_zone, u.notification_mode, u.digest_time FROM users u
       WHERE EXISTS (SELECT 1 FROM deliveries d WHERE d.recipient_id = u.id AND d.state = 'held')`,
    );
    let made = 0;
    for (const h of holders) {
      if (h.notification_mode === 'immediate') {
        await this.db.transaction((tx) => this.release(tx, h.id));
        continue;
      }
      const w = wallClockAt(now, h.time_zone);
      const pad = (n: number) => String(n).padStart(2, '0');
      if (`${pad(w.hour)}:${pad(w.minute)}` < h.digest_time) continue;
      const date: LocalDate = `${w.year}-${pad(w.month)}-${pad(w.day)}`;
      if (await this.db.transaction((tx) => this.digest(tx, h, date))) made += 1;
    }
    if (made) this.logger.log(`made ${made} daily digest(s)`);
    return made;
  }

  private async digest(tx: Tx, h: Holder, date: LocalDate): Promise<boolean> {
    const held = await tx.query<{ id: string; data: DeliveryData<'deadline-reminder'> }>(
      `SELECT id, data FROM deliveries WHERE recipient_id = $1 AND state = 'held' ORDER BY created_at FOR UPDATE SKIP LOCKED`,
      [h.id],
    );
    if (held.length === 0) return false;
    const groups = new Map<string, TemplateData['digest']['groups'][number]>();
    for (const row of held) {
      const { matter, deadline, offset } = row.data.template;
      // 委托代理: a reminder held for the deputy in an absent person's place keeps saying so, its link acting for them
      const away = row.data.onBehalfOf;
      const at = `${matter.id}:${away?.userId ?? ''}`;
      const group = groups.get(at) ?? {
        matter: away ? { ...matter, url: withOnBehalfOf(matter.url, away.userId) } : matter,
        onBehalfOf: away?.displayName ?? null,
        items: [],
      };
      group.items.push({ deadline, offset });
      groups.set(at, group);
    }
    const key = `digest.${h.id}.${date}`;
    const written = await this.deliveries.write(tx, [
      {
        deliveryKey: key,
        matterId: null,
        recipient: {
          userId: h.id,
          email: h.email,
          displayName: h.display_name,
          locale: h.locale,
          timeZone: h.time_zone,
          notificationMode: 'immediate',
        },
        template: 'digest',
        data: { date, groups: [...groups.values()] },
        calendar: null,
      },
    ]);
    // today's digest went out already: what was held since waits for tomorrow's
    if (written === 0) return false;
    await tx.execute(
      `UPDATE deliveries SET state = 'digested', digest_id = (SELECT id FROM deliveries WHERE delivery_key = $2), updated_at = now() WHERE id = ANY($1::uuid[])`,
      [held.map((r) => r.id), key],
    );
    return true;
  }

  private async release(tx: Tx, userId: string): Promise<void> {
    const released = await tx.query<{ id: string }>(
      `UPDATE deliveries SET state = 'pending', updated_at = now() WHERE recipient_id = $1 AND state = 'held' RETURNING id`,
      [userId],
    );
    await this.outbox.add(
      tx,
      released.map(({ id }) => ({ jobName: JobName.ComposeMail, payload: { deliveryId: id }, dedupeKey: jobIds.compose(id) })),
    );
  }
}
