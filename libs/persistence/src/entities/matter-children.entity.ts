/**
 * The parts of a matter's plan and history kept in their own tables: participating
 * units, targets, risks, milestones, approval steps, readings of targets (progress_reports),
 * narrative progress reports and the open reporting period, evaluations.
 * Written by MatterStore inside the command's transaction.
 */
import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, Unique } from 'typeorm';
import type { Likelihood, Role, StepStatus, TargetComparison, Verdict } from '#domain';
import { MatterEntity } from './matter.entity.js';
import { UnitEntity } from './unit.entity.js';
import { UserEntity } from './user.entity.js';

@Entity('matter_participating_units')
@Index('matter_participating_units_unit_idx', ['unitId'])
export class MatterParticipatingUnitEntity {
  @PrimaryColumn({ name: 'matter_id', type: 'uuid', primaryKeyConstraintName: 'matter_participating_units_pkey' }) matterId!: string;
  @PrimaryColumn({ name: 'unit_id', type: 'uuid', primaryKeyConstraintName: 'matter_participating_units_pkey' }) unitId!: string;
  @Column({ type: 'integer' }) position!: number;
  @ManyToOne(() => MatterEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'matter_id', foreignKeyConstraintName: 'matter_participating_units_matter_fkey' })
  matter?: MatterEntity;
  @ManyToOne(() => UnitEntity)
  @JoinColumn({ name: 'unit_id', foreignKeyConstraintName: 'matter_participating_units_unit_fkey' })
  unit?: UnitEntity;
}

@Entity('matter_targets')
@Index('matter_targets_matter_idx', ['matterId'])
@Check('matter_targets_indicator_check', `indicator_zh IS NOT NULL OR indicator_en IS NOT NULL`)
@Check('matter_targets_comparison_check', `comparison IN ('at_least','above','at_most','below')`)
export class MatterTargetEntity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'matter_targets_pkey' }) id!: string;
  @Column({ name: 'matter_id', type: 'uuid' }) matterId!: string;
  @ManyToOne(() => MatterEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'matter_id', foreignKeyConstraintName: 'matter_targets_matter_fkey' })
  matter?: MatterEntity;
  @Column({ type: 'integer' }) position!: number;
  @Column({ name: 'indicator_zh', type: 'varchar', length: 300, nullable: true }) indicatorZh!: string | null;
  @Column({ name: 'indicator_en', type: 'varchar', length: 300, nullable: true }) indicatorEn!: string | null;
  @Column({ type: 'numeric', nullable: true }) baseline!: string | null;
  @Column({ name: 'target_value', type: 'numeric' }) targetValue!: string;
  @Column({ type: 'varchar', length: 32 }) unit!: string;
  @Column({ name: 'by_date', type: 'date' }) byDate!: string;
  @Column({ type: 'varchar', length: 16, default: 'at_least' }) comparison!: TargetComparison;
  @Column({ type: 'text', nullable: true }) source!: string | null;
}

@Entity('matter_risks')
@Index('matter_risks_matter_idx', ['matterId'])
@Check('matter_risks_likelihood_check', `likelihood IN ('low','medium','high') AND impact IN ('low','medium','high')`)
export class MatterRiskEntity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'matter_risks_pkey' }) id!: string;
  @Column({ name: 'matter_id', type: 'uuid' }) matterId!: string;
  @ManyToOne(() => MatterEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'matter_id', foreignKeyConstraintName: 'matter_risks_matter_fkey' })
  matter?: MatterEntity;
  @Column({ type: 'integer' }) position!: number;
  @Column({ type: 'text' }) description!: string;
  @Column({ type: 'varchar', length: 16 }) likelihood!: Likelihood;
  @Column({ type: 'varchar', length: 16 }) impact!: Likelihood;
  @Column({ type: 'text' }) mitigation!: string;
}

