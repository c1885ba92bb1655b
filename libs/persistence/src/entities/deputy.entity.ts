import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { UserEntity } from './user.entity.js';

/** A deputy period (委托代理, migration 1765324800000): `deputyId` stands in for `userId` from startsAt until endsAt or endedAt. */
@Entity('deputies')
@Index('deputies_user_idx', ['userId', 'endsAt'])
@Index('deputies_deputy_idx', ['deputyId', 'endsAt'])
@Check('deputies_not_self_check', 'deputy_id <> user_id')
@Check('deputies_period_check', 'ends_at > starts_at')
@Check('deputies_ended_check', '(ended_at IS NULL) = (ended_by IS NULL)')
export class DeputyEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'deputies_pkey' }) id!: string;
  @Column({ name: 'user_id', type: 'uuid' }) userId!: string;
  @ManyToOne(() => UserEntity)
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'deputies_user_fkey' })
  user?: UserEntity;
  @Column({ name: 'deputy_id', type: 'uuid' }) deputyId!: string;
  @ManyToOne(() => UserEntity)
  @JoinColumn({ name: 'deputy_id', foreignKeyConstraintName: 'deputies_deputy_fkey' })
  deputy?: UserEntity;
  @Column({ name: 'starts_at', type: 'timestamptz' }) startsAt!: Date;
  @Column({ name: 'ends_at', type: 'timestamptz' }) endsAt!: Date;
  @Column({ type: 'varchar', length: 500 }) reason!: string;
  @Column({ name: 'keep_copy', type: 'boolean', default: true }) keepCopy!: boolean;
  @Column({ name: 'created_by', type: 'uuid' }) createdBy!: string;
  @ManyToOne(() => UserEntity)
  @JoinColumn({ name: 'created_by', foreignKeyConstraintName: 'deputies_created_by_fkey' })
  creator?: UserEntity;
  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' }) createdAt!: Date;
  @Column({ name: 'ended_at', type: 'timestamptz', nullable: true }) endedAt!: Date | null;
  @Column({ name: 'ended_by', type: 'uuid', nullable: true }) endedBy!: string | null;
  @ManyToOne(() => UserEntity)
  @JoinColumn({ name: 'ended_by', foreignKeyConstraintName: 'deputies_ended_by_fkey' })
  ender?: UserEntity;
}
