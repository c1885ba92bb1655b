/** The words of the documents, as the engine spells them. */

export const MATTER_KINDS = ['reform_measure', 'innovation_experiment', 'opening_up_initiative'] as const;
export type MatterKind = (typeof MATTER_KINDS)[number];

export const STAGES = [
  'draft',
  'in_approval',
  'approved',
  'in_implementation',
  'in_evaluation',
  'closed',
  'withdrawn',
  'terminated',
] as const;
export type Stage = (typeof STAGES)[number];

export const OPEN_STAGES = ['draft', 'in_approval', 'approved', 'in_implementation', 'in_evaluation'] as const satisfies readonly Stage[];
export type OpenStage = (typeof OPEN_STAGES)[number];
export const TERMINAL_STAGES = ['closed', 'withdrawn', 'terminated'] as const satisfies readonly Stage[];
export const isTerminal = (stage: Stage): boolean => (TERMINAL_STAGES as readonly Stage[]).includes(stage);

export const OUTCOMES = ['replicated', 'closed_ineffective'] as const;
export type Outcome = (typeof OUTCOMES)[number];

export const RISK_LEVELS = ['low', 'medium', 'high', 'critical'] as const;
export type RiskLevel = (typeof RISK_LEVELS)[number];
export const riskRank = (level: RiskLevel): number => RISK_LEVELS.indexOf(level);

export const LIKELIHOODS = ['low', 'medium', 'high'] as const;
export type Likelihood = (typeof LIKELIHOODS)[number];

export const VERDICTS = ['replicable', 'needs_adjustment', 'ineffective'] as const;
export type Verdict = (typeof VERDICTS)[number];

/** Which outcome each verdict allows a matter to be closed with. */
export const OUTCOME_FOR_VERDICT: Readonly<Record<Verdict, Outcome | null>> = {
  replicable: 'replicated',
  ineffective: 'closed_ineffective',
  needs_adjustment: null,
};

export const STEP_STATUSES = ['pending', 'approved', 'rejected', 'returned', 'superseded'] as const;
export type StepStatus = (typeof STEP_STATUSES)[number];

/** How a target's value is judged: "over 77%" is `above`, "at least 77%" `at_least`. */
export const TARGET_COMPARISONS = ['at_least', 'above', 'at_most', 'below'] as const;
export type TargetComparison = (typeof TARGET_COMPARISONS)[number];

/** Whether the source document names the leading unit (`stated`) or it was inferred from the measure's subject (`inferred`). */
export const LEADING_UNIT_BASES = ['stated', 'inferred'] as const;
export type LeadingUnitBasis = (typeof LEADING_UNIT_BASES)[number];

/** Limits shared by every edge (API, import, seeds) so no layer accepts what another refuses. */
export const LIMITS = {
  code: 64,
  title: 300,
  description: 20_000,
  policyArea: 64,
  shortText: 2_000,
  comment: 4_000,
  unitLabel: 32,
  participatingUnits: 50,
  targets: 50,
  risks: 50,
  milestones: 100,
  /** Parts given to participating units, over all of them. */
  parts: 100,
  /** Leaders' instructions recorded on one matter. */
  instructions: 100,
  /** Supervision orders issued on one matter. */
  supervisionOrders: 100,
  /** A leader's name or office as the instruction is signed. */
  leaderName: 64,
  /** Matters urged in one action (批量催办): a page of the list. */
  bulkUrge: 100,
  /** Where a matter comes from: the document's name, the exact words, and where in it (an item, a task). */
  sourceDocument: 500,
  sourceExcerpt: 4_000,
  sourceLocator: 100,
} as const;

export const MATTER_CODE_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

/**
 * Stages in which leaders' instructions are recorded, answered and closed, and their report
 * deadlines run: once the matter is approved and the leading unit works on it, until it is
 * closed. (Inferred: 督查督办 tracks an instruction on work under way; before approval the plan
 * itself is still being decided.)
 */
export const INSTRUCTION_STAGES: readonly Stage[] = ['approved', 'in_implementation', 'in_evaluation'];

/**
 * Stages in which supervision orders (三色督办单) are issued, acknowledged and closed, and their
 * deadlines run: the same as leaders' instructions (inferred: an order supervises work under way).
 */
export const ORDER_STAGES: readonly Stage[] = INSTRUCTION_STAGES;
