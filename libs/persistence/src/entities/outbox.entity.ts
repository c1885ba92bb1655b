import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, Unique } from 'typeorm';

/** Messages written in the same transaction as the change that causes them; the worker relays them. */
@Entity('outbox')
@Unique('outbox_dedupe_key_key', ['dedupeKey'])
@Index('outbox_pending_idx', ['id'], { where: 'relayed_at IS NULL' })
export class OutboxEntity {
  @PrimaryGeneratedColumn('increment', { type: 'bigint', primaryKeyConstraintName: 'outbox_pkey' }) id!: string;
  @Column({ name: 'job_name', type: 'varchar', length: 64 }) jobName!: string;
  @Column({ type: 'jsonb' }) payload!: unknown;
  @Column({ name: 'dedupe_key', type: 'varchar', length: 200 }) dedupeKey!: string;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  @Column({ name: 'relayed_at', type: 'timestamptz', nullable: true }) relayedAt!: Date | null;
}
