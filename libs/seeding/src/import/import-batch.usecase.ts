import { randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '#config';
import { type Actor, DomainError } from '#domain';
import { AuditLog, Db, type Tx, pgError } from '#persistence';
import { BatchAdmin, type BatchView, DraftMatter } from '#workflow';
import { type BatchRow, type CheckedBatch, checkBatch, fileFieldPath, toPlan, unitCodesOf } from '../files/batch-file.js';
import { BatchExistsError, ImportRejectedError, type RowProblem, byRow } from '../files/problems.js';
import { SystemAccount } from '../system-account.js';
import { type ImportFormat, readImportFile } from './read-import-file.js';

export interface ImportOptions {
  format: ImportFormat;
  /** `create` (the default) registers a new batch, and answers BatchExistsError when its code is taken; `append` adds to an existing one. */
  mode?: 'create' | 'append';
  /** The file's name, for the audit trail. */
  fileName?: string;
}

export interface ImportReport {
  batch: BatchView;
  batchCreated: boolean;
  format: ImportFormat;
  /** Every matter drafted, with the row it came from. */
  matters: Array<{ row: number; code: string; id: string }>;
}

/**
 * Imports a batch (header and matters) from a YAML or CSV file: all of it or nothing, in one
 * transaction. Every row is checked — shape, unit codes, codes, then the domain's own rules
 * by drafting it with DraftMatter, each row behind a savepoint — and when any row is bad the
 * transaction rolls back and ImportRejectedError lists every bad row with its field and rule.
 */
@Injectable()
export class ImportBatch {
  constructor(
    private readonly db: Db,
    private readonly batches: BatchAdmin,
    private readonly draft: DraftMatter,
    private readonly audit: AuditLog,
    private readonly system: SystemAccount,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async execute(actor: Actor, content: Buffer | string, options: ImportOptions): Promise<ImportReport> {
    const mode = options.mode ?? 'create';
    const raw = readImportFile(content, options.format);
    const checked = checkBatch(raw, { headerRequired: mode === 'create' });
    const drafter = await this.system.drafterFor(actor);

    return this.db.unitOfWork(async (tx) => {
      const problems = [...checked.problems];
      const headerRow = checked.headerEntry;
      const at = (path: PropertyKey[]) => ({ row: headerRow.rowOf(path), field: headerRow.fieldOf(path) });

      const [existing] = checked.code
        ? await tx.query<{ id: string; source_document: string | null }>(
            'SELECT id, source_document FROM batches WHERE code = $1 FOR UPDATE',
            [checked.code],
          )
        : [];
      if (existing && mode === 'create') throw new BatchExistsError(checked.code!, existing.id);
      if (!existing && mode === 'append' && checked.code) {
        problems.push({
          ...at(['code']),
          rule: 'batch.unknown',
          message: `no batch has the code ${checked.code}: import without mode=append to register it`,
        });
      }

      // the batch the rows are drafted into: the real one, or a stand-in when the header is bad,
      // so that every row is still checked by the domain (the rollback removes the stand-in)
      let batch: BatchView | null = null;
      let batchCreated = false;
      if (existing) batch = await this.batches.get(existing.id);
      else if (mode === 'create' && checked.header) {
        try {
          batch = await this.batches.create(actor, checked.header, this.config.workflows.defaultName);
          batchCreated = true;
        } catch (e) {
          if (!(e instanceof DomainError)) throw e;
          problems.push({ ...at(fileFieldPath(e.field)), rule: e.code, message: e.message });
        }
      }
      batch ??= await this.standIn(actor);

      const existingCodes = new Set(
        existing
          ? (await tx.query<{ code: string }>('SELECT code FROM matters WHERE batch_id = $1', [existing.id])).map((r) => r.code)
          : [],
      );
      const unitIds = await this.unitIds(tx, checked);
      const sourceDocument = existing ? existing.source_document : (checked.header?.sourceDocument ?? null);
      const drafted: ImportReport['matters'] = [];
      for (const row of checked.rows) {
        if (existingCodes.has(row.entry.code)) {
          problems.push(problem(row, ['code'], 'unique', `batch ${checked.code} already holds a matter ${row.entry.code}`));
          continue;
        }
        const planned = toPlan(row, unitIds, sourceDocument);
        if (!planned.ok) {
          problems.push(...planned.problems);
          continue;
        }
        await tx.execute('SAVEPOINT import_row');
        try {
          const m = await this.draft.execute({ actor: drafter, batchId: batch.id, plan: planned.plan, parts: planned.parts });
          await tx.execute('RELEASE SAVEPOINT import_row');
          drafted.push({ row: row.row, code: m.code, id: m.id });
        } catch (e) {
          await tx.execute('ROLLBACK TO SAVEPOINT import_row');
          if (e instanceof DomainError) problems.push(problem(row, fileFieldPath(e.field), e.code, e.message));
          else if (pgError(e)?.code === '23505')
            problems.push(problem(row, ['code'], 'unique', `batch ${checked.code} already holds a matter ${row.entry.code}`));
          else throw e;
        }
      }
      if (problems.length) throw new ImportRejectedError(problems.sort(byRow));

      await this.audit.append(tx, 'batch', batch.id, [
        {
          type: 'batch.imported',
          actorId: actor.userId,
          occurredAt: new Date().toISOString(),
          payload: {
            format: options.format,
            mode,
            fileName: options.fileName ?? null,
            matters: drafted.map((d) => d.code),
            draftedBy: drafter.userId,
          },
        },
      ]);
      return { batch, batchCreated, format: options.format, matters: drafted };
    });
  }

  private async unitIds(tx: Tx, checked: CheckedBatch): Promise<Map<string, string>> {
    const codes = [...new Set(checked.rows.flatMap((r) => unitCodesOf(r.entry)))];
    const rows = codes.length
      ? await tx.query<{ id: string; code: string }>('SELECT id, code FROM units WHERE code = ANY($1)', [codes])
      : [];
    return new Map(rows.map((r) => [r.code, r.id]));
  }

  /** Only ever inside a transaction that rolls back: the import already has problems. */
  private standIn(actor: Actor): Promise<BatchView> {
    return this.batches.create(
      actor,
      {
        code: `IMPORT-CHECK-${randomBytes(6).toString('hex').toUpperCase()}`,
        title: { en: 'import check' },
        issuingAuthority: 'import check',
      },
      this.config.workflows.defaultName,
    );
  }
}

function problem(row: BatchRow, path: PropertyKey[], rule: string, message: string): RowProblem {
  return { row: row.rowOf(path), field: path.length ? row.fieldOf(path) : '$', rule, message };
}
