/**
 * The API's shapes as the web app reads them. Written from web-contract.md until the lead's
 * generated schema.d.ts lands; then each becomes an alias of `components['schemas'][…]`.
 */
export type Lang = 'zh-CN' | 'en';
export interface LocalizedText {
  zh?: string;
  en?: string;
}
export type Role = 'admin' | 'reform_office' | 'approver' | 'manager' | 'evaluator';
export type Stage = 'draft' | 'in_approval' | 'approved' | 'in_implementation' | 'in_evaluation' | 'closed' | 'withdrawn' | 'terminated';
export type MatterKind = 'reform_measure' | 'innovation_experiment' | 'opening_up_initiative';
export type RiskLevel = 'low' | 'medium' | 'high' | 'critical';
export type Likelihood = 'low' | 'medium' | 'high';
export type Verdict = 'replicable' | 'needs_adjustment' | 'ineffective';
export type StepStatus = 'pending' | 'approved' | 'rejected' | 'returned' | 'superseded';
export type DeliveryStatus = 'on_track' | 'at_risk' | 'off_track';
export type TargetComparison = 'at_least' | 'above' | 'at_most' | 'below';

export interface UnitRef {
  id: string;
  code: string;
  name: LocalizedText;
}
export interface UserView {
  id: string;
  email: string;
  displayName: string;
  roles: Role[];
  unitId: string;
  locale: Lang;
  timeZone: string;
  active: boolean;
  notificationMode: 'immediate' | 'daily_digest';
  digestTime: string;
  unit?: UnitRef | null;
}
export interface Unit {
  id: string;
  code: string;
  name: LocalizedText;
  kind: string;
  parentId: string | null;
  headUserId?: string | null;
}
export interface Batch {
  id: string;
  code?: string;
  title: LocalizedText;
  workflow?: string;
  [k: string]: unknown;
}
export interface DirectoryUser {
  id: string;
  displayName: string;
  unitId: string;
  roles: Role[];
}

export type TaskKind =
  | 'approval_step'
  | 'milestone'
  | 'progress_report'
  | 'stage'
  | 'urge_notice'
  | 'evaluation'
  | 'evaluator_needed'
  | 'overdue_deadline'
  | 'delivery_failed';
export const TASK_KINDS: TaskKind[] = [
  'approval_step',
  'milestone',
  'progress_report',
  'stage',
  'urge_notice',
  'evaluation',
  'evaluator_needed',
  'overdue_deadline',
  'delivery_failed',
];

export type MatterActionType =
  | 'edit'
  | 'submit'
  | 'approve_step'
  | 'reject_step'
  | 'return_step'
  | 'start_implementation'
  | 'add_milestone'
  | 'edit_milestone'
  | 'remove_milestone'
  | 'complete_milestone'
  | 'report_progress'
  | 'request_evaluation'
  | 'assign_evaluator'
  | 'log_evaluation'
  | 'withdraw'
  | 'terminate'
  | 'send_urge_notice'
  | 'acknowledge_urge_notice';

export interface Task {
  id: string;
  kind: TaskKind;
  matter: { id: string; code: string; title: LocalizedText; stage: Stage; leadingUnit: UnitRef } | null;
  subject: { id: string; title: LocalizedText } | null;
  action: MatterActionType | 'assign_evaluator' | 'send_urge_notice' | 'view_delivery';
  dueAt: string | null;
  overdue: boolean;
  daysOverdue: number;
  escalationLevel: number;
  link: string;
}
export interface TaskList {
  items: Task[];
  counts: Partial<Record<TaskKind, number>>;
  total: number;
}
export interface DoneItem {
  seq: number;
  type: string;
  occurredAt: string;
  matter: { id: string; code: string; title: LocalizedText } | null;
}
export interface DonePage {
  items: DoneItem[];
  total: number;
  page: number;
  pageSize: number;
}

