import type { Instant } from '../common/ids.js';
import { DomainError } from '../common/domain-error.js';
import type { Actor } from '../users/actor.js';
import type { WorkflowDefinitionBody } from '../workflow/definition.js';
import { MATTER_COMMAND_TYPES, type MatterCommandType } from './commands.js';
import { ALLOWED_STAGES } from './decide.js';
import {
  type Matter,
  acceptanceState,
  acceptancesOf,
  currentStep,
  nextDueAt,
  openInstructions,
  openMilestones,
  openOrders,
  openParts,
} from './matter.js';
import { hasRole } from '../users/actor.js';
import { authorize, authorizeStepDecision } from './permissions.js';
import { LIMITS, isTerminal } from './vocabulary.js';

/** An action this person may take on this matter now; `subjectId` names the milestone or notice it applies to. */
export interface AvailableAction {
  type: MatterCommandType;
  subjectId?: string;
}

/** An action their role and the stage allow, held back by the matter's state; `code` is the rule `decide` would refuse it with. */
export interface BlockedAction {
  type: MatterCommandType;
  code: string;
  detail: string;
}

export interface MatterActions {
  actions: AvailableAction[];
  blocked: BlockedAction[];
}

type Check = (m: Matter, actor: Actor, now: Instant) => AvailableAction[] | BlockedAction;

const once =
  (type: MatterCommandType, blockedIf?: (m: Matter, actor: Actor, now: Instant) => Omit<BlockedAction, 'type'> | null): Check =>
  (m, actor, now) => {
    const blocked = blockedIf?.(m, actor, now);
    return blocked ? { type, ...blocked } : [{ type }];
  };

const perMilestone =
  (type: MatterCommandType, which: 'open' | 'all'): Check =>
  (m) =>
    (which === 'open' ? openMilestones(m) : m.milestones).map((ms) => ({ type, subjectId: ms.id }));

const decision =
  (type: MatterCommandType): Check =>
  (m, actor) => {
    try {
      authorizeStepDecision(actor, m);
    } catch (e) {
      if (e instanceof DomainError) return { type, code: e.code, detail: e.message };
      throw e;
    }
    return currentStep(m) ? [{ type }] : { type, code: 'approval.no_pending_step', detail: 'no approval step is waiting for a decision' };
  };

/**
 * The state checks of each command that do not depend on what the person types: they
 * mirror `decide`'s handlers, so the page offers only what the API would accept (the
 * lifecycle property test holds the two together).
 */
