import { unprocessable } from '../common/domain-error.js';
import type { Matter } from '../matters/matter.js';
import type { LegalAuthorizingBody } from './definition.js';
import { riskRank } from '../matters/vocabulary.js';
import type { ApprovalStepDefinition, Authority, AuthorityUnits, StepCondition, WorkflowDefinitionBody } from './definition.js';

/** Whether a step's condition holds for a matter; a step without one always applies. */
export function conditionHolds(
  condition: StepCondition | undefined,
  matter: Pick<Matter, 'riskLevel' | 'requiresLegalAuthorization' | 'kind'> & Partial<Pick<Matter, 'nationalApproval'>>,
): boolean {
  if (!condition) return true;
  if (condition.requiresNationalApproval !== undefined && (matter.nationalApproval != null) !== condition.requiresNationalApproval) {
    return false;
  }
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
  matter: Pick<Matter, 'riskLevel' | 'requiresLegalAuthorization' | 'kind' | 'leadingUnitId'> &
    Partial<Pick<Matter, 'nationalApproval' | 'legalAdjustment'>>,
  authorityUnits: AuthorityUnits,
): ResolvedStep[] {
  const steps = body.approval.steps.filter((s) => conditionHolds(s.when, matter));
  if (steps.length === 0) {
    throw unprocessable('approval.empty_chain', `workflow "${body.name}" gives this matter no approval step`);
  }
  return steps.map((definition) => ({ definition, unitId: unitFor(definition.unit, matter, authorityUnits, body.name) }));
}

/** Who authorizes an adjustment: the NPC Standing Committee a law, the State Council an administrative regulation. */
export const authorizingBodyFor = (level: 'law' | 'administrative_regulation'): LegalAuthorizingBody =>
  level === 'law' ? 'npc_standing_committee' : 'state_council';

function unitFor(
  authority: Authority,
  matter: Pick<Matter, 'leadingUnitId'> & Partial<Pick<Matter, 'legalAdjustment'>>,
  authorityUnits: AuthorityUnits,
  workflow: string,
): string {
  if (authority === 'leading_unit') return matter.leadingUnitId;
  if (authority === 'legal_authority') {
    if (!matter.legalAdjustment) {
      throw unprocessable(
        'legal_adjustment.required',
        'name the law or administrative regulation the measure adjusts: the body that can authorize it decides this step',
        'legalAdjustment',
      );
    }
    const body = authorizingBodyFor(matter.legalAdjustment.level);
    const unitId = authorityUnits[body];
    if (!unitId) {
      throw unprocessable(
        'approval.authority_unresolved',
        `workflow "${workflow}" maps no registered unit to ${body}, which authorizes this matter`,
      );
    }
    return unitId;
  }
  const unitId = authorityUnits[authority];
  if (!unitId) {
    throw unprocessable(
      'approval.authority_unresolved',
      `workflow "${workflow}" names ${authority} as an approver, but its unit is not registered`,
    );
  }
  return unitId;
}
