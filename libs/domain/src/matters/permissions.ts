import { forbidden } from '../common/domain-error.js';
import { type Actor, hasRole } from '../users/actor.js';
import type { WorkflowDefinitionBody } from '../workflow/definition.js';
import type { MatterCommandType } from './commands.js';
import { type Matter, type MatterPlan, currentStep } from './matter.js';

/**
 * Who may see and do what, per matter and per unit. Roles alone never suffice:
 * a manager acts only on matters their unit leads, an approver decides only the step
 * assigned to their unit and role, an evaluator never judges their own unit's matter.
 * The SQL visibility filter in the persistence library mirrors `canRead`.
 */
export function canRead(actor: Actor, m: Matter): boolean {
  if (hasRole(actor, 'admin') || hasRole(actor, 'reform_office')) return true;
  if (m.leadingUnitId === actor.unitId || m.participatingUnitIds.includes(actor.unitId)) return true;
  if (hasRole(actor, 'approver') && m.approvalSteps.some((s) => s.unitId === actor.unitId)) return true;
  if (hasRole(actor, 'evaluator') && (m.stage === 'in_evaluation' || m.stage === 'closed')) return true;
  return false;
}

/** The reform office, or a manager of the leading unit: the people who drive a matter. */
export const drives = (actor: Actor, m: Pick<Matter, 'leadingUnitId'>): boolean =>
  hasRole(actor, 'reform_office') || (hasRole(actor, 'manager') && actor.unitId === m.leadingUnitId);

/** Whether the actor could decide some step of this matter's chain: the role and, for the leading unit's steps, the unit. */
const decidesSomeStep = (a: Actor, m: Matter, body: WorkflowDefinitionBody): boolean =>
  m.approvalSteps.some((s) => s.unitId === a.unitId && hasRole(a, s.role)) ||
  body.approval.steps.some((s) => hasRole(a, s.role) && (s.unit !== 'leading_unit' || a.unitId === m.leadingUnitId));

type Rule = (actor: Actor, m: Matter, body: WorkflowDefinitionBody) => boolean;

const RULES: Readonly<Record<MatterCommandType, Rule>> = {
  edit: drives,
  submit: drives,
  withdraw: drives,
  start_implementation: drives,
  add_milestone: drives,
  edit_milestone: drives,
  remove_milestone: drives,
  complete_milestone: drives,
  // 分工: the leading unit gives the parts; each participating unit reports on its own (decide checks which part)
  assign_part: drives,
  edit_part: drives,
  remove_part: drives,
  report_part: (a, m) =>
    m.participatingUnitIds.includes(a.unitId) && (hasRole(a, 'manager') || m.parts.some((p) => p.contactId === a.userId)),
  // 签收: a manager of the unit given the matter or a part accepts or returns it (decide checks which); the office resolves a return
  accept_assignment: (a, m) => hasRole(a, 'manager') && (a.unitId === m.leadingUnitId || m.participatingUnitIds.includes(a.unitId)),
  return_assignment: (a, m) => hasRole(a, 'manager') && (a.unitId === m.leadingUnitId || m.participatingUnitIds.includes(a.unitId)),
  resolve_returned_assignment: (a) => hasRole(a, 'reform_office'),
  // 领导批示: the reform office records and closes them; the leading unit's manager reports
  record_instruction: (a) => hasRole(a, 'reform_office'),
  report_instruction: (a, m) => hasRole(a, 'manager') && a.unitId === m.leadingUnitId,
  close_instruction: (a) => hasRole(a, 'reform_office'),
  // 三色督办单: the reform office issues and closes them; a manager of the unit an order names acknowledges it
  issue_supervision_order: (a) => hasRole(a, 'reform_office'),
  acknowledge_supervision_order: (a, m) => hasRole(a, 'manager') && m.supervisionOrders.some((o) => o.unitId === a.unitId),
  close_supervision_order: (a) => hasRole(a, 'reform_office'),
  report_progress: drives,
  file_progress_report: drives,
  update_risks: drives,
  // implementation ends with its last milestone; before that, only the reform office can call it done
  request_evaluation: (a) => hasRole(a, 'reform_office'),
  assign_evaluator: (a) => hasRole(a, 'reform_office'),
  reassign_manager: (a) => hasRole(a, 'reform_office'),
  terminate: (a) => hasRole(a, 'reform_office'),
  send_urge_notice: (a) => hasRole(a, 'reform_office'),
  // the notice is addressed to the leading unit: its manager answers it
  acknowledge_urge_notice: (a, m) => hasRole(a, 'manager') && a.unitId === m.leadingUnitId,
  log_evaluation: (a) => hasRole(a, 'evaluator'),
  // Whether this actor decides the *current* step is checked by `authorizeStepDecision`
  // once the stage is known to be in approval; here: may they decide steps at all.
  approve_step: decidesSomeStep,
  reject_step: decidesSomeStep,
  return_step: decidesSomeStep,
};

/** Throws `forbidden` unless the actor may issue this kind of command on this matter. */
export function authorize(actor: Actor, m: Matter, type: MatterCommandType, body: WorkflowDefinitionBody): void {
  if (!canRead(actor, m)) {
    throw forbidden('matter.not_permitted', 'you may not see or act on this matter: it belongs to another unit');
  }
  if (type === 'log_evaluation' && hasRole(actor, 'evaluator') && actor.unitId === m.leadingUnitId) {
    throw forbidden('evaluation.evaluator_in_leading_unit', "an evaluator may not evaluate a matter led by the evaluator's own unit");
  }
  if (!RULES[type](actor, m, body)) {
    throw forbidden('matter.action_not_permitted', `your role or unit may not ${type.replaceAll('_', ' ')} on this matter`);
  }
}

/** An approver decides only the current step, and only if it is assigned to their unit and role. */
export function authorizeStepDecision(actor: Actor, m: Matter): void {
  const step = currentStep(m);
  if (step && (step.unitId !== actor.unitId || !hasRole(actor, step.role))) {
    throw forbidden('approval.not_your_step', `the current step "${step.key}" is decided by role ${step.role} of another unit, not by you`);
  }
}

/** Who may draft a matter: the reform office for any unit, a manager for their own unit. */
export function authorizeDraft(actor: Actor, plan: Pick<MatterPlan, 'leadingUnitId'>): void {
  if (hasRole(actor, 'reform_office')) return;
  if (hasRole(actor, 'manager') && actor.unitId === plan.leadingUnitId) return;
  throw forbidden('matter.draft_not_permitted', 'only the reform office, or a manager for their own unit, may draft a matter');
}
