/**
 * The reports a reform office reads, as plain data: what the API returns as JSON and
 * what the document renderers (Markdown, HTML, PDF) lay out. Builders in this library
 * fill them from the database; renderers never query anything.
 *
 * Times are ISO-8601 instants (UTC); renderers show them in `timeZone`.
 * Rates are fractions in [0, 1], or null when there was nothing to measure.
 */
import type { DeadlineKind, DeliveryStatus, Instant, LocalDate, LocalizedText, MatterKind, Stage } from '#domain';

export { DELIVERY_STATUSES, type DeliveryStatus } from '#domain';

export interface UnitRef {
  id: string;
  code: string;
  name: LocalizedText;
}

export interface MatterRef {
  id: string;
  code: string;
  title: LocalizedText;
  batch: { code: string; title: LocalizedText };
  leadingUnit: UnitRef;
  kind: MatterKind;
  policyArea: PolicyAreaRef;
  stage: Stage;
  /** Null for matters no longer open (closed, withdrawn, terminated). */
  deliveryStatus: DeliveryStatus | null;
  /** The public address of the matter, for links in documents. */
  url: string;
}

export interface PolicyAreaRef {
  key: string;
  title: LocalizedText;
}

export interface ReportPeriod {
  /** Inclusive. */
  from: Instant;
  /** Exclusive. */
  to: Instant;
}

interface ReportBase {
  title: LocalizedText;
  generatedAt: Instant;
  /** The zone every time in the document is shown in (default Asia/Shanghai). */
  timeZone: string;
  /** SHA-256 of the canonical JSON of the report without `checksum` (hex). */
  checksum: string;
}

// ---------------------------------------------------------------------------
// Replication of experience (复制推广经验清单)

export interface RubricCriterion {
  key: string;
  title: LocalizedText;
  min: number;
  max: number;
}

export interface TargetResult {
  indicator: LocalizedText;
  /** The measure's unit as written: "%", "亿美元", "家". */
  unit: string;
  baseline: number | null;
  targetValue: number;
  byDate: LocalDate;
  actualValue: number | null;
  /** Whether the actual value reached the target (direction taken from baseline → target). Null when no actual value. */
  met: boolean | null;
  evidence: { text: string; links: string[] };
}

export interface ExperienceEntry {
  id: string;
  matter: MatterRef;
  title: LocalizedText;
  /** The practice in a few paragraphs (paragraphs separated by blank lines). */
  practice: LocalizedText;
  /** Conditions for replicating it elsewhere. */
  conditions: LocalizedText;
  /** Regions it suits (free text as the evaluator wrote it, e.g. "粤港澳大湾区城市"). */
  regions: string[];
  /** Fields it suits (e.g. "科技成果转化"). */
  fields: string[];
  contactUnit: UnitRef;
  recordedAt: Instant;
  evaluation: {
    evaluator: { name: string; unit: UnitRef };
    loggedAt: Instant;
    narrative: string;
    /** One per rubric criterion, in rubric order. */
    scores: Array<{ criterion: string; score: number }>;
    /** Mean of the scores, 2 decimals. */
    averageScore: number;
    results: TargetResult[];
  };
}

/**
 * A higher authority's adoption of an experience, in that authority's own numbered batch
 * (004: the NDRC promoted 48 Shenzhen experiences "in three batches"). Its batch number is
 * the authority's (第N批), never this report's number (第N期).
 */
export interface AdoptionEntry {
  experienceId: string;
  experienceTitle: LocalizedText;
  matterCode: string;
  authority: UnitRef;
  batchNumber: number;
  issuedOn: LocalDate | null;
  batchTitle: LocalizedText | null;
  documentNumber: string | null;
  action: 'adopted' | 'promoted';
}

export interface ReplicationReport {
  kind: 'replication';
  /** The batch number once issued (1, 2, 3 …); null for a draft of what would be issued next. */
  number: number | null;
  issuedAt: Instant | null;
  issuedBy: { name: string; unit: UnitRef } | null;
  title: LocalizedText;
  generatedAt: Instant;
  timeZone: string;
  checksum: string;
  rubric: RubricCriterion[];
  /** Grouped by policy area, groups ordered by key, experiences by matter code. */
  groups: Array<{ policyArea: PolicyAreaRef; experiences: ExperienceEntry[] }>;
  total: number;
  /**
   * Adoptions by higher authorities of this report's experiences, as recorded when the report
   * is read (`asOf`). Not part of the report as issued: outside its checksum, and an issued
   * report is served as stored with this read beside it. Absent in documents stored before it.
   */
  adoptions?: { asOf: Instant; items: AdoptionEntry[] };
}

// ---------------------------------------------------------------------------
// Progress (推进情况报告)

export interface DeadlineRef {
  kind: DeadlineKind;
  title: LocalizedText;
  dueAt: Instant;
}

/**
 * A period whose narrative progress report (进展报告) was not in by its due time: filed late
 * (`filedAt`), or still missing at `asOf` (null). The deadline's title names the period (第N期).
 */
export interface MissingReport {
  matter: MatterRef;
  deadline: DeadlineRef;
  filedAt: Instant | null;
  /** Whole days (24 h) past due when it was filed, or at `asOf` while missing. */
  daysOverdue: number;
}

/** Missing reports of the periods due within the report's period, per leading unit (ordered by unit code), earliest due first. */
export type MissingReportsByUnit = Array<{ unit: UnitRef; reports: MissingReport[] }>;

