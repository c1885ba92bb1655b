import type { LocalDate } from '../common/ids.js';
import type { LocalizedText } from '../common/localized-text.js';
import type { AuthorizationInput } from './legal-authorization.js';
import type { MatterPlan, OrderColour } from './matter.js';
import type { RiskLevel, Verdict } from './vocabulary.js';

/**
 * When a milestone is due: an instant; a calendar date, meaning the end of that day
 * (23:59:59) in the workflow's time zone; or a duration from now (`PT5S`, `P30D`),
 * which is how demos and tests run a lifecycle in seconds on the production path.
 */
export type DueSpec = { at: Date } | { on: LocalDate } | { in: string };

export interface MilestoneInput {
  title: LocalizedText;
  due: DueSpec;
}

/** A participating unit's part as the leading unit or the reform office gives it (分工). */
export interface PartInput {
  unitId: string;
  deliverable: LocalizedText;
  due: DueSpec;
  /** A user of that unit; the unit's managers when omitted. */
  contactId?: string | null;
}

/** A leader's written instruction (领导批示) as the reform office records it. */
export interface InstructionInput {
  leaderName: string;
  leaderTitle?: string | null;
  /** The day the leader wrote it (YYYY-MM-DD), not after today. */
  givenOn: LocalDate;
  text: string;
  /** The leader's time limit (限期); the definition's `instructions.reportWithin` when omitted. */
  due?: DueSpec | null;
}

/** A supervision order (督办单) as the reform office issues it. */
export interface SupervisionOrderInput {
  colour: OrderColour;
  /** A deadline key of the matter (`milestone:<id>`, `part:<id>` …); null or absent: the matter as a whole. */
  subjectKey?: string | null;
  requirement: string;
  /** By when; the definition's `orders.within` when omitted. */
  due?: DueSpec | null;
}

/** A replicable practice as the evaluator writes it up. */
export interface ExperienceInput {
  title: LocalizedText;
  practice: LocalizedText;
  conditions: LocalizedText;
  regions: string[];
  fields: string[];
  /** Whom other regions ask; the leading unit when omitted. */
  contactUnitId?: string;
}

/** The changed plan a `needs_adjustment` verdict sends the matter back with: at least one new or moved deadline. */
export interface AdjustmentInput {
  plan: string;
  addMilestones?: MilestoneInput[];
  moveMilestones?: Array<{ milestoneId: string; due: DueSpec }>;
}

/**
 * The evaluator's findings. The verdict decides what happens next: `replicable` closes the
 * matter as replicated and records its experience; `needs_adjustment` returns it to
 * implementation with the adjustment; `ineffective` closes it with the lessons learned.
 */
export interface LogEvaluation {
  type: 'log_evaluation';
  verdict: Verdict;
  narrative: string;
  /** Criterion key → score, one per rubric criterion. */
  scores: Record<string, number>;
  /** One per target of the matter. */
  results: Array<{ targetId: string; actualValue: number | null; evidence: { text: string; links?: string[] } }>;
  experience?: ExperienceInput;
  adjustment?: AdjustmentInput;
  lessons?: string;
}

/**
 * A periodic progress report as the leading unit writes it. `done` is required; a value
 * may be given for any numeric target of the matter, as of the office's today.
 */
export interface FileProgressReport {
  type: 'file_progress_report';
  done: string;
  problems?: string;
  nextSteps?: string;
  evidenceLinks?: string[];
  values?: Array<{ targetId: string; value: number }>;
}

/**
 * A change to the risk register after approval: a new level, risks added or changed
 * (an entry with a known id changes that risk), or removed (`risks` is the whole
 * register, as in an edit). At least one thing must change.
 */
export interface UpdateRisks {
  type: 'update_risks';
  riskLevel?: RiskLevel;
  risks?: MatterPlan['risks'];
  note?: string;
}

