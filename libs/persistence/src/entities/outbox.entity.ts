import { Check, Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, Unique } from 'typeorm';

/** Messages written in the same transaction as the change that causes them; the worker relays them. */
@Entity('outbox')
@Unique('outbox_dedupe_key_key', ['dedupeKey'])
@Index('outbox_pending_idx', ['id'], { where: 'relayed_at IS NULL' })
@Check('outbox_op_check', `op IN ('add','remove')`)
@Index('outbox_events_undone_idx', ['relayedAt'], { where: "done_at IS NULL AND relayed_at IS NOT NULL AND job_name = 'matter-event'" })
export class OutboxEntity {
  @PrimaryGeneratedColumn('increment', { type: 'bigint', primaryKeyConstraintName: 'outbox_pkey' }) id!: string;
  @Column({ name: 'job_name', type: 'varchar', length: 64 }) jobName!: string;
  @Column({ type: 'jsonb' }) payload!: unknown;
  @Column({ name: 'dedupe_key', type: 'varchar', length: 200 }) dedupeKey!: string;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  @Column({ name: 'relayed_at', type: 'timestamptz', nullable: true }) relayedAt!: Date | null;
  /** For a job that must wait (a timer): when it is due. */
  @Column({ name: 'deliver_at', type: 'timestamptz', nullable: true }) deliverAt!: Date | null;
  /** `add` a job, or `remove` the queued job whose id is the payload's jobId. */
  @Column({ type: 'varchar', length: 8, default: 'add' }) op!: 'add' | 'remove';
  /** Set when an event job has been handled (events only). */
  @Column({ name: 'done_at', type: 'timestamptz', nullable: true }) doneAt!: Date | null;
}
