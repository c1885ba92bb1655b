import { type BusinessCalendar, type Matter, type WorkflowDefinition, closingOf, deadlinesOf, planTimers } from '#domain';
import { type DeadlineStore, type Tx, deliveryPeriods, writeDeliveryPeriods } from '#persistence';

/**
 * After a matter changes, its deadline rows and timers follow, in the same transaction,
 * and so does its delivery status over time (the periods the lists filter on).
 */
export async function syncMatterDeadlines(
  store: DeadlineStore,
  tx: Tx,
  matter: Matter,
  definition: WorkflowDefinition,
  calendar: BusinessCalendar,
  now: Date,
): Promise<void> {
  const timeZone = definition.body.timeZone;
  const desired = deadlinesOf(matter, definition.body, calendar);
  await store.sync(tx, {
    matterId: matter.id,
    desired,
    closing: (key) => closingOf(key, matter),
    plan: (d) => planTimers(d, timeZone, calendar, now),
    now,
  });
  await writeDeliveryPeriods(tx, matter.id, deliveryPeriods(matter, desired, definition.body, calendar, now));
}