export type MatterCommand =
  | { type: 'edit'; changes: Partial<MatterPlan> }
  | { type: 'submit' }
  /** On the legal-authorization step, `authorization` records the instrument (required where the matter names its adjustment). */
  | { type: 'approve_step'; comment?: string; authorization?: AuthorizationInput }
  | { type: 'reject_step'; comment: string }
  | { type: 'return_step'; comment: string }
  | { type: 'start_implementation' }
  | { type: 'add_milestone'; milestone: MilestoneInput }
  | { type: 'edit_milestone'; milestoneId: string; title?: LocalizedText; due?: DueSpec }
  | { type: 'remove_milestone'; milestoneId: string }
  | { type: 'complete_milestone'; milestoneId: string; note?: string }
  | { type: 'assign_part'; part: PartInput }
  /** Moving a part's due date re-plans its timers; the unit cannot change (remove the part and give another). */
  | { type: 'edit_part'; partId: string; deliverable?: LocalizedText; due?: DueSpec; contactId?: string | null }
  | { type: 'remove_part'; partId: string; reason?: string }
  /** The participating unit reports on its part; `complete` marks it done. */
  | { type: 'report_part'; partId: string; narrative: string; evidenceLinks?: string[]; complete?: boolean }
  /** 签收: a manager of the unit accepts the matter (no `partId`) or its part, with optional words. */
  | { type: 'accept_assignment'; partId?: string; comment?: string }
  /** 退回: the unit returns the matter or its part to the reform office, saying why (the wrong unit). */
  | { type: 'return_assignment'; partId?: string; reason: string }
  /**
   * The reform office resolves a returned assignment: `keep` gives it back to the same unit
   * (a new acceptance opens), `transfer` gives it to `unitId` (the matter with its manager
   * `managerId`; a part to another participating unit, with its contact `contactId`).
   */
  | {
      type: 'resolve_returned_assignment';
      partId?: string;
      resolution: AssignmentResolution;
      unitId?: string;
      managerId?: string;
      contactId?: string | null;
      comment: string;
    }
  | { type: 'record_instruction'; instruction: InstructionInput }
  /** The leading unit reports how an instruction was carried out; it may report again until the office closes it. */
  | { type: 'report_instruction'; instructionId: string; narrative: string; evidenceLinks?: string[] }
  /** 销号: the reform office closes a reported instruction, with an optional remark. */
  | { type: 'close_instruction'; instructionId: string; remark?: string }
  | { type: 'issue_supervision_order'; order: SupervisionOrderInput }
  /** 签收: a manager of the unit the order names acknowledges it, with an optional answer. */
  | { type: 'acknowledge_supervision_order'; orderId: string; response?: string }
  /** 销号: the reform office closes an acknowledged order once the matter is back on track. */
  | { type: 'close_supervision_order'; orderId: string; remark?: string }
  | { type: 'report_progress'; targetId: string; value: number; asOf: LocalDate; note?: string }
  | FileProgressReport
  | UpdateRisks
  | { type: 'request_evaluation'; note?: string }
  /** Replacing an assigned evaluator needs a reason; the first assignment does not. */
  | { type: 'assign_evaluator'; evaluatorId: string; reason?: string }
  /** The reform office hands a matter to another manager of its leading unit; open deadlines follow. */
  | { type: 'reassign_manager'; managerId: string; reason: string }
  | LogEvaluation
  | { type: 'withdraw'; reason?: string }
  | { type: 'terminate'; reason: string }
  | { type: 'send_urge_notice'; message: string }
  | { type: 'acknowledge_urge_notice'; noticeId: string; response?: string };

export const ASSIGNMENT_RESOLUTIONS = ['keep', 'transfer'] as const;
export type AssignmentResolution = (typeof ASSIGNMENT_RESOLUTIONS)[number];

export type MatterCommandType = MatterCommand['type'];
export type CommandOf<T extends MatterCommandType> = Extract<MatterCommand, { type: T }>;

export const MATTER_COMMAND_TYPES = [
  'edit',
  'submit',
  'approve_step',
  'reject_step',
  'return_step',
  'start_implementation',
  'add_milestone',
  'edit_milestone',
  'remove_milestone',
  'complete_milestone',
  'assign_part',
  'edit_part',
  'remove_part',
  'report_part',
  'accept_assignment',
  'return_assignment',
  'resolve_returned_assignment',
  'record_instruction',
  'report_instruction',
  'close_instruction',
  'issue_supervision_order',
  'acknowledge_supervision_order',
  'close_supervision_order',
  'report_progress',
  'file_progress_report',
  'update_risks',
  'request_evaluation',
  'assign_evaluator',
  'reassign_manager',
  'log_evaluation',
  'withdraw',
  'terminate',
  'send_urge_notice',
  'acknowledge_urge_notice',
] as const satisfies readonly MatterCommandType[];
