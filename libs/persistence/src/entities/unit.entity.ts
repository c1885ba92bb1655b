import { Check, Column, CreateDateColumn, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique, UpdateDateColumn } from 'typeorm';
import type { UnitKind } from '#domain';

@Entity('units')
@Unique('units_code_key', ['code'])
@Check('units_kind_check', `kind IN ('municipal_bureau','district','provincial','national','leading_group','reform_office')`)
@Check('units_name_check', `name_zh IS NOT NULL OR name_en IS NOT NULL`)
export class UnitEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'units_pkey' }) id!: string;
  @Column({ type: 'varchar', length: 64 }) code!: string;
  @Column({ name: 'name_zh', type: 'varchar', length: 300, nullable: true }) nameZh!: string | null;
  @Column({ name: 'name_en', type: 'varchar', length: 300, nullable: true }) nameEn!: string | null;
  @Column({ type: 'varchar', length: 32 }) kind!: UnitKind;
  @Column({ name: 'parent_id', type: 'uuid', nullable: true }) parentId!: string | null;
  @ManyToOne(() => UnitEntity, { nullable: true })
  @JoinColumn({ name: 'parent_id', foreignKeyConstraintName: 'units_parent_fkey' })
  parent?: UnitEntity | null;
  /** Receives the second level of escalations for this unit's deadlines. */
  @Column({ name: 'head_user_id', type: 'uuid', nullable: true }) headUserId!: string | null;
  // a string target: users and units refer to each other, and ES modules cannot import in a circle eagerly
  @ManyToOne('UserEntity', { nullable: true })
  @JoinColumn({ name: 'head_user_id', foreignKeyConstraintName: 'units_head_user_fkey' })
  head?: unknown;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
}
