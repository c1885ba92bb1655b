import { conflict, forbidden, invalid, notFound, unprocessable } from '../common/domain-error.js';
import { type Instant, isLocalDate } from '../common/ids.js';
import { hasText } from '../common/localized-text.js';
import { type BusinessCalendar, type DurationSpec, applyDuration } from '../time/business-calendar.js';
import { DurationError, addDuration, instantOfWallClock, parseDuration, wallClockAt } from '../time/duration.js';
import { type Actor, type Role, hasRole } from '../users/actor.js';
import { resolveApprovalChain } from '../workflow/approval-chain.js';
import {
  type AuthorityUnits,
  type RubricCriterion,
  type TimedStage,
  type WorkflowDefinition,
  instructionPolicy,
  orderPolicy,
} from '../workflow/definition.js';
import { deadlinesOf } from '../deadlines/deadlines.js';
import type {
  AdjustmentInput,
  CommandOf,
  DueSpec,
  ExperienceInput,
  MatterCommand,
  InstructionInput,
  SupervisionOrderInput,
  MatterCommandType,
  MilestoneInput,
  PartInput,
} from './commands.js';
import { ASSIGNMENT_RESOLUTIONS } from './commands.js';
import { currentReportPeriod, nextReportPeriod, reportPeriodFrom } from './reporting.js';
import { instrumentOf, instrumentRequired, validateLegalPlan } from './legal-authorization.js';
import type { MatterEvent, ResolvedPlanChanges } from './events.js';
import {
  type Acceptance,
  acceptanceState,
  openParts,
  type ApprovalStep,
  type Evaluation,
  type Experience,
  type Instruction,
  type Matter,
  ORDER_COLOURS,
  type SupervisionOrder,
  type MatterPlan,
  type Milestone,
  type Part,
  type ProgressEntry,
  type Risk,
  type TargetResult,
  currentStep,
  currentSteps,
  nextDueAt,
  openMilestones,
} from './matter.js';
import { authorize, authorizeDraft, authorizeStepDecision } from './permissions.js';
import { INSTRUCTION_STAGES, LIMITS, OPEN_STAGES, ORDER_STAGES, type Stage, type Verdict, isTerminal } from './vocabulary.js';

/** The users and units a decision refers to, loaded beforehand by the caller. */
export interface Directory {
  unit(id: string): { id: string } | undefined;
  user(id: string): { id: string; unitId: string; roles: readonly Role[]; active: boolean } | undefined;
}

/** Everything from outside the matter that a decision needs. */
export interface DecisionContext {
  actor: Actor;
  now: Date;
  /** The definition version the matter runs on. */
  definition: WorkflowDefinition;
  /** Unit ids of the definition's fixed authorities (reform office, province, nation). */
  authorityUnits: AuthorityUnits;
  directory: Directory;
  /** Working days and holidays, for durations the definition counts in working days. */
  calendar: BusinessCalendar;
  newId(): string;
  /**
   * Active evaluators of the definition's pool units, least busy first, loaded by the
   * caller when the command may move the matter into evaluation. The first one outside
   * the leading unit is assigned.
   */
  evaluatorPool?: ReadonlyArray<{ userId: string; unitId: string }>;
}

/** Stages in which each command is accepted. */
export const ALLOWED_STAGES: Readonly<Record<MatterCommandType, readonly Stage[]>> = {
  edit: ['draft'],
  submit: ['draft'],
  approve_step: ['in_approval'],
  reject_step: ['in_approval'],
  return_step: ['in_approval'],
  start_implementation: ['approved'],
  add_milestone: ['draft', 'approved', 'in_implementation'],
  edit_milestone: ['draft', 'approved', 'in_implementation'],
  remove_milestone: ['draft'],
  complete_milestone: ['in_implementation'],
  // 分工 is given in the plan and may change while the matter runs; a part is reported on once work has started
  assign_part: ['draft', 'approved', 'in_implementation'],
  edit_part: ['draft', 'approved', 'in_implementation'],
  remove_part: ['draft', 'approved', 'in_implementation'],
  report_part: ['approved', 'in_implementation'],
  // 签收 is asked for once the work is handed over, with implementation
  accept_assignment: ['in_implementation'],
  return_assignment: ['in_implementation'],
  resolve_returned_assignment: ['in_implementation'],
  // 领导批示 come while the leading unit works the matter: from approval (交办) until it is closed
  record_instruction: INSTRUCTION_STAGES,
  report_instruction: INSTRUCTION_STAGES,
  close_instruction: INSTRUCTION_STAGES,
  // 三色督办单 supervise work under way, as leaders' instructions do
  issue_supervision_order: ORDER_STAGES,
  acknowledge_supervision_order: ORDER_STAGES,
  close_supervision_order: ORDER_STAGES,
  report_progress: ['in_implementation', 'in_evaluation'],
  file_progress_report: ['in_implementation', 'in_evaluation'],
  // "major risk identification … risk assessment, control and response" goes on after approval
  update_risks: ['approved', 'in_implementation', 'in_evaluation'],
  request_evaluation: ['in_implementation'],
  assign_evaluator: ['in_evaluation'],
  // before approval the plan names its manager (edit); afterwards only the reform office hands it over
  reassign_manager: ['in_approval', 'approved', 'in_implementation', 'in_evaluation'],
  log_evaluation: ['in_evaluation'],
  withdraw: ['draft', 'in_approval'],
  terminate: OPEN_STAGES,
  send_urge_notice: OPEN_STAGES,
  acknowledge_urge_notice: OPEN_STAGES,
};

/** Drafts a new matter from a plan. */
export function draftMatter(input: { id: string; batchId: string; plan: MatterPlan }, ctx: DecisionContext): MatterEvent {
  authorizeDraft(ctx.actor, input.plan);
  validatePlan(input.plan, ctx);
  const at = ctx.now.toISOString();
  return {
    type: 'matter.drafted',
    at,
    actorId: ctx.actor.userId,
    matter: {
      id: input.id,
      batchId: input.batchId,
      ...input.plan,
      targets: input.plan.targets.map((t) => ({
        ...t,
        id: t.id ?? ctx.newId(),
        comparison: t.comparison ?? 'at_least',
        source: t.source ?? null,
      })),
      risks: input.plan.risks.map((r) => ({ ...r, id: r.id ?? ctx.newId() })),
      leadingUnitBasis: input.plan.leadingUnitBasis ?? 'stated',
      legalBasis: input.plan.legalBasis ?? null,
      legalAdjustment: input.plan.legalAdjustment ?? null,
      nationalApproval: input.plan.nationalApproval ?? null,
      kindBasis: input.plan.kindBasis ?? null,
      source: input.plan.source ?? null,
      milestones: [],
      parts: [],
      instructions: [],
      supervisionOrders: [],
      workflow: { definitionId: ctx.definition.id, name: ctx.definition.name, version: ctx.definition.version },
      stage: 'draft',
      outcome: null,
      stageEnteredAt: at,
      stageDueAt: stageDue(ctx, 'draft'),
      approvalSteps: [],
      approvalRound: 0,
      legalAuthorizedAt: null,
      authorizationInstrument: null,
      implementationStartedAt: null,
      returnComment: null,
      adjustmentCount: 0,
      closingReason: null,
      progress: [],
      progressReports: [],
      reportPeriod: null,
      evaluations: [],
      evaluator: null,
      experience: null,
      urgeNotices: [],
      createdAt: at,
      updatedAt: at,
    },
  };
}

