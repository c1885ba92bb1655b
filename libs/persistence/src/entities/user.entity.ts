import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  Unique,
  UpdateDateColumn,
} from 'typeorm';
import type { Locale, Role } from '#domain';
import { UnitEntity } from './unit.entity.js';

@Entity('users')
@Unique('users_email_key', ['email'])
@Index('users_unit_idx', ['unitId'])
@Check('users_email_lowercase_check', `email = lower(email)`)
@Check(
  'users_roles_check',
  `cardinality(roles) > 0 AND roles <@ ARRAY['admin','reform_office','approver','manager','evaluator']::varchar[]`,
)
@Check('users_locale_check', `locale IN ('zh-CN','en')`)
@Check('users_notification_mode_check', `notification_mode IN ('immediate','daily_digest')`)
@Check('users_digest_time_check', `digest_time ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$'`)
export class UserEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'users_pkey' }) id!: string;
  @Column({ type: 'varchar', length: 254 }) email!: string;
  @Column({ name: 'display_name', type: 'varchar', length: 200 }) displayName!: string;
  @Column({ name: 'password_hash', type: 'varchar', length: 200, select: false }) passwordHash!: string;
  @Column({ type: 'varchar', length: 32, array: true }) roles!: Role[];
  @Column({ name: 'unit_id', type: 'uuid' }) unitId!: string;
  @ManyToOne(() => UnitEntity)
  @JoinColumn({ name: 'unit_id', foreignKeyConstraintName: 'users_unit_fkey' })
  unit?: UnitEntity;
  @Column({ type: 'varchar', length: 8, default: 'zh-CN' }) locale!: Locale;
  @Column({ name: 'time_zone', type: 'varchar', length: 64, default: 'Asia/Shanghai' }) timeZone!: string;
  @Column({ type: 'boolean', default: true }) active!: boolean;
  /** Reminders at once, or gathered into one mail a day at `digestTime` (local); escalations and urge notices always at once. */
  @Column({ name: 'notification_mode', type: 'varchar', length: 16, default: 'immediate' }) notificationMode!: 'immediate' | 'daily_digest';
  @Column({ name: 'digest_time', type: 'varchar', length: 5, default: '08:30' }) digestTime!: string;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
}
