import {
  type BusinessCalendar,
  type DeadlineSpec,
  type Matter,
  type WorkflowDefinition,
  closingOf,
  deadlinesOf,
  planTimers,
} from '#domain';
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
  const autoOrders = definition.body.orders?.auto ?? [];
  await store.sync(tx, {
    matterId: matter.id,
    desired,
    closing: (key) => closingOf(key, matter),
    plan: (d) => planTimers(d, timeZone, calendar, now, autoOrders),
    now,
  });
  await syncDeliveryPeriods(tx, matter, definition, calendar, now, desired);
}

/**
 * The periods part of `syncMatterDeadlines` alone, for a matter whose deadline rows and
 * timers are already right (the backfill of periods): the same rows it would write.
 */
export async function syncDeliveryPeriods(
  tx: Pick<Tx, 'execute'>,
  matter: Matter,
  definition: WorkflowDefinition,
  calendar: BusinessCalendar,
  now: Date,
  desired: readonly DeadlineSpec[] = deadlinesOf(matter, definition.body, calendar),
): Promise<number> {
  const periods = deliveryPeriods(matter, desired, definition.body, calendar, now);
  await writeDeliveryPeriods(tx, matter.id, periods);
  return periods.length;
}