@Entity('milestones')
@Index('milestones_matter_idx', ['matterId'])
@Index('milestones_completed_at_idx', ['completedAt'], { where: 'completed_at IS NOT NULL' })
@Check('milestones_title_check', `title_zh IS NOT NULL OR title_en IS NOT NULL`)
export class MilestoneEntity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'milestones_pkey' }) id!: string;
  @Column({ name: 'matter_id', type: 'uuid' }) matterId!: string;
  @ManyToOne(() => MatterEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'matter_id', foreignKeyConstraintName: 'milestones_matter_fkey' })
  matter?: MatterEntity;
  @Column({ type: 'integer' }) position!: number;
  @Column({ name: 'title_zh', type: 'varchar', length: 300, nullable: true }) titleZh!: string | null;
  @Column({ name: 'title_en', type: 'varchar', length: 300, nullable: true }) titleEn!: string | null;
  @Column({ name: 'due_at', type: 'timestamptz' }) dueAt!: Date;
  @Column({ name: 'completed_at', type: 'timestamptz', nullable: true }) completedAt!: Date | null;
  @Column({ name: 'completed_by', type: 'uuid', nullable: true }) completedBy!: string | null;
  @ManyToOne(() => UserEntity, { nullable: true })
  @JoinColumn({ name: 'completed_by', foreignKeyConstraintName: 'milestones_completed_by_fkey' })
  completer?: UserEntity | null;
  @Column({ type: 'text', nullable: true }) note!: string | null;
}

/** A participating unit's part (分工), migration 1765411200000. */
@Entity('matter_parts')
@Index('matter_parts_matter_idx', ['matterId'])
@Index('matter_parts_unit_idx', ['unitId'])
@Check('matter_parts_deliverable_check', `deliverable_zh IS NOT NULL OR deliverable_en IS NOT NULL`)
@Check('matter_parts_reports_check', `jsonb_typeof(reports) = 'array'`)
@Check('matter_parts_completed_check', `(completed_at IS NULL) = (completed_by IS NULL)`)
// 签收 returned and not resolved, for the reform office's inbox (migration 1766100000000); a jsonb expression TypeORM cannot state
@Index('matter_parts_acceptance_returned_idx', { synchronize: false })
@Check('matter_parts_acceptance_check', `acceptance IS NULL OR jsonb_typeof(acceptance) = 'object'`)
export class MatterPartEntity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'matter_parts_pkey' }) id!: string;
  @Column({ name: 'matter_id', type: 'uuid' }) matterId!: string;
  @ManyToOne(() => MatterEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'matter_id', foreignKeyConstraintName: 'matter_parts_matter_fkey' })
  matter?: MatterEntity;
  @Column({ type: 'integer' }) position!: number;
  @Column({ name: 'unit_id', type: 'uuid' }) unitId!: string;
  @ManyToOne(() => UnitEntity)
  @JoinColumn({ name: 'unit_id', foreignKeyConstraintName: 'matter_parts_unit_fkey' })
  unit?: UnitEntity;
  @Column({ name: 'deliverable_zh', type: 'varchar', length: 300, nullable: true }) deliverableZh!: string | null;
  @Column({ name: 'deliverable_en', type: 'varchar', length: 300, nullable: true }) deliverableEn!: string | null;
  @Column({ name: 'due_at', type: 'timestamptz' }) dueAt!: Date;
  @Column({ name: 'contact_id', type: 'uuid', nullable: true }) contactId!: string | null;
  @ManyToOne(() => UserEntity, { nullable: true })
  @JoinColumn({ name: 'contact_id', foreignKeyConstraintName: 'matter_parts_contact_fkey' })
  contact?: UserEntity | null;
  @Column({ name: 'assigned_at', type: 'timestamptz' }) assignedAt!: Date;
  @Column({ name: 'assigned_by', type: 'uuid' }) assignedBy!: string;
  @ManyToOne(() => UserEntity)
  @JoinColumn({ name: 'assigned_by', foreignKeyConstraintName: 'matter_parts_assigned_by_fkey' })
  assigner?: UserEntity;
  @Column({ type: 'jsonb', default: () => "'[]'" }) reports!: unknown[];
  /** The unit's acceptance of its part (签收), migration 1766100000000. */
  @Column({ type: 'jsonb', nullable: true }) acceptance!: object | null;
  @Column({ name: 'completed_at', type: 'timestamptz', nullable: true }) completedAt!: Date | null;
  @Column({ name: 'completed_by', type: 'uuid', nullable: true }) completedBy!: string | null;
  @ManyToOne(() => UserEntity, { nullable: true })
  @JoinColumn({ name: 'completed_by', foreignKeyConstraintName: 'matter_parts_completed_by_fkey' })
  completer?: UserEntity | null;
}

