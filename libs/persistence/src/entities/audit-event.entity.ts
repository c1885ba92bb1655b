import { Check, Column, Entity, Index, PrimaryGeneratedColumn, Unique } from 'typeorm';

/** Append-only: a trigger refuses UPDATE, DELETE and TRUNCATE. Written by AuditLog only. */
@Entity('audit_events')
@Unique('audit_events_aggregate_seq_key', ['aggregateType', 'aggregateId', 'seq'])
@Check('audit_events_seq_check', `seq > 0`)
// (actor_id, id DESC) WHERE actor_id IS NOT NULL: "done by me" (migration 1764288000000)
@Index('audit_events_actor_idx', { synchronize: false })
// (occurred_at) WHERE a matter's evaluation.requested: the bulletins' completed matters (migration 1765700000000)
@Index('audit_events_evaluation_requested_idx', { synchronize: false })
export class AuditEventEntity {
  @PrimaryGeneratedColumn('increment', { type: 'bigint', primaryKeyConstraintName: 'audit_events_pkey' }) id!: string;
  @Column({ name: 'aggregate_type', type: 'varchar', length: 32 }) aggregateType!: string;
  @Column({ name: 'aggregate_id', type: 'uuid' }) aggregateId!: string;
  @Column({ type: 'integer' }) seq!: number;
  @Column({ type: 'varchar', length: 64 }) type!: string;
  @Column({ name: 'actor_id', type: 'uuid', nullable: true }) actorId!: string | null;
  @Column({ name: 'occurred_at', type: 'timestamptz' }) occurredAt!: Date;
  @Column({ type: 'jsonb' }) payload!: unknown;
  @Column({ name: 'prev_hash', type: 'char', length: 64 }) prevHash!: string;
  @Column({ type: 'char', length: 64 }) hash!: string;
}