/**
 * Decides a command against a matter: checks who may, in which stage, and the
 * business rules, then returns the events that record it. Throws DomainError.
 * Checks run in a fixed order so the answer is predictable: not permitted (403),
 * not in this stage (409), then the rules of the command (4xx).
 */
export function decide(m: Matter, command: MatterCommand, ctx: DecisionContext): MatterEvent[] {
  authorize(ctx.actor, m, command.type, ctx.definition.body);
  if (isTerminal(m.stage)) {
    throw conflict('matter.terminal', `the matter is ${m.stage} and accepts no further action`);
  }
  const allowed = ALLOWED_STAGES[command.type];
  if (!allowed.includes(m.stage)) {
    throw conflict(
      'stage.action_not_allowed',
      `cannot ${command.type.replaceAll('_', ' ')} while the matter is ${m.stage} (allowed in: ${allowed.join(', ')})`,
    );
  }
  const handler = HANDLERS[command.type] as (m: Matter, c: MatterCommand, ctx: DecisionContext, at: Instant) => MatterEvent[];
  return handler(m, command, ctx, ctx.now.toISOString());
}

type Handler<T extends MatterCommandType> = (m: Matter, c: CommandOf<T>, ctx: DecisionContext, at: Instant) => MatterEvent[];

const HANDLERS: { [T in MatterCommandType]: Handler<T> } = {
  edit(m, c, ctx, at) {
    const keys = Object.keys(c.changes) as Array<keyof MatterPlan>;
    if (keys.length === 0) throw invalid('edit.empty', 'nothing to change');
    if (c.changes.leadingUnitId !== undefined && c.changes.leadingUnitId !== m.leadingUnitId && !hasRole(ctx.actor, 'reform_office')) {
      throw unprocessable(
        'matter.leading_unit_change_not_permitted',
        'only the reform office may hand a matter to another leading unit',
        'leadingUnitId',
      );
    }
    validatePlan({ ...planOf(m), ...c.changes }, ctx);
    // a unit given a part stays a participating unit until its part is taken back
    const units = c.changes.participatingUnitIds;
    const orphan = units ? m.parts.find((p) => !units.includes(p.unitId)) : undefined;
    if (orphan) {
      throw unprocessable(
        'participating_units.has_part',
        'this unit has a part of the matter: remove the part before the unit',
        'participatingUnitIds',
      );
    }
    const { targets, risks, ...rest } = c.changes;
    const changes: ResolvedPlanChanges = { ...rest };
    if (targets) {
      changes.targets = targets.map((t) => {
        // a kept target keeps its own comparison and source unless the edit gives them
        const kept = t.id ? m.targets.find((x) => x.id === t.id) : undefined;
        return {
          ...t,
          id: kept?.id ?? ctx.newId(),
          comparison: t.comparison ?? kept?.comparison ?? 'at_least',
          source: t.source !== undefined ? t.source : (kept?.source ?? null),
        };
      });
    }
    if (risks) changes.risks = risks.map((r) => ({ ...r, id: r.id && m.risks.some((x) => x.id === r.id) ? r.id : ctx.newId() }));
    return [{ type: 'matter.edited', at, actorId: ctx.actor.userId, changes }];
  },

  submit(m, _c, ctx, at) {
    if (!m.managerId) throw unprocessable('manager.required', 'name the responsible manager before submitting', 'managerId');
    validatePlan(planOf(m), ctx);
    const round = m.approvalRound + 1;
    const chain = resolveApprovalChain(ctx.definition.body, m, ctx.authorityUnits);
    const steps: ApprovalStep[] = chain.map(({ definition: d, unitId }, position) => ({
      id: ctx.newId(),
      round,
      position,
      key: d.key,
      title: d.title,
      role: d.role,
      authority: d.unit,
      unitId,
      legalAuthorization: d.legalAuthorization,
      startedAt: position === 0 ? at : null,
      dueAt: position === 0 ? after(ctx, d.due) : null,
      status: 'pending',
      decidedBy: null,
      decidedAt: null,
      comment: null,
    }));
    return [{ type: 'matter.submitted', at, actorId: ctx.actor.userId, round, steps, stageDueAt: stageDue(ctx, 'in_approval') }];
  },

  approve_step(m, c, ctx, at) {
    const step = pendingStep(m, ctx);
    const next = currentSteps(m).find((s) => s.position > step.position && s.status === 'pending') ?? null;
    const nextDefinition = next ? ctx.definition.body.approval.steps.find((d) => d.key === next.key) : undefined;
    if (c.authorization !== undefined && !step.legalAuthorization) {
      throw invalid(
        'authorization.not_a_legal_step',
        'an instrument is recorded only with the legal authorization decision',
        'authorization',
      );
    }
    if (c.authorization === undefined && instrumentRequired(m, step)) {
      throw invalid(
        'authorization.required',
        'record the instrument of the authorization: title, document number, date, scope and period of validity',
        'authorization',
      );
    }
    const instrument = c.authorization ? instrumentOf(c.authorization, step, ctx.now, ctx.definition.body.timeZone) : undefined;
    const events: MatterEvent[] = [
      {
        type: 'approval.step_approved',
        at,
        actorId: ctx.actor.userId,
        stepId: step.id,
        comment: c.comment?.trim() || null,
        nextStepId: next?.id ?? null,
        nextStepDueAt: next && nextDefinition ? after(ctx, nextDefinition.due) : null,
        ...(step.legalAuthorization ? { resumedMilestones: resumeAfterWait(m, step.startedAt, ctx.now) } : {}),
        ...(instrument ? { instrument } : {}),
      },
    ];
    if (!next) events.push({ type: 'matter.approved', at, actorId: ctx.actor.userId, stageDueAt: stageDue(ctx, 'approved') });
    return events;
  },

  reject_step(m, c, ctx, at) {
    const step = pendingStep(m, ctx);
    const comment = required(c.comment, 'comment', 'say why the matter is rejected');
    return [
      { type: 'approval.step_rejected', at, actorId: ctx.actor.userId, stepId: step.id, comment, stageDueAt: stageDue(ctx, 'draft') },
    ];
  },

  return_step(m, c, ctx, at) {
    const step = pendingStep(m, ctx);
    const comment = required(c.comment, 'comment', 'say what must be revised');
    return [
      { type: 'approval.step_returned', at, actorId: ctx.actor.userId, stepId: step.id, comment, stageDueAt: stageDue(ctx, 'draft') },
    ];
  },

  start_implementation(m, _c, ctx, at) {
    if (m.milestones.length === 0) {
      throw unprocessable('implementation.requires_milestone', 'add at least one milestone before implementation starts', 'milestones');
    }
    if (m.requiresLegalAuthorization && !m.legalAuthorizedAt) {
      throw unprocessable(
        'implementation.requires_legal_authorization',
        'this matter adjusts laws or regulations: its legal authorization step must be approved before implementation starts',
      );
    }
    const asks = Boolean(ctx.definition.body.acceptance);
    // the leading unit's manager who starts the work has accepted it by doing so
    const leadingManager = hasRole(ctx.actor, 'manager') && ctx.actor.unitId === m.leadingUnitId;
    return [
      {
        type: 'matter.implementation_started',
        at,
        actorId: ctx.actor.userId,
        stageDueAt: stageDue(ctx, 'in_implementation'),
        reportPeriod: reportPeriodFrom(1, at, m.riskLevel, ctx.definition.body, ctx.calendar),
        ...(asks
          ? {
              acceptance: leadingManager
                ? { ...openAcceptance(m.leadingUnitId, ctx, at), acceptedAt: at, acceptedBy: ctx.actor.userId, comment: IMPLIED }
                : openAcceptance(m.leadingUnitId, ctx, at),
              partAcceptances: openParts(m).map((p) => ({ partId: p.id, acceptance: openAcceptance(p.unitId, ctx, at) })),
            }
          : {}),
      },
    ];
  },

  add_milestone(m, c, ctx, at) {
    if (m.milestones.length >= LIMITS.milestones) {
      throw unprocessable('milestones.too_many', `a matter has at most ${LIMITS.milestones} milestones`, 'milestones');
    }
    return [{ type: 'milestone.added', at, actorId: ctx.actor.userId, milestone: newMilestone(c.milestone, ctx, '') }];
  },

  edit_milestone(m, c, ctx, at) {
    const ms = milestone(m, c.milestoneId);
    if (ms.completedAt) throw conflict('milestone.completed', 'a completed milestone cannot be changed', 'milestoneId');
    if (c.title === undefined && c.due === undefined) throw invalid('edit.empty', 'nothing to change');
    if (c.title !== undefined && !hasText(c.title)) throw invalid('text.required', 'give the title in Chinese or English', 'title');
    return [
      {
        type: 'milestone.edited',
        at,
        actorId: ctx.actor.userId,
        milestoneId: ms.id,
        ...(c.title !== undefined ? { title: c.title } : {}),
        ...(c.due !== undefined ? { dueAt: resolveDue(c.due, ctx, '') } : {}),
        previousDueAt: ms.dueAt,
      },
    ];
  },

  remove_milestone(m, c, ctx, at) {
    milestone(m, c.milestoneId);
    return [{ type: 'milestone.removed', at, actorId: ctx.actor.userId, milestoneId: c.milestoneId }];
  },

  complete_milestone(m, c, ctx, at) {
    const ms = milestone(m, c.milestoneId);
    if (ms.completedAt) throw conflict('milestone.already_completed', 'this milestone is already complete', 'milestoneId');
    const events: MatterEvent[] = [
      { type: 'milestone.completed', at, actorId: ctx.actor.userId, milestoneId: ms.id, note: c.note?.trim() || null },
    ];
    // implementation ends with its last milestone: the matter goes to evaluation
    const last = openMilestones(m).every((x) => x.id === ms.id);
    if (last) events.push(...enterEvaluation(m, ctx, at, null));
    return events;
  },

  assign_part(m, c, ctx, at) {
    if (m.parts.length >= LIMITS.parts) throw unprocessable('parts.too_many', `a matter has at most ${LIMITS.parts} parts`, 'parts');
    return [{ type: 'part.assigned', at, actorId: ctx.actor.userId, part: newPart(m, c.part, ctx, at) }];
  },

  edit_part(m, c, ctx, at) {
    const p = part(m, c.partId);
    if (p.completedAt) throw conflict('part.completed', 'a part the unit has marked done cannot be changed', 'partId');
    if (c.deliverable === undefined && c.due === undefined && c.contactId === undefined) throw invalid('edit.empty', 'nothing to change');
    if (c.deliverable !== undefined && !hasText(c.deliverable))
      throw invalid('text.required', 'say what the unit delivers, in Chinese or English', 'deliverable');
    if (c.contactId) checkContact(c.contactId, p.unitId, ctx, 'contactId');
    return [
      {
        type: 'part.edited',
        at,
        actorId: ctx.actor.userId,
        partId: p.id,
        ...(c.deliverable !== undefined ? { deliverable: c.deliverable } : {}),
        ...(c.due !== undefined ? { dueAt: resolveDue(c.due, ctx, '') } : {}),
        ...(c.contactId !== undefined ? { contactId: c.contactId } : {}),
        previousDueAt: p.dueAt,
      },
    ];
  },

  remove_part(m, c, ctx, at) {
    const p = part(m, c.partId);
    if (p.completedAt) throw conflict('part.completed', 'a part the unit has marked done stays on the record', 'partId');
    // once the matter runs, the unit has been told: say why its part goes
    const reason = c.reason?.trim() || null;
    if (m.stage !== 'draft' && !reason) throw invalid('text.required', 'say why the part is taken back', 'reason');
    return [{ type: 'part.removed', at, actorId: ctx.actor.userId, partId: p.id, reason }];
  },

  report_part(m, c, ctx, at) {
    const p = part(m, c.partId);
    const a = ctx.actor;
    if (a.unitId !== p.unitId || !(hasRole(a, 'manager') || a.userId === p.contactId)) {
      throw forbidden('part.not_your_unit', "a part is reported on by its unit's managers or its contact person");
    }
    if (p.completedAt) throw conflict('part.already_completed', 'this part is already marked done', 'partId');
    const narrative = required(c.narrative, 'narrative', 'say what the unit has done on its part');
    const evidenceLinks = (c.evidenceLinks ?? []).map((link, i) => {
      if (!isWebLink(link)) throw invalid('url.invalid', 'a link is an http or https address', `evidenceLinks[${i}]`);
      return link;
    });
    // a unit that reports on its part has taken it on: the report accepts it
    const implied: MatterEvent[] =
      p.acceptance && acceptanceState(p.acceptance) === 'pending'
        ? [{ type: 'assignment.accepted', at, actorId: a.userId, partId: p.id, comment: IMPLIED }]
        : [];
    return [
      ...implied,
      {
        type: 'part.reported',
        at,
        actorId: a.userId,
        partId: p.id,
        report: { narrative, evidenceLinks, completes: c.complete === true, reportedAt: at, reportedBy: a.userId },
      },
    ];
  },

  accept_assignment(m, c, ctx, at) {
    const { partId, acceptance } = assignment(m, c.partId);
    if (acceptance.unitId !== ctx.actor.unitId) {
      throw forbidden('acceptance.not_your_unit', 'an assignment is accepted (签收) by a manager of the unit it was given to');
    }
    if (acceptanceState(acceptance) === 'accepted')
      throw conflict('acceptance.already_accepted', 'this assignment is already accepted', field(c.partId));
    if (acceptanceState(acceptance) === 'returned') {
      throw conflict(
        'acceptance.returned',
        'this assignment was returned to the reform office, which has not resolved it yet',
        field(c.partId),
      );
    }
    return [{ type: 'assignment.accepted', at, actorId: ctx.actor.userId, partId, comment: c.comment?.trim() || null }];
  },

  return_assignment(m, c, ctx, at) {
    const { partId, acceptance } = assignment(m, c.partId);
    if (acceptance.unitId !== ctx.actor.unitId) {
      throw forbidden('acceptance.not_your_unit', 'an assignment is returned (退回) by a manager of the unit it was given to');
    }
    if (acceptanceState(acceptance) !== 'pending') {
      throw conflict(
        'acceptance.not_pending',
        acceptanceState(acceptance) === 'accepted' ? 'an accepted assignment is not returned' : 'this assignment is already returned',
        field(c.partId),
      );
    }
    const reason = required(c.reason, 'reason', 'say why the assignment goes back (for example: it belongs to another unit)');
    return [{ type: 'assignment.returned', at, actorId: ctx.actor.userId, partId, reason }];
  },

  resolve_returned_assignment(m, c, ctx, at) {
    const { partId, acceptance } = assignment(m, c.partId);
    if (acceptanceState(acceptance) !== 'returned') {
      throw conflict('acceptance.not_returned', 'only an assignment the unit returned is resolved', field(c.partId));
    }
    if (!(ASSIGNMENT_RESOLUTIONS as readonly string[]).includes(c.resolution)) {
      throw invalid('acceptance.resolution_invalid', `the resolution is one of ${ASSIGNMENT_RESOLUTIONS.join(', ')}`, 'resolution');
    }
    const comment = required(c.comment, 'comment', 'tell the unit how the return was resolved');
    const base = { type: 'assignment.resolved' as const, at, actorId: ctx.actor.userId, partId, resolution: c.resolution, comment };
    if (c.resolution === 'keep') {
      return [{ ...base, unitId: acceptance.unitId, acceptance: openAcceptance(acceptance.unitId, ctx, at) }];
    }
    const unitId = required(c.unitId, 'unitId', 'name the unit that takes the assignment over');
    if (unitId === acceptance.unitId) {
      throw unprocessable('acceptance.same_unit', 'the assignment was returned by this unit: give it to another one, or keep it', 'unitId');
    }
    if (partId !== null) {
      if (!m.participatingUnitIds.includes(unitId)) {
        throw unprocessable('part.not_participating', "a part goes to one of the matter's participating units", 'unitId');
      }
      const contactId = c.contactId?.trim() || null;
      if (contactId) checkContact(contactId, unitId, ctx, 'contactId');
      return [{ ...base, unitId, contactId, acceptance: openAcceptance(unitId, ctx, at) }];
    }
    if (!ctx.directory.unit(unitId)) throw unprocessable('unit.unknown', 'no unit has this id', 'unitId');
    if (openParts(m).some((p) => p.unitId === unitId)) {
      throw conflict(
        'acceptance.unit_has_part',
        'this unit has an open part of the matter: take the part back before it leads the matter',
        'unitId',
      );
    }
    const managerId = required(c.managerId, 'managerId', 'name the responsible manager in the unit that takes the matter over');
    checkManager(managerId, unitId, ctx);
    return [{ ...base, unitId, managerId, acceptance: openAcceptance(unitId, ctx, at) }];
  },

  record_instruction(m, c, ctx, at) {
    if (m.instructions.length >= LIMITS.instructions) {
      throw unprocessable('instructions.too_many', `a matter has at most ${LIMITS.instructions} instructions`, 'instructions');
    }
    return [{ type: 'instruction.recorded', at, actorId: ctx.actor.userId, instruction: newInstruction(c.instruction, ctx, at) }];
  },

  report_instruction(m, c, ctx, at) {
    const i = instruction(m, c.instructionId);
    if (i.closedAt) throw conflict('instruction.closed', 'this instruction is closed (销号): it takes no further report', 'instructionId');
    const narrative = required(c.narrative, 'narrative', 'say how the instruction was carried out');
    const evidenceLinks = (c.evidenceLinks ?? []).map((link, n) => {
      if (!isWebLink(link)) throw invalid('url.invalid', 'a link is an http or https address', `evidenceLinks[${n}]`);
      return link;
    });
    return [
      {
        type: 'instruction.reported',
        at,
        actorId: ctx.actor.userId,
        instructionId: i.id,
        report: { narrative, evidenceLinks, reportedAt: at, reportedBy: ctx.actor.userId },
      },
    ];
  },

  close_instruction(m, c, ctx, at) {
    const i = instruction(m, c.instructionId);
    if (i.closedAt) throw conflict('instruction.closed', 'this instruction is already closed (销号)', 'instructionId');
    if (i.reports.length === 0) {
      throw conflict(
        'instruction.not_reported',
        'an instruction is closed only after the leading unit has reported on it',
        'instructionId',
      );
    }
    return [{ type: 'instruction.closed', at, actorId: ctx.actor.userId, instructionId: i.id, remark: c.remark?.trim() || null }];
  },

  issue_supervision_order(m, c, ctx, at) {
    if (m.supervisionOrders.length >= LIMITS.supervisionOrders) {
      throw unprocessable('orders.too_many', `a matter has at most ${LIMITS.supervisionOrders} supervision orders`, 'supervisionOrders');
    }
    return [{ type: 'order.issued', at, actorId: ctx.actor.userId, order: newOrder(m, c.order, ctx, at) }];
  },

  acknowledge_supervision_order(m, c, ctx, at) {
    const o = order(m, c.orderId);
    if (o.unitId !== ctx.actor.unitId) {
      throw forbidden('order.not_your_unit', 'a supervision order is acknowledged by a manager of the unit it names');
    }
    if (o.closedAt) throw conflict('order.closed', 'this supervision order is closed (销号)', 'orderId');
    if (o.acknowledgedAt) throw conflict('order.already_acknowledged', 'this supervision order is already acknowledged', 'orderId');
    return [{ type: 'order.acknowledged', at, actorId: ctx.actor.userId, orderId: o.id, response: c.response?.trim() || null }];
  },

  close_supervision_order(m, c, ctx, at) {
    const o = order(m, c.orderId);
    if (o.closedAt) throw conflict('order.closed', 'this supervision order is already closed (销号)', 'orderId');
    if (!o.acknowledgedAt) {
      throw conflict('order.not_acknowledged', 'a supervision order is closed only after the unit has acknowledged it', 'orderId');
    }
    return [{ type: 'order.closed', at, actorId: ctx.actor.userId, orderId: o.id, remark: c.remark?.trim() || null }];
  },

  report_progress(m, c, ctx, at) {
    if (!m.targets.some((t) => t.id === c.targetId)) {
      throw unprocessable('progress.unknown_target', 'the matter has no target with this id', 'targetId');
    }
    if (!Number.isFinite(c.value)) throw invalid('number.finite', 'the value must be a finite number', 'value');
    if (!isLocalDate(c.asOf)) throw invalid('date.invalid', 'asOf must be a date written YYYY-MM-DD', 'asOf');
    if (c.asOf > today(ctx)) throw unprocessable('progress.as_of_in_future', 'progress cannot be reported for a future date', 'asOf');
    return [
      {
        type: 'progress.reported',
        at,
        actorId: ctx.actor.userId,
        entry: {
          id: ctx.newId(),
          targetId: c.targetId,
          value: c.value,
          asOf: c.asOf,
          note: c.note?.trim() || null,
          reportedBy: ctx.actor.userId,
          reportedAt: at,
        },
      },
    ];
  },

  file_progress_report(m, c, ctx, at) {
    const done = required(c.done, 'done', 'say what was done in the period');
    const evidenceLinks = (c.evidenceLinks ?? []).map((link, i) => {
      if (!isWebLink(link)) throw invalid('url.invalid', 'a link is an http or https address', `evidenceLinks[${i}]`);
      return link;
    });
    const seen = new Set<string>();
    const values = (c.values ?? []).map((v, i) => {
      if (!m.targets.some((t) => t.id === v.targetId)) {
        throw unprocessable('progress.unknown_target', 'the matter has no target with this id', `values[${i}].targetId`);
      }
      if (seen.has(v.targetId)) throw invalid('progress.duplicate_target', 'this target has two values', `values[${i}].targetId`);
      seen.add(v.targetId);
      if (!Number.isFinite(v.value)) throw invalid('number.finite', 'the value must be a finite number', `values[${i}].value`);
      return { targetId: v.targetId, value: v.value };
    });
    const period = currentReportPeriod(m, ctx.definition.body, ctx.calendar);
    if (period && period.startsAt > at) {
      throw conflict(
        'progress_report.period_not_started',
        `the report of period ${period.number - 1} is in; period ${period.number} opens at ${period.startsAt}`,
      );
    }
    const asOf = today(ctx);
    const readings: ProgressEntry[] = values.map((v) => ({
      id: ctx.newId(),
      targetId: v.targetId,
      value: v.value,
      asOf,
      note: null,
      reportedBy: ctx.actor.userId,
      reportedAt: at,
    }));
    return [
      {
        type: 'progress.report_filed',
        at,
        actorId: ctx.actor.userId,
        report: {
          id: ctx.newId(),
          period,
          done,
          problems: c.problems?.trim() || null,
          nextSteps: c.nextSteps?.trim() || null,
          evidenceLinks,
          values,
          late: period !== null && at > period.dueAt,
          reportedBy: ctx.actor.userId,
          reportedAt: at,
        },
        readings,
        // a report filed in evaluation covers no period and leaves the stored one as it is
        nextPeriod: period ? nextReportPeriod(period, m.riskLevel, ctx.definition.body, ctx.calendar) : m.reportPeriod,
      },
    ];
  },

  update_risks(m, c, ctx, at) {
    if (c.riskLevel === undefined && c.risks === undefined) throw invalid('edit.empty', 'nothing to change');
    if (c.risks && c.risks.length > LIMITS.risks)
      throw unprocessable('risks.too_many', `a matter has at most ${LIMITS.risks} risks`, 'risks');
    const before = new Map(m.risks.map((r) => [r.id, r]));
    const risks: Risk[] = c.risks
      ? c.risks.map((r, i) => {
          if (!r.description?.trim()) throw invalid('text.required', 'describe the risk', `risks[${i}].description`);
          if (!r.mitigation?.trim()) throw invalid('text.required', 'say how the risk is controlled', `risks[${i}].mitigation`);
          const id = r.id && before.has(r.id) ? r.id : ctx.newId();
          return { id, description: r.description.trim(), likelihood: r.likelihood, impact: r.impact, mitigation: r.mitigation.trim() };
        })
      : m.risks;
    const same = (a: Risk, b: Risk) =>
      a.description === b.description && a.likelihood === b.likelihood && a.impact === b.impact && a.mitigation === b.mitigation;
    const added = risks.filter((r) => !before.has(r.id)).map((r) => r.id);
    const changed = risks.filter((r) => before.has(r.id) && !same(r, before.get(r.id)!)).map((r) => r.id);
    const removed = m.risks.filter((r) => !risks.some((x) => x.id === r.id)).map((r) => r.id);
    const riskLevel = c.riskLevel ?? m.riskLevel;
    if (riskLevel === m.riskLevel && !added.length && !changed.length && !removed.length) {
      throw invalid('risks.unchanged', 'the register already says this: change the level or a risk', c.risks ? 'risks' : 'riskLevel');
    }
    return [
      {
        type: 'risk.register_updated',
        at,
        actorId: ctx.actor.userId,
        riskLevel,
        previousRiskLevel: m.riskLevel,
        risks,
        added,
        changed,
        removed,
        note: c.note?.trim() || null,
      },
    ];
  },

  request_evaluation(m, c, ctx, at) {
    return enterEvaluation(m, ctx, at, c.note?.trim() || null);
  },

  assign_evaluator(m, c, ctx, at) {
    if (m.evaluator && m.evaluations.some((e) => e.round === m.adjustmentCount)) {
      throw conflict('evaluation.already_logged', 'this round is already evaluated');
    }
    const evaluator = ctx.directory.user(c.evaluatorId);
    if (!evaluator || !evaluator.active) throw unprocessable('user.unknown', 'no active user has this id', 'evaluatorId');
    if (!evaluator.roles.includes('evaluator')) {
      throw unprocessable('evaluation.not_an_evaluator', 'the person assigned must have the evaluator role', 'evaluatorId');
    }
    if (evaluator.unitId === m.leadingUnitId) {
      throw unprocessable(
        'evaluation.evaluator_in_leading_unit',
        "an evaluator may not evaluate a matter led by the evaluator's own unit: choose one from another unit",
        'evaluatorId',
      );
    }
    if (m.evaluator?.userId === evaluator.id)
      throw conflict('evaluation.already_assigned', 'this evaluator is already assigned', 'evaluatorId');
    const reason = m.evaluator ? required(c.reason, 'reason', 'say why the assigned evaluator is replaced') : c.reason?.trim() || null;
    return [
      {
        type: 'evaluation.assigned',
        at,
        actorId: ctx.actor.userId,
        assignment: { userId: evaluator.id, unitId: evaluator.unitId, assignedAt: at, assignedBy: ctx.actor.userId },
        previous: m.evaluator ? { userId: m.evaluator.userId, unitId: m.evaluator.unitId } : null,
        reason,
      },
    ];
  },

  reassign_manager(m, c, ctx, at) {
    checkManager(c.managerId, m.leadingUnitId, ctx);
    if (c.managerId === m.managerId) throw conflict('manager.unchanged', 'this manager is already responsible', 'managerId');
    const reason = required(c.reason, 'reason', 'say why the matter changes hands');
    return [{ type: 'manager.reassigned', at, actorId: ctx.actor.userId, managerId: c.managerId, previousManagerId: m.managerId, reason }];
  },

  log_evaluation(m, c, ctx, at) {
    if (!m.evaluator) {
      throw conflict('evaluation.no_evaluator', 'no evaluator is assigned to this matter yet: the reform office assigns one');
    }
    if (m.evaluator.userId !== ctx.actor.userId) {
      throw forbidden('evaluation.not_assigned_to_you', 'another evaluator is assigned to this matter');
    }
    const narrative = required(c.narrative, 'narrative', 'write what was found');
    const evaluation: Evaluation = {
      id: ctx.newId(),
      round: m.adjustmentCount,
      evaluatorId: ctx.actor.userId,
      evaluatorUnitId: ctx.actor.unitId,
      verdict: c.verdict,
      narrative,
      scores: scoresOf(c.scores, ctx.definition.body.evaluation.rubric),
      results: resultsOf(m, c.results),
      lessons: null,
      adjustmentPlan: null,
      loggedAt: at,
    };
    onlyFor(c, 'experience', 'replicable');
    onlyFor(c, 'adjustment', 'needs_adjustment');
    onlyFor(c, 'lessons', 'ineffective');
    const by = ctx.actor.userId;
    switch (c.verdict) {
      case 'replicable': {
        if (!c.experience)
          throw invalid('evaluation.experience_required', 'a replicable verdict writes up the experience to promote', 'experience');
        return [
          { type: 'evaluation.logged', at, actorId: by, evaluation },
          { type: 'experience.recorded', at, actorId: by, experience: experienceOf(m, c.experience, evaluation.id, ctx, at) },
          { type: 'matter.closed', at, actorId: by, outcome: 'replicated', note: null },
        ];
      }
      case 'ineffective': {
        const lessons = required(c.lessons, 'lessons', 'say what was learned, for other pilots');
        return [
          { type: 'evaluation.logged', at, actorId: by, evaluation: { ...evaluation, lessons } },
          { type: 'matter.closed', at, actorId: by, outcome: 'closed_ineffective', note: lessons },
        ];
      }
      case 'needs_adjustment': {
        if (!c.adjustment) {
          throw invalid(
            'evaluation.adjustment_required',
            'a needs-adjustment verdict gives the adjustment plan and its new deadlines',
            'adjustment',
          );
        }
        const plan = required(c.adjustment.plan, 'adjustment.plan', 'say what changes in the plan');
        return [
          { type: 'evaluation.logged', at, actorId: by, evaluation: { ...evaluation, adjustmentPlan: plan } },
          adjustment(m, c.adjustment, plan, ctx, at),
        ];
      }
    }
  },

  withdraw(m, c, ctx, at) {
    return [{ type: 'matter.withdrawn', at, actorId: ctx.actor.userId, reason: c.reason?.trim() || null, fromStage: m.stage }];
  },

  terminate(m, c, ctx, at) {
    const reason = required(c.reason, 'reason', 'say why the matter is terminated');
    return [{ type: 'matter.terminated', at, actorId: ctx.actor.userId, reason, fromStage: m.stage }];
  },

  send_urge_notice(m, c, ctx, at) {
    const due = nextDueAt(m);
    if (due === null || due >= at) {
      throw unprocessable('urge.not_overdue', 'an urge notice is sent only on an overdue matter: none of its deadlines has passed');
    }
    const message = required(c.message, 'message', 'say what the leading unit must do');
    const notice = {
      id: ctx.newId(),
      message,
      sentBy: ctx.actor.userId,
      sentAt: at,
      dueAt: after(ctx, ctx.definition.body.urgeNotices.acknowledgeWithin),
      acknowledgedAt: null,
      acknowledgedBy: null,
      response: null,
    };
    return [{ type: 'urge.sent', at, actorId: ctx.actor.userId, notice }];
  },

  acknowledge_urge_notice(m, c, ctx, at) {
    const notice = m.urgeNotices.find((n) => n.id === c.noticeId);
    if (!notice) throw notFound('urge.unknown', 'the matter has no urge notice with this id', 'noticeId');
    if (notice.acknowledgedAt) throw conflict('urge.already_acknowledged', 'this urge notice is already acknowledged', 'noticeId');
    return [{ type: 'urge.acknowledged', at, actorId: ctx.actor.userId, noticeId: notice.id, response: c.response?.trim() || null }];
  },
};

