import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { type Actor, type Clock, conflict, forbidden, hasRole, notFound } from '#domain';
import { type AdoptionAction, AuditLog, Db, ExperienceAdoptionEntity, ExperienceEntity } from '#persistence';
import { CLOCK } from '../common/clock.js';
import { type AdoptionView, type AuthorityBatchInput, AuthorityBatches, adoptionView } from './authority-batches.js';

export interface RecordAdoptionCommand {
  actor: Actor;
  experienceId: string;
  /** The authority's batch: found by (authority, number), registered if new. */
  batch: AuthorityBatchInput;
  action: AdoptionAction;
  note?: string | null;
}

/**
 * Records that a higher authority adopted or promoted an experience in its own numbered batch
 * (reform office). One transaction: the batch is registered or completed, the adoption written,
 * and both audited on the batch's hash chain. An experience sits in a given authority batch once.
 */
@Injectable()
export class RecordAdoption {
  constructor(
    private readonly db: Db,
    private readonly audit: AuditLog,
    private readonly batches: AuthorityBatches,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute(c: RecordAdoptionCommand): Promise<AdoptionView> {
    if (!hasRole(c.actor, 'reform_office'))
      throw forbidden('adoption.reform_office_only', 'only the reform office records an adoption by a higher authority');
    return this.db.transaction(async (tx) => {
      const experience = await tx.manager.findOneBy(ExperienceEntity, { id: c.experienceId });
      if (!experience) throw notFound('experience.unknown', 'no experience has this id', 'experienceId');
      const { batch } = await this.batches.ensure(tx, c.actor, c.batch);
      const taken = await tx.manager.findOneBy(ExperienceAdoptionEntity, { experienceId: experience.id, authorityBatchId: batch.id });
      if (taken)
        throw conflict(
          'adoption.duplicate',
          `the experience is already recorded in batch ${batch.number} of this authority`,
          'batch.number',
        );
      const at = this.clock.now();
      const saved = await tx.manager.save(
        tx.manager.create(ExperienceAdoptionEntity, {
          id: randomUUID(),
          experienceId: experience.id,
          authorityBatchId: batch.id,
          action: c.action,
          note: c.note?.trim() || null,
          recordedAt: at,
          recordedBy: c.actor.userId,
        }),
      );
      const full = (await tx.manager.findOne(ExperienceAdoptionEntity, {
        where: { id: saved.id },
        relations: { authorityBatch: { authority: true } },
      }))!;
      const view = adoptionView(full);
      await this.audit.append(tx, 'authority_batch', batch.id, [
        {
          type: 'experience.adoption_recorded',
          actorId: c.actor.userId,
          occurredAt: at.toISOString(),
          payload: {
            adoptionId: view.id,
            experienceId: experience.id,
            matterId: experience.matterId,
            action: view.action,
            note: view.note,
          },
        },
      ]);
      return view;
    });
  }
}