/** A leader's instruction (领导批示), migration 1765800000000. */
@Entity('matter_instructions')
@Index('matter_instructions_matter_idx', ['matterId'])
// partial: reported, not yet closed (the office's inbox); created by the migration
@Index('matter_instructions_to_close_idx', { synchronize: false })
@Check('matter_instructions_reports_check', `jsonb_typeof(reports) = 'array'`)
@Check('matter_instructions_closed_check', `(closed_at IS NULL) = (closed_by IS NULL)`)
@Check('matter_instructions_closed_reported_check', `closed_at IS NULL OR jsonb_array_length(reports) > 0`)
export class MatterInstructionEntity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'matter_instructions_pkey' }) id!: string;
  @Column({ name: 'matter_id', type: 'uuid' }) matterId!: string;
  @ManyToOne(() => MatterEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'matter_id', foreignKeyConstraintName: 'matter_instructions_matter_fkey' })
  matter?: MatterEntity;
  @Column({ type: 'integer' }) position!: number;
  @Column({ name: 'leader_name', type: 'varchar', length: 64 }) leaderName!: string;
  @Column({ name: 'leader_title', type: 'varchar', length: 64, nullable: true }) leaderTitle!: string | null;
  @Column({ name: 'given_on', type: 'date' }) givenOn!: string;
  @Column({ type: 'text' }) text!: string;
  @Column({ name: 'due_at', type: 'timestamptz' }) dueAt!: Date;
  @Column({ name: 'due_given', type: 'boolean' }) dueGiven!: boolean;
  @Column({ name: 'recorded_at', type: 'timestamptz' }) recordedAt!: Date;
  @Column({ name: 'recorded_by', type: 'uuid' }) recordedBy!: string;
  @ManyToOne(() => UserEntity)
  @JoinColumn({ name: 'recorded_by', foreignKeyConstraintName: 'matter_instructions_recorded_by_fkey' })
  recorder?: UserEntity;
  @Column({ type: 'jsonb', default: () => "'[]'" }) reports!: unknown[];
  @Column({ name: 'closed_at', type: 'timestamptz', nullable: true }) closedAt!: Date | null;
  @Column({ name: 'closed_by', type: 'uuid', nullable: true }) closedBy!: string | null;
  @ManyToOne(() => UserEntity, { nullable: true })
  @JoinColumn({ name: 'closed_by', foreignKeyConstraintName: 'matter_instructions_closed_by_fkey' })
  closer?: UserEntity | null;
  @Column({ name: 'closing_remark', type: 'text', nullable: true }) closingRemark!: string | null;
}

