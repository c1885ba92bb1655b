import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '#config';
import {
  type ApprovalStep,
  type BusinessCalendar,
  type DeadlineKind,
  type DeadlinePolicy,
  type LocalizedText,
  type Matter,
  type MatterEvent,
  type RecipientRef,
  type WorkflowDefinitionBody,
  applyDuration,
  orderPolicy,
  reportCadence,
  riskRank,
} from '#domain';
import { Db, DefinitionStore, MatterStore, type Tx } from '#persistence';
import { jobIds } from '#queues';
import { CALENDAR } from '#workflow';
import { type CalendarRef, DeliveryWriter, type NewDelivery } from './delivery-writer.js';
import { authorityUnitIds, loadMatterRef, withAction } from './matter-ref.js';
import { resolveRecipients } from './recipients.js';
import type { IfMissed, MatterRef } from './templates/template-data.js';

type Plan = {
  to: RecipientRef[];
  /** A further mail of the same event, to other people (a transfer's word to the unit that returned it): its keys' part after the event's. */
  key?: string;
} & Pick<NewDelivery, 'template' | 'data' | 'calendar'>;

/** The units whose people a notification is for: a unit's role or head by the unit, a person by their own unit. */
async function unitsOf(tx: Tx, refs: readonly RecipientRef[]): Promise<string[]> {
  const units = new Set<string>();
  const people: string[] = [];
  for (const ref of refs) {
    if (ref.kind === 'user') people.push(ref.userId);
    else units.add(ref.unitId);
  }
  if (people.length)
    for (const r of await tx.query<{ unit_id: string }>('SELECT unit_id FROM users WHERE id = ANY($1::uuid[])', [people]))
      units.add(r.unit_id);
  return [...units];
}

/**
 * Mails the people a matter event concerns: approvers when a step awaits them, the
 * responsible manager when a decision is made or an urge notice arrives, the sender
 * when a notice is acknowledged, the evaluator when assigned, the manager and the
 * reform office when an evaluation is logged, the reform office when a risk rises to high or critical,
 * the reform office when a unit returns what it was given (退回) and that unit, or the one it went to,
 * when the office resolves it. Idempotent: one delivery per event and recipient (and per further mail
 * of the event, by its `key`).
 */
