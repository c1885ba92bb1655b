/**
 * Higher authorities' own numbered batches of promoted experiences, the experiences they
 * adopted or promoted, and the readings documents give for a matter's target
 * (migration 1764720000000).
 */
import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, Unique } from 'typeorm';
import { MatterTargetEntity } from './matter-children.entity.js';
import { MatterEntity } from './matter.entity.js';
import { ExperienceEntity } from './report.entity.js';
import { UnitEntity } from './unit.entity.js';
import { UserEntity } from './user.entity.js';

export const ADOPTION_ACTIONS = ['adopted', 'promoted'] as const;
export type AdoptionAction = (typeof ADOPTION_ACTIONS)[number];

@Entity('authority_batches')
@Unique('authority_batches_authority_number_key', ['authorityUnitId', 'number'])
@Check('authority_batches_number_check', `number > 0`)
@Check('authority_batches_count_check', `experience_count IS NULL OR experience_count > 0`)
export class AuthorityBatchEntity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'authority_batches_pkey' }) id!: string;
  @Column({ name: 'authority_unit_id', type: 'uuid' }) authorityUnitId!: string;
  @ManyToOne(() => UnitEntity)
  @JoinColumn({ name: 'authority_unit_id', foreignKeyConstraintName: 'authority_batches_authority_fkey' })
  authority?: UnitEntity;
  /** The authority's own batch number (第N批), never Reformflow's replication report number. */
  @Column({ type: 'integer' }) number!: number;
  /** Null while the only source is a mention without a date (004). */
  @Column({ name: 'issued_on', type: 'date', nullable: true }) issuedOn!: string | null;
  @Column({ name: 'title_zh', type: 'varchar', length: 300, nullable: true }) titleZh!: string | null;
  @Column({ name: 'title_en', type: 'varchar', length: 300, nullable: true }) titleEn!: string | null;
  @Column({ name: 'document_number', type: 'varchar', length: 100, nullable: true }) documentNumber!: string | null;
  @Column({ name: 'experience_count', type: 'integer', nullable: true }) experienceCount!: number | null;
  @Column({ name: 'source_document', type: 'varchar', length: 500, nullable: true }) sourceDocument!: string | null;
  @Column({ name: 'source_excerpt', type: 'text', nullable: true }) sourceExcerpt!: string | null;
  @Column({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  @Column({ name: 'created_by', type: 'uuid' }) createdBy!: string;
  @ManyToOne(() => UserEntity)
  @JoinColumn({ name: 'created_by', foreignKeyConstraintName: 'authority_batches_created_by_fkey' })
  creator?: UserEntity;
}

@Entity('experience_adoptions')
@Unique('experience_adoptions_experience_batch_key', ['experienceId', 'authorityBatchId'])
@Index('experience_adoptions_batch_idx', ['authorityBatchId'])
@Check('experience_adoptions_action_check', `action IN ('adopted','promoted')`)
export class ExperienceAdoptionEntity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'experience_adoptions_pkey' }) id!: string;
  @Column({ name: 'experience_id', type: 'uuid' }) experienceId!: string;
  @ManyToOne(() => ExperienceEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'experience_id', foreignKeyConstraintName: 'experience_adoptions_experience_fkey' })
  experience?: ExperienceEntity;
  @Column({ name: 'authority_batch_id', type: 'uuid' }) authorityBatchId!: string;
  @ManyToOne(() => AuthorityBatchEntity)
  @JoinColumn({ name: 'authority_batch_id', foreignKeyConstraintName: 'experience_adoptions_batch_fkey' })
  authorityBatch?: AuthorityBatchEntity;
  @Column({ type: 'varchar', length: 16 }) action!: AdoptionAction;
  @Column({ type: 'text', nullable: true }) note!: string | null;
  @Column({ name: 'recorded_at', type: 'timestamptz' }) recordedAt!: Date;
  @Column({ name: 'recorded_by', type: 'uuid' }) recordedBy!: string;
  @ManyToOne(() => UserEntity)
  @JoinColumn({ name: 'recorded_by', foreignKeyConstraintName: 'experience_adoptions_recorded_by_fkey' })
  recorder?: UserEntity;
}

@Entity('target_readings')
@Unique('target_readings_target_document_date_key', ['targetId', 'sourceDocument', 'asOf'])
@Index('target_readings_matter_idx', ['matterId'])
export class TargetReadingEntity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'target_readings_pkey' }) id!: string;
  @Column({ name: 'matter_id', type: 'uuid' }) matterId!: string;
  @ManyToOne(() => MatterEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'matter_id', foreignKeyConstraintName: 'target_readings_matter_fkey' })
  matter?: MatterEntity;
  @Column({ name: 'target_id', type: 'uuid' }) targetId!: string;
  @ManyToOne(() => MatterTargetEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'target_id', foreignKeyConstraintName: 'target_readings_target_fkey' })
  target?: MatterTargetEntity;
  @Column({ type: 'numeric' }) value!: string;
  @Column({ name: 'as_of', type: 'date' }) asOf!: string;
  @Column({ name: 'source_document', type: 'varchar', length: 500 }) sourceDocument!: string;
  @Column({ name: 'source_excerpt', type: 'text' }) sourceExcerpt!: string;
  @Column({ name: 'source_locator', type: 'varchar', length: 100, nullable: true }) sourceLocator!: string | null;
  @Column({ type: 'text', nullable: true }) note!: string | null;
  @Column({ name: 'recorded_at', type: 'timestamptz' }) recordedAt!: Date;
  @Column({ name: 'recorded_by', type: 'uuid' }) recordedBy!: string;
  @ManyToOne(() => UserEntity)
  @JoinColumn({ name: 'recorded_by', foreignKeyConstraintName: 'target_readings_recorded_by_fkey' })
  recorder?: UserEntity;
}
