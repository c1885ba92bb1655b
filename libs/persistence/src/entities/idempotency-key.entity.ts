import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { UserEntity } from './user.entity.js';

/**
 * A write sent with an Idempotency-Key and, once it answered, that answer (migration
 * 1764979200000). One key per person: (actor_id, key). Status and completed_at are null
 * while the first request runs.
 */
@Entity('idempotency_keys')
@Index('idempotency_keys_created_idx', ['createdAt'])
@Check('idempotency_keys_answer_check', '(completed_at IS NULL) = (status IS NULL)')
@Check('idempotency_keys_status_check', 'status BETWEEN 200 AND 499')
export class IdempotencyKeyEntity {
  @PrimaryColumn({ name: 'actor_id', type: 'uuid', primaryKeyConstraintName: 'idempotency_keys_pkey' }) actorId!: string;
  @PrimaryColumn({ type: 'varchar', length: 255, primaryKeyConstraintName: 'idempotency_keys_pkey' }) key!: string;
  @ManyToOne(() => UserEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'actor_id', foreignKeyConstraintName: 'idempotency_keys_actor_fkey' })
  actor?: UserEntity;
  @Column({ type: 'varchar', length: 8 }) method!: string;
  @Column({ type: 'text' }) path!: string;
  @Column({ name: 'body_hash', type: 'char', length: 64 }) bodyHash!: string;
  @Column({ type: 'smallint', nullable: true }) status!: number | null;
  @Column({ name: 'response_headers', type: 'jsonb', nullable: true }) responseHeaders!: Record<string, string> | null;
  @Column({ name: 'response_body', type: 'jsonb', nullable: true }) responseBody!: unknown;
  @Column({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  @Column({ name: 'completed_at', type: 'timestamptz', nullable: true }) completedAt!: Date | null;
}
