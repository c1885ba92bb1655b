import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { type Actor, type Clock, type LocalDate, conflict, forbidden, hasRole, notFound } from '#domain';
import { AuditLog, Db, MatterTargetEntity, TargetReadingEntity } from '#persistence';
import { CLOCK } from '../common/clock.js';

export interface TargetReadingInput {
  matterId: string;
  /** The target by its position in the matter's plan (0 = first), as files name it. */
  targetPosition: number;
  value: number;
  asOf: LocalDate;
  source: { document: string; excerpt: string; locator: string | null };
  note?: string | null;
}

export interface TargetReadingView {
  id: string;
  matterId: string;
  targetId: string;
  value: number;
  asOf: LocalDate;
  source: { document: string; excerpt: string; locator: string | null };
  note: string | null;
  recordedAt: string;
}

export const readingView = (r: TargetReadingEntity): TargetReadingView => ({
  id: r.id,
  matterId: r.matterId,
  targetId: r.targetId,
  value: Number(r.value),
  asOf: r.asOf,
  source: { document: r.sourceDocument, excerpt: r.sourceExcerpt, locator: r.sourceLocator },
  note: r.note,
  recordedAt: r.recordedAt.toISOString(),
});

/**
 * A value a document reports for a matter's target (000 on the modern-services share against
 * BEP-02's target), recorded once per target, document and date with the document's words
 * and audited on its own `target_reading` chain: the matter itself does not
 * change, so its version and its own audit chain stay as they are. Idempotent: the same
 * reading again is answered with the one recorded; a different value for the same target,
 * document and date is a 409.
 */
@Injectable()
export class RecordTargetReading {
  constructor(
    private readonly db: Db,
    private readonly audit: AuditLog,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute(actor: Actor, input: TargetReadingInput): Promise<{ reading: TargetReadingView; created: boolean }> {
    if (!hasRole(actor, 'reform_office'))
      throw forbidden('reading.reform_office_only', 'only the reform office records a documented reading');
    return this.db.transaction(async (tx) => {
      const target = await tx.manager.findOneBy(MatterTargetEntity, { matterId: input.matterId, position: input.targetPosition });
      if (!target) throw notFound('reading.unknown_target', `the matter has no target at position ${input.targetPosition}`, 'target');
      const existing = await tx.manager.findOneBy(TargetReadingEntity, {
        targetId: target.id,
        sourceDocument: input.source.document,
        asOf: input.asOf,
      });
      if (existing) {
        if (Number(existing.value) !== input.value || existing.sourceExcerpt !== input.source.excerpt)
          throw conflict(
            'reading.mismatch',
            `a reading of ${existing.value} from ${input.source.document} as of ${input.asOf} is recorded for this target`,
            'value',
          );
        return { reading: readingView(existing), created: false };
      }
      const at = this.clock.now();
      const saved = await tx.manager.save(
        tx.manager.create(TargetReadingEntity, {
          id: randomUUID(),
          matterId: input.matterId,
          targetId: target.id,
          value: String(input.value),
          asOf: input.asOf,
          sourceDocument: input.source.document,
          sourceExcerpt: input.source.excerpt,
          sourceLocator: input.source.locator,
          note: input.note?.trim() || null,
          recordedAt: at,
          recordedBy: actor.userId,
        }),
      );
      const reading = readingView(saved);
      await this.audit.append(tx, 'target_reading', saved.id, [
        { type: 'target_reading.recorded', actorId: actor.userId, occurredAt: at.toISOString(), payload: reading },
      ]);
      return { reading, created: true };
    });
  }
}