const CHECKS: Readonly<Record<MatterCommandType, Check>> = {
  edit: once('edit'),
  submit: once('submit', (m) =>
    m.managerId ? null : { code: 'manager.required', detail: 'name the responsible manager before submitting' },
  ),
  approve_step: decision('approve_step'),
  reject_step: decision('reject_step'),
  return_step: decision('return_step'),
  start_implementation: once('start_implementation', (m) => {
    if (m.milestones.length === 0)
      return { code: 'implementation.requires_milestone', detail: 'add at least one milestone before implementation starts' };
    if (m.requiresLegalAuthorization && !m.legalAuthorizedAt)
      return {
        code: 'implementation.requires_legal_authorization',
        detail: 'its legal authorization step must be approved before implementation starts',
      };
    return null;
  }),
  add_milestone: once('add_milestone', (m) =>
    m.milestones.length >= LIMITS.milestones
      ? { code: 'milestones.too_many', detail: `a matter has at most ${LIMITS.milestones} milestones` }
      : null,
  ),
  edit_milestone: perMilestone('edit_milestone', 'open'),
  remove_milestone: perMilestone('remove_milestone', 'all'),
  complete_milestone: perMilestone('complete_milestone', 'open'),
  assign_part: once('assign_part', (m) =>
    m.participatingUnitIds.length === 0
      ? { code: 'part.not_participating', detail: 'the matter has no participating unit to give a part to' }
      : m.parts.length >= LIMITS.parts
        ? { code: 'parts.too_many', detail: `a matter has at most ${LIMITS.parts} parts` }
        : null,
  ),
  edit_part: (m) => openParts(m).map((p) => ({ type: 'edit_part', subjectId: p.id })),
  remove_part: (m) => openParts(m).map((p) => ({ type: 'remove_part', subjectId: p.id })),
  // each unit reports on its own parts: its managers on all of them, a contact person on theirs
  report_part: (m, actor) =>
    openParts(m)
      .filter((p) => p.unitId === actor.unitId && (hasRole(actor, 'manager') || p.contactId === actor.userId))
      .map((p) => ({ type: 'report_part', subjectId: p.id })),
  // 签收: the unit's managers accept or return what their unit was given; the office resolves what came back
  accept_assignment: (m, actor) =>
    acceptancesOf(m)
      .filter(({ acceptance }) => acceptanceState(acceptance) === 'pending' && acceptance.unitId === actor.unitId)
      .map(({ partId }) => ({ type: 'accept_assignment', ...(partId ? { subjectId: partId } : {}) })),
  return_assignment: (m, actor) =>
    acceptancesOf(m)
      .filter(({ acceptance }) => acceptanceState(acceptance) === 'pending' && acceptance.unitId === actor.unitId)
      .map(({ partId }) => ({ type: 'return_assignment', ...(partId ? { subjectId: partId } : {}) })),
  resolve_returned_assignment: (m) =>
    acceptancesOf(m)
      .filter(({ acceptance }) => acceptanceState(acceptance) === 'returned')
      .map(({ partId }) => ({ type: 'resolve_returned_assignment', ...(partId ? { subjectId: partId } : {}) })),
  record_instruction: once('record_instruction', (m) =>
    m.instructions.length >= LIMITS.instructions
      ? { code: 'instructions.too_many', detail: `a matter has at most ${LIMITS.instructions} instructions` }
      : null,
  ),
  report_instruction: (m) => openInstructions(m).map((i) => ({ type: 'report_instruction', subjectId: i.id })),
  close_instruction: (m) =>
    openInstructions(m)
      .filter((i) => i.reports.length > 0)
      .map((i) => ({ type: 'close_instruction', subjectId: i.id })),
  issue_supervision_order: once('issue_supervision_order', (m) =>
    m.supervisionOrders.length >= LIMITS.supervisionOrders
      ? { code: 'orders.too_many', detail: `a matter has at most ${LIMITS.supervisionOrders} supervision orders` }
      : null,
  ),
  acknowledge_supervision_order: (m, actor) =>
    openOrders(m)
      .filter((o) => o.acknowledgedAt === null && o.unitId === actor.unitId)
      .map((o) => ({ type: 'acknowledge_supervision_order', subjectId: o.id })),
  close_supervision_order: (m) =>
    openOrders(m)
      .filter((o) => o.acknowledgedAt !== null)
      .map((o) => ({ type: 'close_supervision_order', subjectId: o.id })),
  report_progress: once('report_progress', (m) =>
    m.targets.length === 0 ? { code: 'progress.no_target', detail: 'the matter has no target to report a value for' } : null,
  ),
  // a report covers the period now open; once it is in, the next one opens when that period was due
  file_progress_report: once('file_progress_report', (m, _a, now) =>
    m.stage === 'in_implementation' && m.reportPeriod && m.reportPeriod.startsAt > now
      ? {
          code: 'progress_report.period_not_started',
          detail: `the report of period ${m.reportPeriod.number - 1} is in; period ${m.reportPeriod.number} opens at ${m.reportPeriod.startsAt}`,
        }
      : null,
  ),
  update_risks: once('update_risks'),
  request_evaluation: once('request_evaluation'),
  assign_evaluator: once('assign_evaluator', (m) =>
    m.evaluator && m.evaluations.some((e) => e.round === m.adjustmentCount)
      ? { code: 'evaluation.already_logged', detail: 'this round is already evaluated' }
      : null,
  ),
  reassign_manager: once('reassign_manager'),
  log_evaluation: once('log_evaluation', (m, actor) => {
    if (!m.evaluator) return { code: 'evaluation.no_evaluator', detail: 'no evaluator is assigned yet: the reform office assigns one' };
    if (m.evaluator.userId !== actor.userId) return { code: 'evaluation.not_assigned_to_you', detail: 'another evaluator is assigned' };
    return null;
  }),
  withdraw: once('withdraw'),
  terminate: once('terminate'),
  send_urge_notice: once('send_urge_notice', (m, _a, now) => {
    const due = nextDueAt(m);
    return due === null || due >= now
      ? { code: 'urge.not_overdue', detail: 'an urge notice is sent only on an overdue matter: none of its deadlines has passed' }
      : null;
  }),
  acknowledge_urge_notice: (m) =>
    m.urgeNotices.filter((n) => n.acknowledgedAt === null).map((n) => ({ type: 'acknowledge_urge_notice', subjectId: n.id })),
};

/**
 * What this person may do to this matter now: the same rules as `decide` (who may, in
 * which stage, the matter's state), asked without a command. Actions the role and stage
 * allow but the state holds back come back as `blocked`, with the rule, so a page can
 * say why a button is missing.
 */
export function availableActions(actor: Actor, m: Matter, definition: WorkflowDefinitionBody, now: Date): MatterActions {
  const out: MatterActions = { actions: [], blocked: [] };
  if (isTerminal(m.stage)) return out;
  const at = now.toISOString();
  for (const type of MATTER_COMMAND_TYPES) {
    if (!ALLOWED_STAGES[type].includes(m.stage)) continue;
    try {
      authorize(actor, m, type, definition);
    } catch (e) {
      if (e instanceof DomainError) continue;
      throw e;
    }
    const result = CHECKS[type](m, actor, at);
    if (Array.isArray(result)) out.actions.push(...result);
    else out.blocked.push(result);
  }
  return out;
}
