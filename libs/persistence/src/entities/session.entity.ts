import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { UserEntity } from './user.entity.js';

/**
 * A browser's sign-in (migration 1764288000000). The cookie carries a random secret; this
 * row keeps only its SHA-256, the CSRF token the page must echo on writes, and when it ends.
 */
@Entity('sessions')
@Unique('sessions_secret_hash_key', ['secretHash'])
@Index('sessions_user_idx', ['userId'], { where: 'revoked_at IS NULL' })
@Index('sessions_expires_idx', ['expiresAt'])
@Check('sessions_expiry_check', 'expires_at > created_at')
export class SessionEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'sessions_pkey' }) id!: string;
  @Column({ name: 'secret_hash', type: 'char', length: 64 }) secretHash!: string;
  @Column({ name: 'csrf_token', type: 'char', length: 43 }) csrfToken!: string;
  @Column({ name: 'user_id', type: 'uuid' }) userId!: string;
  @ManyToOne(() => UserEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'sessions_user_fkey' })
  user?: UserEntity;
  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' }) createdAt!: Date;
  @Column({ name: 'expires_at', type: 'timestamptz' }) expiresAt!: Date;
  @Column({ name: 'revoked_at', type: 'timestamptz', nullable: true }) revokedAt!: Date | null;
  @Column({ name: 'user_agent', type: 'varchar', length: 300, nullable: true }) userAgent!: string | null;
  @Column({ name: 'client_address', type: 'varchar', length: 64, nullable: true }) clientAddress!: string | null;
}