export interface ProgressReport extends ReportBase {
  kind: 'progress';
  period: ReportPeriod;
  /** The moment statuses and "overdue" are judged at (normally the period's end, or now if earlier). */
  asOf: Instant;
  /** Null: all units; otherwise the report covers matters this unit leads. */
  unit: UnitRef | null;
  totals: {
    matters: number;
    /** Every stage present, zero included. */
    byStage: Record<Stage, number>;
    /** Open matters only. */
    byStatus: Record<DeliveryStatus, number>;
  };
  /** Per leading unit, ordered by unit code. */
  units: Array<{
    unit: UnitRef;
    matters: number;
    byStatus: Record<DeliveryStatus, number>;
    /** Deadlines due within the period. */
    deadlinesDue: number;
    /** Of those, met on or before their due time. */
    metOnTime: number;
    /** metOnTime / deadlinesDue; null when nothing was due. */
    onScheduleRate: number | null;
  }>;
  /** Open deadlines past due at `asOf`, most overdue first. */
  overdue: Array<{
    matter: MatterRef;
    deadline: DeadlineRef;
    /** Whole days (24 h) past due at `asOf`, at least 0. */
    daysOverdue: number;
    /** Highest escalation level reached (0 = none yet). */
    escalationLevel: number;
  }>;
  /** Open deadlines due within `upcomingWindowDays` after `asOf`, soonest first. */
  upcoming: Array<{ matter: MatterRef; deadline: DeadlineRef; daysLeft: number }>;
  upcomingWindowDays: number;
  /** Milestones completed within the period, by completion time. */
  milestonesCompleted: Array<{
    matter: MatterRef;
    milestone: { title: LocalizedText; dueAt: Instant; completedAt: Instant; onTime: boolean };
  }>;
  /** The progress reports not filed on time, per leading unit and period (units with none left out). Absent in documents made before it. */
  missingReports?: MissingReportsByUnit;
}

// ---------------------------------------------------------------------------
// Unit scorecard (牵头单位评分卡)

export interface UnitScorecard extends ReportBase {
  kind: 'scorecard';
  period: ReportPeriod;
  asOf: Instant;
  /** Ordered by unit code. */
  rows: Array<{
    unit: UnitRef;
    /** Matters the unit leads (any stage). */
    matters: number;
    /** Of those, still open. */
    open: number;
    deadlinesDue: number;
    metOnTime: number;
    onScheduleRate: number | null;
    /** Mean days late over deadlines met late in the period or still overdue at asOf; null when none. */
    averageDaysOverdue: number | null;
    urgeNotices: {
      received: number;
      acknowledgedInTime: number;
      acknowledgedLate: number;
      unanswered: number;
    };
    /** Progress reports of periods due in the period not filed on time (late or still missing). Absent in documents made before it. */
    missingReports?: number;
    /**
     * Matters of the unit exempted under the fault-tolerance guidelines (容错免责) by `asOf`:
     * counted in `matters`, but their deadlines and urge notices are left out of every other
     * figure. Absent in documents made before it.
     */
    exempted?: Array<{ matter: Pick<MatterRef, 'id' | 'code' | 'title' | 'url'>; basis: string }>;
  }>;
  /** Those reports, per unit and period, as the progress report lists them. Absent in documents made before it. */
  missingReports?: MissingReportsByUnit;
}

// ---------------------------------------------------------------------------
// Bulletin (情况通报)

/** An open deadline past due at the bulletin's `asOf`, as the bulletin names it under its unit. */
export interface BulletinOverdue {
  matter: MatterRef;
  deadline: DeadlineRef;
  daysOverdue: number;
  escalationLevel: number;
}

/**
 * 情况通报: the reform office's numbered bulletin to every unit on a period (督查督办's 情况通报
 * step): what was completed, which units kept to schedule, and by name the units with overdue
 * deadlines and missed progress reports. Issued bulletins are stored as issued, like replication
 * reports; a draft (number null) shows what the next one would say.
 */
export interface Bulletin extends ReportBase {
  kind: 'bulletin';
  /** 第N期 once issued; null for a draft. */
  number: number | null;
  issuedAt: Instant | null;
  /** Null for a draft, and for a bulletin the worker issued on its schedule. */
  issuedBy: { name: string; unit: UnitRef } | null;
  period: ReportPeriod;
  asOf: Instant;
  summary: {
    /** Matters in scope (any stage). */
    matters: number;
    /** Open matters by delivery status at `asOf`. */
    byStatus: Record<DeliveryStatus, number>;
    deadlinesDue: number;
    metOnTime: number;
    onScheduleRate: number | null;
    completed: number;
    overdue: number;
    missingReports: number;
  };
  /** Matters whose implementation ended within the period (they moved on to evaluation), by when. */
  completed: Array<{ matter: MatterRef; completedAt: Instant }>;
  /** Units that had deadlines due in the period, met every one on time, have none overdue and no missed report (ordered by code). */
  onSchedule: UnitRef[];
  /** By name: each unit with open deadlines past due at `asOf` (ordered by code), most overdue first. */
  overdueUnits: Array<{ unit: UnitRef; items: BulletinOverdue[] }>;
  /** By name: the progress reports not filed on time, per unit and period. */
  missingReports: MissingReportsByUnit;
  /**
   * By name: each unit with red supervision orders (三色督办单) open at `asOf` (ordered by code),
   * the oldest first. Absent in bulletins issued before orders existed.
   */
  redOrders?: Array<{ unit: UnitRef; items: BulletinRedOrder[] }>;
}

/** A red supervision order still open (not closed, 销号) at the bulletin's `asOf`. */
export interface BulletinRedOrder {
  matter: MatterRef;
  requirement: string;
  issuedAt: Instant;
  dueAt: Instant;
  acknowledged: boolean;
}

export type Report = ReplicationReport | ProgressReport | UnitScorecard | Bulletin;
export type ReportKind = Report['kind'];

export const DOCUMENT_FORMATS = ['md', 'html', 'pdf'] as const;
export type DocumentFormat = (typeof DOCUMENT_FORMATS)[number];