/**
 * The clocks of open milestones stopped when the legal authorization step began;
 * they resume now with the time they had left then.
 */
function resumeAfterWait(
  m: Matter,
  waitStartedAt: Instant | null,
  now: Date,
): Array<{ milestoneId: string; dueAt: Instant; previousDueAt: Instant }> {
  if (!waitStartedAt) return [];
  const waited = now.getTime() - Date.parse(waitStartedAt);
  if (waited <= 0) return [];
  return openMilestones(m).map((ms) => ({
    milestoneId: ms.id,
    dueAt: new Date(Date.parse(ms.dueAt) + waited).toISOString(),
    previousDueAt: ms.dueAt,
  }));
}

/** Enters evaluation, and assigns the first evaluator of the pool who is outside the leading unit. */
function enterEvaluation(m: Matter, ctx: DecisionContext, at: Instant, note: string | null): MatterEvent[] {
  const events: MatterEvent[] = [
    { type: 'evaluation.requested', at, actorId: ctx.actor.userId, note, stageDueAt: stageDue(ctx, 'in_evaluation') },
  ];
  const drawn = (ctx.evaluatorPool ?? []).find((e) => e.unitId !== m.leadingUnitId);
  if (drawn) {
    events.push({
      type: 'evaluation.assigned',
      at,
      actorId: ctx.actor.userId,
      assignment: { userId: drawn.userId, unitId: drawn.unitId, assignedAt: at, assignedBy: null },
    });
  }
  return events;
}

