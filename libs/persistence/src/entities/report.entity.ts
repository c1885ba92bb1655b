/**
 * Experiences of replicable matters, the numbered replication reports that issue them,
 * and stored runs of scheduled reports with their files.
 */
import { Check, Column, Entity, Index, JoinColumn, ManyToOne, OneToOne, PrimaryColumn, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { EvaluationEntity } from './matter-children.entity.js';
import { MatterEntity } from './matter.entity.js';
import { UnitEntity } from './unit.entity.js';
import { UserEntity } from './user.entity.js';

@Entity('replication_reports')
@Check('replication_reports_number_check', `number > 0`)
@Check('replication_reports_count_check', `experience_count > 0`)
export class ReplicationReportEntity {
  @PrimaryColumn({ type: 'integer', primaryKeyConstraintName: 'replication_reports_pkey' }) number!: number;
  @Column({ name: 'title_zh', type: 'varchar', length: 300, nullable: true }) titleZh!: string | null;
  @Column({ name: 'title_en', type: 'varchar', length: 300, nullable: true }) titleEn!: string | null;
  @Column({ name: 'issued_at', type: 'timestamptz' }) issuedAt!: Date;
  @Column({ name: 'issued_by', type: 'uuid' }) issuedBy!: string;
  @ManyToOne(() => UserEntity)
  @JoinColumn({ name: 'issued_by', foreignKeyConstraintName: 'replication_reports_issued_by_fkey' })
  issuer?: UserEntity;
  @Column({ name: 'experience_count', type: 'integer' }) experienceCount!: number;
  @Column({ type: 'char', length: 64 }) checksum!: string;
  /** The report as issued (JSON), so it reads the same however units are renamed later. */
  @Column({ type: 'jsonb' }) document!: Record<string, unknown>;
}

@Entity('experiences')
@Unique('experiences_matter_key', ['matterId'])
@Index('experiences_report_idx', ['reportNumber'])
@Check('experiences_title_check', `title_zh IS NOT NULL OR title_en IS NOT NULL`)
@Check('experiences_practice_check', `practice_zh IS NOT NULL OR practice_en IS NOT NULL`)
@Check('experiences_conditions_check', `conditions_zh IS NOT NULL OR conditions_en IS NOT NULL`)
export class ExperienceEntity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'experiences_pkey' }) id!: string;
  @Column({ name: 'matter_id', type: 'uuid' }) matterId!: string;
  @OneToOne(() => MatterEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'matter_id', foreignKeyConstraintName: 'experiences_matter_fkey' })
  matter?: MatterEntity;
  @Column({ name: 'evaluation_id', type: 'uuid' }) evaluationId!: string;
  @ManyToOne(() => EvaluationEntity)
  @JoinColumn({ name: 'evaluation_id', foreignKeyConstraintName: 'experiences_evaluation_fkey' })
  evaluation?: EvaluationEntity;
  @Column({ name: 'title_zh', type: 'varchar', length: 300, nullable: true }) titleZh!: string | null;
  @Column({ name: 'title_en', type: 'varchar', length: 300, nullable: true }) titleEn!: string | null;
  @Column({ name: 'practice_zh', type: 'text', nullable: true }) practiceZh!: string | null;
  @Column({ name: 'practice_en', type: 'text', nullable: true }) practiceEn!: string | null;
  @Column({ name: 'conditions_zh', type: 'text', nullable: true }) conditionsZh!: string | null;
  @Column({ name: 'conditions_en', type: 'text', nullable: true }) conditionsEn!: string | null;
  @Column({ type: 'text', array: true }) regions!: string[];
  @Column({ type: 'text', array: true }) fields!: string[];
  @Column({ name: 'contact_unit_id', type: 'uuid' }) contactUnitId!: string;
  @ManyToOne(() => UnitEntity)
  @JoinColumn({ name: 'contact_unit_id', foreignKeyConstraintName: 'experiences_contact_unit_fkey' })
  contactUnit?: UnitEntity;
  @Column({ name: 'recorded_at', type: 'timestamptz' }) recordedAt!: Date;
  @Column({ name: 'report_number', type: 'integer', nullable: true }) reportNumber!: number | null;
  @ManyToOne(() => ReplicationReportEntity, { nullable: true })
  @JoinColumn({ name: 'report_number', foreignKeyConstraintName: 'experiences_report_fkey' })
  report?: ReplicationReportEntity | null;
}

@Entity('report_runs')
@Unique('report_runs_schedule_period_key', ['scheduleKey', 'periodStart'])
@Check('report_runs_kind_check', `kind IN ('progress','scorecard','replication')`)
@Check('report_runs_period_check', `period_start < period_end`)
export class ReportRunEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'report_runs_pkey' }) id!: string;
  @Column({ name: 'schedule_key', type: 'varchar', length: 64 }) scheduleKey!: string;
  @Column({ type: 'varchar', length: 32 }) kind!: string;
  @Column({ name: 'period_start', type: 'timestamptz' }) periodStart!: Date;
  @Column({ name: 'period_end', type: 'timestamptz' }) periodEnd!: Date;
  @Column({ type: 'jsonb' }) parameters!: Record<string, unknown>;
  @Column({ type: 'char', length: 64 }) checksum!: string;
  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' }) createdAt!: Date;
}

@Entity('report_files')
@Unique('report_files_run_scope_key', ['runId', 'scope', 'locale', 'format'])
@Check('report_files_format_check', `format IN ('md','html','pdf','json')`)
export class ReportFileEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'report_files_pkey' }) id!: string;
  @Column({ name: 'run_id', type: 'uuid' }) runId!: string;
  @ManyToOne(() => ReportRunEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'run_id', foreignKeyConstraintName: 'report_files_run_fkey' })
  run?: ReportRunEntity;
  @Column({ type: 'varchar', length: 64 }) scope!: string;
  @Column({ type: 'varchar', length: 8 }) locale!: string;
  @Column({ type: 'varchar', length: 8 }) format!: string;
  @Column({ type: 'varchar', length: 200 }) filename!: string;
  @Column({ name: 'content_type', type: 'varchar', length: 100 }) contentType!: string;
  @Column({ type: 'integer' }) size!: number;
  @Column({ type: 'char', length: 64 }) checksum!: string;
  @Column({ type: 'bytea' }) body!: Buffer;
}