/** A supervision order (三色督办单), migration 1766000000000. */
@Entity('supervision_orders')
@Index('supervision_orders_matter_idx', ['matterId'])
// partial: open orders by unit and colour (the office's inbox, the bulletin); created by the migration
@Index('supervision_orders_open_idx', { synchronize: false })
@Check('supervision_orders_colour_check', `colour IN ('blue','yellow','red')`)
@Check('supervision_orders_acknowledged_check', `(acknowledged_at IS NULL) = (acknowledged_by IS NULL)`)
@Check('supervision_orders_closed_check', `(closed_at IS NULL) = (closed_by IS NULL)`)
@Check('supervision_orders_closed_acknowledged_check', `closed_at IS NULL OR acknowledged_at IS NOT NULL`)
export class SupervisionOrderEntity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'supervision_orders_pkey' }) id!: string;
  @Column({ name: 'matter_id', type: 'uuid' }) matterId!: string;
  @ManyToOne(() => MatterEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'matter_id', foreignKeyConstraintName: 'supervision_orders_matter_fkey' })
  matter?: MatterEntity;
  @Column({ type: 'integer' }) position!: number;
  @Column({ type: 'varchar', length: 8 }) colour!: string;
  @Column({ name: 'subject_key', type: 'varchar', length: 200, nullable: true }) subjectKey!: string | null;
  @Column({ name: 'subject_title', type: 'jsonb', nullable: true }) subjectTitle!: unknown;
  @Column({ name: 'unit_id', type: 'uuid' }) unitId!: string;
  @ManyToOne(() => UnitEntity)
  @JoinColumn({ name: 'unit_id', foreignKeyConstraintName: 'supervision_orders_unit_fkey' })
  unit?: UnitEntity;
  @Column({ type: 'text' }) requirement!: string;
  @Column({ name: 'due_at', type: 'timestamptz' }) dueAt!: Date;
  @Column({ name: 'due_given', type: 'boolean' }) dueGiven!: boolean;
  @Column({ name: 'issued_at', type: 'timestamptz' }) issuedAt!: Date;
  @Column({ name: 'issued_by', type: 'uuid', nullable: true }) issuedBy!: string | null;
  @ManyToOne(() => UserEntity, { nullable: true })
  @JoinColumn({ name: 'issued_by', foreignKeyConstraintName: 'supervision_orders_issued_by_fkey' })
  issuer?: UserEntity | null;
  @Column({ name: 'acknowledged_at', type: 'timestamptz', nullable: true }) acknowledgedAt!: Date | null;
  @Column({ name: 'acknowledged_by', type: 'uuid', nullable: true }) acknowledgedBy!: string | null;
  @ManyToOne(() => UserEntity, { nullable: true })
  @JoinColumn({ name: 'acknowledged_by', foreignKeyConstraintName: 'supervision_orders_acknowledged_by_fkey' })
  acknowledger?: UserEntity | null;
  @Column({ type: 'text', nullable: true }) response!: string | null;
  @Column({ name: 'closed_at', type: 'timestamptz', nullable: true }) closedAt!: Date | null;
  @Column({ name: 'closed_by', type: 'uuid', nullable: true }) closedBy!: string | null;
  @ManyToOne(() => UserEntity, { nullable: true })
  @JoinColumn({ name: 'closed_by', foreignKeyConstraintName: 'supervision_orders_closed_by_fkey' })
  closer?: UserEntity | null;
  @Column({ name: 'closing_remark', type: 'text', nullable: true }) closingRemark!: string | null;
}

@Entity('approval_steps')
@Unique('approval_steps_matter_round_position_key', ['matterId', 'round', 'position'])
@Index('approval_steps_unit_status_idx', ['unitId', 'status'])
@Index('approval_steps_pending_unit_idx', ['unitId', 'role'], { where: "status = 'pending' AND started_at IS NOT NULL" })
@Check('approval_steps_status_check', `status IN ('pending','approved','rejected','returned','superseded')`)
export class ApprovalStepEntity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'approval_steps_pkey' }) id!: string;
  @Column({ name: 'matter_id', type: 'uuid' }) matterId!: string;
  @ManyToOne(() => MatterEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'matter_id', foreignKeyConstraintName: 'approval_steps_matter_fkey' })
  matter?: MatterEntity;
  @Column({ type: 'integer' }) round!: number;
  @Column({ type: 'integer' }) position!: number;
  @Column({ name: 'step_key', type: 'varchar', length: 48 }) stepKey!: string;
  @Column({ name: 'title_zh', type: 'varchar', length: 200, nullable: true }) titleZh!: string | null;
  @Column({ name: 'title_en', type: 'varchar', length: 200, nullable: true }) titleEn!: string | null;
  @Column({ type: 'varchar', length: 32 }) role!: Role;
  @Column({ type: 'varchar', length: 32 }) authority!: string;
  @Column({ name: 'unit_id', type: 'uuid' }) unitId!: string;
  @ManyToOne(() => UnitEntity)
  @JoinColumn({ name: 'unit_id', foreignKeyConstraintName: 'approval_steps_unit_fkey' })
  unit?: UnitEntity;
  @Column({ name: 'legal_authorization', type: 'boolean' }) legalAuthorization!: boolean;
  @Column({ name: 'started_at', type: 'timestamptz', nullable: true }) startedAt!: Date | null;
  @Column({ name: 'due_at', type: 'timestamptz', nullable: true }) dueAt!: Date | null;
  @Column({ type: 'varchar', length: 16 }) status!: StepStatus;
  @Column({ name: 'decided_by', type: 'uuid', nullable: true }) decidedBy!: string | null;
  @ManyToOne(() => UserEntity, { nullable: true })
  @JoinColumn({ name: 'decided_by', foreignKeyConstraintName: 'approval_steps_decided_by_fkey' })
  decider?: UserEntity | null;
  @Column({ name: 'decided_at', type: 'timestamptz', nullable: true }) decidedAt!: Date | null;
  @Column({ type: 'text', nullable: true }) comment!: string | null;
}

