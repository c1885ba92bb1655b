/**
 * How a Matter maps to its rows: the load query's columns, and the row values of each
 * child table. Kept apart from the store so the mapping reads as one table.
 */
import type { ApprovalStep, Evaluation, Experience, LocalizedText, Matter, Milestone, ProgressEntry, Risk, Target, UrgeNotice } from '#domain';

const iso = (v: unknown): string => new Date(v as string).toISOString();
const isoOrNull = (v: unknown): string | null => (v === null || v === undefined ? null : iso(v));
const text = (zh: unknown, en: unknown): LocalizedText => ({
  ...(zh !== null && zh !== undefined ? { zh: zh as string } : {}),
  ...(en !== null && en !== undefined ? { en: en as string } : {}),
});
const num = (v: unknown): number => Number(v);
const numOrNull = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));
const date = (v: unknown): string => (v instanceof Date ? v.toISOString().slice(0, 10) : String(v).slice(0, 10));

/** One round trip: the matter row, its definition's name and version, and each child collection as JSON. */
export const LOAD_MATTER_SQL = `
  SELECT m.*, d.name AS workflow_name, d.version AS workflow_version,
    COALESCE((SELECT json_agg(p.unit_id ORDER BY p.position) FROM matter_participating_units p WHERE p.matter_id = m.id), '[]') AS participating_unit_ids,
    COALESCE((SELECT json_agg(t ORDER BY t.position) FROM matter_targets t WHERE t.matter_id = m.id), '[]') AS targets,
    COALESCE((SELECT json_agg(r ORDER BY r.position) FROM matter_risks r WHERE r.matter_id = m.id), '[]') AS risks,
    COALESCE((SELECT json_agg(ms ORDER BY ms.position) FROM milestones ms WHERE ms.matter_id = m.id), '[]') AS milestones,
    COALESCE((SELECT json_agg(s ORDER BY s.round, s.position) FROM approval_steps s WHERE s.matter_id = m.id), '[]') AS approval_steps,
    COALESCE((SELECT json_agg(pr ORDER BY pr.reported_at, pr.id) FROM progress_reports pr WHERE pr.matter_id = m.id), '[]') AS progress,
    COALESCE((SELECT json_agg(e ORDER BY e.logged_at, e.id) FROM evaluations e WHERE e.matter_id = m.id), '[]') AS evaluations,
    COALESCE((SELECT json_agg(u ORDER BY u.sent_at, u.id) FROM urge_notices u WHERE u.matter_id = m.id), '[]') AS urge_notices,
    (SELECT row_to_json(x) FROM experiences x WHERE x.matter_id = m.id) AS experience
  FROM matters m JOIN workflow_definitions d ON d.id = m.workflow_definition_id`;

type Row = Record<string, unknown>;

