import { Check, Column, CreateDateColumn, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique, UpdateDateColumn } from 'typeorm';
import { UserEntity } from './user.entity.js';

@Entity('batches')
@Unique('batches_code_key', ['code'])
@Check('batches_title_check', `title_zh IS NOT NULL OR title_en IS NOT NULL`)
export class BatchEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'batches_pkey' }) id!: string;
  @Column({ type: 'varchar', length: 64 }) code!: string;
  @Column({ name: 'title_zh', type: 'varchar', length: 300, nullable: true }) titleZh!: string | null;
  @Column({ name: 'title_en', type: 'varchar', length: 300, nullable: true }) titleEn!: string | null;
  @Column({ name: 'issuing_authority', type: 'varchar', length: 300 }) issuingAuthority!: string;
  @Column({ name: 'issued_on', type: 'date', nullable: true }) issuedOn!: string | null;
  @Column({ name: 'source_document', type: 'varchar', length: 500, nullable: true }) sourceDocument!: string | null;
  @Column({ name: 'workflow_name', type: 'varchar', length: 64 }) workflowName!: string;
  /** What a reader should know about the batch's header: an unofficial title, an unconfirmed issuer. */
  @Column({ type: 'text', nullable: true }) note!: string | null;
  @Column({ name: 'created_by', type: 'uuid', nullable: true }) createdBy!: string | null;
  @ManyToOne(() => UserEntity, { nullable: true })
  @JoinColumn({ name: 'created_by', foreignKeyConstraintName: 'batches_created_by_fkey' })
  creator?: UserEntity | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
}
