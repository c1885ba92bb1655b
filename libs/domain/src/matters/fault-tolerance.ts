import type { Instant } from '../common/ids.js';
import { conflict, forbidden, invalid } from '../common/domain-error.js';
import { type Actor, hasRole } from '../users/actor.js';
import type { MatterEvent } from './events.js';
import type { Matter } from './matter.js';

/**
 * Fault tolerance (容错纠错). 001 asks to "健全容错纠错机制，加强对敢担当善作为干部的激励保护";
 * 004 cites Guangdong's "Guidelines for the Degree of Due Diligence … in the Transformation of
 * Scientific and Technological Achievements", which clarify "who will exempt responsibilities,
 * what and how to exempt them". A pilot that failed in good faith is not held against the unit
 * that led it: for a matter closed as ineffective or terminated, the reform office records a
 * finding, exempted or not, with the reason and the basis (the guideline or rule applied). A
 * later finding replaces the earlier one (纠错: a finding can be corrected); the audit trail keeps
 * both. That a finding may be revised is inferred: the documents say nothing either way.
 */
export interface FaultToleranceInput {
  exempted: boolean;
  reason: string;
  basis: string;
}

export interface FaultToleranceFinding extends FaultToleranceInput {
  recordedBy: string;
  recordedAt: Instant;
}

export const FAULT_TOLERANCE_LIMITS = { reason: 2000, basis: 500 } as const;

/** Closed as ineffective, or terminated: the matters a fault-tolerance finding is for. */
export const faultToleranceApplies = (m: Pick<Matter, 'stage' | 'outcome'>): boolean =>
  m.stage === 'terminated' || (m.stage === 'closed' && m.outcome === 'closed_ineffective');

/** Exempted under the guidelines: the matter does not count against its leading unit. */
export const isExempted = (m: Pick<Matter, 'faultTolerance'>): boolean => m.faultTolerance?.exempted === true;

/** Checks who, which matter and the input, in that order (403, 409, 400), and records the finding. */
export function decideFaultTolerance(m: Matter, input: FaultToleranceInput, actor: Actor, now: Date): MatterEvent {
  if (!hasRole(actor, 'reform_office'))
    throw forbidden('fault_tolerance.not_permitted', 'only the reform office records a fault-tolerance finding');
  if (!faultToleranceApplies(m))
    throw conflict(
      'fault_tolerance.not_applicable',
      `a fault-tolerance finding is recorded on a matter closed as ineffective or terminated; this one is ${m.stage}${m.outcome ? ` (${m.outcome})` : ''}`,
    );
  const reason = input.reason.trim();
  const basis = input.basis.trim();
  if (!reason) throw invalid('fault_tolerance.reason_required', 'say why the failure is, or is not, tolerated', 'reason');
  if (!basis) throw invalid('fault_tolerance.basis_required', 'name the guideline or rule the finding rests on', 'basis');
  if (reason.length > FAULT_TOLERANCE_LIMITS.reason)
    throw invalid('fault_tolerance.reason_too_long', `at most ${FAULT_TOLERANCE_LIMITS.reason} characters`, 'reason');
  if (basis.length > FAULT_TOLERANCE_LIMITS.basis)
    throw invalid('fault_tolerance.basis_too_long', `at most ${FAULT_TOLERANCE_LIMITS.basis} characters`, 'basis');
  const at = now.toISOString();
  return {
    type: 'fault_tolerance.recorded',
    at,
    actorId: actor.userId,
    finding: { exempted: input.exempted, reason, basis, recordedBy: actor.userId, recordedAt: at },
    previous: m.faultTolerance ?? null,
  };
}
