import { Inject, Injectable, Logger } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '#config';
import {
  type BusinessCalendar,
  type Clock,
  type DeadlineKind,
  type DeadlinePolicy,
  type EscalationTarget,
  type LocalizedText,
  type Responsible,
  actionForDeadline,
  applyDuration,
  autoOrderOfLabel,
  recipientsOf,
} from '#domain';
import { Db, DefinitionStore, type Tx } from '#persistence';
import { CALENDAR, CLOCK, IssueAutomaticOrder } from '#workflow';
import { DeliveryWriter, type NewDelivery } from './delivery-writer.js';
import { authorityUnitIds, loadMatterRef, withAction } from './matter-ref.js';
import { resolveRecipients } from './recipients.js';
import type { DeadlineRef, IfMissed } from './templates/template-data.js';

export type FireOutcome =
  | { outcome: 'fired'; kind: 'reminder' | 'escalation' | 'auto_order'; latenessMs: number; mails: number }
  | { outcome: 'skipped' | 'not_pending' };

interface TimerRow {
  id: string;
  kind: 'reminder' | 'escalation' | 'auto_order';
  label: string;
  level: number | null;
  state: string;
  fire_at: Date;
  notify: EscalationTarget[];
  deadline_id: string;
  deadline_version: number;
  d_version: number;
  d_status: string;
  d_kind: DeadlineKind;
  d_key: string;
  subject_id: string | null;
  matter_id: string;
  title_zh: string | null;
  title_en: string | null;
  due_at: Date;
  provisional: boolean;
  policy: DeadlinePolicy;
  responsible: Responsible;
  unit_id: string;
}

/**
 * Fires one reminder or escalation. It expects its deadline at the version it was
 * planned for and still open: a deadline met, moved or suspended since makes it do
 * nothing. Firing marks the timer and writes one delivery per recipient, once.
 */
@Injectable()
export class FireTimer {
  private readonly logger = new Logger(FireTimer.name);