@Entity('progress_reports')
@Index('progress_reports_matter_idx', ['matterId', 'asOf'])
export class ProgressReportEntity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'progress_reports_pkey' }) id!: string;
  @Column({ name: 'matter_id', type: 'uuid' }) matterId!: string;
  @ManyToOne(() => MatterEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'matter_id', foreignKeyConstraintName: 'progress_reports_matter_fkey' })
  matter?: MatterEntity;
  @Column({ name: 'target_id', type: 'uuid' }) targetId!: string;
  @ManyToOne(() => MatterTargetEntity)
  @JoinColumn({ name: 'target_id', foreignKeyConstraintName: 'progress_reports_target_fkey' })
  target?: MatterTargetEntity;
  @Column({ type: 'numeric' }) value!: string;
  @Column({ name: 'as_of', type: 'date' }) asOf!: string;
  @Column({ type: 'text', nullable: true }) note!: string | null;
  @Column({ name: 'reported_by', type: 'uuid' }) reportedBy!: string;
  @ManyToOne(() => UserEntity)
  @JoinColumn({ name: 'reported_by', foreignKeyConstraintName: 'progress_reports_reported_by_fkey' })
  reporter?: UserEntity;
  @Column({ name: 'reported_at', type: 'timestamptz' }) reportedAt!: Date;
}

/** A narrative progress report (进展报告); its target values are also readings in progress_reports. */
@Entity('period_reports')
@Index('period_reports_matter_idx', ['matterId', 'reportedAt'])
@Check(
  'period_reports_period_check',
  `(period_number IS NULL) = (period_starts_at IS NULL) AND (period_number IS NULL) = (period_due_at IS NULL)`,
)
export class PeriodReportEntity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'period_reports_pkey' }) id!: string;
  @Column({ name: 'matter_id', type: 'uuid' }) matterId!: string;
  @ManyToOne(() => MatterEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'matter_id', foreignKeyConstraintName: 'period_reports_matter_fkey' })
  matter?: MatterEntity;
  @Column({ name: 'period_number', type: 'integer', nullable: true }) periodNumber!: number | null;
  @Column({ name: 'period_starts_at', type: 'timestamptz', nullable: true }) periodStartsAt!: Date | null;
  @Column({ name: 'period_due_at', type: 'timestamptz', nullable: true }) periodDueAt!: Date | null;
  @Column({ type: 'text' }) done!: string;
  @Column({ type: 'text', nullable: true }) problems!: string | null;
  @Column({ name: 'next_steps', type: 'text', nullable: true }) nextSteps!: string | null;
  @Column({ name: 'evidence_links', type: 'jsonb', default: () => "'[]'" }) evidenceLinks!: string[];
  @Column({ name: 'target_values', type: 'jsonb', default: () => "'[]'" }) targetValues!: Array<{ targetId: string; value: number }>;
  @Column({ type: 'boolean' }) late!: boolean;
  @Column({ name: 'reported_by', type: 'uuid' }) reportedBy!: string;
  @ManyToOne(() => UserEntity)
  @JoinColumn({ name: 'reported_by', foreignKeyConstraintName: 'period_reports_reported_by_fkey' })
  reporter?: UserEntity;
  @Column({ name: 'reported_at', type: 'timestamptz' }) reportedAt!: Date;
}

