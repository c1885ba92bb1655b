/**
 * A higher authority's own numbered batches of promoted experiences (004: the NDRC promoted
 * 48 Shenzhen experiences nationwide "in three batches"), and which experiences each holds.
 * The authority's numbering is its own: keyed by (authority, number), apart from
 * Reformflow's replication reports, so "NDRC batch 2" and local report 2 never meet.
 */
import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { type Actor, type Clock, type LocalDate, type LocalizedText, conflict, notFound, unprocessable } from '#domain';
import { type AdoptionAction, AuditLog, AuthorityBatchEntity, Db, ExperienceAdoptionEntity, type Tx, UnitEntity } from '#persistence';
import { CLOCK } from '../common/clock.js';

/** The unit kinds that count as a higher authority for Shenzhen's experiences. */
export const HIGHER_AUTHORITY_KINDS = ['national', 'provincial'] as const;

export interface AuthorityBatchInput {
  authorityUnitId: string;
  number: number;
  issuedOn: LocalDate | null;
  title: LocalizedText | null;
  documentNumber?: string | null;
  /** How many experiences the authority says the batch holds, where a source says so. */
  experienceCount?: number | null;
  /** The words of the document the batch is known from, where it is not the authority's own notice. */
  source?: { document: string; excerpt: string } | null;
}

export interface AuthorityBatchView {
  id: string;
  authority: { id: string; code: string; name: LocalizedText };
  /** The authority's own batch number (第N批); Reformflow's replication reports number separately. */
  number: number;
  issuedOn: LocalDate | null;
  title: LocalizedText | null;
  documentNumber: string | null;
  experienceCount: number | null;
  source: { document: string; excerpt: string } | null;
}

export interface AdoptionView {
  id: string;
  experienceId: string;
  action: AdoptionAction;
  note: string | null;
  authorityBatch: AuthorityBatchView;
  recordedAt: string;
  recordedBy: string;
}

const text = (zh: string | null, en: string | null): LocalizedText => ({ ...(zh ? { zh } : {}), ...(en ? { en } : {}) });

export function authorityBatchView(b: AuthorityBatchEntity, u: Pick<UnitEntity, 'id' | 'code' | 'nameZh' | 'nameEn'>): AuthorityBatchView {
  return {
    id: b.id,
    authority: { id: u.id, code: u.code, name: text(u.nameZh, u.nameEn) },
    number: b.number,
    issuedOn: b.issuedOn,
    title: b.titleZh || b.titleEn ? text(b.titleZh, b.titleEn) : null,
    documentNumber: b.documentNumber,
    experienceCount: b.experienceCount,
    source: b.sourceDocument && b.sourceExcerpt ? { document: b.sourceDocument, excerpt: b.sourceExcerpt } : null,
  };
}

