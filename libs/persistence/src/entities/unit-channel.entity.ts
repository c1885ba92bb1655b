import { Check, Column, CreateDateColumn, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique, UpdateDateColumn } from 'typeorm';
import { UnitEntity } from './unit.entity.js';

/** A unit's group robot (企业微信 / 钉钉, migration 1765500000000); read and written only through UnitChannelStore. */
@Entity('unit_channels')
@Unique('unit_channels_unit_kind_key', ['unitId', 'kind'])
@Check('unit_channels_kind_check', `kind IN ('wecom', 'dingtalk')`)
@Check('unit_channels_language_check', `language IN ('zh-CN', 'en')`)
@Check('unit_channels_dingtalk_secret_check', `kind <> 'dingtalk' OR secret IS NOT NULL`)
export class UnitChannelEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'unit_channels_pkey' }) id!: string;
  @Column({ name: 'unit_id', type: 'uuid' }) unitId!: string;
  @ManyToOne(() => UnitEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'unit_id', foreignKeyConstraintName: 'unit_channels_unit_fkey' })
  unit?: UnitEntity;
  @Column({ type: 'varchar', length: 16 }) kind!: string;
  @Column({ name: 'webhook_url', type: 'varchar', length: 1000 }) webhookUrl!: string;
  @Column({ type: 'varchar', length: 200, nullable: true }) secret!: string | null;
  @Column({ type: 'varchar', length: 8, default: 'zh-CN' }) language!: string;
  @Column({ type: 'boolean', default: true }) enabled!: boolean;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
}
