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

/**
 * Bodies an approval step can name, resolved per matter at submission. `legal_authority`
 * is the body that can authorize the adjustment the matter names (003 item (14)): the NPC
 * Standing Committee for a law, the State Council for an administrative regulation.
 */
export const AUTHORITIES = ['leading_unit', 'reform_office', 'provincial_government', 'national_authority', 'legal_authority'] as const;
export type Authority = (typeof AUTHORITIES)[number];

/** Authorities that are the same body for every matter: the definition maps them to unit codes. */
export const FIXED_AUTHORITIES = ['reform_office', 'provincial_government', 'national_authority', 'leading_group'] as const;
export type FixedAuthority = (typeof FIXED_AUTHORITIES)[number];

/**
 * The bodies that authorize adjustments of existing law, by what is adjusted. A definition
 * whose chain names `legal_authority` maps both to unit codes; older definitions have neither.
 */
export const LEGAL_AUTHORIZING_BODIES = ['npc_standing_committee', 'state_council'] as const;
export type LegalAuthorizingBody = (typeof LEGAL_AUTHORIZING_BODIES)[number];
/** Unit ids of the definition's fixed authorities and, where it maps them, of the authorizing bodies. */
export type AuthorityUnits = Partial<Record<FixedAuthority | LegalAuthorizingBody, string>>;

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
  /** A national ministry's, regulator's or court's approval without adjusting a law. */
  requiresNationalApproval?: boolean;
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

/** A shorter reporting period for matters at or above a risk level. */
export interface RiskCadence {
  riskAtLeast: RiskLevel;
  every: DurationSpec;
}

/**
 * How often a matter in implementation files its narrative progress report: `every`, or
 * the `byRisk` entry with the highest level the matter's risk reaches ("high and
 * critical matters report more often"). Bodies stored before `byRisk` have none.
 */
export interface ProgressReportPolicy extends DeadlinePolicy {
  every: DurationSpec | null;
  byRisk?: readonly RiskCadence[];
}

/** A criterion of the evaluation rubric, scored from `min` to `max` (whole numbers). */
export interface RubricCriterion {
  key: string;
  title: { zh?: string; en?: string };
  min: number;
  max: number;
}

export interface EvaluationPolicy {
  /**
   * Unit codes whose evaluators are drawn, least busy first, when a matter enters
   * evaluation; never from the matter's leading unit. Empty: the reform office assigns.
   */
  pool: readonly string[];
  rubric: readonly RubricCriterion[];
}

/**
 * A delivery-status rule from a fixed vocabulary: it holds when any one of its keys holds.
 * There is deliberately no expression language.
 */
export interface StatusRule {
  /** An open deadline has been missed by at least this long (`PT0S`: missed at all). */
  overdueBy?: DurationSpec;
  /** An open deadline falls due within this time. */
  dueWithin?: DurationSpec;
  /** A missed deadline has reached at least this escalation level. */
  escalationAtLeast?: number;
  /** A target's latest reported value lags its planned line by at least this many percentage points of the way from baseline to target. */
  behindPlanBy?: number;
  /** An urge notice is waiting for acknowledgement. */
  urgeNoticeOpen?: true;
}

/** Red when an `offTrack` rule holds, else amber when an `atRisk` rule holds, else green. */
export interface DeliveryStatusPolicy {
  offTrack: readonly StatusRule[];
  atRisk: readonly StatusRule[];
}

/** The rubric the reform office evaluates pilots on, when a definition names none. */
export const DEFAULT_EVALUATION_POLICY: EvaluationPolicy = {
  pool: [],
  rubric: [
    { key: 'effectiveness', title: { zh: '实施成效', en: 'Effectiveness' }, min: 1, max: 5 },
    { key: 'institutional_innovation', title: { zh: '制度创新', en: 'Institutional innovation' }, min: 1, max: 5 },
    { key: 'replicability', title: { zh: '可复制推广性', en: 'Replicability' }, min: 1, max: 5 },
    { key: 'risk_control', title: { zh: '风险防控', en: 'Risk control' }, min: 1, max: 5 },
  ],
};

/**
 * Green unless a rule holds: red (off track) when a deadline is two weeks late, has reached
 * the unit head, or a target lags its plan by a quarter of the way; amber (at risk) when any
 * deadline is missed, a target lags by a tenth, or an urge notice waits for an answer.
 */
export const DEFAULT_DELIVERY_STATUS_POLICY: DeliveryStatusPolicy = {
  offTrack: [{ overdueBy: 'P14D' }, { escalationAtLeast: 2 }, { behindPlanBy: 25 }],
  atRisk: [{ overdueBy: 'PT0S' }, { behindPlanBy: 10 }, { urgeNoticeOpen: true }],
};

/** A stored body from before evaluation and delivery status were configurable gets the defaults. */
export function withPolicyDefaults(body: WorkflowDefinitionBody): WorkflowDefinitionBody {
  return body.evaluation && body.deliveryStatus
    ? body
    : {
        ...body,
        evaluation: body.evaluation ?? DEFAULT_EVALUATION_POLICY,
        deliveryStatus: body.deliveryStatus ?? DEFAULT_DELIVERY_STATUS_POLICY,
      };
}

