import type { EventOf, MatterEvent, MatterEventType } from './events.js';
import type { Acceptance, Matter } from './matter.js';
import type { Stage } from './vocabulary.js';

/**
 * Applies one event to a matter. Pure and total: `decide` has already checked the
 * rules, so `evolve` only records. Replaying a matter's audit events through
 * `evolve` from nothing rebuilds its stored state exactly.
 */
export function evolve(m: Matter | null, e: MatterEvent): Matter {
  if (e.type === 'matter.drafted') {
    // drafts from before narrative reports carry neither field
    // drafts from before the legal-authorization model carry none of its three fields
    const drafted: Partial<
      Pick<
        Matter,
        | 'progressReports'
        | 'reportPeriod'
        | 'legalAdjustment'
        | 'nationalApproval'
        | 'authorizationInstrument'
        | 'parts'
        | 'instructions'
        | 'supervisionOrders'
      >
    > = e.matter;
    return {
      ...e.matter,
      progressReports: drafted.progressReports ?? [],
      reportPeriod: drafted.reportPeriod ?? null,
      legalAdjustment: drafted.legalAdjustment ?? null,
      nationalApproval: drafted.nationalApproval ?? null,
      authorizationInstrument: drafted.authorizationInstrument ?? null,
      // drafts from before participating units' parts carry none
      parts: drafted.parts ?? [],
      // and before leaders' instructions
      instructions: drafted.instructions ?? [],
      // and before supervision orders
      supervisionOrders: drafted.supervisionOrders ?? [],
      version: 1,
    };
  }
  if (!m) throw new Error(`evolve: ${e.type} before matter.drafted`);
  const apply = APPLY[e.type] as (m: Matter, e: MatterEvent) => Matter;
  return { ...apply(m, e), version: m.version + 1, updatedAt: e.at };
}

export function evolveAll(m: Matter | null, events: readonly MatterEvent[]): Matter {
  let state = m;
  for (const e of events) state = evolve(state, e);
  if (!state) throw new Error('evolveAll: no events');
  return state;
}

const enter = (m: Matter, stage: Stage, at: string, stageDueAt: string | null): Matter => ({
  ...m,
  stage,
  stageEnteredAt: at,
  stageDueAt,
});

