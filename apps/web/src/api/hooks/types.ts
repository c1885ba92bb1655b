/**
 * The API's shapes as the web app reads them: aliases of the generated OpenAPI types
 * (schema.d.ts, `npm run api:schema`), so a change of the API that breaks a page fails the build.
 */
import type { components } from '../schema';

type S = components['schemas'];

export type MatterView = S['MatterView'];
export type UserView = S['MeView'];
export type Lang = UserView['locale'];
export type Role = UserView['roles'][number];
export type LocalizedText = MatterView['title'];
export type Stage = MatterView['stage'];
export type MatterKind = MatterView['kind'];
export type RiskLevel = MatterView['riskLevel'];
export type Target = MatterView['targets'][number];
export type TargetComparison = Target['comparison'];
export type Risk = MatterView['risks'][number];
export type Likelihood = Risk['likelihood'];
export type Milestone = MatterView['milestones'][number];
export type Part = MatterView['parts'][number];
export type Instruction = MatterView['instructions'][number];
export type SupervisionOrder = MatterView['supervisionOrders'][number];
export type ApprovalStep = MatterView['approvalSteps'][number];
export type StepStatus = ApprovalStep['status'];
export type ProgressEntry = MatterView['progress'][number];
export type UrgeNotice = MatterView['urgeNotices'][number];
export type Evaluation = MatterView['evaluations'][number];
export type Verdict = Evaluation['verdict'];

export type Unit = S['Unit'];
export type UnitRef = UserView['unit'];
export type Batch = S['BatchView'];
export type DirectoryUser = S['DirectoryPerson'];
export type DeputyPeriod = S['DeputyPeriodView'];
export type Definition = S['WorkflowDefinitionView'];
export type RubricCriterion = Definition['body']['evaluation']['rubric'][number];

export type TaskList = S['TaskList'];
export type Task = TaskList['items'][number];
export type TaskKind = Task['kind'];
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
  'authorization_expiry',
];
export type DonePage = S['DonePage'];
export type DoneItem = DonePage['items'][number];

export type MatterActions = S['MatterActions'];
export type MatterActionType = MatterActions['actions'][number]['type'];
export type TimelineEntry = S['TimelineEntry'];
export type AuditVerdict = S['AuditVerdict'];
export type DeliveryStatusView = S['DeliveryStatusView'];
export type DeliveryStatus = NonNullable<DeliveryStatusView['status']>;
export type MatterTrajectory = S['MatterTrajectory'];
export type Trajectory = MatterTrajectory['targets'][number];
export type DeliveryPage = S['DeliveryPage'];
export type Delivery = DeliveryPage['items'][number];
export type UnitChannel = S['UnitChannel'];
export type RobotKind = UnitChannel['kind'];