export function matterFromRow(r: Row): Matter {
  return {
    id: r.id as string,
    batchId: r.batch_id as string,
    code: r.code as string,
    title: text(r.title_zh, r.title_en),
    description: text(r.description_zh, r.description_en),
    kind: r.kind as Matter['kind'],
    policyArea: r.policy_area as string,
    leadingUnitId: r.leading_unit_id as string,
    participatingUnitIds: r.participating_unit_ids as string[],
    managerId: (r.manager_id as string | null) ?? null,
    targets: (r.targets as Row[]).map((t): Target => ({
      id: t.id as string,
      indicator: text(t.indicator_zh, t.indicator_en),
      baseline: numOrNull(t.baseline),
      targetValue: num(t.target_value),
      unit: t.unit as string,
      byDate: date(t.by_date),
      comparison: t.comparison as Target['comparison'],
      source: (t.source as string | null) ?? null,
    })),
    riskLevel: r.risk_level as Matter['riskLevel'],
    risks: (r.risks as Row[]).map((x): Risk => ({
      id: x.id as string,
      description: x.description as string,
      likelihood: x.likelihood as Risk['likelihood'],
      impact: x.impact as Risk['impact'],
      mitigation: x.mitigation as string,
    })),
    requiresLegalAuthorization: r.requires_legal_authorization as boolean,
    legalBasis: (r.legal_basis as string | null) ?? null,
    leadingUnitBasis: r.leading_unit_basis as Matter['leadingUnitBasis'],
    kindBasis: (r.kind_basis as string | null) ?? null,
    source:
      r.source_document === null || r.source_document === undefined
        ? null
        : {
            document: r.source_document as string,
            excerpt: r.source_excerpt as string,
            locator: (r.source_locator as string | null) ?? null,
          },
    milestones: (r.milestones as Row[]).map((ms): Milestone => ({
      id: ms.id as string,
      title: text(ms.title_zh, ms.title_en),
      dueAt: iso(ms.due_at),
      completedAt: isoOrNull(ms.completed_at),
      completedBy: (ms.completed_by as string | null) ?? null,
      note: (ms.note as string | null) ?? null,
    })),
    workflow: { definitionId: r.workflow_definition_id as string, name: r.workflow_name as string, version: r.workflow_version as number },
    stage: r.stage as Matter['stage'],
    outcome: (r.outcome as Matter['outcome']) ?? null,
    stageEnteredAt: iso(r.stage_entered_at),
    stageDueAt: isoOrNull(r.stage_due_at),
    approvalSteps: (r.approval_steps as Row[]).map((s): ApprovalStep => ({
      id: s.id as string,
      round: s.round as number,
      position: s.position as number,
      key: s.step_key as string,
      title: text(s.title_zh, s.title_en),
      role: s.role as ApprovalStep['role'],
      authority: s.authority as ApprovalStep['authority'],
      unitId: s.unit_id as string,
      legalAuthorization: s.legal_authorization as boolean,
      startedAt: isoOrNull(s.started_at),
      dueAt: isoOrNull(s.due_at),
      status: s.status as ApprovalStep['status'],
      decidedBy: (s.decided_by as string | null) ?? null,
      decidedAt: isoOrNull(s.decided_at),
      comment: (s.comment as string | null) ?? null,
    })),
    approvalRound: r.approval_round as number,
    legalAuthorizedAt: isoOrNull(r.legal_authorized_at),
    implementationStartedAt: isoOrNull(r.implementation_started_at),
    returnComment: (r.return_comment as string | null) ?? null,
    adjustmentCount: r.adjustment_count as number,
    closingReason: (r.closing_reason as string | null) ?? null,
    progress: (r.progress as Row[]).map((p): ProgressEntry => ({
      id: p.id as string,
      targetId: p.target_id as string,
      value: num(p.value),
      asOf: date(p.as_of),
      note: (p.note as string | null) ?? null,
      reportedBy: p.reported_by as string,
      reportedAt: iso(p.reported_at),
    })),
    evaluations: (r.evaluations as Row[]).map((e): Evaluation => ({
      id: e.id as string,
      round: e.round as number,
      evaluatorId: e.evaluator_id as string,
      evaluatorUnitId: e.evaluator_unit_id as string,
      verdict: e.verdict as Evaluation['verdict'],
      narrative: e.narrative as string,
      scores: e.scores as Evaluation['scores'],
      results: e.results as Evaluation['results'],
      lessons: (e.lessons as string | null) ?? null,
      adjustmentPlan: (e.adjustment_plan as string | null) ?? null,
      loggedAt: iso(e.logged_at),
    })),
    evaluator:
      r.evaluator_id === null || r.evaluator_id === undefined
        ? null
        : {
            userId: r.evaluator_id as string,
            unitId: r.evaluator_unit_id as string,
            assignedAt: iso(r.evaluator_assigned_at),
            assignedBy: (r.evaluator_assigned_by as string | null) ?? null,
          },
    experience: r.experience ? experienceFromRow(r.experience as Row) : null,
    urgeNotices: (r.urge_notices as Row[]).map((n): UrgeNotice => ({
      id: n.id as string,
      message: n.message as string,
      sentBy: n.sent_by as string,
      sentAt: iso(n.sent_at),
      dueAt: iso(n.due_at),
      acknowledgedAt: isoOrNull(n.acknowledged_at),
      acknowledgedBy: (n.acknowledged_by as string | null) ?? null,
      response: (n.response as string | null) ?? null,
    })),
    version: r.version as number,
    createdAt: iso(r.created_at),
    updatedAt: iso(r.updated_at),
  };
}

