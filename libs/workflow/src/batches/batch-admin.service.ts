import { Injectable } from '@nestjs/common';
import { type Actor, type LocalizedText, notFound, unprocessable } from '#domain';
import { AuditLog, BatchEntity, Db, DefinitionStore } from '#persistence';

export interface BatchInput {
  code: string;
  title: LocalizedText;
  issuingAuthority: string;
  issuedOn?: string | null;
  sourceDocument?: string | null;
  /** The workflow its matters run on; the configured default when absent. */
  workflow?: string;
}

export interface BatchView {
  id: string;
  code: string;
  title: LocalizedText;
  issuingAuthority: string;
  issuedOn: string | null;
  sourceDocument: string | null;
  workflow: string;
  createdAt: string;
}

const toBatch = (b: BatchEntity): BatchView => ({
  id: b.id,
  code: b.code,
  title: { ...(b.titleZh ? { zh: b.titleZh } : {}), ...(b.titleEn ? { en: b.titleEn } : {}) },
  issuingAuthority: b.issuingAuthority,
  issuedOn: b.issuedOn,
  sourceDocument: b.sourceDocument,
  workflow: b.workflowName,
  createdAt: b.createdAt.toISOString(),
});

/** Batches of authorized matters, as the authorities issue them. */
@Injectable()
export class BatchAdmin {
  constructor(
    private readonly db: Db,
    private readonly audit: AuditLog,
    private readonly definitions: DefinitionStore,
  ) {}

  async list(): Promise<BatchView[]> {
    const rows = await this.db.dataSource.getRepository(BatchEntity).find({ order: { issuedOn: 'DESC', code: 'ASC' } });
    return rows.map(toBatch);
  }

  async get(id: string): Promise<BatchView> {
    const row = await this.db.dataSource.getRepository(BatchEntity).findOneBy({ id });
    if (!row) throw notFound('batch.unknown', 'no batch has this id', 'id');
    return toBatch(row);
  }

  async create(actor: Actor, input: BatchInput, defaultWorkflow: string): Promise<BatchView> {
    return this.db.transaction(async (tx) => {
      const workflow = input.workflow ?? defaultWorkflow;
      if (!(await this.definitions.latest(tx, workflow)))
        throw unprocessable('workflow.unknown', `no workflow definition is named "${workflow}"`, 'workflow');
      const saved = await tx.manager.save(
        tx.manager.create(BatchEntity, {
          code: input.code,
          titleZh: input.title.zh ?? null,
          titleEn: input.title.en ?? null,
          issuingAuthority: input.issuingAuthority,
          issuedOn: input.issuedOn ?? null,
          sourceDocument: input.sourceDocument ?? null,
          workflowName: workflow,
          createdBy: actor.userId,
        }),
      );
      const batch = toBatch(saved);
      await this.audit.append(tx, 'batch', batch.id, [
        { type: 'batch.created', actorId: actor.userId, occurredAt: new Date().toISOString(), payload: batch },
      ]);
      return batch;
    });
  }
}
