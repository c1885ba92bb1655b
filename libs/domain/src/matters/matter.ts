import type { Instant, LocalDate } from '../common/ids.js';
import type { LocalizedText } from '../common/localized-text.js';
import type { Authority } from '../workflow/definition.js';
import type { Role } from '../users/actor.js';
import type { Likelihood, MatterKind, Outcome, RiskLevel, Stage, StepStatus, Verdict } from './vocabulary.js';

export interface Target {
  id: string;
  indicator: LocalizedText;
  baseline: number | null;
  targetValue: number;
  /** The measure's unit as written: "%", "USD bn", "家". */
  unit: string;
  byDate: LocalDate;
}

export interface Risk {
  id: string;
  description: string;
  likelihood: Likelihood;
  impact: Likelihood;
  mitigation: string;
}

export interface Milestone {
  id: string;
  title: LocalizedText;
  dueAt: Instant;
  completedAt: Instant | null;
  completedBy: string | null;
  note: string | null;
}

/** One step of one approval round, resolved to a concrete unit when the matter was submitted. */
export interface ApprovalStep {
  id: string;
  round: number;
  position: number;
  key: string;
  title: LocalizedText;
  role: Role;
  authority: Authority;
  unitId: string;
  legalAuthorization: boolean;
  /** Set when the step becomes the current one. */
  startedAt: Instant | null;
  dueAt: Instant | null;
  status: StepStatus;
  decidedBy: string | null;
  decidedAt: Instant | null;
  comment: string | null;
}

export interface ProgressEntry {
  id: string;
  targetId: string;
  value: number;
  asOf: LocalDate;
  note: string | null;
  reportedBy: string;
  reportedAt: Instant;
}

/** An urge notice (催办): the reform office presses the leading unit on an overdue matter; its manager must acknowledge it. */
export interface UrgeNotice {
  id: string;
  message: string;
  sentBy: string;
  sentAt: Instant;
  /** Acknowledge by this time, or the notice escalates on its own ladder. */
  dueAt: Instant;
  acknowledgedAt: Instant | null;
  acknowledgedBy: string | null;
  response: string | null;
}

export interface Evaluation {
  id: string;
  /** Evaluations are counted per implementation round: 0 before any adjustment. */
  round: number;
  evaluatorId: string;
  evaluatorUnitId: string;
  verdict: Verdict;
  narrative: string;
  loggedAt: Instant;
}

/** The state of one authorized matter. Everything a decision needs, nothing derived. */
export interface Matter {
  id: string;
  batchId: string;
  code: string;
  title: LocalizedText;
  description: LocalizedText;
  kind: MatterKind;
  policyArea: string;
  leadingUnitId: string;
  participatingUnitIds: string[];
  managerId: string | null;
  targets: Target[];
  riskLevel: RiskLevel;
  risks: Risk[];
  requiresLegalAuthorization: boolean;
  milestones: Milestone[];
  workflow: { definitionId: string; name: string; version: number };
  stage: Stage;
  outcome: Outcome | null;
  stageEnteredAt: Instant;
  stageDueAt: Instant | null;
  /** Every approval round's steps; the current round is `approvalRound`. */
  approvalSteps: ApprovalStep[];
  approvalRound: number;
  legalAuthorizedAt: Instant | null;
  /** The approver's comment that sent the matter back to draft, until it is resubmitted. */
  returnComment: string | null;
  adjustmentCount: number;
  /** Reason given on withdrawal or termination. */
  closingReason: string | null;
  progress: ProgressEntry[];
  evaluations: Evaluation[];
  urgeNotices: UrgeNotice[];
  version: number;
  createdAt: Instant;
  updatedAt: Instant;
}

/** The editable plan of a draft: what `create` takes and `edit` may change. */
export interface MatterPlan {
  code: string;
  title: LocalizedText;
  description: LocalizedText;
  kind: MatterKind;
  policyArea: string;
  leadingUnitId: string;
  participatingUnitIds: string[];
  managerId: string | null;
  targets: Array<Omit<Target, 'id'> & { id?: string }>;
  riskLevel: RiskLevel;
  risks: Array<Omit<Risk, 'id'> & { id?: string }>;
  requiresLegalAuthorization: boolean;
}

export const currentSteps = (m: Matter): ApprovalStep[] =>
  m.approvalSteps.filter((s) => s.round === m.approvalRound).sort((a, b) => a.position - b.position);

/** The step waiting for a decision, if the matter is in approval. */
export const currentStep = (m: Matter): ApprovalStep | null =>
  m.stage === 'in_approval' ? (currentSteps(m).find((s) => s.status === 'pending') ?? null) : null;

export const openMilestones = (m: Matter): Milestone[] => m.milestones.filter((ms) => ms.completedAt === null);

/**
 * Waiting for legal authorization from a higher authority: the clocks of the
 * implementation plan stop, and resume with the time that was left.
 */
export const awaitingLegalAuthorization = (m: Matter): boolean => currentStep(m)?.legalAuthorization === true;

export const latestEvaluation = (m: Matter): Evaluation | null => m.evaluations.filter((e) => e.round === m.adjustmentCount).at(-1) ?? null;

/** The earliest open deadline (stage, current step, open milestone), for "overdue" queries. */
export function nextDueAt(m: Matter): Instant | null {
  const dues = [m.stageDueAt, currentStep(m)?.dueAt ?? null];
  if (m.stage === 'in_implementation' || m.stage === 'approved') dues.push(...openMilestones(m).map((ms) => ms.dueAt));
  const open = dues.filter((d): d is Instant => d !== null).sort();
  return m.stage === 'closed' || m.stage === 'withdrawn' || m.stage === 'terminated' ? null : (open[0] ?? null);
}
