/**
 * Legal authorization as item (14) of the 2024 Opinions puts it: "Where adjustments to
 * existing laws or administrative regulations are involved … they should be implemented
 * after being authorized by the Standing Committee of the National People's Congress or
 * the State Council in accordance with legal procedures." The matter names what it
 * adjusts; the body that can authorize it decides the step; the decision records the
 * instrument, whose end of validity (if any) is a deadline.
 */
import { invalid, unprocessable } from '../common/domain-error.js';
import { type Instant, type LocalDate, isLocalDate } from '../common/ids.js';
import { DurationError, addDuration, instantOfWallClock, parseDuration } from '../time/duration.js';
import type { ApprovalStep, AuthorizationInstrument, LegalAdjustment, Matter, NationalApproval } from './matter.js';
import { LEGAL_ADJUSTMENT_LEVELS } from './matter.js';

/**
 * The instrument as the approver of the legal-authorization step enters it. Validity runs
 * from `validFrom` (the start of that day; the decision time when omitted) until the end
 * of the day `validUntil`, or for `validFor` (ISO-8601, `P3Y`); neither: no time limit.
 */
export interface AuthorizationInput {
  title: string;
  documentNumber: string;
  issuedOn: LocalDate;
  scope: string;
  validFrom?: LocalDate;
  validUntil?: LocalDate;
  validFor?: string;
}

const FIELD = 'authorization';
const at = (name: string): string => `${FIELD}.${name}`;

function text(value: string | undefined, name: string, hint: string): string {
  const t = value?.trim();
  if (!t) throw invalid('text.required', `${at(name)} is required: ${hint}`, at(name));
  return t;
}

function startOfDay(date: LocalDate, timeZone: string): Date {
  const [year, month, day] = date.split('-').map(Number);
  return instantOfWallClock({ year, month, day, hour: 0, minute: 0, second: 0, millisecond: 0 }, timeZone);
}

function endOfDay(date: LocalDate, timeZone: string): Date {
  const [year, month, day] = date.split('-').map(Number);
  return instantOfWallClock({ year, month, day, hour: 23, minute: 59, second: 59, millisecond: 0 }, timeZone);
}

/**
 * Checks the instrument the decision records and resolves its period of validity.
 * Errors name the field under `authorization.` and the rule.
 */
export function instrumentOf(
  input: AuthorizationInput,
  step: Pick<ApprovalStep, 'id' | 'unitId'>,
  now: Date,
  timeZone: string,
): AuthorizationInstrument {
  const title = text(input.title, 'title', 'the title of the authorizing decision');
  const documentNumber = text(input.documentNumber, 'documentNumber', 'the document number of the instrument');
  const scope = text(input.scope, 'scope', 'what the authorization covers');
  if (!isLocalDate(input.issuedOn)) throw invalid('date.invalid', 'write the date as YYYY-MM-DD', at('issuedOn'));
  if (input.validFrom !== undefined && !isLocalDate(input.validFrom)) {
    throw invalid('date.invalid', 'write the date as YYYY-MM-DD', at('validFrom'));
  }
  if (input.validUntil !== undefined && input.validFor !== undefined) {
    throw invalid('validity.one_of', 'give the end of validity as validUntil or validFor, not both', at('validFor'));
  }
  const from = input.validFrom !== undefined ? startOfDay(input.validFrom, timeZone) : now;
  let until: Date | null = null;
  let untilField = at('validUntil');
  if (input.validUntil !== undefined) {
    if (!isLocalDate(input.validUntil)) throw invalid('date.invalid', 'write the date as YYYY-MM-DD', untilField);
    until = endOfDay(input.validUntil, timeZone);
  } else if (input.validFor !== undefined) {
    untilField = at('validFor');
    try {
      until = addDuration(from, parseDuration(input.validFor), timeZone);
    } catch (e) {
      if (e instanceof DurationError) throw invalid('duration.invalid', e.message, untilField);
      throw e;
    }
  }
  if (until && until.getTime() <= from.getTime()) {
    throw invalid('validity.end_before_start', 'the period of validity ends after it starts', untilField);
  }
  if (until && until.getTime() <= now.getTime()) {
    throw unprocessable('validity.lapsed', 'this authorization has already lapsed: its validity ends in the past', untilField);
  }
  return {
    stepId: step.id,
    authorizedByUnitId: step.unitId,
    title,
    documentNumber,
    issuedOn: input.issuedOn,
    scope,
    validFrom: from.toISOString(),
    validUntil: until ? until.toISOString() : null,
  };
}

/**
 * Whether approving this step must record an instrument: the legal-authorization step of
 * a matter that names what it adjusts (matters from before the model named nothing).
 */
export const instrumentRequired = (m: Pick<Matter, 'legalAdjustment'>, step: Pick<ApprovalStep, 'legalAuthorization'>): boolean =>
  step.legalAuthorization && m.legalAdjustment != null;

/** The plan's legal fields, checked together; shapes are the edge's job. */
export function validateLegalPlan(plan: {
  requiresLegalAuthorization: boolean;
  legalAdjustment?: LegalAdjustment | null;
  nationalApproval?: NationalApproval | null;
}): void {
  const adj = plan.legalAdjustment;
  if (adj != null) {
    if (!plan.requiresLegalAuthorization) {
      throw invalid(
        'legal_adjustment.without_authorization',
        'only a matter that needs legal authorization names a law or regulation to adjust: set requiresLegalAuthorization, or remove legalAdjustment',
        'legalAdjustment',
      );
    }
    if (!(LEGAL_ADJUSTMENT_LEVELS as readonly string[]).includes(adj.level)) {
      throw invalid('one_of', `must be one of: ${LEGAL_ADJUSTMENT_LEVELS.join(', ')}`, 'legalAdjustment.level');
    }
    if (!adj.name?.trim()) throw invalid('text.required', 'name the law or administrative regulation', 'legalAdjustment.name');
  }
  const na = plan.nationalApproval;
  if (na != null && !na.authority?.trim()) {
    throw invalid('text.required', 'name the national body whose approval is needed', 'nationalApproval.authority');
  }
}

/** When a time-limited authorization lapses, while the matter is open; null otherwise. */
export function authorizationLapsesAt(m: Pick<Matter, 'authorizationInstrument'>): Instant | null {
  return m.authorizationInstrument?.validUntil ?? null;
}