  constructor(
    private readonly db: Db,
    private readonly definitions: DefinitionStore,
    private readonly deliveries: DeliveryWriter,
    private readonly autoOrders: IssueAutomaticOrder,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(CALENDAR) private readonly calendar: BusinessCalendar,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async execute(timerId: string): Promise<FireOutcome> {
    return this.db.transaction(async (tx) => {
      const [t] = await tx.query<TimerRow>(
        `SELECT t.id, t.kind, t.label, t.level, t.state, t.fire_at, t.notify, t.deadline_id, t.deadline_version,
                d.version AS d_version, d.status AS d_status, d.kind AS d_kind, d.key AS d_key, d.subject_id, d.matter_id, d.title_zh, d.title_en,
                d.due_at, d.provisional, d.policy, d.responsible, d.unit_id
         FROM timers t JOIN deadlines d ON d.id = t.deadline_id WHERE t.id = $1 FOR UPDATE OF t`,
        [timerId],
      );
      if (!t || t.state !== 'pending') return { outcome: 'not_pending' as const };
      if (t.d_version !== t.deadline_version || t.d_status !== 'open') {
        await tx.execute(`UPDATE timers SET state = 'skipped' WHERE id = $1`, [timerId]);
        return { outcome: 'skipped' as const };
      }
      const now = this.clock.now();
      const latenessMs = Math.max(0, now.getTime() - t.fire_at.getTime());
      await tx.execute(`UPDATE timers SET state = 'fired', fired_at = $2, lateness_ms = $3 WHERE id = $1`, [timerId, now, latenessMs]);
      const rule = t.kind === 'auto_order' ? autoOrderOfLabel(t.label) : null;
      if (rule) {
        // the definition's rule issues its order; the order's own mail follows from its event, like any order's
        const what: LocalizedText = { ...(t.title_zh ? { zh: t.title_zh } : {}), ...(t.title_en ? { en: t.title_en } : {}) };
        const issued = await this.autoOrders.execute(tx, t.matter_id, t.d_key, what, rule);
        this.logger.log(`timer ${t.id}: automatic ${rule.colour} order on ${t.d_key}: ${issued}`);
        return { outcome: 'fired' as const, kind: t.kind, latenessMs, mails: 0 };
      }
      const mails = await this.notify(tx, t);
      return { outcome: 'fired' as const, kind: t.kind, latenessMs, mails };
    });
  }

  private async notify(tx: Tx, t: TimerRow): Promise<number> {
    const found = await loadMatterRef(tx, t.matter_id, this.config.api.publicUrl);
    if (!found) return 0;
    // every link of the mail opens the page with what the deadline asks already open
    const matter = withAction(found.ref, actionForDeadline(t.d_kind, t.d_key), t.subject_id);
    const authorities = await authorityUnitIds(tx, this.definitions, found.workflowDefinitionId);
    const refs = recipientsOf(
      { notify: t.notify },
      { responsible: t.responsible, unitId: t.unit_id },
      {
        reformOfficeUnitId: authorities.reform_office,
        leadingGroupUnitId: authorities.leading_group,
      },
    );
    const recipients = await resolveRecipients(tx, refs);
    if (recipients.length === 0)
      this.logger.warn(`timer ${t.id} of matter ${matter.code} found nobody to notify (${JSON.stringify(refs)})`);

    const { timeZone } = (await this.definitions.get(tx, found.workflowDefinitionId)).body;
    const what: LocalizedText = { ...(t.title_zh ? { zh: t.title_zh } : {}), ...(t.title_en ? { en: t.title_en } : {}) };
    const deadline: DeadlineRef = { kind: t.d_kind, what, dueAt: t.due_at.toISOString(), provisional: t.provisional };
    const ifMissed = (afterLevel: number): IfMissed | null => {
      const next = t.policy.escalation.find((l) => l.level === afterLevel + 1);
      return next
        ? { level: next.level, notify: [...next.notify], at: applyDuration(t.due_at, next.after, timeZone, this.calendar).toISOString() }
        : null;
    };
    const calendar = { deadlineId: t.deadline_id, version: t.deadline_version, method: 'REQUEST' as const, dueAt: deadline.dueAt };
    const level = t.kind === 'escalation' ? (t.level ?? 1) : null;

    let build: (userId: string) => Omit<NewDelivery, 'deliveryKey' | 'recipient' | 'matterId'>;
    if (t.d_kind === 'urge_notice' && t.subject_id) {
      const [notice] = await tx.query<{ message: string }>('SELECT message FROM urge_notices WHERE id = $1', [t.subject_id]);
      build = () => ({
        template: 'urge-acknowledgement-request',
        data: {
          matter,
          message: notice?.message ?? '',
          acknowledgeBy: deadline.dueAt,
          acknowledgeUrl: matter.url,
          level,
          notify: level === null ? null : [...t.notify],
          ifMissed: ifMissed(level ?? 0),
        },
        calendar,
      });
    } else if (t.kind === 'reminder') {
      build = () => ({
        template: 'deadline-reminder',
        data: { matter, deadline, offset: offsetOf(t.label), ifMissed: ifMissed(0) },
        calendar,
      });
    } else {
      build = () => ({
        template: 'deadline-escalation',
        data: { matter, deadline, level: level ?? 1, notify: [...t.notify], next: ifMissed(level ?? 1) },
        calendar,
      });
    }
    const mails = await this.deliveries.write(
      tx,
      recipients.map((r) => ({ deliveryKey: `${t.id}.${r.userId}`, matterId: matter.id, recipient: r, ...build(r.userId) })),
    );
    // the deadline's unit reads it in its group too, once per robot, whoever of its people got mail
    await this.deliveries.writeToUnitChannels(tx, t.id, [t.unit_id], { matterId: matter.id, ...build('') });
    return mails;
  }
}

/** A reminder timer's label names its offset: `r-P7D` → "P7D", `r-3wd` → "3 working days". */
function offsetOf(label: string): string {
  const offset = label.replace(/^r-/, '');
  const working = /^(\d+)wd$/.exec(offset);
  return working ? `${working[1]} working days` : offset;
}
