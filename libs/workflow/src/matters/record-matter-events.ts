import type { MatterEvent } from '#domain';
import type { AuditLog, Outbox, Tx } from '#persistence';
import { JobName, jobIds } from '#queues';

/**
 * Appends a command's events to the matter's audit chain and queues one outbox
 * message per event, inside the command's transaction.
 */
export async function recordMatterEvents(
  tx: Tx,
  audit: AuditLog,
  outbox: Outbox,
  matterId: string,
  events: readonly MatterEvent[],
): Promise<void> {
  const links = await audit.append(
    tx,
    'matter',
    matterId,
    // system events (a re-plan on the calendar) have no actor: '' is stored as null
    events.map(({ type, at, actorId, ...payload }) => ({ type, actorId: actorId || null, occurredAt: at, payload })),
  );
  await outbox.add(
    tx,
    links.map((l) => ({
      jobName: JobName.MatterEvent,
      payload: { matterId, seq: l.body.seq, type: l.body.type },
      dedupeKey: jobIds.matterEvent(matterId, l.body.seq),
    })),
  );
}