function experienceFromRow(x: Row): Experience {
  return {
    id: x.id as string,
    evaluationId: x.evaluation_id as string,
    title: text(x.title_zh, x.title_en),
    practice: text(x.practice_zh, x.practice_en),
    conditions: text(x.conditions_zh, x.conditions_en),
    regions: x.regions as string[],
    fields: x.fields as string[],
    contactUnitId: x.contact_unit_id as string,
    recordedAt: iso(x.recorded_at),
  };
}

/** A child table: its name, key, columns after `matter_id`, and the values of one element. */
export interface ChildTable<T> {
  table: string;
  /** Column(s) that, with matter_id, identify a row. */
  key: string;
  columns: readonly string[];
  items(m: Matter): readonly T[];
  id(item: T): string;
  values(item: T, position: number): unknown[];
}

const child = <T>(spec: ChildTable<T>): ChildTable<T> => spec;

export const CHILD_TABLES: ReadonlyArray<ChildTable<unknown>> = [
  child<string>({
    table: 'matter_participating_units',
    key: 'unit_id',
    columns: ['unit_id', 'position'],
    items: (m) => m.participatingUnitIds,
    id: (u) => u,
    values: (u, i) => [u, i],
  }),
  child<Target>({
    table: 'matter_targets',
    key: 'id',
    columns: ['id', 'position', 'indicator_zh', 'indicator_en', 'baseline', 'target_value', 'unit', 'by_date', 'comparison', 'source'],
    items: (m) => m.targets,
    id: (t) => t.id,
    values: (t, i) => [
      t.id,
      i,
      t.indicator.zh ?? null,
      t.indicator.en ?? null,
      t.baseline,
      t.targetValue,
      t.unit,
      t.byDate,
      t.comparison,
      t.source,
    ],
  }),
  child<Risk>({
    table: 'matter_risks',
    key: 'id',
    columns: ['id', 'position', 'description', 'likelihood', 'impact', 'mitigation'],
    items: (m) => m.risks,
    id: (r) => r.id,
    values: (r, i) => [r.id, i, r.description, r.likelihood, r.impact, r.mitigation],
  }),
  child<Milestone>({
    table: 'milestones',
    key: 'id',
    columns: ['id', 'position', 'title_zh', 'title_en', 'due_at', 'completed_at', 'completed_by', 'note'],
    items: (m) => m.milestones,
    id: (ms) => ms.id,
    values: (ms, i) => [ms.id, i, ms.title.zh ?? null, ms.title.en ?? null, ms.dueAt, ms.completedAt, ms.completedBy, ms.note],
  }),
  child<ApprovalStep>({
    table: 'approval_steps',
    key: 'id',
    columns: [
      'id',
      'round',
      'position',
      'step_key',
      'title_zh',
      'title_en',
      'role',
      'authority',
      'unit_id',
      'legal_authorization',
      'started_at',
      'due_at',
      'status',
      'decided_by',
      'decided_at',
      'comment',
    ],
    items: (m) => m.approvalSteps,
    id: (s) => s.id,
    values: (s) => [
      s.id,
      s.round,
      s.position,
      s.key,
      s.title.zh ?? null,
      s.title.en ?? null,
      s.role,
      s.authority,
      s.unitId,
      s.legalAuthorization,
      s.startedAt,
      s.dueAt,
      s.status,
      s.decidedBy,
      s.decidedAt,
      s.comment,
    ],
  }),
  child<ProgressEntry>({
    table: 'progress_reports',
    key: 'id',
    columns: ['id', 'target_id', 'value', 'as_of', 'note', 'reported_by', 'reported_at'],
    items: (m) => m.progress,
    id: (p) => p.id,
    values: (p) => [p.id, p.targetId, p.value, p.asOf, p.note, p.reportedBy, p.reportedAt],
  }),
  child<Evaluation>({
    table: 'evaluations',
    key: 'id',
    columns: [
      'id',
      'round',
      'evaluator_id',
      'evaluator_unit_id',
      'verdict',
      'narrative',
      'scores',
      'results',
      'lessons',
      'adjustment_plan',
      'logged_at',
    ],
    items: (m) => m.evaluations,
    id: (e) => e.id,
    values: (e) => [
      e.id,
      e.round,
      e.evaluatorId,
      e.evaluatorUnitId,
      e.verdict,
      e.narrative,
      JSON.stringify(e.scores),
      JSON.stringify(e.results),
      e.lessons,
      e.adjustmentPlan,
      e.loggedAt,
    ],
  }),
  // zero or one row: the experience a replicable verdict recorded (report_number is the report's, never written here)
  child<Experience>({
    table: 'experiences',
    key: 'id',
    columns: [
      'id',
      'evaluation_id',
      'title_zh',
      'title_en',
      'practice_zh',
      'practice_en',
      'conditions_zh',
      'conditions_en',
      'regions',
      'fields',
      'contact_unit_id',
      'recorded_at',
    ],
    items: (m) => (m.experience ? [m.experience] : []),
    id: (x) => x.id,
    values: (x) => [
      x.id,
      x.evaluationId,
      x.title.zh ?? null,
      x.title.en ?? null,
      x.practice.zh ?? null,
      x.practice.en ?? null,
      x.conditions.zh ?? null,
      x.conditions.en ?? null,
      x.regions,
      x.fields,
      x.contactUnitId,
      x.recordedAt,
    ],
  }),
  child<UrgeNotice>({
    table: 'urge_notices',
    key: 'id',
    columns: ['id', 'message', 'sent_by', 'sent_at', 'due_at', 'acknowledged_at', 'acknowledged_by', 'response'],
    items: (m) => m.urgeNotices,
    id: (n) => n.id,
    values: (n) => [n.id, n.message, n.sentBy, n.sentAt, n.dueAt, n.acknowledgedAt, n.acknowledgedBy, n.response],
  }),
];

