import { Inject, Injectable, Logger } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '#config';
import { type Clock, type EscalationTarget, type LocalizedText, type Responsible, recipientsOf } from '#domain';
import { Db, DefinitionStore, type Tx } from '#persistence';
import { CLOCK } from '#workflow';
import { composePlain } from './compose-plain.js';
import { DeliveryWriter } from './delivery-writer.js';
import { loadMatterSummary } from './matter-summary.js';
import { resolveRecipients } from './recipients.js';

export type FireOutcome =
  { outcome: 'fired'; kind: 'reminder' | 'escalation'; latenessMs: number; mails: number } | { outcome: 'skipped' | 'not_pending' };

interface TimerRow {
  id: string;
  kind: 'reminder' | 'escalation';
  level: number | null;
  state: string;
  fire_at: Date;
  notify: EscalationTarget[];
  deadline_version: number;
  d_version: number;
  d_status: string;
  matter_id: string;
  title_zh: string | null;
  title_en: string | null;
  due_at: Date;
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
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async execute(timerId: string): Promise<FireOutcome> {
    return this.db.transaction(async (tx) => {
      const [t] = await tx.query<TimerRow>(
        `SELECT t.id, t.kind, t.level, t.state, t.fire_at, t.notify, t.deadline_version, d.version AS d_version, d.status AS d_status,
                d.matter_id, d.title_zh, d.title_en, d.due_at, d.responsible, d.unit_id
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
      const mails = await this.notify(tx, t);
      return { outcome: 'fired' as const, kind: t.kind, latenessMs, mails };
    });
  }

  private async notify(tx: Tx, t: TimerRow): Promise<number> {
    const matter = await loadMatterSummary(tx, t.matter_id);
    if (!matter) return 0;
    const definition = await this.definitions.get(tx, matter.workflowDefinitionId);
    const codes = [definition.body.authorities.reform_office, definition.body.authorities.leading_group];
    const units = await tx.query<{ id: string; code: string }>('SELECT id, code FROM units WHERE code = ANY($1)', [codes]);
    const unitOf = (code: string) => units.find((u) => u.code === code)?.id;
    const refs = recipientsOf(
      { notify: t.notify },
      { responsible: t.responsible, unitId: t.unit_id },
      {
        reformOfficeUnitId: unitOf(codes[0]),
        leadingGroupUnitId: unitOf(codes[1]),
      },
    );
    const recipients = await resolveRecipients(tx, refs);
    if (recipients.length === 0)
      this.logger.warn(`timer ${t.id} of matter ${matter.code} found nobody to notify (${JSON.stringify(refs)})`);
    const what: LocalizedText = { ...(t.title_zh ? { zh: t.title_zh } : {}), ...(t.title_en ? { en: t.title_en } : {}) };
    const dueAt = t.due_at.toISOString();
    const url = `${this.config.api.publicUrl}/matters/${matter.id}`;
    return this.deliveries.write(
      tx,
      recipients.map((r) => ({
        deliveryKey: `${t.id}.${r.userId}`,
        matterId: matter.id,
        recipient: r,
        template: t.kind === 'reminder' ? 'deadline-reminder' : 'deadline-escalation',
        data: { timerId: t.id, what, dueAt, level: t.level },
        mail: composePlain(
          t.kind === 'reminder'
            ? { kind: 'deadline-reminder', what, dueAt }
            : { kind: 'deadline-escalation', what, dueAt, level: t.level ?? 1 },
          matter,
          r,
          url,
        ),
      })),
    );
  }
}
