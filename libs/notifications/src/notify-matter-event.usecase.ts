import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '#config';
import type { ApprovalStep, MatterEvent, RecipientRef } from '#domain';
import { Db, MatterStore, type Tx } from '#persistence';
import { jobIds } from '#queues';
import { type MailKind, composePlain } from './compose-plain.js';
import { DeliveryWriter } from './delivery-writer.js';
import { loadMatterSummary } from './matter-summary.js';
import { resolveRecipients } from './recipients.js';

/**
 * Mails the people a matter event concerns: approvers when a step awaits them, the
 * responsible manager when a decision is made or an urge notice arrives, the sender
 * when a notice is acknowledged. Idempotent: one delivery per event and recipient.
 */
@Injectable()
export class NotifyMatterEvent {
  constructor(
    private readonly db: Db,
    private readonly matters: MatterStore,
    private readonly deliveries: DeliveryWriter,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async execute(matterId: string, seq: number): Promise<number> {
    return this.db.transaction(async (tx) => {
      const [row] = await tx.query<{ type: string; actor_id: string; occurred_at: Date; payload: Record<string, unknown> }>(
        `SELECT type, actor_id, occurred_at, payload FROM audit_events WHERE aggregate_type = 'matter' AND aggregate_id = $1 AND seq = $2`,
        [matterId, seq],
      );
      let written = 0;
      if (row) {
        const event = { type: row.type, actorId: row.actor_id, at: row.occurred_at.toISOString(), ...row.payload } as MatterEvent;
        const plan = await this.planFor(tx, matterId, event);
        if (plan) written = await this.send(tx, matterId, seq, plan.to, plan.mail);
      }
      await tx.execute(`UPDATE outbox SET done_at = now() WHERE dedupe_key = $1 AND done_at IS NULL`, [jobIds.matterEvent(matterId, seq)]);
      return written;
    });
  }

  private async planFor(tx: Tx, matterId: string, e: MatterEvent): Promise<{ to: RecipientRef[]; mail: MailKind } | null> {
    const approvalRequested = (step: ApprovalStep | undefined) =>
      step
        ? {
            to: [{ kind: 'unit_role' as const, unitId: step.unitId, role: step.role }],
            mail: { kind: 'approval-requested' as const, step: step.title, dueAt: step.dueAt },
          }
        : null;
    const matter = await this.matters.load(tx, matterId);
    if (!matter) return null;
    const manager: RecipientRef[] = matter.managerId
      ? [{ kind: 'user', userId: matter.managerId }]
      : [{ kind: 'unit_role', unitId: matter.leadingUnitId, role: 'manager' }];
    switch (e.type) {
      case 'matter.submitted':
        return approvalRequested(e.steps[0]);
      case 'approval.step_approved': {
        const next = matter.approvalSteps.find((s) => s.id === e.nextStepId);
        return next ? approvalRequested({ ...next, dueAt: e.nextStepDueAt }) : null;
      }
      case 'matter.approved':
        return { to: manager, mail: { kind: 'decision-made', decision: 'approved', comment: null } };
      case 'approval.step_rejected':
        return { to: manager, mail: { kind: 'decision-made', decision: 'rejected', comment: e.comment } };
      case 'approval.step_returned':
        return { to: manager, mail: { kind: 'decision-made', decision: 'returned', comment: e.comment } };
      case 'urge.sent':
        return { to: manager, mail: { kind: 'urge-notice', message: e.notice.message, dueAt: e.notice.dueAt } };
      case 'urge.acknowledged': {
        const notice = matter.urgeNotices.find((n) => n.id === e.noticeId);
        return notice ? { to: [{ kind: 'user', userId: notice.sentBy }], mail: { kind: 'urge-acknowledged', response: e.response } } : null;
      }
      default:
        return null;
    }
  }

  private async send(tx: Tx, matterId: string, seq: number, to: RecipientRef[], mail: MailKind): Promise<number> {
    const matter = await loadMatterSummary(tx, matterId);
    if (!matter) return 0;
    const recipients = await resolveRecipients(tx, to);
    const url = `${this.config.api.publicUrl}/matters/${matterId}`;
    return this.deliveries.write(
      tx,
      recipients.map((r) => ({
        deliveryKey: `${jobIds.matterEvent(matterId, seq)}.${r.userId}`,
        matterId,
        recipient: r,
        template: mail.kind,
        data: { seq, ...mail },
        mail: composePlain(mail, matter, r, url),
      })),
    );
  }
}