export interface WorkflowDefinitionBody {
  name: string;
  title: { zh?: string; en?: string };
  /** The office's time zone: calendar durations count days on its wall clock. */
  timeZone: string;
  authorities: Readonly<Record<FixedAuthority, string>> & Readonly<Partial<Record<LegalAuthorizingBody, string>>>;
  stages: Readonly<Record<TimedStage, StageDefinition>>;
  approval: DeadlinePolicy & { steps: readonly ApprovalStepDefinition[] };
  milestones: DeadlinePolicy;
  /**
   * Participating units' parts (分工): their reminders and ladder, the ladder's unit-head
   * level reaching the participating unit's head. Absent: the milestones' policy.
   */
  parts?: DeadlinePolicy;
  /**
   * Leaders' instructions (领导批示): the time the leading unit has to report when the leader
   * set none, and the reminders and ladder of that report. Absent: `instructionPolicy`.
   */
  instructions?: InstructionPolicy;
  /**
   * Supervision orders (三色督办单): the time an order gives when the office sets none, and the
   * reminders and ladder of its deadline. Absent: `orderPolicy`.
   */
  orders?: OrderPolicy;
  /**
   * Formal acceptance (签收): the time a unit has to accept the matter or its part once it is
   * given, and that deadline's reminders and ladder. Absent: no acceptance is asked for.
   */
  acceptance?: AcceptancePolicy;
  /** Units report progress this often during implementation; each expected report is a deadline. */
  progressReports: ProgressReportPolicy;
  /** An urge notice (催办) must be acknowledged within this time, or it escalates on its own ladder. */
  urgeNotices: DeadlinePolicy & { acknowledgeWithin: DurationSpec };
  evaluation: EvaluationPolicy;
  deliveryStatus: DeliveryStatusPolicy;
  /**
   * Reminders before a time-limited legal authorization lapses, and the ladder after.
   * Bodies stored before it have none: `authorizationExpiryPolicy` gives the default.
   */
  authorizationExpiry?: DeadlinePolicy;
}

/** Reminders 90, 30 and 7 days before a legal authorization lapses and on the day; the milestones' ladder after. */
export function authorizationExpiryPolicy(body: WorkflowDefinitionBody): DeadlinePolicy {
  return body.authorizationExpiry ?? { reminders: ['P90D', 'P30D', 'P7D', 'PT0S'], escalation: body.milestones.escalation };
}

export interface InstructionPolicy extends DeadlinePolicy {
  reportWithin: DurationSpec;
}

/**
 * Fifteen working days to report on an instruction that sets no time limit (the common rule
 * of supervision offices for 领导批示件; inferred, the seed documents set none), under the
 * milestones' reminders and ladder, unless the definition says otherwise.
 */
export function instructionPolicy(body: Pick<WorkflowDefinitionBody, 'instructions' | 'milestones'>): InstructionPolicy {
  return body.instructions ?? { reportWithin: { workingDays: 15 }, ...body.milestones };
}

export interface AcceptancePolicy extends DeadlinePolicy {
  within: DurationSpec;
}

export interface OrderPolicy extends DeadlinePolicy {
  within: DurationSpec;
  /**
   * Orders the definition issues on its own (自动督办), each from a rule on a deadline's time,
   * measured as the delivery-status rules measure it: none when absent.
   */
  auto?: readonly AutoOrderRule[];
}

/**
 * A rule that issues a supervision order by itself on an open deadline of the kinds it watches:
 * `overdueBy` once the deadline is that late (red: 逾期督办), or `dueWithin` that long before it
 * falls due (blue: 临期提醒督办). Exactly one of the two. An order of the same colour already open
 * on that deadline, issued by the office or an earlier rule, stands in for it.
 */
export interface AutoOrderRule {
  colour: 'blue' | 'yellow' | 'red';
  overdueBy?: DurationSpec;
  dueWithin?: DurationSpec;
  /** The deadline kinds it watches; absent: `AUTO_ORDER_KINDS`. */
  kinds?: readonly AutoOrderKind[];
}

/**
 * Deadlines a rule may watch: those a unit answers for with its work. Not orders themselves,
 * urge notices (their own ladder), approval steps or a lapsing authorization.
 */
export const AUTO_ORDER_KINDS = ['milestone', 'part', 'progress_report', 'instruction', 'acceptance', 'stage'] as const;
export type AutoOrderKind = (typeof AUTO_ORDER_KINDS)[number];
/** What a rule watches when it names no kinds: the work itself, not the stage clocks or an acceptance. */
export const DEFAULT_AUTO_ORDER_KINDS: readonly AutoOrderKind[] = ['milestone', 'part', 'progress_report', 'instruction'];

/**
 * Ten working days to put a matter back on track when the order sets no time (inferred: the
 * seed documents describe no such orders), under the milestones' reminders and ladder, unless
 * the definition says otherwise.
 */
export function orderPolicy(body: Pick<WorkflowDefinitionBody, 'orders' | 'milestones'>): OrderPolicy {
  return body.orders ?? { within: { workingDays: 10 }, ...body.milestones };
}

/** A stored version of a definition. */
export interface WorkflowDefinition {
  id: string;
  name: string;
  version: number;
  body: WorkflowDefinitionBody;
}
