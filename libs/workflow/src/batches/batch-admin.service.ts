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
  /** What a reader should know about the header: an unofficial title, an unconfirmed issuer or date. */
  note?: string | null;
}

/** What may change once a batch is registered: its header, not its code or workflow. */
export type BatchChanges = Partial<Pick<BatchInput, 'title' | 'issuingAuthority' | 'issuedOn' | 'sourceDocument' | 'note'>>;

export interface BatchView {
  id: string;
  code: string;
  title: LocalizedText;
  issuingAuthority: string;
  issuedOn: string | null;
  sourceDocument: string | null;
  workflow: string;
  note: string | null;
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
  note: b.note,
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

  async findByCode(code: string): Promise<BatchView | null> {
    const row = await this.db.dataSource.getRepository(BatchEntity).findOneBy({ code });
    return row ? toBatch(row) : null;
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
          note: input.note ?? null,
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

  /** Corrects a batch's header; audited with the changes. */
  async update(actor: Actor, id: string, changes: BatchChanges): Promise<BatchView> {
    return this.db.transaction(async (tx) => {
      const row = await tx.manager.findOne(BatchEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!row) throw notFound('batch.unknown', 'no batch has this id', 'id');
      if (changes.title !== undefined) {
        row.titleZh = changes.title.zh ?? null;
        row.titleEn = changes.title.en ?? null;
      }
      if (changes.issuingAuthority !== undefined) row.issuingAuthority = changes.issuingAuthority;
      if (changes.issuedOn !== undefined) row.issuedOn = changes.issuedOn;
      if (changes.sourceDocument !== undefined) row.sourceDocument = changes.sourceDocument;
      if (changes.note !== undefined) row.note = changes.note;
      const batch = toBatch(await tx.manager.save(row));
      await this.audit.append(tx, 'batch', id, [
        { type: 'batch.updated', actorId: actor.userId, occurredAt: new Date().toISOString(), payload: { changes, batch } },
      ]);
      return batch;
    });
  }
}
