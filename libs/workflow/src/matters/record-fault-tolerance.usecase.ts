import { Inject, Injectable } from '@nestjs/common';
import {
  type Actor,
  type Clock,
  type FaultToleranceInput,
  type Matter,
  canRead,
  decideFaultTolerance,
  evolve,
  forbidden,
  notFound,
} from '#domain';
import { AuditLog, Db, MatterStore, Outbox, StaleVersionError } from '#persistence';
import { CLOCK } from '../common/clock.js';
import { recordMatterEvents } from './record-matter-events.js';

export interface RecordFaultToleranceInput {
  actor: Actor;
  matterId: string;
  /** The version the client last read; a different current version is a 409. */
  expectedVersion: number;
  finding: FaultToleranceInput;
}

/**
 * The reform office's fault-tolerance finding (容错认定) on a matter closed as ineffective
 * or terminated, as one transaction: the matter row and the audit chain, like any matter
 * event. A closed matter has no deadlines left, so none are synced.
 */
@Injectable()
export class RecordFaultTolerance {
  constructor(
    private readonly db: Db,
    private readonly matters: MatterStore,
    private readonly audit: AuditLog,
    private readonly outbox: Outbox,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ actor, matterId, expectedVersion, finding }: RecordFaultToleranceInput): Promise<Matter> {
    return this.db.transaction(async (tx) => {
      const before = await this.matters.load(tx, matterId);
      if (!before) throw notFound('matter.unknown', 'no matter has this id', 'id');
      if (!canRead(actor, before))
        throw forbidden('matter.not_permitted', 'you may not see or act on this matter: it belongs to another unit');
      const event = decideFaultTolerance(before, finding, actor, this.clock.now());
      if (before.version !== expectedVersion) throw new StaleVersionError(matterId, expectedVersion, before.version);
      const after = evolve(before, event);
      await this.matters.update(tx, before, after);
      await recordMatterEvents(tx, this.audit, this.outbox, matterId, [event]);
      return after;
    });
  }
}
