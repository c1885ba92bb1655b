import { type BusinessCalendar, type Matter, type WorkflowDefinition, closingOf, deadlinesOf, planTimers } from '#domain';
import type { DeadlineStore, Tx } from '#persistence';

/** After a matter changes, its deadline rows and timers follow, in the same transaction. */
export function syncMatterDeadlines(
  store: DeadlineStore,
  tx: Tx,
  matter: Matter,
  definition: WorkflowDefinition,
  calendar: BusinessCalendar,
  now: Date,
): Promise<void> {
  const timeZone = definition.body.timeZone;
  return store.sync(tx, {
    matterId: matter.id,
    desired: deadlinesOf(matter, definition.body, calendar),
    closing: (key) => closingOf(key, matter),
    plan: (d) => planTimers(d, timeZone, calendar, now),
    now,
  });
}