/** The reporting period a matter has open now: zero or one row. */
@Entity('matter_report_periods')
export class MatterReportPeriodEntity {
  @PrimaryColumn({ name: 'matter_id', type: 'uuid', primaryKeyConstraintName: 'matter_report_periods_pkey' }) matterId!: string;
  @ManyToOne(() => MatterEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'matter_id', foreignKeyConstraintName: 'matter_report_periods_matter_fkey' })
  matter?: MatterEntity;
  @Column({ type: 'integer' }) number!: number;
  @Column({ name: 'starts_at', type: 'timestamptz' }) startsAt!: Date;
  @Column({ name: 'due_at', type: 'timestamptz' }) dueAt!: Date;
}

@Entity('evaluations')
@Index('evaluations_matter_idx', ['matterId'])
@Check('evaluations_verdict_check', `verdict IN ('replicable','needs_adjustment','ineffective')`)
export class EvaluationEntity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'evaluations_pkey' }) id!: string;
  @Column({ name: 'matter_id', type: 'uuid' }) matterId!: string;
  @ManyToOne(() => MatterEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'matter_id', foreignKeyConstraintName: 'evaluations_matter_fkey' })
  matter?: MatterEntity;
  @Column({ type: 'integer' }) round!: number;
  @Column({ name: 'evaluator_id', type: 'uuid' }) evaluatorId!: string;
  @ManyToOne(() => UserEntity)
  @JoinColumn({ name: 'evaluator_id', foreignKeyConstraintName: 'evaluations_evaluator_fkey' })
  evaluator?: UserEntity;
  @Column({ name: 'evaluator_unit_id', type: 'uuid' }) evaluatorUnitId!: string;
  @ManyToOne(() => UnitEntity)
  @JoinColumn({ name: 'evaluator_unit_id', foreignKeyConstraintName: 'evaluations_evaluator_unit_fkey' })
  evaluatorUnit?: UnitEntity;
  @Column({ type: 'varchar', length: 32 }) verdict!: Verdict;
  @Column({ type: 'text' }) narrative!: string;
  @Column({ type: 'jsonb', default: () => "'[]'" }) scores!: Array<{ criterion: string; score: number }>;
  @Column({ type: 'jsonb', default: () => "'[]'" }) results!: unknown[];
  @Column({ type: 'text', nullable: true }) lessons!: string | null;
  @Column({ name: 'adjustment_plan', type: 'text', nullable: true }) adjustmentPlan!: string | null;
  @Column({ name: 'logged_at', type: 'timestamptz' }) loggedAt!: Date;
}

@Entity('urge_notices')
@Index('urge_notices_matter_idx', ['matterId'])
export class UrgeNoticeEntity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'urge_notices_pkey' }) id!: string;
  @Column({ name: 'matter_id', type: 'uuid' }) matterId!: string;
  @ManyToOne(() => MatterEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'matter_id', foreignKeyConstraintName: 'urge_notices_matter_fkey' })
  matter?: MatterEntity;
  @Column({ type: 'text' }) message!: string;
  @Column({ name: 'sent_by', type: 'uuid' }) sentBy!: string;
  @ManyToOne(() => UserEntity)
  @JoinColumn({ name: 'sent_by', foreignKeyConstraintName: 'urge_notices_sent_by_fkey' })
  sender?: UserEntity;
  @Column({ name: 'sent_at', type: 'timestamptz' }) sentAt!: Date;
  @Column({ name: 'due_at', type: 'timestamptz' }) dueAt!: Date;
  @Column({ name: 'acknowledged_at', type: 'timestamptz', nullable: true }) acknowledgedAt!: Date | null;
  @Column({ name: 'acknowledged_by', type: 'uuid', nullable: true }) acknowledgedBy!: string | null;
  @ManyToOne(() => UserEntity, { nullable: true })
  @JoinColumn({ name: 'acknowledged_by', foreignKeyConstraintName: 'urge_notices_acknowledged_by_fkey' })
  acknowledger?: UserEntity | null;
  @Column({ type: 'text', nullable: true }) response!: string | null;
}
