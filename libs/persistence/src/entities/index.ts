import { AuditEventEntity } from './audit-event.entity.js';
import { AuthorityBatchEntity, ExperienceAdoptionEntity, TargetReadingEntity } from './adoption.entity.js';
export {
  ADOPTION_ACTIONS,
  type AdoptionAction,
  AuthorityBatchEntity,
  ExperienceAdoptionEntity,
  TargetReadingEntity,
} from './adoption.entity.js';
import { BatchEntity } from './batch.entity.js';
import { DeadlineEntity, DeliveryEntity, TimerEntity } from './deadline.entity.js';
export { CANCEL_REASONS, type CancelReason, type DeliveryState } from './deadline.entity.js';
import {
  ApprovalStepEntity,
  EvaluationEntity,
  MatterParticipatingUnitEntity,
  MatterRiskEntity,
  MatterTargetEntity,
  MatterReportPeriodEntity,
  MilestoneEntity,
  MatterPartEntity,
  MatterInstructionEntity,
  SupervisionOrderEntity,
  PeriodReportEntity,
  ProgressReportEntity,
  UrgeNoticeEntity,
} from './matter-children.entity.js';
import { MatterEntity } from './matter.entity.js';
import { MatterDeliveryPeriodEntity, MatterVisibilityEntity } from './matter-visibility.entity.js';
import { OutboxEntity } from './outbox.entity.js';
import { ExperienceEntity, ReplicationReportEntity, ReportFileEntity, ReportRunEntity } from './report.entity.js';
import { IdempotencyKeyEntity } from './idempotency-key.entity.js';
import { DeputyEntity } from './deputy.entity.js';
import { UnitChannelEntity } from './unit-channel.entity.js';
import { SessionEntity } from './session.entity.js';
import { UnitEntity } from './unit.entity.js';
import { UserEntity } from './user.entity.js';
import { WorkflowDefinitionEntity } from './workflow-definition.entity.js';

export {
  MatterDeliveryPeriodEntity,
  MatterVisibilityEntity,
  ExperienceEntity,
  ReplicationReportEntity,
  ReportFileEntity,
  ReportRunEntity,
  ApprovalStepEntity,
  DeadlineEntity,
  DeliveryEntity,
  TimerEntity,
  UrgeNoticeEntity,
  AuditEventEntity,
  BatchEntity,
  EvaluationEntity,
  MatterEntity,
  MatterParticipatingUnitEntity,
  MatterRiskEntity,
  MatterTargetEntity,
  MilestoneEntity,
  MatterPartEntity,
  MatterInstructionEntity,
  SupervisionOrderEntity,
  OutboxEntity,
  ProgressReportEntity,
  SessionEntity,
  IdempotencyKeyEntity,
  DeputyEntity,
  UnitChannelEntity,
  UnitEntity,
  UserEntity,
  WorkflowDefinitionEntity,
};

export const ENTITIES = [
  UnitEntity,
  UserEntity,
  WorkflowDefinitionEntity,
  BatchEntity,
  MatterEntity,
  MatterParticipatingUnitEntity,
  MatterTargetEntity,
  MatterRiskEntity,
  MilestoneEntity,
  MatterPartEntity,
  MatterInstructionEntity,
  SupervisionOrderEntity,
  ApprovalStepEntity,
  ProgressReportEntity,
  PeriodReportEntity,
  MatterReportPeriodEntity,
  EvaluationEntity,
  UrgeNoticeEntity,
  DeadlineEntity,
  TimerEntity,
  DeliveryEntity,
  AuditEventEntity,
  OutboxEntity,
  ReplicationReportEntity,
  ExperienceEntity,
  ReportRunEntity,
  ReportFileEntity,
  SessionEntity,
  MatterVisibilityEntity,
  MatterDeliveryPeriodEntity,
  AuthorityBatchEntity,
  ExperienceAdoptionEntity,
  TargetReadingEntity,
  IdempotencyKeyEntity,
  DeputyEntity,
  UnitChannelEntity,
];
