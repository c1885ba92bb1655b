import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, Unique } from 'typeorm';
import type { LeadingUnitBasis, MatterKind, Outcome, RiskLevel, Stage } from '#domain';
import { BatchEntity } from './batch.entity.js';
import { UnitEntity } from './unit.entity.js';
import { UserEntity } from './user.entity.js';
import { WorkflowDefinitionEntity } from './workflow-definition.entity.js';

/**
 * A matter's scalar state. Writes go through MatterStore (one transaction, version
 * checked in SQL); this entity documents the table and serves simple reads.
 */
@Entity('matters')
@Unique('matters_batch_code_key', ['batchId', 'code'])
@Index('matters_leading_unit_stage_idx', ['leadingUnitId', 'stage'])
@Index('matters_stage_next_due_idx', ['stage', 'nextDueAt'])
@Index('matters_next_due_idx', ['nextDueAt'], { where: 'next_due_at IS NOT NULL' })
@Index('matters_updated_at_idx', ['updatedAt'])
// updated_at DESC NULLS LAST, id: the list's default order (migration 1764201600000); TypeORM cannot state a sort order
@Index('matters_updated_at_desc_idx', { synchronize: false })
@Index('matters_evaluator_idx', ['evaluatorId'], { where: 'evaluator_id IS NOT NULL' })
@Index('matters_awaiting_evaluator_idx', ['stageDueAt'], { where: "stage = 'in_evaluation' AND evaluator_id IS NULL" })
@Check(
  'matters_evaluator_check',
  `(evaluator_id IS NULL) = (evaluator_unit_id IS NULL) AND (evaluator_id IS NULL) = (evaluator_assigned_at IS NULL)`,
)
@Index('matters_search_trgm_idx', { synchronize: false })
// 签收 returned and not resolved, for the reform office's inbox (migration 1766100000000); a jsonb expression TypeORM cannot state
@Index('matters_acceptance_returned_idx', { synchronize: false })
@Check('matters_acceptance_check', `acceptance IS NULL OR jsonb_typeof(acceptance) = 'object'`)
@Check('matters_title_check', `title_zh IS NOT NULL OR title_en IS NOT NULL`)
@Check('matters_kind_check', `kind IN ('reform_measure','innovation_experiment','opening_up_initiative')`)
@Check('matters_risk_level_check', `risk_level IN ('low','medium','high','critical')`)
@Check(
  'matters_stage_check',
  `stage IN ('draft','in_approval','approved','in_implementation','in_evaluation','closed','withdrawn','terminated')`,
)
@Check(
  'matters_outcome_check',
  `(stage = 'closed') = (outcome IS NOT NULL) AND (outcome IS NULL OR outcome IN ('replicated','closed_ineffective'))`,
)
@Check('matters_version_check', `version > 0`)
@Check('matters_leading_unit_basis_check', `leading_unit_basis IN ('stated','inferred')`)
@Check(
  'matters_source_check',
  `(source_document IS NULL) = (source_excerpt IS NULL) AND (source_locator IS NULL OR source_document IS NOT NULL)`,
)
@Check(
  'matters_legal_adjustment_level_check',
  `legal_adjustment_level IS NULL OR legal_adjustment_level IN ('law','administrative_regulation')`,
)
@Check(
  'matters_legal_adjustment_check',
  `(legal_adjustment_level IS NULL) = (legal_adjustment_name IS NULL)
             AND (legal_adjustment_level IS NULL OR requires_legal_authorization)`,
)
@Check('matters_national_approval_check', `national_approval_basis IS NULL OR national_approval_authority IS NOT NULL`)
@Check(
  'matters_authorization_instrument_check',
  `authorization_instrument IS NULL OR (jsonb_typeof(authorization_instrument) = 'object'
             AND authorization_instrument ? 'documentNumber' AND authorization_instrument ? 'validFrom')`,
)
export class MatterEntity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'matters_pkey' }) id!: string;
  @Column({ name: 'batch_id', type: 'uuid' }) batchId!: string;
  @ManyToOne(() => BatchEntity)
  @JoinColumn({ name: 'batch_id', foreignKeyConstraintName: 'matters_batch_fkey' })
  batch?: BatchEntity;
  @Column({ type: 'varchar', length: 64 }) code!: string;
  @Column({ name: 'title_zh', type: 'varchar', length: 300, nullable: true }) titleZh!: string | null;
  @Column({ name: 'title_en', type: 'varchar', length: 300, nullable: true }) titleEn!: string | null;
  @Column({ name: 'description_zh', type: 'text', nullable: true }) descriptionZh!: string | null;
  @Column({ name: 'description_en', type: 'text', nullable: true }) descriptionEn!: string | null;
  @Column({ type: 'varchar', length: 32 }) kind!: MatterKind;
  @Column({ name: 'policy_area', type: 'varchar', length: 64 }) policyArea!: string;
  @Column({ name: 'leading_unit_id', type: 'uuid' }) leadingUnitId!: string;
  @ManyToOne(() => UnitEntity)
  @JoinColumn({ name: 'leading_unit_id', foreignKeyConstraintName: 'matters_leading_unit_fkey' })
  leadingUnit?: UnitEntity;
  @Column({ name: 'manager_id', type: 'uuid', nullable: true }) managerId!: string | null;
  @ManyToOne(() => UserEntity, { nullable: true })
  @JoinColumn({ name: 'manager_id', foreignKeyConstraintName: 'matters_manager_fkey' })
  manager?: UserEntity | null;
  @Column({ name: 'risk_level', type: 'varchar', length: 16 }) riskLevel!: RiskLevel;
  @Column({ name: 'requires_legal_authorization', type: 'boolean' }) requiresLegalAuthorization!: boolean;
  @Column({ name: 'legal_basis', type: 'text', nullable: true }) legalBasis!: string | null;
  // legal authorization (migration 1764806400000)
  @Column({ name: 'legal_adjustment_level', type: 'varchar', length: 32, nullable: true }) legalAdjustmentLevel!: string | null;
  @Column({ name: 'legal_adjustment_name', type: 'varchar', length: 300, nullable: true }) legalAdjustmentName!: string | null;
  @Column({ name: 'national_approval_authority', type: 'varchar', length: 300, nullable: true }) nationalApprovalAuthority!: string | null;
  @Column({ name: 'national_approval_basis', type: 'text', nullable: true }) nationalApprovalBasis!: string | null;
  @Column({ name: 'authorization_instrument', type: 'jsonb', nullable: true }) authorizationInstrument!: object | null;
  @Column({ name: 'leading_unit_basis', type: 'varchar', length: 16, default: 'stated' }) leadingUnitBasis!: LeadingUnitBasis;
  @Column({ name: 'kind_basis', type: 'text', nullable: true }) kindBasis!: string | null;
  @Column({ name: 'source_document', type: 'varchar', length: 500, nullable: true }) sourceDocument!: string | null;
  @Column({ name: 'source_excerpt', type: 'text', nullable: true }) sourceExcerpt!: string | null;
  @Column({ name: 'source_locator', type: 'varchar', length: 100, nullable: true }) sourceLocator!: string | null;
  @Column({ name: 'workflow_definition_id', type: 'uuid' }) workflowDefinitionId!: string;
  @ManyToOne(() => WorkflowDefinitionEntity)
  @JoinColumn({ name: 'workflow_definition_id', foreignKeyConstraintName: 'matters_workflow_definition_fkey' })
  workflowDefinition?: WorkflowDefinitionEntity;
  @Column({ type: 'varchar', length: 32 }) stage!: Stage;
  @Column({ type: 'varchar', length: 32, nullable: true }) outcome!: Outcome | null;
  @Column({ name: 'stage_entered_at', type: 'timestamptz' }) stageEnteredAt!: Date;
  @Column({ name: 'stage_due_at', type: 'timestamptz', nullable: true }) stageDueAt!: Date | null;
  @Column({ name: 'approval_round', type: 'integer', default: 0 }) approvalRound!: number;
  @Column({ name: 'legal_authorized_at', type: 'timestamptz', nullable: true }) legalAuthorizedAt!: Date | null;
  @Column({ name: 'implementation_started_at', type: 'timestamptz', nullable: true }) implementationStartedAt!: Date | null;
  @Column({ name: 'evaluator_id', type: 'uuid', nullable: true }) evaluatorId!: string | null;
  @ManyToOne(() => UserEntity, { nullable: true })
  @JoinColumn({ name: 'evaluator_id', foreignKeyConstraintName: 'matters_evaluator_fkey' })
  evaluator?: UserEntity | null;
  @Column({ name: 'evaluator_unit_id', type: 'uuid', nullable: true }) evaluatorUnitId!: string | null;
  @ManyToOne(() => UnitEntity, { nullable: true })
  @JoinColumn({ name: 'evaluator_unit_id', foreignKeyConstraintName: 'matters_evaluator_unit_fkey' })
  evaluatorUnit?: UnitEntity | null;
  @Column({ name: 'evaluator_assigned_at', type: 'timestamptz', nullable: true }) evaluatorAssignedAt!: Date | null;
  @Column({ name: 'evaluator_assigned_by', type: 'uuid', nullable: true }) evaluatorAssignedBy!: string | null;
  @ManyToOne(() => UserEntity, { nullable: true })
  @JoinColumn({ name: 'evaluator_assigned_by', foreignKeyConstraintName: 'matters_evaluator_assigned_by_fkey' })
  evaluatorAssigner?: UserEntity | null;
  @Column({ name: 'return_comment', type: 'text', nullable: true }) returnComment!: string | null;
  @Column({ name: 'adjustment_count', type: 'integer', default: 0 }) adjustmentCount!: number;
  @Column({ name: 'closing_reason', type: 'text', nullable: true }) closingReason!: string | null;
  /** The fault-tolerance finding (容错认定) on a matter closed as ineffective or terminated. */
  @Column({ name: 'fault_tolerance', type: 'jsonb', nullable: true }) faultTolerance!: object | null;
  /** The leading unit's acceptance (签收), migration 1766100000000. */
  @Column({ type: 'jsonb', nullable: true }) acceptance!: object | null;
  @Column({ name: 'next_due_at', type: 'timestamptz', nullable: true }) nextDueAt!: Date | null;
  @Column({ type: 'integer' }) version!: number;
  @Column({ name: 'created_by', type: 'uuid' }) createdBy!: string;
  @ManyToOne(() => UserEntity)
  @JoinColumn({ name: 'created_by', foreignKeyConstraintName: 'matters_created_by_fkey' })
  creator?: UserEntity;
  @Column({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  @Column({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
}