function onlyFor(c: CommandOf<'log_evaluation'>, section: 'experience' | 'adjustment' | 'lessons', verdict: Verdict): void {
  if (c[section] !== undefined && c.verdict !== verdict) {
    throw invalid('evaluation.section_not_for_verdict', `${section} belongs to a ${verdict} verdict, not to ${c.verdict}`, section);
  }
}

/** One whole-number score per rubric criterion, within its range; in rubric order. */
function scoresOf(scores: Record<string, number>, rubric: readonly RubricCriterion[]): Evaluation['scores'] {
  for (const key of Object.keys(scores)) {
    if (!rubric.some((r) => r.key === key)) {
      throw invalid(
        'evaluation.unknown_criterion',
        `the rubric has no criterion "${key}" (it has: ${rubric.map((r) => r.key).join(', ')})`,
        `scores.${key}`,
      );
    }
  }
  return rubric.map((r) => {
    const score = scores[r.key];
    if (score === undefined) throw invalid('evaluation.score_required', `score the criterion "${r.key}"`, `scores.${r.key}`);
    if (!Number.isInteger(score) || score < r.min || score > r.max) {
      throw invalid('evaluation.score_out_of_range', `a score is a whole number from ${r.min} to ${r.max}`, `scores.${r.key}`);
    }
    return { criterion: r.key, score };
  });
}