const APPLY: { [T in Exclude<MatterEventType, 'matter.drafted'>]: (m: Matter, e: EventOf<T>) => Matter } = {
  'matter.edited': (m, e) => ({ ...m, ...e.changes }),

  'matter.submitted': (m, e) => ({
    ...enter(m, 'in_approval', e.at, e.stageDueAt),
    approvalRound: e.round,
    approvalSteps: [...m.approvalSteps, ...e.steps],
    returnComment: null,
  }),

  'approval.step_approved': (m, e) => {
    const decided = m.approvalSteps.find((s) => s.id === e.stepId);
    const resumed = new Map((e.resumedMilestones ?? []).map((r) => [r.milestoneId, r.dueAt]));
    return {
      ...m,
      legalAuthorizedAt: decided?.legalAuthorization ? e.at : m.legalAuthorizedAt,
      authorizationInstrument: e.instrument ?? m.authorizationInstrument,
      approvalSteps: m.approvalSteps.map((s) =>
        s.id === e.stepId
          ? { ...s, status: 'approved' as const, decidedBy: e.actorId, decidedAt: e.at, comment: e.comment }
          : s.id === e.nextStepId
            ? { ...s, startedAt: e.at, dueAt: e.nextStepDueAt }
            : s,
      ),
      milestones: resumed.size ? m.milestones.map((ms) => (resumed.has(ms.id) ? { ...ms, dueAt: resumed.get(ms.id)! } : ms)) : m.milestones,
    };
  },

  'matter.approved': (m, e) => enter(m, 'approved', e.at, e.stageDueAt),

  'approval.step_rejected': (m, e) => backToDraft(m, e, 'rejected'),
  'approval.step_returned': (m, e) => backToDraft(m, e, 'returned'),

  'matter.implementation_started': (m, e) => {
    const parts = new Map((e.partAcceptances ?? []).map((x) => [x.partId, x.acceptance]));
    return {
      ...enter(m, 'in_implementation', e.at, e.stageDueAt),
      implementationStartedAt: e.at,
      reportPeriod: e.reportPeriod ?? null,
      ...(e.acceptance ? { acceptance: e.acceptance } : {}),
      parts: m.parts.map((p) => (parts.has(p.id) ? { ...p, acceptance: parts.get(p.id)! } : p)),
    };
  },

  'assignment.accepted': (m, e) =>
    withAcceptance(m, e.partId, (a) => ({ ...a, acceptedAt: e.at, acceptedBy: e.actorId, comment: e.comment })),

  'assignment.returned': (m, e) =>
    withAcceptance(m, e.partId, (a) => ({ ...a, returnedAt: e.at, returnedBy: e.actorId, returnReason: e.reason })),

  'assignment.resolved': (m, e) => {
    if (e.partId !== null) {
      return {
        ...m,
        parts: m.parts.map((p) =>
          p.id === e.partId
            ? { ...p, unitId: e.unitId, ...(e.contactId !== undefined ? { contactId: e.contactId } : {}), acceptance: e.acceptance }
            : p,
        ),
      };
    }
    // given to another unit, the matter changes its leading unit and manager; that unit no longer only participates
    return {
      ...m,
      acceptance: e.acceptance,
      leadingUnitId: e.unitId,
      ...(e.managerId !== undefined ? { managerId: e.managerId } : {}),
      participatingUnitIds: e.unitId === m.leadingUnitId ? m.participatingUnitIds : m.participatingUnitIds.filter((u) => u !== e.unitId),
    };
  },

  'milestone.added': (m, e) => ({ ...m, milestones: [...m.milestones, e.milestone] }),

  'part.assigned': (m, e) => ({ ...m, parts: [...m.parts, e.part] }),

  'part.edited': (m, e) => ({
    ...m,
    parts: m.parts.map((p) =>
      p.id === e.partId
        ? {
            ...p,
            ...(e.deliverable ? { deliverable: e.deliverable } : {}),
            ...(e.dueAt ? { dueAt: e.dueAt } : {}),
            ...(e.contactId !== undefined ? { contactId: e.contactId } : {}),
          }
        : p,
    ),
  }),

  'part.removed': (m, e) => ({ ...m, parts: m.parts.filter((p) => p.id !== e.partId) }),

  'part.reported': (m, e) => ({
    ...m,
    parts: m.parts.map((p) =>
      p.id === e.partId
        ? {
            ...p,
            reports: [...p.reports, e.report],
            ...(e.report.completes ? { completedAt: e.report.reportedAt, completedBy: e.report.reportedBy } : {}),
          }
        : p,
    ),
  }),

  'instruction.recorded': (m, e) => ({ ...m, instructions: [...m.instructions, e.instruction] }),

  'instruction.reported': (m, e) => ({
    ...m,
    instructions: m.instructions.map((i) => (i.id === e.instructionId ? { ...i, reports: [...i.reports, e.report] } : i)),
  }),

  'instruction.closed': (m, e) => ({
    ...m,
    instructions: m.instructions.map((i) =>
      i.id === e.instructionId ? { ...i, closedAt: e.at, closedBy: e.actorId, closingRemark: e.remark } : i,
    ),
  }),

  'order.issued': (m, e) => ({ ...m, supervisionOrders: [...m.supervisionOrders, e.order] }),

  'order.acknowledged': (m, e) => ({
    ...m,
    supervisionOrders: m.supervisionOrders.map((o) =>
      o.id === e.orderId ? { ...o, acknowledgedAt: e.at, acknowledgedBy: e.actorId, response: e.response } : o,
    ),
  }),

  'order.closed': (m, e) => ({
    ...m,
    supervisionOrders: m.supervisionOrders.map((o) =>
      o.id === e.orderId ? { ...o, closedAt: e.at, closedBy: e.actorId, closingRemark: e.remark } : o,
    ),
  }),

  'milestone.edited': (m, e) => ({
    ...m,
    milestones: m.milestones.map((ms) =>
      ms.id === e.milestoneId ? { ...ms, ...(e.title ? { title: e.title } : {}), ...(e.dueAt ? { dueAt: e.dueAt } : {}) } : ms,
    ),
  }),

  'milestone.removed': (m, e) => ({ ...m, milestones: m.milestones.filter((ms) => ms.id !== e.milestoneId) }),

  'milestone.completed': (m, e) => ({
    ...m,
    milestones: m.milestones.map((ms) =>
      ms.id === e.milestoneId ? { ...ms, completedAt: e.at, completedBy: e.actorId, note: e.note } : ms,
    ),
  }),

  'progress.reported': (m, e) => ({ ...m, progress: [...m.progress, e.entry] }),

  'progress.report_filed': (m, e) => ({
    ...m,
    progress: [...m.progress, ...e.readings],
    progressReports: [...m.progressReports, e.report],
    reportPeriod: e.nextPeriod,
  }),

  'risk.register_updated': (m, e) => ({ ...m, riskLevel: e.riskLevel, risks: e.risks }),

  'evaluation.requested': (m, e) => enter(m, 'in_evaluation', e.at, e.stageDueAt),

  'evaluation.assigned': (m, e) => ({ ...m, evaluator: e.assignment }),

  'manager.reassigned': (m, e) => ({ ...m, managerId: e.managerId }),

  'evaluation.logged': (m, e) => ({ ...m, evaluations: [...m.evaluations, e.evaluation] }),

  'experience.recorded': (m, e) => ({ ...m, experience: e.experience }),

  'matter.closed': (m, e) => ({ ...enter(m, 'closed', e.at, null), outcome: e.outcome }),

  'matter.adjusted': (m, e) => {
    const moved = new Map(e.movedMilestones.map((mv) => [mv.milestoneId, mv.dueAt]));
    return {
      ...enter(m, 'in_implementation', e.at, e.stageDueAt),
      adjustmentCount: e.adjustmentNumber,
      evaluator: null,
      reportPeriod: e.reportPeriod ?? null,
      milestones: [...m.milestones.map((ms) => (moved.has(ms.id) ? { ...ms, dueAt: moved.get(ms.id)! } : ms)), ...e.addedMilestones],
    };
  },

  'matter.withdrawn': (m, e) => ({ ...enter(m, 'withdrawn', e.at, null), closingReason: e.reason }),

  'matter.terminated': (m, e) => ({ ...enter(m, 'terminated', e.at, null), closingReason: e.reason }),

  'urge.sent': (m, e) => ({ ...m, urgeNotices: [...m.urgeNotices, e.notice] }),

  'urge.acknowledged': (m, e) => ({
    ...m,
    urgeNotices: m.urgeNotices.map((n) =>
      n.id === e.noticeId ? { ...n, acknowledgedAt: e.at, acknowledgedBy: e.actorId, response: e.response } : n,
    ),
  }),

  'deadlines.replanned': (m, e) => replanned(m, e.moves),

  'fault_tolerance.recorded': (m, e) => ({ ...m, faultTolerance: e.finding }),
};