/** The matters row's columns written on insert and update, in order, after `id`. */
export const MATTER_COLUMNS = [
  'batch_id',
  'code',
  'title_zh',
  'title_en',
  'description_zh',
  'description_en',
  'kind',
  'policy_area',
  'leading_unit_id',
  'manager_id',
  'risk_level',
  'requires_legal_authorization',
  'legal_basis',
  'leading_unit_basis',
  'kind_basis',
  'source_document',
  'source_excerpt',
  'source_locator',
  'workflow_definition_id',
  'stage',
  'outcome',
  'stage_entered_at',
  'stage_due_at',
  'approval_round',
  'legal_authorized_at',
  'implementation_started_at',
  'evaluator_id',
  'evaluator_unit_id',
  'evaluator_assigned_at',
  'evaluator_assigned_by',
  'return_comment',
  'adjustment_count',
  'closing_reason',
  'next_due_at',
  'version',
  'created_at',
  'updated_at',
] as const;

export function matterValues(m: Matter, nextDue: string | null): unknown[] {
  return [
    m.batchId,
    m.code,
    m.title.zh ?? null,
    m.title.en ?? null,
    m.description.zh ?? null,
    m.description.en ?? null,
    m.kind,
    m.policyArea,
    m.leadingUnitId,
    m.managerId,
    m.riskLevel,
    m.requiresLegalAuthorization,
    m.legalBasis,
    m.leadingUnitBasis,
    m.kindBasis,
    m.source?.document ?? null,
    m.source?.excerpt ?? null,
    m.source?.locator ?? null,
    m.workflow.definitionId,
    m.stage,
    m.outcome,
    m.stageEnteredAt,
    m.stageDueAt,
    m.approvalRound,
    m.legalAuthorizedAt,
    m.implementationStartedAt,
    m.evaluator?.userId ?? null,
    m.evaluator?.unitId ?? null,
    m.evaluator?.assignedAt ?? null,
    m.evaluator?.assignedBy ?? null,
    m.returnComment,
    m.adjustmentCount,
    m.closingReason,
    nextDue,
    m.version,
    m.createdAt,
    m.updatedAt,
  ];
}