/** One result per target of the matter, with evidence; in target order. */
function resultsOf(m: Matter, results: CommandOf<'log_evaluation'>['results']): TargetResult[] {
  const byTarget = new Map<string, TargetResult>();
  results.forEach((r, i) => {
    const field = `results[${i}]`;
    if (!m.targets.some((t) => t.id === r.targetId)) {
      throw unprocessable('evaluation.unknown_target', 'the matter has no target with this id', `${field}.targetId`);
    }
    if (byTarget.has(r.targetId)) throw invalid('evaluation.duplicate_target', 'this target is evaluated twice', `${field}.targetId`);
    if (r.actualValue !== null && !Number.isFinite(r.actualValue)) {
      throw invalid('number.finite', 'the actual value is a finite number, or null when it could not be measured', `${field}.actualValue`);
    }
    const text = required(r.evidence?.text, `${field}.evidence.text`, 'give the evidence for the value');
    const links = (r.evidence.links ?? []).map((link, j) => {
      if (!isWebLink(link)) throw invalid('url.invalid', 'a link is an http or https address', `${field}.evidence.links[${j}]`);
      return link;
    });
    byTarget.set(r.targetId, { targetId: r.targetId, actualValue: r.actualValue, evidence: { text, links } });
  });
  return m.targets.map((t, i) => {
    const result = byTarget.get(t.id);
    if (!result) throw invalid('evaluation.result_required', `give the actual value and evidence for target ${i + 1} (${t.id})`, 'results');
    return result;
  });
}

