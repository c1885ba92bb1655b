import type { DurationSpec } from '../time/business-calendar.js';
import type { Role } from '../users/actor.js';
import type { MatterKind, RiskLevel, Stage } from '../matters/vocabulary.js';

/**
 * A workflow definition: the stages' deadlines, reminders and escalations, and the
 * approval chain. Definitions are data (config/workflows/*.yaml), validated when
 * loaded and stored by version; a matter keeps the version it started with.
 * Durations are ISO-8601 text (`P30D`, `PT5S`) or `{ workingDays: n }`, counted on
 * the business calendar; the loader has validated them.
 */
export type { DurationSpec };

/** Bodies an approval step can name, resolved per matter at submission. */
export const AUTHORITIES = ['leading_unit', 'reform_office', 'provincial_government', 'national_authority'] as const;
export type Authority = (typeof AUTHORITIES)[number];

/** Authorities that are the same body for every matter: the definition maps them to unit codes. */
export const FIXED_AUTHORITIES = ['reform_office', 'provincial_government', 'national_authority', 'leading_group'] as const;
export type FixedAuthority = (typeof FIXED_AUTHORITIES)[number];

/** Who an escalation level notifies. */
export const ESCALATION_TARGETS = ['responsible_manager', 'leading_unit_head', 'reform_office', 'leading_group'] as const;
export type EscalationTarget = (typeof ESCALATION_TARGETS)[number];

/**
 * A step condition from a fixed vocabulary: every key present must hold.
 * There is deliberately no expression language.
 */
export interface StepCondition {
  riskAtLeast?: RiskLevel;
  requiresLegalAuthorization?: boolean;
  kindIn?: readonly MatterKind[];
}

export interface ApprovalStepDefinition {
  key: string;
  title: { zh?: string; en?: string };
  role: Role;
  unit: Authority;
  when?: StepCondition;
  /** This step is the legal authorization a matter needs before implementation starts. */
  legalAuthorization: boolean;
  due: DurationSpec;
}

export interface EscalationLevel {
  level: number;
  notify: readonly EscalationTarget[];
  /** Measured from the missed due time. */
  after: DurationSpec;
}

export interface DeadlinePolicy {
  /** How long before the due time each reminder goes; `PT0S` is at the due time. */
  reminders: readonly DurationSpec[];
  escalation: readonly EscalationLevel[];
}

export interface StageDefinition extends DeadlinePolicy {
  /** Time allowed in the stage, from entering it; null: the stage has no deadline of its own. */
  due: DurationSpec | null;
}

/** Open stages, each of which may carry a deadline. */
export const TIMED_STAGES = ['draft', 'in_approval', 'approved', 'in_implementation', 'in_evaluation'] as const satisfies readonly Stage[];
export type TimedStage = (typeof TIMED_STAGES)[number];

export interface WorkflowDefinitionBody {
  name: string;
  title: { zh?: string; en?: string };
  /** The office's time zone: calendar durations count days on its wall clock. */
  timeZone: string;
  authorities: Readonly<Record<FixedAuthority, string>>;
  stages: Readonly<Record<TimedStage, StageDefinition>>;
  approval: DeadlinePolicy & { steps: readonly ApprovalStepDefinition[] };
  milestones: DeadlinePolicy;
  /** Units report progress this often during implementation; each expected report is a deadline. */
  progressReports: DeadlinePolicy & { every: DurationSpec | null };
  /** An urge notice (催办) must be acknowledged within this time, or it escalates on its own ladder. */
  urgeNotices: DeadlinePolicy & { acknowledgeWithin: DurationSpec };
}

/** A stored version of a definition. */
export interface WorkflowDefinition {
  id: string;
  name: string;
  version: number;
  body: WorkflowDefinitionBody;
}