export interface Target {
  id: string;
  indicator: LocalizedText;
  baseline: number | null;
  targetValue: number;
  unit: string;
  byDate: string;
  comparison: TargetComparison;
  source: string | null;
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
  dueAt: string;
  completedAt: string | null;
  completedBy: string | null;
  note: string | null;
}
export interface ApprovalStep {
  id: string;
  round: number;
  position: number;
  key: string;
  title: LocalizedText;
  role: Role;
  unitId: string;
  legalAuthorization: boolean;
  startedAt: string | null;
  dueAt: string | null;
  status: StepStatus;
  decidedBy: string | null;
  decidedAt: string | null;
  comment: string | null;
}
export interface ProgressEntry {
  id: string;
  targetId: string;
  value: number;
  asOf: string;
  note: string | null;
  reportedBy: string;
  reportedAt: string;
}
export interface UrgeNotice {
  id: string;
  message: string;
  sentBy: string;
  sentAt: string;
  dueAt: string;
  acknowledgedAt: string | null;
  acknowledgedBy: string | null;
  response: string | null;
}
export interface Evaluation {
  id: string;
  round: number;
  evaluatorId: string;
  evaluatorUnitId: string;
  verdict: Verdict;
  narrative: string;
  scores: Array<{ criterion: string; score: number }>;
  results: Array<{ targetId: string; actualValue: number | null; evidence: { text: string; links: string[] } }>;
  lessons: string | null;
  adjustmentPlan: string | null;
  loggedAt: string;
}
export interface MatterView {
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
  workflow: { name: string; version: number };
  stage: Stage;
  outcome: 'replicated' | 'closed_ineffective' | null;
  stageEnteredAt: string;
  stageDueAt: string | null;
  approvalSteps: ApprovalStep[];
  approvalRound: number;
  returnComment: string | null;
  closingReason: string | null;
  progress: ProgressEntry[];
  evaluations: Evaluation[];
  evaluator: { userId: string; unitId: string; assignedAt: string; assignedBy: string | null } | null;
  experience: unknown;
  urgeNotices: UrgeNotice[];
  version: number;
  currentStep?: ApprovalStep | null;
  nextDueAt?: string | null;
  overdue?: boolean;
  createdAt: string;
  updatedAt: string;
}
export interface MatterActions {
  version: number;
  actions: Array<{ type: MatterActionType; subjectId?: string }>;
}
export interface TimelineEntry {
  seq: number;
  type: string;
  occurredAt: string;
  actor: { id: string; displayName: string; unitId: string } | null;
  payload: Record<string, unknown>;
  hash: string;
}
export type AuditVerdict =
  | { valid: true; length: number; headHash: string }
  | { valid: false; length: number; brokenAt: { seq: number; reason: string; detail?: string } };
export interface DeliveryStatusView {
  status: DeliveryStatus | null;
  reasons: Array<{
    status: DeliveryStatus;
    rule: string;
    subject: { kind: 'deadline'; key: string; dueAt: string } | { kind: 'target'; id: string } | null;
  }>;
}
export interface Trajectory {
  targetId: string;
  planned: Array<{ at: string; value: number }>;
  reported: Array<{ at: string; value: number; asOf: string; planned: number | null }>;
  plannedNow: number | null;
  behindBy: number | null;
}
export interface RubricCriterion {
  key: string;
  title: LocalizedText;
  min: number;
  max: number;
  description?: LocalizedText | string;
}
export interface Definition {
  id?: string;
  name: string;
  version: number;
  body: { evaluation?: { rubric: RubricCriterion[] }; [k: string]: unknown };
}
export interface Delivery {
  id: string;
  deliveryKey: string;
  matterId: string | null;
  recipient: { id: string | null; email: string };
  template: string;
  locale: string;
  state: string;
  attempts: number;
  subject: string | null;
  messageId: string;
  smtpResponse: string | null;
  lastError: string | null;
  digestId: string | null;
  createdAt: string;
  updatedAt: string;
  sentAt: string | null;
}