function isWebLink(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || url.protocol === 'http:';
  } catch {
    return false;
  }
}

function experienceOf(m: Matter, input: ExperienceInput, evaluationId: string, ctx: DecisionContext, at: Instant): Experience {
  for (const key of ['title', 'practice', 'conditions'] as const) {
    if (!hasText(input[key])) throw invalid('text.required', `write the ${key} in Chinese or English`, `experience.${key}`);
  }
  const list = (values: string[] | undefined, key: 'regions' | 'fields', hint: string): string[] => {
    const cleaned = (values ?? []).map((v) => v.trim()).filter(Boolean);
    if (cleaned.length === 0) throw invalid('list.required', hint, `experience.${key}`);
    return [...new Set(cleaned)];
  };
  const contactUnitId = input.contactUnitId ?? m.leadingUnitId;
  if (!ctx.directory.unit(contactUnitId)) throw unprocessable('unit.unknown', 'no unit has this id', 'experience.contactUnitId');
  return {
    id: ctx.newId(),
    evaluationId,
    title: input.title,
    practice: input.practice,
    conditions: input.conditions,
    regions: list(input.regions, 'regions', 'name at least one region the practice suits'),
    fields: list(input.fields, 'fields', 'name at least one field the practice suits'),
    contactUnitId,
    recordedAt: at,
  };
}

