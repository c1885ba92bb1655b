/**
 * What the lists read at scale (migration 1764374400000): who may see each matter, with
 * the columns the lists filter and sort on, and each matter's delivery status over time.
 * Written by MatterStore and the deadline sync inside the command's transaction.
 */
import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import type { DeliveryStatus, Stage } from '#domain';
import { MatterEntity } from './matter.entity.js';

@Entity('matter_visibility')
@Check('matter_visibility_reach_check', `reach IN ('member','approver','evaluator')`)
@Index('matter_visibility_matter_idx', ['matterId'])
@Index('matter_visibility_reach_stage_idx', ['unitId', 'reach', 'stage'])
// (unit_id, <sort key> in the list's order, matter_id): TypeORM cannot state a sort order
@Index('matter_visibility_updated_idx', { synchronize: false })
@Index('matter_visibility_created_idx', { synchronize: false })
@Index('matter_visibility_code_idx', { synchronize: false })
@Index('matter_visibility_next_due_idx', { synchronize: false })
export class MatterVisibilityEntity {
  /** A unit, or the nil uuid for every evaluator (no foreign key: that audience is no unit). */
  @PrimaryColumn({ name: 'unit_id', type: 'uuid', primaryKeyConstraintName: 'matter_visibility_pkey' }) unitId!: string;
  @PrimaryColumn({ name: 'matter_id', type: 'uuid', primaryKeyConstraintName: 'matter_visibility_pkey' }) matterId!: string;
  @ManyToOne(() => MatterEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'matter_id', foreignKeyConstraintName: 'matter_visibility_matter_fkey' })
  matter?: MatterEntity;
  @Column({ type: 'varchar', length: 16 }) reach!: 'member' | 'approver' | 'evaluator';
  @Column({ name: 'batch_id', type: 'uuid' }) batchId!: string;
  @Column({ name: 'leading_unit_id', type: 'uuid' }) leadingUnitId!: string;
  @Column({ type: 'varchar', length: 32 }) stage!: Stage;
  @Column({ type: 'varchar', length: 64 }) code!: string;
  @Column({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  @Column({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
  @Column({ name: 'next_due_at', type: 'timestamptz', nullable: true }) nextDueAt!: Date | null;
}

@Entity('matter_delivery_periods')
@Check('matter_delivery_periods_status_check', `status IN ('on_track','at_risk','off_track')`)
@Check('matter_delivery_periods_range_check', `valid_from < valid_until`)
// (status, valid_until) INCLUDE (valid_from, matter_id)
@Index('matter_delivery_periods_status_idx', { synchronize: false })
export class MatterDeliveryPeriodEntity {
  @PrimaryColumn({ name: 'matter_id', type: 'uuid', primaryKeyConstraintName: 'matter_delivery_periods_pkey' }) matterId!: string;
  @PrimaryColumn({ name: 'valid_from', type: 'timestamptz', primaryKeyConstraintName: 'matter_delivery_periods_pkey' }) validFrom!: Date;
  @ManyToOne(() => MatterEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'matter_id', foreignKeyConstraintName: 'matter_delivery_periods_matter_fkey' })
  matter?: MatterEntity;
  @Column({ name: 'valid_until', type: 'timestamptz' }) validUntil!: Date;
  @Column({ type: 'varchar', length: 16 }) status!: DeliveryStatus;
}
