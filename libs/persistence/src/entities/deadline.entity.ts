import { UnitChannelEntity } from './unit-channel.entity.js';
import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryColumn,
  PrimaryGeneratedColumn,
  Unique,
  UpdateDateColumn,
} from 'typeorm';
import type { DeadlineKind, DeadlinePolicy, EscalationTarget, Responsible } from '#domain';
import { MatterEntity } from './matter.entity.js';
import { UnitEntity } from './unit.entity.js';
import { UserEntity } from './user.entity.js';

/** One deadline of a matter, versioned: moving it, suspending it or resuming it bumps the version. */
@Entity('deadlines')
@Unique('deadlines_matter_key_key', ['matterId', 'key'])
@Index('deadlines_open_due_idx', ['dueAt'], { where: "status = 'open'" })
@Index('deadlines_unit_idx', ['unitId', 'status'])
// open deadlines by who must act (responsible->>'userId', or ->>'unitId' and ->>'role'): the inbox (migration 1764288000000)
@Index('deadlines_open_responsible_user_idx', { synchronize: false })
@Index('deadlines_open_responsible_unit_idx', { synchronize: false })
// working-day deadlines counted over a year without holiday data, for the worker to re-plan (migration 1764892800000)
@Index('deadlines_provisional_idx', { synchronize: false })
@Check(
  'deadlines_kind_check',
  `kind IN ('stage','approval_step','milestone','progress_report','urge_notice','authorization_expiry','part','instruction','order','acceptance')`,
)
@Check('deadlines_status_check', `status IN ('open','suspended','met','cancelled')`)
@Check('deadlines_closed_check', `(status IN ('met','cancelled')) = (closed_at IS NOT NULL)`)
export class DeadlineEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'deadlines_pkey' }) id!: string;
  @Column({ name: 'matter_id', type: 'uuid' }) matterId!: string;
  @ManyToOne(() => MatterEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'matter_id', foreignKeyConstraintName: 'deadlines_matter_fkey' })
  matter?: MatterEntity;
  @Column({ type: 'varchar', length: 120 }) key!: string;
  @Column({ type: 'varchar', length: 32 }) kind!: DeadlineKind;
  @Column({ name: 'subject_id', type: 'uuid', nullable: true }) subjectId!: string | null;
  @Column({ name: 'title_zh', type: 'varchar', length: 300, nullable: true }) titleZh!: string | null;
  @Column({ name: 'title_en', type: 'varchar', length: 300, nullable: true }) titleEn!: string | null;
  @Column({ name: 'due_at', type: 'timestamptz' }) dueAt!: Date;
  /** Counted on weekends alone: a year it spans has no holiday data yet. */
  @Column({ type: 'boolean', default: false }) provisional!: boolean;
  @Column({ type: 'varchar', length: 16 }) status!: 'open' | 'suspended' | 'met' | 'cancelled';
  @Column({ type: 'integer', default: 1 }) version!: number;
  @Column({ type: 'jsonb' }) policy!: DeadlinePolicy;
  @Column({ type: 'jsonb' }) responsible!: Responsible;
  @Column({ name: 'unit_id', type: 'uuid' }) unitId!: string;
  @ManyToOne(() => UnitEntity)
  @JoinColumn({ name: 'unit_id', foreignKeyConstraintName: 'deadlines_unit_fkey' })
  unit?: UnitEntity;
  @Column({ name: 'closed_at', type: 'timestamptz', nullable: true }) closedAt!: Date | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
}

/** A reminder, escalation or automatic supervision order of one deadline version. Its id is the BullMQ job id. */
@Entity('timers')
@Index('timers_pending_fire_idx', ['fireAt'], { where: "state = 'pending'" })
@Index('timers_deadline_idx', ['deadlineId'])
// (deadline_id, fired_at) INCLUDE (level) WHERE fired escalations: the reports' escalation level (migration 1764201600000)
@Index('timers_fired_escalation_idx', { synchronize: false })
@Check('timers_kind_check', `kind IN ('reminder','escalation','auto_order')`)
@Check('timers_state_check', `state IN ('pending','fired','skipped','cancelled')`)
export class TimerEntity {
  @PrimaryColumn({ type: 'varchar', length: 200, primaryKeyConstraintName: 'timers_pkey' }) id!: string;
  @Column({ name: 'deadline_id', type: 'uuid' }) deadlineId!: string;
  @ManyToOne(() => DeadlineEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'deadline_id', foreignKeyConstraintName: 'timers_deadline_fkey' })
  deadline?: DeadlineEntity;
  @Column({ name: 'deadline_version', type: 'integer' }) deadlineVersion!: number;
  @Column({ type: 'varchar', length: 16 }) kind!: 'reminder' | 'escalation';
  @Column({ type: 'varchar', length: 40 }) label!: string;
  @Column({ type: 'integer', nullable: true }) level!: number | null;
  @Column({ name: 'fire_at', type: 'timestamptz' }) fireAt!: Date;
  @Column({ type: 'jsonb' }) notify!: EscalationTarget[];
  @Column({ type: 'varchar', length: 16 }) state!: 'pending' | 'fired' | 'skipped' | 'cancelled';
  @Column({ name: 'fired_at', type: 'timestamptz', nullable: true }) firedAt!: Date | null;
  @Column({ name: 'lateness_ms', type: 'integer', nullable: true }) latenessMs!: number | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
}

/**
 * pending: to be composed · held: waiting for its recipient's daily digest · queued: composed, to send ·
 * sending · sent · failed: not retried · digested: sent as part of a digest · cancelled: its reason went
 * before it was sent (`cancelReason`), so it never will be.
 */
