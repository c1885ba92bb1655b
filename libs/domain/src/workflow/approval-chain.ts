import { unprocessable } from '../common/domain-error.js';
import type { Matter } from '../matters/matter.js';
import { riskRank } from '../matters/vocabulary.js';
import type { ApprovalStepDefinition, Authority, FixedAuthority, StepCondition, WorkflowDefinitionBody } from './definition.js';

/** Whether a step's condition holds for a matter; a step without one always applies. */
export function conditionHolds(
  condition: StepCondition | undefined,
  matter: Pick<Matter, 'riskLevel' | 'requiresLegalAuthorization' | 'kind'>,
): boolean {
  if (!condition) return true;
  if (condition.riskAtLeast !== undefined && riskRank(matter.riskLevel) < riskRank(condition.riskAtLeast)) return false;
  if (condition.requiresLegalAuthorization !== undefined && matter.requiresLegalAuthorization !== condition.requiresLegalAuthorization) {
    return false;
  }
  if (condition.kindIn !== undefined && !condition.kindIn.includes(matter.kind)) return false;
  return true;
}

export interface ResolvedStep {
  definition: ApprovalStepDefinition;
  unitId: string;
}

/**
 * The approval chain of a matter at submission: the definition's steps whose
 * conditions hold, in order, each with the unit that decides it.
 * `authorityUnits` maps the definition's fixed authorities to unit ids.
 */
export function resolveApprovalChain(
  body: WorkflowDefinitionBody,
  matter: Pick<Matter, 'riskLevel' | 'requiresLegalAuthorization' | 'kind' | 'leadingUnitId'>,
  authorityUnits: Partial<Record<FixedAuthority, string>>,
): ResolvedStep[] {
  const steps = body.approval.steps.filter((s) => conditionHolds(s.when, matter));
  if (steps.length === 0) {
    throw unprocessable('approval.empty_chain', `workflow "${body.name}" gives this matter no approval step`);
  }
  return steps.map((definition) => ({ definition, unitId: unitFor(definition.unit, matter.leadingUnitId, authorityUnits, body.name) }));
}

function unitFor(
  authority: Authority,
  leadingUnitId: string,
  authorityUnits: Partial<Record<FixedAuthority, string>>,
  workflow: string,
): string {
  if (authority === 'leading_unit') return leadingUnitId;
  const unitId = authorityUnits[authority];
  if (!unitId) {
    throw unprocessable(
      'approval.authority_unresolved',
      `workflow "${workflow}" names ${authority} as an approver, but its unit is not registered`,
    );
  }
  return unitId;
}
