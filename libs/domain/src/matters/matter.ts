import type { Instant, LocalDate } from '../common/ids.js';
import type { LocalizedText } from '../common/localized-text.js';
import type { Authority } from '../workflow/definition.js';
import type { Role } from '../users/actor.js';
import type { FaultToleranceFinding } from './fault-tolerance.js';
import type {
  LeadingUnitBasis,
  Likelihood,
  MatterKind,
  Outcome,
  RiskLevel,
  Stage,
  StepStatus,
  TargetComparison,
  Verdict,
} from './vocabulary.js';

export interface Target {
  id: string;
  indicator: LocalizedText;
  baseline: number | null;
  targetValue: number;
  /** The measure's unit as written: "%", "USD bn", "家". */
  unit: string;
  byDate: LocalDate;
  /** How the value is judged against `targetValue`: the document's "over 77%" is `above`. */
  comparison: TargetComparison;
  /** The document's words for the target, when it comes from one. */
  source: string | null;
}

/** Where a matter comes from: the document, its exact words, and where in it (an item, a task). */
export interface MatterSource {
  document: string;
  excerpt: string;
  locator: string | null;
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

/**
 * A participating unit's part of a matter (分工): what it delivers and by when, given by the
 * leading unit's manager or the reform office. 002 gives every task "the leading unit …
 * listed first" and participating units after it; the part is what makes a participating
 * unit answer for something. It is a deadline of that unit (its reminders go to the contact
 * person, or to the unit's managers), and a missed part counts for that unit in the
 * scorecard, not for the leading unit.
 */
export interface Part {
  id: string;
  /** One of the matter's participating units. */
  unitId: string;
  /** What the unit delivers (承担任务), in Chinese and/or English. */
  deliverable: LocalizedText;
  dueAt: Instant;
  /** The unit's contact person (联系人): an active user of that unit; null: the unit's managers. */
  contactId: string | null;
  assignedAt: Instant;
  assignedBy: string;
  /** What the unit reported on its part, oldest first. */
  reports: PartReport[];
  /** Set when the unit marked the part done. */
  completedAt: Instant | null;
  completedBy: string | null;
  /** The unit's formal acceptance of its part (签收), where the definition asks for one; absent or null before. */
  acceptance?: Acceptance;
}

/**
 * A unit's formal acceptance (签收) of what it was given: the matter, by its leading unit,
 * when implementation starts; a part, by its participating unit, when implementation starts
 * or when the part is given later. It is opened only where the definition names an
 * `acceptance` time. Until the unit's manager accepts, it is 待签收 and a deadline of that
 * unit; the unit may instead return it to the reform office with a reason (退回, e.g. the
 * wrong unit), and the office resolves it: the unit keeps it (a new acceptance opens) or it
 * goes to another unit (which then accepts). Each answer is an audited event.
 */
export interface Acceptance {
  /** The unit that must accept. */
  unitId: string;
  openedAt: Instant;
  dueAt: Instant;
  acceptedAt: Instant | null;
  acceptedBy: string | null;
  /** The manager's words on accepting; `implied` when the acceptance came with an act (starting implementation, a report). */
  comment: string | null;
  /** Set when the unit returned it to the reform office. */
  returnedAt: Instant | null;
  returnedBy: string | null;
  returnReason: string | null;
}

export type AcceptanceState = 'pending' | 'accepted' | 'returned';

export const acceptanceState = (a: Acceptance): AcceptanceState => (a.acceptedAt ? 'accepted' : a.returnedAt ? 'returned' : 'pending');

/** A participating unit's report on its part: what it did, with links to the evidence. */
export interface PartReport {
  narrative: string;
  evidenceLinks: string[];
  /** The report marked the part done. */
  completes: boolean;
  reportedAt: Instant;
  reportedBy: string;
}

/**
 * A leader's written instruction on a matter (领导批示), as the reform office records it: who
 * gave it, on which day, its words, and by when the leading unit must report how it was
 * carried out (the leader's own time limit, or the definition's `instructions.reportWithin`).
 * It is tracked like any deadline of the leading unit: its manager is reminded and the
 * ladder escalates until the unit reports; the office then closes it (销号) once satisfied.
 * The unit may report again while it is open (a fuller account, later evidence).
 */
export interface Instruction {
  id: string;
  /** The leader, as the instruction is signed (e.g. 张明). */
  leaderName: string;
  /** Their office (e.g. 市委书记); null when not recorded. */
  leaderTitle: string | null;
  /** The day the leader wrote it, in the office's calendar. */
  givenOn: LocalDate;
  /** The instruction's words, as written. */
  text: string;
  /** When the leading unit's report is due. */
  dueAt: Instant;
  /** The leader set that time (限期); false: the definition's time limit applied. */
  dueGiven: boolean;
  recordedAt: Instant;
  recordedBy: string;
  /** The leading unit's reports on how it was carried out, oldest first. */
  reports: InstructionReport[];
  /** Set when the reform office closed it (销号). */
  closedAt: Instant | null;
  closedBy: string | null;
  /** The office's remark on closing; null when none. */
  closingRemark: string | null;
}

/** The leading unit's report on how an instruction was carried out (落实情况). */
export interface InstructionReport {
  narrative: string;
  evidenceLinks: string[];
  reportedAt: Instant;
  reportedBy: string;
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

/**
 * One reporting period of a matter in implementation: a progress report is due by
 * `dueAt`. Periods follow each other without gaps; the next one's length is the
 * cadence for the matter's risk level when the report that ends this one is filed.
 */
export interface ReportPeriod {
  /** 1 for the first period of the matter's implementation. */
  number: number;
  startsAt: Instant;
  dueAt: Instant;
}

/**
 * A periodic progress report (进展报告) as a leading unit writes it: what was done in
 * the period, the problems met, the next steps, links to the evidence, and a value for
 * any numeric target it chooses to report (each also kept as a reading in `progress`).
 */
export interface ProgressReport {
  id: string;
  /** The period it covers; null when the workflow asks for no periodic reports. */
  period: ReportPeriod | null;
  done: string;
  problems: string | null;
  nextSteps: string | null;
  evidenceLinks: string[];
  values: Array<{ targetId: string; value: number }>;
  /** Filed after its period's due time. */
  late: boolean;
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

/** 三色督办单: blue (due soon), yellow (behind schedule or poor quality), red (overdue), as issue 16 names them. */
export const ORDER_COLOURS = ['blue', 'yellow', 'red'] as const;
export type OrderColour = (typeof ORDER_COLOURS)[number];

/**
 * A supervision order (督办单) of the reform office on a matter, or on one of its deadlines:
 * the formal, tracked instrument above the urge notice. It names what the unit must do
 * (`requirement`) and by when; the unit's manager acknowledges it (签收), and the office closes
 * it (销号) once the matter is back on track. While open it is an `order` deadline of the unit,
 * keyed `order:<id>`, with its own reminders and ladder; the office's closing meets it.
 */
export interface SupervisionOrder {
  id: string;
  colour: OrderColour;
  /** The deadline key it is issued on (`milestone:<id>`, `part:<id>` …); null: the matter as a whole. */
  subjectKey: string | null;
  /** What that deadline asked when the order was issued, for people; null on the matter. */
  subjectTitle: LocalizedText | null;
  /** The unit that must act: the subject deadline's unit (a part's participating unit), or the leading unit. */
  unitId: string;
  /** What must be done, in the office's words. */
  requirement: string;
  dueAt: Instant;
  /** The office set the time; false: the definition's `orders.within` applied. */
  dueGiven: boolean;
  issuedAt: Instant;
  /** Who issued it; null when the definition's rule issued it on its own (second slice). */
  issuedBy: string | null;
  acknowledgedAt: Instant | null;
  acknowledgedBy: string | null;
  /** The unit's answer on acknowledging; null when none. */
  response: string | null;
  closedAt: Instant | null;
  closedBy: string | null;
  closingRemark: string | null;
}

/** What the evaluator found for one target: the actual value and the evidence for it. */
export interface TargetResult {
  targetId: string;
  /** Null when the value could not be measured; the evidence then says why. */
  actualValue: number | null;
  evidence: { text: string; links: string[] };
}

export interface Evaluation {
  id: string;
  /** Evaluations are counted per implementation round: 0 before any adjustment. */
  round: number;
  evaluatorId: string;
  evaluatorUnitId: string;
  verdict: Verdict;
  narrative: string;
  /** One score per criterion of the definition's rubric, in rubric order. */
  scores: Array<{ criterion: string; score: number }>;
  /** One result per target of the matter, in target order. */
  results: TargetResult[];
  /** For `ineffective`: what was learned. */
  lessons: string | null;
  /** For `needs_adjustment`: what changes in the plan. */
  adjustmentPlan: string | null;
  loggedAt: Instant;
}

/** Who evaluates the current round: assigned by the reform office, or drawn from the definition's pool. */
export interface EvaluatorAssignment {
  userId: string;
  unitId: string;
  assignedAt: Instant;
  /** The reform office member who assigned; null when drawn from the pool. */
  assignedBy: string | null;
}

/**
 * A replicable practice (可复制推广的经验), recorded when an evaluation finds the matter
 * replicable. Replication reports issue experiences in numbered batches; which batch an
 * experience went out in is kept by the report, not by the matter.
 */
export interface Experience {
  id: string;
  evaluationId: string;
  title: LocalizedText;
  /** The practice in a few paragraphs. */
  practice: LocalizedText;
  /** What a region needs in place to replicate it. */
  conditions: LocalizedText;
  regions: string[];
  fields: string[];
  contactUnitId: string;
  recordedAt: Instant;
}

/**
 * What a measure must adjust to be implemented (003 item (14)): a law, which the NPC
 * Standing Committee authorizes, or an administrative regulation, which the State Council
 * authorizes. `name` says which one, as the law or regulation is titled.
 */
export interface LegalAdjustment {
  level: LegalAdjustmentLevel;
  name: string;
}
export const LEGAL_ADJUSTMENT_LEVELS = ['law', 'administrative_regulation'] as const;
export type LegalAdjustmentLevel = (typeof LEGAL_ADJUSTMENT_LEVELS)[number];

/**
 * A national ministry's, regulator's or the Supreme People's Court's approval the measure
 * needs without adjusting any law: a separate condition from legal authorization.
 */
export interface NationalApproval {
  /** The body whose approval is needed, as written: "National Financial Regulatory Administration". */
  authority: string;
  /** Why: the document's words, or the rule that gives the body the power. */
  basis: string | null;
}

/**
 * The instrument of a legal authorization, as the authorizing body's decision records it:
 * its title and document number, the date, what it covers, and how long it is valid.
 */
export interface AuthorizationInstrument {
  /** The legal-authorization step it decided. */
  stepId: string;
  /** The unit that authorized (the NPC Standing Committee or the State Council). */
  authorizedByUnitId: string;
  title: string;
  documentNumber: string;
  issuedOn: LocalDate;
  scope: string;
  validFrom: Instant;
  /** Null: valid without a time limit. A time-limited authorization is a deadline. */
  validUntil: Instant | null;
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
  /** Why the matter needs legal authorization: the words of the document, or the power only a higher body can grant. */
  legalBasis: string | null;
  /** Which law or administrative regulation the measure adjusts; null when not named (or none). */
  legalAdjustment: LegalAdjustment | null;
  /** A national body's approval the measure needs without adjusting a law; null when none. */
  nationalApproval: NationalApproval | null;
  /** Whether the document names the leading unit, or it was inferred from the measure's subject. */
  leadingUnitBasis: LeadingUnitBasis;
  /** Why the matter has its kind, where that is not obvious. */
  kindBasis: string | null;
  source: MatterSource | null;
  milestones: Milestone[];
  /** The participating units' parts (分工), in the order given. */
  parts: Part[];
  /** Leaders' instructions on the matter (领导批示), in the order recorded. */
  instructions: Instruction[];
  /** The leading unit's formal acceptance (签收), opened when implementation starts where the definition asks for one. */
  acceptance?: Acceptance;
  workflow: { definitionId: string; name: string; version: number };
  stage: Stage;
  outcome: Outcome | null;
  stageEnteredAt: Instant;
  stageDueAt: Instant | null;
  /** Every approval round's steps; the current round is `approvalRound`. */
  approvalSteps: ApprovalStep[];
  approvalRound: number;
  legalAuthorizedAt: Instant | null;
  /** The instrument recorded with the legal authorization decision, once decided. */
  authorizationInstrument: AuthorizationInstrument | null;
  /** When implementation (last) started: the start of each target's planned line. */
  implementationStartedAt: Instant | null;
  /** The approver's comment that sent the matter back to draft, until it is resubmitted. */
  returnComment: string | null;
  adjustmentCount: number;
  /** Reason given on withdrawal or termination. */
  closingReason: string | null;
  /** Numeric readings of targets: filed alone (`report_progress`) or with a narrative report. */
  progress: ProgressEntry[];
  /** Narrative progress reports, in filing order. */
  progressReports: ProgressReport[];
  /**
   * The reporting period now open, while in implementation. Null before, and for matters
   * whose implementation started before periods were recorded: `currentReportPeriod`
   * then derives it from their last reading.
   */
  reportPeriod: ReportPeriod | null;
  evaluations: Evaluation[];
  /** The evaluator of the current round, once assigned; cleared when the matter goes back to implementation. */
  evaluator: EvaluatorAssignment | null;
  /** Set when the matter closed as replicated. */
  experience: Experience | null;
  urgeNotices: UrgeNotice[];
  /** Supervision orders (三色督办单), in the order issued. */
  supervisionOrders: SupervisionOrder[];
  /** The reform office's fault-tolerance finding (容错认定), on a matter closed as ineffective or terminated; absent before one. */
  faultTolerance?: FaultToleranceFinding | null;
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
  /** `comparison` is `at_least` and `source` null when not given (an edit keeps a kept target's own). */
  targets: Array<Omit<Target, 'id' | 'comparison' | 'source'> & { id?: string; comparison?: TargetComparison; source?: string | null }>;
  riskLevel: RiskLevel;
  risks: Array<Omit<Risk, 'id'> & { id?: string }>;
  requiresLegalAuthorization: boolean;
  /** Provenance, as the reviewed seed and import files carry it: `stated`, null, null, null when not given. */
  leadingUnitBasis?: LeadingUnitBasis;
  legalBasis?: string | null;
  /** Only with `requiresLegalAuthorization`; null when not given. */
  legalAdjustment?: LegalAdjustment | null;
  nationalApproval?: NationalApproval | null;
  kindBasis?: string | null;
  source?: MatterSource | null;
}

export const currentSteps = (m: Matter): ApprovalStep[] =>
  m.approvalSteps.filter((s) => s.round === m.approvalRound).sort((a, b) => a.position - b.position);

/** The step waiting for a decision, if the matter is in approval. */
export const currentStep = (m: Matter): ApprovalStep | null =>
  m.stage === 'in_approval' ? (currentSteps(m).find((s) => s.status === 'pending') ?? null) : null;

export const openMilestones = (m: Matter): Milestone[] => m.milestones.filter((ms) => ms.completedAt === null);

export const openParts = (m: Matter): Part[] => m.parts.filter((p) => p.completedAt === null);

/**
 * The acceptances (签收) of a matter, the matter's own first (`partId` null), then its open
 * parts', in the order given.
 */
export function acceptancesOf(m: Matter): Array<{ partId: string | null; acceptance: Acceptance }> {
  const out: Array<{ partId: string | null; acceptance: Acceptance }> = [];
  if (m.acceptance) out.push({ partId: null, acceptance: m.acceptance });
  for (const p of openParts(m)) if (p.acceptance) out.push({ partId: p.id, acceptance: p.acceptance });
  return out;
}

/** Instructions not yet closed by the office (销号), reported on or not. */
export const openInstructions = (m: Matter): Instruction[] => m.instructions.filter((i) => i.closedAt === null);

/** Supervision orders not yet closed (销号): their deadlines run. */
export const openOrders = (m: Matter): SupervisionOrder[] => m.supervisionOrders.filter((o) => o.closedAt === null);

/** Instructions awaiting the leading unit's first report: their deadline runs. */
export const unansweredInstructions = (m: Matter): Instruction[] =>
  m.instructions.filter((i) => i.closedAt === null && i.reports.length === 0);

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