export type DeliveryState = 'pending' | 'held' | 'queued' | 'sending' | 'sent' | 'failed' | 'digested' | 'cancelled';

/**
 * Why a delivery was cancelled unsent: the deadline of its calendar entry was met (a step approved,
 * a milestone met), cancelled (a step rejected or returned, the matter withdrawn or terminated) or
 * moved (moved, suspended or re-planned: a later version of the entry replaces it).
 */
export const CANCEL_REASONS = ['deadline_met', 'deadline_cancelled', 'deadline_moved'] as const;
export type CancelReason = (typeof CANCEL_REASONS)[number];

/** One mail to one person, unique by its delivery key: sending it twice is sending it once. */
@Entity('deliveries')
@Unique('deliveries_delivery_key_key', ['deliveryKey'])
@Index('deliveries_matter_idx', ['matterId', 'createdAt'])
@Index('deliveries_recipient_idx', ['recipientId', 'createdAt'])
@Index('deliveries_unsent_idx', ['updatedAt'], { where: "state IN ('pending','queued','sending')" })
@Index('deliveries_held_idx', ['recipientId', 'createdAt'], { where: "state = 'held'" })
@Index('deliveries_failed_idx', ['updatedAt'], { where: "state = 'failed'" })
@Index('deliveries_channel_idx', ['channelId', 'createdAt'], { where: 'channel_id IS NOT NULL' })
// (data->'calendar'->>'deadlineId') where there is one: the mail of a deadline's calendar entry (migration 1765238400000)
@Index('deliveries_calendar_deadline_idx', { synchronize: false })
@Check('deliveries_state_check', `state IN ('pending','held','queued','sending','sent','failed','digested','cancelled')`)
@Check('deliveries_cancel_reason_check', `cancel_reason IN ('deadline_met','deadline_cancelled','deadline_moved')`)
@Check('deliveries_cancelled_check', `(state = 'cancelled') = (cancel_reason IS NOT NULL)`)
@Check('deliveries_channel_check', `channel IN ('mail', 'wecom', 'dingtalk')`)
@Check('deliveries_channel_address_check', `(channel = 'mail') = (recipient_email IS NOT NULL)`)
export class DeliveryEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'deliveries_pkey' }) id!: string;
  @Column({ name: 'delivery_key', type: 'varchar', length: 300 }) deliveryKey!: string;
  @Column({ name: 'matter_id', type: 'uuid', nullable: true }) matterId!: string | null;
  @ManyToOne(() => MatterEntity, { nullable: true, onDelete: 'SET NULL' })
  @JoinColumn({ name: 'matter_id', foreignKeyConstraintName: 'deliveries_matter_fkey' })
  matter?: MatterEntity | null;
  @Column({ name: 'recipient_id', type: 'uuid', nullable: true }) recipientId!: string | null;
  @ManyToOne(() => UserEntity, { nullable: true })
  @JoinColumn({ name: 'recipient_id', foreignKeyConstraintName: 'deliveries_recipient_fkey' })
  recipient?: UserEntity | null;
  /** The address of mail; null for a message to a unit's group robot. */
  @Column({ name: 'recipient_email', type: 'varchar', length: 254, nullable: true }) recipientEmail!: string | null;
  /** 'mail', or the kind of unit group robot the message goes to (migration 1765500000000). */
  @Column({ type: 'varchar', length: 16, default: 'mail' }) channel!: string;
  @Column({ name: 'channel_id', type: 'uuid', nullable: true }) channelId!: string | null;
  @ManyToOne(() => UnitChannelEntity, { nullable: true, onDelete: 'SET NULL' })
  @JoinColumn({ name: 'channel_id', foreignKeyConstraintName: 'deliveries_channel_fkey' })
  unitChannel?: UnitChannelEntity | null;
  @Column({ type: 'varchar', length: 64 }) template!: string;
  @Column({ type: 'varchar', length: 8, default: 'zh-CN' }) locale!: string;
  @Column({ type: 'jsonb' }) data!: Record<string, unknown>;
  @Column({ type: 'varchar', length: 500, nullable: true }) subject!: string | null;
  @Column({ name: 'text_body', type: 'text', nullable: true }) textBody!: string | null;
  @Column({ name: 'html_body', type: 'text', nullable: true }) htmlBody!: string | null;
  @Column({ name: 'message_id', type: 'varchar', length: 250 }) messageId!: string;
  @Column({ type: 'varchar', length: 16 }) state!: DeliveryState;
  @Column({ name: 'cancel_reason', type: 'varchar', length: 32, nullable: true }) cancelReason!: CancelReason | null;
  /** The iCalendar event the mail carries, if any (METHOD:REQUEST or CANCEL). */
  @Column({ type: 'text', nullable: true }) ical!: string | null;
  /** For a row gathered into a daily digest: the digest's own delivery. */
  @Column({ name: 'digest_id', type: 'uuid', nullable: true }) digestId!: string | null;
  @ManyToOne(() => DeliveryEntity, { nullable: true })
  @JoinColumn({ name: 'digest_id', foreignKeyConstraintName: 'deliveries_digest_fkey' })
  digest?: DeliveryEntity | null;
  @Column({ type: 'integer', default: 0 }) attempts!: number;
  @Column({ name: 'last_error', type: 'text', nullable: true }) lastError!: string | null;
  @Column({ name: 'smtp_response', type: 'text', nullable: true }) smtpResponse!: string | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
  @Column({ name: 'sent_at', type: 'timestamptz', nullable: true }) sentAt!: Date | null;
  /** Files the mail carries, by reference to report_files: [{ fileId, filename, contentType }]. */
  @Column({ type: 'jsonb', default: () => "'[]'" }) attachments!: Array<{ fileId: string; filename: string; contentType: string }>;
}