/** Back to implementation with the changed plan: new milestones, moved deadlines. */
function adjustment(m: Matter, input: AdjustmentInput, plan: string, ctx: DecisionContext, at: Instant): MatterEvent {
  const adds = input.addMilestones ?? [];
  const moves = input.moveMilestones ?? [];
  if (adds.length === 0 && moves.length === 0) {
    throw invalid(
      'adjust.plan_unchanged',
      'an adjustment sets new deadlines: add milestones or move open ones',
      'adjustment.addMilestones',
    );
  }
  if (m.milestones.length + adds.length > LIMITS.milestones) {
    throw unprocessable('milestones.too_many', `a matter has at most ${LIMITS.milestones} milestones`, 'adjustment.addMilestones');
  }
  const movedMilestones = moves.map((mv, i) => {
    const field = `adjustment.moveMilestones[${i}]`;
    const ms = milestone(m, mv.milestoneId, `${field}.milestoneId`);
    if (ms.completedAt) throw conflict('milestone.completed', 'a completed milestone cannot be moved', `${field}.milestoneId`);
    return { milestoneId: ms.id, dueAt: resolveDue(mv.due, ctx, field), previousDueAt: ms.dueAt };
  });
  return {
    type: 'matter.adjusted',
    at,
    actorId: ctx.actor.userId,
    reason: plan,
    adjustmentNumber: m.adjustmentCount + 1,
    addedMilestones: adds.map((a, i) => newMilestone(a, ctx, `adjustment.addMilestones[${i}]`)),
    movedMilestones,
    stageDueAt: stageDue(ctx, 'in_implementation'),
    reportPeriod: reportPeriodFrom(
      (m.reportPeriod?.number ?? m.progressReports.length) + 1,
      at,
      m.riskLevel,
      ctx.definition.body,
      ctx.calendar,
    ),
  };
}

export function planOf(m: Matter): MatterPlan {
  return {
    code: m.code,
    title: m.title,
    description: m.description,
    kind: m.kind,
    policyArea: m.policyArea,
    leadingUnitId: m.leadingUnitId,
    participatingUnitIds: m.participatingUnitIds,
    managerId: m.managerId,
    targets: m.targets,
    riskLevel: m.riskLevel,
    risks: m.risks,
    requiresLegalAuthorization: m.requiresLegalAuthorization,
    leadingUnitBasis: m.leadingUnitBasis,
    legalBasis: m.legalBasis,
    legalAdjustment: m.legalAdjustment,
    nationalApproval: m.nationalApproval,
    kindBasis: m.kindBasis,
    source: m.source,
  };
}

/** The responsible manager is an active manager of the leading unit. */
function checkManager(managerId: string, leadingUnitId: string, ctx: DecisionContext): void {
  const manager = ctx.directory.user(managerId);
  if (!manager || !manager.active) throw unprocessable('user.unknown', 'no active user has this id', 'managerId');
  if (!manager.roles.includes('manager'))
    throw unprocessable('manager.not_a_manager', 'the responsible person must have the manager role', 'managerId');
  if (manager.unitId !== leadingUnitId) {
    throw unprocessable('manager.not_in_leading_unit', 'the responsible manager must belong to the leading unit', 'managerId');
  }
}

/** Rules of a plan that span fields or need the directory; shapes and lengths are the edge's job. */
function validatePlan(plan: MatterPlan, ctx: DecisionContext): void {
  if (!hasText(plan.title)) throw invalid('text.required', 'give the title in Chinese or English', 'title');
  if (!plan.policyArea.trim()) throw invalid('text.required', 'name the policy area', 'policyArea');
  if (!ctx.directory.unit(plan.leadingUnitId)) {
    throw unprocessable('unit.unknown', 'no unit has this id', 'leadingUnitId');
  }
  const seen = new Set<string>();
  plan.participatingUnitIds.forEach((id, i) => {
    const field = `participatingUnitIds[${i}]`;
    if (!ctx.directory.unit(id)) throw unprocessable('unit.unknown', 'no unit has this id', field);
    if (id === plan.leadingUnitId)
      throw invalid('participating_units.includes_leading_unit', 'the leading unit is not also a participating unit', field);
    if (seen.has(id)) throw invalid('participating_units.duplicate', 'this unit is listed twice', field);
    seen.add(id);
  });
  if (plan.managerId !== null) checkManager(plan.managerId, plan.leadingUnitId, ctx);
  plan.targets.forEach((t, i) => {
    if (!hasText(t.indicator)) throw invalid('text.required', 'name the indicator in Chinese or English', `targets[${i}].indicator`);
    if (!isLocalDate(t.byDate)) throw invalid('date.invalid', 'write the date as YYYY-MM-DD', `targets[${i}].byDate`);
  });
  if (plan.legalBasis != null) {
    if (!plan.legalBasis.trim()) throw invalid('text.required', 'write the legal basis, or leave it out', 'legalBasis');
    if (!plan.requiresLegalAuthorization) {
      throw invalid(
        'legal_basis.without_authorization',
        'a legal basis says why the matter needs legal authorization: set requiresLegalAuthorization, or remove legalBasis',
        'legalBasis',
      );
    }
  }
  validateLegalPlan(plan);
  if (plan.source) {
    if (!plan.source.document.trim()) throw invalid('text.required', 'name the source document', 'source.document');
    if (!plan.source.excerpt.trim()) throw invalid('text.required', "quote the document's words", 'source.excerpt');
  }
}

function pendingStep(m: Matter, ctx: DecisionContext): ApprovalStep {
  authorizeStepDecision(ctx.actor, m);
  const step = currentStep(m);
  if (!step) throw conflict('approval.no_pending_step', 'no approval step is waiting for a decision');
  return step;
}

function milestone(m: Matter, id: string, field = 'milestoneId'): Milestone {
  const ms = m.milestones.find((x) => x.id === id);
  if (!ms) throw notFound('milestone.unknown', 'the matter has no milestone with this id', field);
  return ms;
}

function part(m: Matter, id: string, field = 'partId'): Part {
  const p = m.parts.find((x) => x.id === id);
  if (!p) throw notFound('part.unknown', 'the matter has no part with this id', field);
  return p;
}

/** The words an acceptance carries when it came with another act (starting implementation, a report on the part). */
export const IMPLIED = 'implied';

/** A new acceptance (签收) asked of a unit, due after the definition's `acceptance.within`. */
function openAcceptance(unitId: string, ctx: DecisionContext, at: Instant): Acceptance {
  const policy = ctx.definition.body.acceptance;
  return {
    unitId,
    openedAt: at,
    dueAt: policy ? after(ctx, policy.within) : at,
    acceptedAt: null,
    acceptedBy: null,
    comment: null,
    returnedAt: null,
    returnedBy: null,
    returnReason: null,
  };
}

const field = (partId: string | undefined): string => (partId === undefined ? 'acceptance' : 'partId');

/** The acceptance a command names: the matter's without `partId`, else that part's. */
function assignment(m: Matter, partId: string | undefined): { partId: string | null; acceptance: Acceptance } {
  if (partId === undefined) {
    if (!m.acceptance) throw conflict('acceptance.not_asked', 'no acceptance (签收) is asked of this matter', 'acceptance');
    return { partId: null, acceptance: m.acceptance };
  }
  const p = part(m, partId);
  if (p.completedAt) throw conflict('part.completed', 'this part is already marked done', 'partId');
  if (!p.acceptance) throw conflict('acceptance.not_asked', 'no acceptance (签收) is asked of this part', 'partId');
  return { partId: p.id, acceptance: p.acceptance };
}

function instruction(m: Matter, id: string): Instruction {
  const i = m.instructions.find((x) => x.id === id);
  if (!i) throw notFound('instruction.unknown', 'the matter has no instruction with this id', 'instructionId');
  return i;
}