@Injectable()
export class AuthorityBatches {
  constructor(
    private readonly db: Db,
    private readonly audit: AuditLog,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async list(): Promise<AuthorityBatchView[]> {
    const rows = await this.db.dataSource.getRepository(AuthorityBatchEntity).find({ relations: { authority: true } });
    return rows
      .map((b) => authorityBatchView(b, b.authority!))
      .sort((a, b) => a.authority.code.localeCompare(b.authority.code) || a.number - b.number);
  }

  /** Every adoption of one experience, by the authority's date and number. */
  async adoptionsOf(experienceId: string): Promise<AdoptionView[]> {
    const rows = await this.db.dataSource
      .getRepository(ExperienceAdoptionEntity)
      .find({ where: { experienceId }, relations: { authorityBatch: { authority: true } } });
    return rows.map(adoptionView).sort(byBatch);
  }

  /**
   * The batch (authority, number), locked for the caller's transaction: created from `input`
   * when new (audited), completed where it lacks a date, title or document number the input
   * gives, and refused (409) where the input contradicts what is recorded.
   */
  async ensure(tx: Tx, actor: Actor, input: AuthorityBatchInput): Promise<{ batch: AuthorityBatchEntity; changed: boolean }> {
    const unit = await tx.manager.findOneBy(UnitEntity, { id: input.authorityUnitId });
    if (!unit) throw notFound('unit.unknown', 'no unit has this id', 'authorityUnitId');
    if (!(HIGHER_AUTHORITY_KINDS as readonly string[]).includes(unit.kind))
      throw unprocessable(
        'adoption.authority_not_higher',
        `${unit.code} is a ${unit.kind} unit: only a national or provincial body adopts or promotes experiences in its own batches`,
        'authorityUnitId',
      );
    const at = this.clock.now();
    // the insert takes the (authority, number) key first, so two recorders of one new batch queue on it
    const inserted = await tx.manager
      .createQueryBuilder()
      .insert()
      .into(AuthorityBatchEntity)
      .values({
        id: randomUUID(),
        authorityUnitId: unit.id,
        number: input.number,
        issuedOn: input.issuedOn,
        titleZh: input.title?.zh ?? null,
        titleEn: input.title?.en ?? null,
        documentNumber: input.documentNumber ?? null,
        experienceCount: input.experienceCount ?? null,
        sourceDocument: input.source?.document ?? null,
        sourceExcerpt: input.source?.excerpt ?? null,
        createdAt: at,
        createdBy: actor.userId,
      })
      .orIgnore()
      .returning(['id'])
      .execute();
    const created = (inserted.raw as unknown[]).length === 1;
    const row = (await tx.manager.findOne(AuthorityBatchEntity, {
      where: { authorityUnitId: unit.id, number: input.number },
      lock: { mode: 'pessimistic_write' },
    }))!;
    if (created) {
      await this.audit.append(tx, 'authority_batch', row.id, [
        { type: 'authority_batch.registered', actorId: actor.userId, occurredAt: at.toISOString(), payload: authorityBatchView(row, unit) },
      ]);
      return { batch: row, changed: true };
    }
    const changes: Partial<Record<'issuedOn' | 'title' | 'documentNumber' | 'experienceCount', unknown>> = {};
    const fill = <K extends keyof typeof changes>(key: K, recorded: unknown, given: unknown, field: string, apply: () => void) => {
      if (given === null || given === undefined) return;
      if (recorded === null || recorded === undefined) {
        apply();
        changes[key] = given;
      } else if (JSON.stringify(recorded) !== JSON.stringify(given))
        throw conflict(
          'authority_batch.mismatch',
          `${unit.code} batch ${input.number} is recorded with ${field} ${JSON.stringify(recorded)}, not ${JSON.stringify(given)}`,
          field,
        );
    };
    fill('issuedOn', row.issuedOn, input.issuedOn, 'issuedOn', () => (row.issuedOn = input.issuedOn));
    const recordedTitle = row.titleZh || row.titleEn ? text(row.titleZh, row.titleEn) : null;
    const givenTitle = input.title ? text(input.title.zh ?? null, input.title.en ?? null) : null;
    fill('title', recordedTitle, givenTitle, 'title', () => {
      row.titleZh = input.title?.zh ?? null;
      row.titleEn = input.title?.en ?? null;
    });
    fill(
      'documentNumber',
      row.documentNumber,
      input.documentNumber,
      'documentNumber',
      () => (row.documentNumber = input.documentNumber ?? null),
    );
    fill(
      'experienceCount',
      row.experienceCount,
      input.experienceCount,
      'experienceCount',
      () => (row.experienceCount = input.experienceCount ?? null),
    );
    if (Object.keys(changes).length === 0) return { batch: row, changed: false };
    await tx.manager.save(row);
    await this.audit.append(tx, 'authority_batch', row.id, [
      {
        type: 'authority_batch.completed',
        actorId: actor.userId,
        occurredAt: at.toISOString(),
        payload: { changes, batch: authorityBatchView(row, unit) },
      },
    ]);
    return { batch: row, changed: true };
  }
}

export function adoptionView(a: ExperienceAdoptionEntity): AdoptionView {
  const b = a.authorityBatch!;
  return {
    id: a.id,
    experienceId: a.experienceId,
    action: a.action,
    note: a.note,
    authorityBatch: authorityBatchView(b, b.authority!),
    recordedAt: a.recordedAt.toISOString(),
    recordedBy: a.recordedBy,
  };
}

const byBatch = (a: AdoptionView, b: AdoptionView): number =>
  (a.authorityBatch.issuedOn ?? '9999').localeCompare(b.authorityBatch.issuedOn ?? '9999') ||
  a.authorityBatch.authority.code.localeCompare(b.authorityBatch.authority.code) ||
  a.authorityBatch.number - b.authorityBatch.number;
