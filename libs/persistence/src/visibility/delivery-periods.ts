/**
 * A matter's delivery status as a function of time, from the moment it is saved until
 * its next command: the rows of `matter_delivery_periods`.
 *
 * Between two commands nothing `assessDelivery` reads changes except `now`, and `now`
 * matters only through a few comparisons with instants fixed by the saved state: a
 * deadline falling due within a rule's window, being missed by a rule's margin, passing
 * its due time, reaching an escalation level. So the status is constant between those
 * instants. Each period's status is what `assessDelivery` itself says at the period's
 * start, so a list filtered on the period holding at `now` agrees with
 * `GET /matters/:id/status` at that moment, and no job has to be running to keep it so.
 */
import {
  type BusinessCalendar,
  type DeadlineSpec,
  type DeliveryInputs,
  type DeliveryStatus,
  type DurationSpec,
  type WorkflowDefinitionBody,
  applyDuration,
  assessDelivery,
  instantOfWallClock,
  isTerminal,
  wallClockAt,
} from '#domain';
import type { Tx } from '../db.js';

export interface DeliveryPeriod {
  /** Inclusive; `-infinity` for the first period. */
  from: Date | '-infinity';
  /** Exclusive; `infinity` for the last. */
  until: Date | 'infinity';
  status: DeliveryStatus;
}

type Deadline = Pick<DeadlineSpec, 'key' | 'dueAt' | 'suspended' | 'policy'>;
type Body = Pick<WorkflowDefinitionBody, 'deliveryStatus' | 'timeZone'>;

/** Working-day windows are walked day by day; no definition has one near this long. */
const MAX_WALK_DAYS = 400;
const DAY_MS = 86_400_000;

/** The periods from `now` on (the first reaching back to -infinity); none for a matter no longer open. */
export function deliveryPeriods(
  m: DeliveryInputs,
  deadlines: readonly Deadline[],
  body: Body,
  calendar: BusinessCalendar,
  now: Date,
): DeliveryPeriod[] {
  if (isTerminal(m.stage)) return [];
  const at = (t: number) => assessDelivery(m, deadlines, body, calendar, new Date(t)).status!;
  const instants = [...changeInstants(deadlines, body, calendar, now)].filter((t) => t > now.getTime()).sort((a, b) => a - b);
  const periods: DeliveryPeriod[] = [{ from: '-infinity', until: 'infinity', status: at(now.getTime()) }];
  for (const t of instants) {
    const status = at(t);
    const last = periods[periods.length - 1];
    if (status === last.status) continue;
    last.until = new Date(t);
    periods.push({ from: new Date(t), until: 'infinity', status });
  }
  return periods;
}

/** Every instant at which one of the rules' comparisons with `now` can change its answer. */
function changeInstants(deadlines: readonly Deadline[], body: Body, calendar: BusinessCalendar, now: Date): Set<number> {
  const out = new Set<number>();
  const rules = [...body.deliveryStatus.offTrack, ...body.deliveryStatus.atRisk];
  for (const d of deadlines) {
    if (d.suspended) continue;
    const due = Date.parse(d.dueAt);
    // `due >= now` (dueWithin) and `now <= due` (escalation level 0) turn false just after it
    out.add(due + 1);
    for (const rule of rules) {
      // `now > due + overdueBy`
      if (rule.overdueBy !== undefined) out.add(applyDuration(new Date(due), rule.overdueBy, body.timeZone, calendar).getTime() + 1);
      // `due <= now + dueWithin`
      if (rule.dueWithin !== undefined) for (const t of windowOpens(due, rule.dueWithin, body.timeZone, calendar, now)) out.add(t);
    }
    // `due + after <= now` for each escalation level
    if (rules.some((r) => r.escalationAtLeast !== undefined)) {
      for (const l of d.policy.escalation) out.add(applyDuration(new Date(due), l.after, body.timeZone, calendar).getTime());
    }
  }
  return out;
}

/**
 * The instants in [now, due] where `applyDuration(t, window) >= due` can change. An ISO
 * duration moves every instant forward alike, so that is one instant (found by bisection
 * to the millisecond). Working days keep the time of day and move the date by a step
 * that depends on the date: the answer can change at each local midnight and at the
 * due time's time of day on each date.
 */
function windowOpens(due: number, window: DurationSpec, timeZone: string, calendar: BusinessCalendar, now: Date): number[] {
  const reaches = (t: number) => applyDuration(new Date(t), window, timeZone, calendar).getTime() >= due;
  if (due < now.getTime()) return [];
  if (typeof window === 'string') {
    let lo = now.getTime();
    let hi = due;
    if (reaches(lo)) return [];
    // reaches(hi) holds (a window is never negative); find the first millisecond that reaches
    while (hi - lo > 1) {
      const mid = Math.floor((lo + hi) / 2);
      if (reaches(mid)) hi = mid;
      else lo = mid;
    }
    return [hi];
  }
  const out: number[] = [];
  const dueWall = wallClockAt(new Date(due), timeZone);
  let day = Date.UTC(dueWall.year, dueWall.month - 1, dueWall.day);
  for (let i = 0; i <= MAX_WALK_DAYS && day + DAY_MS > now.getTime() - DAY_MS; i++, day -= DAY_MS) {
    const d = new Date(day);
    const date = { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
    out.push(instantOfWallClock({ ...date, hour: 0, minute: 0, second: 0, millisecond: 0 }, timeZone).getTime());
    out.push(instantOfWallClock({ ...dueWall, ...date }, timeZone).getTime());
    // the step never shrinks for an earlier date: once a whole day falls short, so do all before it
    const lastOfDay = instantOfWallClock({ ...date, hour: 23, minute: 59, second: 59, millisecond: 999 }, timeZone).getTime();
    if (!reaches(lastOfDay)) break;
  }
  return out;
}

/** Replaces a matter's periods, in the transaction that saved it. */
export async function writeDeliveryPeriods(tx: Pick<Tx, 'execute'>, matterId: string, periods: readonly DeliveryPeriod[]): Promise<void> {
  await tx.execute('DELETE FROM matter_delivery_periods WHERE matter_id = $1', [matterId]);
  if (periods.length === 0) return;
  const values = periods.flatMap((p) => [matterId, stamp(p.from), stamp(p.until), p.status]);
  const rows = periods.map((_, i) => `($${i * 4 + 1}, $${i * 4 + 2}::timestamptz, $${i * 4 + 3}::timestamptz, $${i * 4 + 4})`);
  await tx.execute(`INSERT INTO matter_delivery_periods (matter_id, valid_from, valid_until, status) VALUES ${rows.join(', ')}`, values);
}

const stamp = (t: Date | string): string => (typeof t === 'string' ? t : t.toISOString());

/** The SQL of "the status that holds at `now`" for a matter id expression: null when it has none (closed). */
export function deliveryStatusAtSql(matterId: string, now: string): string {
  return `(SELECT p.status FROM matter_delivery_periods p WHERE p.matter_id = ${matterId} AND p.valid_from <= ${now} AND p.valid_until > ${now})`;
}