/** A leader's instruction as recorded; without the leader's time limit, the definition's applies. */
function newInstruction(input: InstructionInput, ctx: DecisionContext, at: Instant): Instruction {
  const leaderName = required(input.leaderName, 'leaderName', 'name the leader who gave the instruction');
  if (!isLocalDate(input.givenOn)) throw invalid('date.invalid', 'write the date as YYYY-MM-DD', 'givenOn');
  if (input.givenOn > today(ctx)) throw unprocessable('date.in_future', 'an instruction is recorded once it has been given', 'givenOn');
  const text = required(input.text, 'text', "write the instruction's words");
  const dueAt = input.due ? resolveDue(input.due, ctx, '') : after(ctx, instructionPolicy(ctx.definition.body).reportWithin);
  return {
    id: ctx.newId(),
    leaderName,
    leaderTitle: input.leaderTitle?.trim() || null,
    givenOn: input.givenOn,
    text,
    dueAt,
    dueGiven: Boolean(input.due),
    recordedAt: at,
    recordedBy: ctx.actor.userId,
    reports: [],
    closedAt: null,
    closedBy: null,
    closingRemark: null,
  };
}

function order(m: Matter, id: string): SupervisionOrder {
  const o = m.supervisionOrders.find((x) => x.id === id);
  if (!o) throw notFound('order.unknown', 'the matter has no supervision order with this id', 'orderId');
  return o;
}

/**
 * A supervision order as issued: on the matter, or on one of the deadlines it has now (not
 * another order's); the unit it names is that deadline's (a part's participating unit), else
 * the leading unit. Without a time from the office, the definition's `orders.within` applies.
 */
function newOrder(m: Matter, input: SupervisionOrderInput, ctx: DecisionContext, at: Instant): SupervisionOrder {
  if (!(ORDER_COLOURS as readonly string[]).includes(input.colour)) {
    throw invalid('order.colour_invalid', `the colour is one of ${ORDER_COLOURS.join(', ')}`, 'colour');
  }
  const subjectKey = input.subjectKey?.trim() || null;
  const subject = subjectKey
    ? deadlinesOf(m, ctx.definition.body, ctx.calendar).find((d) => d.key === subjectKey && d.kind !== 'order')
    : null;
  if (subjectKey && !subject) {
    throw unprocessable('order.unknown_subject', 'the matter has no open deadline with this key', 'subjectKey');
  }
  const requirement = required(input.requirement, 'requirement', 'say what the unit must do, and to what standard');
  const dueAt = input.due ? resolveDue(input.due, ctx, '') : after(ctx, orderPolicy(ctx.definition.body).within);
  return {
    id: ctx.newId(),
    colour: input.colour,
    subjectKey,
    subjectTitle: subject?.title ?? null,
    unitId: subject?.unitId ?? m.leadingUnitId,
    requirement,
    dueAt,
    dueGiven: Boolean(input.due),
    issuedAt: at,
    issuedBy: ctx.actor.userId || null,
    acknowledgedAt: null,
    acknowledgedBy: null,
    response: null,
    closedAt: null,
    closedBy: null,
    closingRemark: null,
  };
}

/** The contact person of a part is an active user of its unit. */
function checkContact(userId: string, unitId: string, ctx: DecisionContext, field: string): void {
  const user = ctx.directory.user(userId);
  if (!user || !user.active) throw unprocessable('user.unknown', 'no active user has this id', field);
  if (user.unitId !== unitId)
    throw unprocessable('part.contact_not_in_unit', 'the contact person must belong to the unit given the part', field);
}

/** A new part of one of the matter's participating units (a draft's parts[i] is rooted by the caller). */
function newPart(m: Matter, input: PartInput, ctx: DecisionContext, at: Instant): Part {
  if (!m.participatingUnitIds.includes(input.unitId)) {
    throw unprocessable(
      'part.not_participating',
      "a part goes to one of the matter's participating units (the leading unit answers for the matter itself)",
      'unitId',
    );
  }
  if (!hasText(input.deliverable)) throw invalid('text.required', 'say what the unit delivers, in Chinese or English', 'deliverable');
  if (input.contactId) checkContact(input.contactId, input.unitId, ctx, 'contactId');
  return {
    id: ctx.newId(),
    unitId: input.unitId,
    deliverable: input.deliverable,
    dueAt: resolveDue(input.due, ctx, ''),
    contactId: input.contactId ?? null,
    assignedAt: at,
    assignedBy: ctx.actor.userId,
    reports: [],
    completedAt: null,
    completedBy: null,
    // given while the work runs, the part is accepted by its unit now; before, when implementation starts
    ...(m.stage === 'in_implementation' && ctx.definition.body.acceptance ? { acceptance: openAcceptance(input.unitId, ctx, at) } : {}),
  };
}

/** `prefix` is where the milestone sits in the caller's input ('' at the top, `addMilestones[2]`). */
function newMilestone(input: MilestoneInput, ctx: DecisionContext, prefix: string): Milestone {
  if (!hasText(input.title)) throw invalid('text.required', 'give the title in Chinese or English', fieldAt(prefix, 'title'));
  return {
    id: ctx.newId(),
    title: input.title,
    dueAt: resolveDue(input.due, ctx, prefix),
    completedAt: null,
    completedBy: null,
    note: null,
  };
}

export const fieldAt = (prefix: string, name: string): string => (prefix ? `${prefix}.${name}` : name);

function required(value: string | undefined, field: string, hint: string): string {
  const text = value?.trim();
  if (!text) throw invalid('text.required', `${field} is required: ${hint}`, field);
  return text;
}

/**
 * A due time given as an instant, a date or a duration from now; it must lie in the
 * future. Errors name the field as callers write it: `dueIn` for a duration, `dueAt`
 * otherwise, under `prefix`.
 */
export function resolveDue(spec: DueSpec, ctx: DecisionContext, prefix: string): Instant {
  const field = fieldAt(prefix, 'in' in spec ? 'dueIn' : 'dueAt');
  let at: Date;
  if ('in' in spec) {
    try {
      at = addDuration(ctx.now, parseDuration(spec.in), ctx.definition.body.timeZone);
    } catch (e) {
      if (e instanceof DurationError) throw invalid('duration.invalid', e.message, field);
      throw e;
    }
  } else if ('on' in spec) {
    if (!isLocalDate(spec.on)) throw invalid('date.invalid', 'write the date as YYYY-MM-DD', field);
    const [year, month, day] = spec.on.split('-').map(Number);
    at = instantOfWallClock({ year, month, day, hour: 23, minute: 59, second: 59, millisecond: 0 }, ctx.definition.body.timeZone);
  } else {
    at = spec.at;
  }
  if (at.getTime() <= ctx.now.getTime()) throw unprocessable('due.in_past', 'the due time must lie in the future', field);
  return at.toISOString();
}

function after(ctx: DecisionContext, duration: DurationSpec): Instant {
  return applyDuration(ctx.now, duration, ctx.definition.body.timeZone, ctx.calendar).toISOString();
}

function stageDue(ctx: DecisionContext, stage: TimedStage): Instant | null {
  const due = ctx.definition.body.stages[stage].due;
  return due ? after(ctx, due) : null;
}

function today(ctx: DecisionContext): string {
  const w = wallClockAt(ctx.now, ctx.definition.body.timeZone);
  return `${w.year}-${String(w.month).padStart(2, '0')}-${String(w.day).padStart(2, '0')}`;
}
