import { Check, Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, Unique } from 'typeorm';
import type { WorkflowDefinitionBody } from '#domain';

@Entity('workflow_definitions')
@Unique('workflow_definitions_name_version_key', ['name', 'version'])
@Check('workflow_definitions_version_check', `version > 0`)
export class WorkflowDefinitionEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'workflow_definitions_pkey' }) id!: string;
  @Column({ type: 'varchar', length: 64 }) name!: string;
  @Column({ type: 'integer' }) version!: number;
  @Column({ type: 'char', length: 64 }) checksum!: string;
  @Column({ type: 'jsonb' }) body!: WorkflowDefinitionBody;
  @Column({ name: 'source_file', type: 'varchar', length: 500 }) sourceFile!: string;
  @CreateDateColumn({ name: 'loaded_at', type: 'timestamptz' }) loadedAt!: Date;
}