@Injectable()
export class NotifyMatterEvent {
  constructor(
    private readonly db: Db,
    private readonly matters: MatterStore,
    private readonly definitions: DefinitionStore,
    private readonly deliveries: DeliveryWriter,
    @Inject(CALENDAR) private readonly calendar: BusinessCalendar,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async execute(matterId: string, seq: number): Promise<number> {
    return this.db.transaction(async (tx) => {
      const [row] = await tx.query<{ type: string; actor_id: string | null; occurred_at: Date; payload: Record<string, unknown> }>(
        `SELECT type, actor_id, occurred_at, payload FROM audit_events WHERE aggregate_type = 'matter' AND aggregate_id = $1 AND seq = $2`,
        [matterId, seq],
      );
      let written = 0;
      const found = row ? await loadMatterRef(tx, matterId, this.config.api.publicUrl) : null;
      const matter = found ? await this.matters.load(tx, matterId) : null;
      if (row && found && matter) {
        const event = { type: row.type, actorId: row.actor_id, at: row.occurred_at.toISOString(), ...row.payload } as MatterEvent;
        const body = (await this.definitions.get(tx, found.workflowDefinitionId)).body;
        const planned = await this.planFor(tx, event, seq, matter, found.ref, body, found.workflowDefinitionId);
        for (const plan of planned === null ? [] : Array.isArray(planned) ? planned : [planned]) {
          const reasonKey = plan.key ? `${jobIds.matterEvent(matterId, seq)}.${plan.key}` : jobIds.matterEvent(matterId, seq);
          const recipients = await resolveRecipients(tx, plan.to);
          await this.deliveries.writeToUnitChannels(tx, reasonKey, await unitsOf(tx, plan.to), {
            matterId,
            template: plan.template,
            data: plan.data,
            calendar: plan.calendar,
          });
          written += await this.deliveries.write(
            tx,
            recipients.map((r) => ({
              deliveryKey: `${reasonKey}.${r.userId}`,
              matterId,
              recipient: r,
              template: plan.template,
              data: plan.data,
              calendar: plan.calendar,
            })),
          );
        }
      }
      await tx.execute(`UPDATE outbox SET done_at = now() WHERE dedupe_key = $1 AND done_at IS NULL`, [jobIds.matterEvent(matterId, seq)]);
      return written;
    });
  }

  private async planFor(
    tx: Tx,
    e: MatterEvent,
    seq: number,
    m: Matter,
    matter: MatterRef,
    body: WorkflowDefinitionBody,
    definitionId: string,
  ): Promise<Plan | Plan[] | null> {
    const manager: RecipientRef[] = m.managerId
      ? [{ kind: 'user', userId: m.managerId }]
      : [{ kind: 'unit_role', unitId: m.leadingUnitId, role: 'manager' }];
    const reformOffice = async (): Promise<RecipientRef[]> => {
      const unitId = (await authorityUnitIds(tx, this.definitions, definitionId)).reform_office;
      return unitId ? [{ kind: 'unit_role', unitId, role: 'reform_office' }] : [];
    };
    const nameOf = async (userId: string | null) =>
      userId
        ? ((await tx.query<{ display_name: string }>('SELECT display_name FROM users WHERE id = $1', [userId]))[0]?.display_name ?? '')
        : '';
    const approvalRequested = async (step: ApprovalStep | undefined, dueAt: string | null): Promise<Plan | null> =>
      step
        ? {
            to: [{ kind: 'unit_role', unitId: step.unitId, role: step.role }],
            template: 'approval-requested',
            data: {
              matter: withAction(matter, 'approve_step', step.id),
              step: step.title,
              dueAt,
              ifMissed: dueAt ? this.ifMissed(body.approval, dueAt, body.timeZone) : null,
            },
            calendar: dueAt ? await this.calendarOf(tx, m.id, `step:${step.id}`, dueAt) : null,
          }
        : null;
    const decision = async (stepId: string, decision: 'approved' | 'rejected' | 'returned', comment: string | null): Promise<Plan> => ({
      to: manager,
      template: 'decision-made',
      data: {
        matter,
        step: m.approvalSteps.find((s) => s.id === stepId)?.title ?? {},
        decision,
        decidedBy: await nameOf(e.actorId),
        comment,
      },
      calendar: null,
    });

    switch (e.type) {
      case 'matter.submitted':
        return approvalRequested(e.steps[0], e.steps[0]?.dueAt ?? null);
      case 'approval.step_approved': {
        if (e.nextStepId)
          return approvalRequested(
            m.approvalSteps.find((s) => s.id === e.nextStepId),
            e.nextStepDueAt,
          );
        return null;
      }
      case 'matter.approved': {
        const last = m.approvalSteps.filter((s) => s.round === m.approvalRound && s.status === 'approved').at(-1);
        return last ? decision(last.id, 'approved', last.comment) : null;
      }
      case 'approval.step_rejected':
        return decision(e.stepId, 'rejected', e.comment);
      case 'approval.step_returned':
        return decision(e.stepId, 'returned', e.comment);
      case 'urge.sent':
        return {
          to: manager,
          template: 'urge-notice',
          data: {
            matter,
            message: e.notice.message,
            sentBy: await nameOf(e.notice.sentBy),
            acknowledgeBy: e.notice.dueAt,
            acknowledgeUrl: withAction(matter, 'acknowledge_urge_notice', e.notice.id).url,
            ifMissed: this.ifMissed(body.urgeNotices, e.notice.dueAt, body.timeZone),
          },
          calendar: await this.calendarOf(tx, m.id, `urge:${e.notice.id}`, e.notice.dueAt),
        };
      case 'urge.acknowledged': {
        const notice = m.urgeNotices.find((n) => n.id === e.noticeId);
        if (!notice) return null;
        return {
          to: [{ kind: 'user', userId: notice.sentBy }],
          template: 'urge-acknowledged',
          data: { matter, message: notice.message, acknowledgedBy: await nameOf(e.actorId), response: e.response },
          calendar: null,
        };
      }
      case 'order.issued': {
        // 三色督办单: the managers of the unit it names, with the acknowledgement ready on the page
        const o = e.order;
        return {
          to: [{ kind: 'unit_role', unitId: o.unitId, role: 'manager' }],
          template: 'supervision-order',
          data: {
            matter,
            colour: o.colour,
            requirement: o.requirement,
            subject: o.subjectTitle,
            issuedBy: o.issuedBy ? await nameOf(o.issuedBy) : await this.reformOfficeName(tx, definitionId),
            dueAt: o.dueAt,
            acknowledgeUrl: withAction(matter, 'acknowledge_supervision_order', o.id).url,
            ifMissed: this.ifMissed(orderPolicy(body), o.dueAt, body.timeZone),
          },
          calendar: await this.calendarOf(tx, m.id, `order:${o.id}`, o.dueAt),
        };
      }
      case 'order.acknowledged':
      case 'order.closed': {
        // 签收 goes back to whoever issued the order (the office, when the definition's rule did), with the closing ready;
        // 销号 goes to the managers of the unit it named
        const o = m.supervisionOrders.find((x) => x.id === e.orderId);
        if (!o) return null;
        const acknowledged = e.type === 'order.acknowledged';
        return {
          to: acknowledged
            ? o.issuedBy
              ? [{ kind: 'user', userId: o.issuedBy }]
              : await reformOffice()
            : [{ kind: 'unit_role', unitId: o.unitId, role: 'manager' }],
          template: 'supervision-order-update',
          data: {
            matter,
            change: acknowledged ? 'acknowledged' : 'closed',
            colour: o.colour,
            requirement: o.requirement,
            dueAt: o.dueAt,
            by: await nameOf(e.actorId),
            response: o.response,
            remark: acknowledged ? null : e.remark,
            closeUrl: acknowledged ? withAction(matter, 'close_supervision_order', o.id).url : null,
          },
          calendar: null,
        };
      }
      case 'assignment.returned': {
        // 退回: the reform office hears which unit gave back the matter or its part, who and why, with the resolution ready
        const part = e.partId === null ? null : m.parts.find((p) => p.id === e.partId);
        if (part === undefined) return null;
        const unitId = await this.unitOf(tx, e.actorId);
        if (!unitId) return null;
        return {
          to: await reformOffice(),
          template: 'assignment-update',
          data: {
            matter,
            change: 'returned',
            part: part?.deliverable ?? null,
            unit: await this.unitName(tx, unitId),
            by: await nameOf(e.actorId),
            reason: e.reason,
            toUnit: null,
            comment: null,
            acceptBy: null,
            actionUrl: withAction(matter, 'resolve_returned_assignment', e.partId).url,
          },
          calendar: null,
        };
      }
      case 'assignment.resolved': {
        // the office's answer: to the managers of the unit that now holds it (and a transferred matter's new manager),
        // with the acceptance ready; on a transfer, a word to the managers of the unit that returned it
        const part = e.partId === null ? null : m.parts.find((p) => p.id === e.partId);
        if (part === undefined) return null;
        const returned = await this.returnBefore(tx, m.id, seq, e.partId);
        const fromUnitId = returned?.unitId ?? (e.resolution === 'keep' ? e.unitId : null);
        if (!fromUnitId) return null;
        const transferred = e.resolution === 'transfer' && fromUnitId !== e.unitId;
        const common = {
          matter,
          part: part?.deliverable ?? null,
          unit: await this.unitName(tx, fromUnitId),
          by: await nameOf(e.actorId),
          reason: returned?.reason ?? null,
          comment: e.comment,
        };
        const toUnit = transferred ? await this.unitName(tx, e.unitId) : null;
        const holder: Plan = {
          to: [
            { kind: 'unit_role', unitId: e.unitId, role: 'manager' },
            ...(e.managerId ? [{ kind: 'user' as const, userId: e.managerId }] : []),
          ],
          template: 'assignment-update',
          data: {
            ...common,
            change: transferred ? 'transferred' : 'kept',
            toUnit,
            acceptBy: e.acceptance.dueAt,
            actionUrl: withAction(matter, 'accept_assignment', e.partId).url,
          },
          calendar: null,
        };
        if (!transferred) return holder;
        return [
          holder,
          {
            key: 'returner',
            to: [{ kind: 'unit_role', unitId: fromUnitId, role: 'manager' }],
            template: 'assignment-update',
            data: { ...common, change: 'transferred_away', toUnit, acceptBy: null, actionUrl: null },
            calendar: null,
          },
        ];
      }
      case 'evaluation.requested':
        // the pool assigned someone in the same command (evaluation.assigned tells them), or the office must
        if (m.stage !== 'in_evaluation' || m.evaluator !== null) return null;
        return {
          to: await reformOffice(),
          template: 'evaluator-needed',
          data: { matter: withAction(matter, 'assign_evaluator'), dueAt: m.stageDueAt },
          calendar: null,
        };
      case 'evaluation.assigned': {
        // the evaluator's request: by the reform office member who assigned, or by the office itself for a pool draw
        const requestedBy = e.assignment.assignedBy ? await nameOf(e.assignment.assignedBy) : await this.reformOfficeName(tx, definitionId);
        const dueAt = m.stage === 'in_evaluation' ? m.stageDueAt : null;
        return {
          to: [{ kind: 'user', userId: e.assignment.userId }],
          template: 'evaluation-requested',
          data: { matter: withAction(matter, 'log_evaluation'), requestedBy, note: null, dueAt },
          calendar:
            m.stage === 'in_evaluation' && m.stageDueAt
              ? await this.calendarOf(tx, m.id, `stage:in_evaluation:${m.stageEnteredAt}`, m.stageDueAt)
              : null,
        };
      }
      case 'manager.reassigned': {
        // unsent mail the previous manager would have had as the responsible one goes to the new manager
        if (e.previousManagerId) await this.deliveries.readdress(tx, m.id, e.previousManagerId, e.managerId);
        const open = await tx.query<{ kind: DeadlineKind; title_zh: string | null; title_en: string | null; due_at: Date }>(
          `SELECT kind, title_zh, title_en, due_at FROM deadlines
           WHERE matter_id = $1 AND status = 'open' AND responsible = $2::jsonb ORDER BY due_at`,
          [m.id, JSON.stringify({ kind: 'user', userId: e.managerId })],
        );
        return {
          to: [
            { kind: 'user', userId: e.managerId },
            ...(e.previousManagerId ? [{ kind: 'user' as const, userId: e.previousManagerId }] : []),
          ],
          template: 'manager-reassigned',
          data: {
            matter,
            from: await nameOf(e.previousManagerId),
            to: await nameOf(e.managerId),
            by: await nameOf(e.actorId),
            reason: e.reason,
            deadlines: open.map((d) => ({
              kind: d.kind,
              what: { ...(d.title_zh ? { zh: d.title_zh } : {}), ...(d.title_en ? { en: d.title_en } : {}) },
              dueAt: d.due_at.toISOString(),
            })),
          },
          calendar: null,
        };
      }
      case 'evaluation.logged':
        return {
          to: [...manager, ...(await reformOffice())],
          template: 'evaluation-logged',
          data: {
            matter,
            evaluator: await nameOf(e.evaluation.evaluatorId),
            verdict: e.evaluation.verdict,
            narrative: e.evaluation.narrative,
          },
          calendar: null,
        };
      case 'risk.register_updated':
        // a rise to high or critical: the reform office hears of it, and of the tighter reporting it brings
        if (riskRank(e.riskLevel) <= riskRank(e.previousRiskLevel) || riskRank(e.riskLevel) < riskRank('high')) return null;
        return {
          to: await reformOffice(),
          template: 'risk-raised',
          data: {
            matter,
            level: e.riskLevel,
            previousLevel: e.previousRiskLevel,
            raisedBy: await nameOf(e.actorId),
            note: e.note,
            risks: e.risks
              .filter((r) => e.added.includes(r.id) || e.changed.includes(r.id))
              .map((r) => ({ description: r.description, mitigation: r.mitigation })),
            cadence: reportCadence(body.progressReports, e.riskLevel),
          },
          calendar: null,
        };
      default:
        return null;
    }
  }

  /** A person's unit: for a return (退回), the unit that returned it, since only its own managers may. */
  private async unitOf(tx: Tx, userId: string | null): Promise<string | null> {
    if (!userId) return null;
    return (await tx.query<{ unit_id: string }>('SELECT unit_id FROM users WHERE id = $1', [userId]))[0]?.unit_id ?? null;
  }

  private async unitName(tx: Tx, unitId: string): Promise<LocalizedText> {
    const [u] = await tx.query<{ name_zh: string | null; name_en: string | null }>('SELECT name_zh, name_en FROM units WHERE id = $1', [
      unitId,
    ]);
    return { ...(u?.name_zh ? { zh: u.name_zh } : {}), ...(u?.name_en ? { en: u.name_en } : {}) };
  }

  /** The return (退回) a resolution answers: the last one of the matter (`partId` null) or that part before event `seq`, its unit and reason. */
  private async returnBefore(
    tx: Tx,
    matterId: string,
    seq: number,
    partId: string | null,
  ): Promise<{ unitId: string; reason: string } | null> {
    const [r] = await tx.query<{ unit_id: string | null; reason: string }>(
      `SELECT u.unit_id, a.payload->>'reason' AS reason
       FROM audit_events a LEFT JOIN users u ON u.id = a.actor_id
       WHERE a.aggregate_type = 'matter' AND a.aggregate_id = $1 AND a.seq < $2 AND a.type = 'assignment.returned'
         AND (a.payload->>'partId') IS NOT DISTINCT FROM $3::text
       ORDER BY a.seq DESC LIMIT 1`,
      [matterId, seq, partId],
    );
    return r?.unit_id ? { unitId: r.unit_id, reason: r.reason } : null;
  }

  private async reformOfficeName(tx: Tx, definitionId: string): Promise<string> {
    const unitId = (await authorityUnitIds(tx, this.definitions, definitionId)).reform_office;
    const [unit] = unitId
      ? await tx.query<{ name_zh: string | null; name_en: string | null }>('SELECT name_zh, name_en FROM units WHERE id = $1', [unitId])
      : [];
    return unit?.name_zh ?? unit?.name_en ?? '';
  }

  private ifMissed(policy: DeadlinePolicy, dueAt: string, timeZone: string): IfMissed | null {
    const first = policy.escalation.find((l) => l.level === 1);
    return first
      ? { level: 1, notify: [...first.notify], at: applyDuration(new Date(dueAt), first.after, timeZone, this.calendar).toISOString() }
      : null;
  }

  /** The calendar entry of the deadline behind an event (the step's, the notice's), at its current version. */
  private async calendarOf(tx: Tx, matterId: string, key: string, dueAt: string): Promise<CalendarRef | null> {
    const [d] = await tx.query<{ id: string; version: number }>('SELECT id, version FROM deadlines WHERE matter_id = $1 AND key = $2', [
      matterId,
      key,
    ]);
    return d ? { deadlineId: d.id, version: d.version, method: 'REQUEST', dueAt } : null;
  }
}