/** Changes the acceptance of the matter (partId null) or of one of its parts. */
function withAcceptance(m: Matter, partId: string | null, change: (a: Acceptance) => Acceptance): Matter {
  if (partId === null) return m.acceptance ? { ...m, acceptance: change(m.acceptance) } : m;
  return { ...m, parts: m.parts.map((p) => (p.id === partId && p.acceptance ? { ...p, acceptance: change(p.acceptance) } : p)) };
}

/** Moves the stored due times that deadline keys name (see deadlinesOf for the keys). */
function replanned(m: Matter, moves: EventOf<'deadlines.replanned'>['moves']): Matter {
  let out = m;
  for (const { key, dueAt } of moves) {
    const [kind, id] = [key.slice(0, key.indexOf(':')), key.slice(key.indexOf(':') + 1)];
    if (kind === 'stage' && key === `stage:${out.stage}:${out.stageEnteredAt}`) out = { ...out, stageDueAt: dueAt };
    if (kind === 'step') out = { ...out, approvalSteps: out.approvalSteps.map((s) => (s.id === id ? { ...s, dueAt } : s)) };
    if (kind === 'instruction') out = { ...out, instructions: out.instructions.map((i) => (i.id === id ? { ...i, dueAt } : i)) };
    if (kind === 'order') out = { ...out, supervisionOrders: out.supervisionOrders.map((o) => (o.id === id ? { ...o, dueAt } : o)) };
    if (kind === 'urge') out = { ...out, urgeNotices: out.urgeNotices.map((n) => (n.id === id ? { ...n, dueAt } : n)) };
    if (kind === 'progress' && out.reportPeriod?.startsAt === id) out = { ...out, reportPeriod: { ...out.reportPeriod, dueAt } };
    if (kind === 'acceptance') {
      const subject = id.slice(0, id.indexOf(':'));
      const openedAt = id.slice(id.indexOf(':') + 1);
      const move = (a: Acceptance): Acceptance => (a.openedAt === openedAt ? { ...a, dueAt } : a);
      out = withAcceptance(out, subject === out.id ? null : subject, move);
    }
  }
  return out;
}

function backToDraft(m: Matter, e: EventOf<'approval.step_rejected' | 'approval.step_returned'>, status: 'rejected' | 'returned'): Matter {
  return {
    ...enter(m, 'draft', e.at, e.stageDueAt),
    returnComment: e.comment,
    approvalSteps: m.approvalSteps.map((s) => {
      if (s.id === e.stepId) return { ...s, status, decidedBy: e.actorId, decidedAt: e.at, comment: e.comment };
      // The rest of this round will never be decided: a resubmission starts a new round.
      if (s.round === m.approvalRound && s.status === 'pending')
        return { ...s, status: 'superseded' as const, startedAt: null, dueAt: null };
      return s;
    }),
  };
}
