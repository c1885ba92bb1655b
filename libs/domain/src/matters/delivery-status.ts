import type { Instant, LocalDate } from '../common/ids.js';
import type { DeadlineSpec } from '../deadlines/deadlines.js';
import { type BusinessCalendar, applyDuration } from '../time/business-calendar.js';
import { instantOfWallClock } from '../time/duration.js';
import type { StatusRule, WorkflowDefinitionBody } from '../workflow/definition.js';
import type { Matter, Target } from './matter.js';
import { isTerminal } from './vocabulary.js';

/** on_track = green, at_risk = amber, off_track = red. */
export const DELIVERY_STATUSES = ['on_track', 'at_risk', 'off_track'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

/** Why a matter has its status: the rule that held and what it held for. */
export interface StatusReason {
  status: Exclude<DeliveryStatus, 'on_track'>;
  rule: keyof StatusRule;
  /** The deadline (its key) or target (its id) the rule held for; null for urge notices. */
  subject: { kind: 'deadline'; key: string; dueAt: Instant } | { kind: 'target'; id: string } | null;
}

export interface DeliveryAssessment {
  /** Null for a matter no longer open. */
  status: DeliveryStatus | null;
  /** Every rule that held, red ones first; empty when green. */
  reasons: StatusReason[];
}

/** One point of a target's line: a value at a time. */
export interface TrajectoryPoint {
  at: Instant;
  value: number;
}

/**
 * A target's reported values against its planned line. The line runs straight from the
 * baseline when implementation started to the target value at the end of its by-date;
 * with no baseline it starts from the first reported value.
 */
export interface Trajectory {
  targetId: string;
  /** The line's two ends; empty when it cannot be drawn (not started, or nothing to start from). */
  planned: TrajectoryPoint[];
  /** Each report, in the order of its as-of date, with the planned value at that date. */
  reported: Array<TrajectoryPoint & { asOf: LocalDate; planned: number | null }>;
  /** The planned value now, if there is a line. */
  plannedNow: number | null;
  /**
   * How far the latest report lags the planned line at its date, in percentage points of
   * the way from start to target (positive: behind; negative: ahead). Null without both.
   */
  behindBy: number | null;
}

/** What a matter's delivery status depends on: a report builds this from rows without loading whole matters. */
export type DeliveryInputs = Pick<Matter, 'stage' | 'targets' | 'progress' | 'urgeNotices' | 'implementationStartedAt'>;

/**
 * The delivery status of a matter at `now`, from its open deadlines and its targets'
 * progress, by the rules of its definition: red when an `offTrack` rule holds, else amber
 * when an `atRisk` rule holds, else green. Suspended deadlines (clock stopped for legal
 * authorization) count for nothing.
 */
export function assessDelivery(
  m: DeliveryInputs,
  deadlines: readonly Pick<DeadlineSpec, 'key' | 'dueAt' | 'suspended' | 'policy'>[],
  body: Pick<WorkflowDefinitionBody, 'deliveryStatus' | 'timeZone'>,
  calendar: BusinessCalendar,
  now: Date,
): DeliveryAssessment {
  if (isTerminal(m.stage)) return { status: null, reasons: [] };
  const running = deadlines.filter((d) => !d.suspended);
  const trajectories = m.targets.map((t) => trajectoryOf(m, t, body.timeZone, now));
  const check = (rule: StatusRule, status: StatusReason['status']): StatusReason[] => {
    const out: StatusReason[] = [];
    const deadline = (d: Pick<DeadlineSpec, 'key' | 'dueAt'>, key: keyof StatusRule): StatusReason => ({
      status,
      rule: key,
      subject: { kind: 'deadline', key: d.key, dueAt: d.dueAt },
    });
    if (rule.overdueBy !== undefined) {
      for (const d of running) {
        const late = applyDuration(new Date(d.dueAt), rule.overdueBy, body.timeZone, calendar);
        if (now.getTime() > late.getTime()) out.push(deadline(d, 'overdueBy'));
      }
    }
    if (rule.dueWithin !== undefined) {
      const horizon = applyDuration(now, rule.dueWithin, body.timeZone, calendar).getTime();
      for (const d of running) {
        const due = Date.parse(d.dueAt);
        if (due >= now.getTime() && due <= horizon) out.push(deadline(d, 'dueWithin'));
      }
    }
    if (rule.escalationAtLeast !== undefined) {
      for (const d of running) {
        if (escalationLevelOf(d, body.timeZone, calendar, now) >= rule.escalationAtLeast) out.push(deadline(d, 'escalationAtLeast'));
      }
    }
    if (rule.behindPlanBy !== undefined) {
      for (const t of trajectories) {
        if (t.behindBy !== null && t.behindBy >= rule.behindPlanBy) {
          out.push({ status, rule: 'behindPlanBy', subject: { kind: 'target', id: t.targetId } });
        }
      }
    }
    if (rule.urgeNoticeOpen && m.urgeNotices.some((n) => n.acknowledgedAt === null)) {
      out.push({ status, rule: 'urgeNoticeOpen', subject: null });
    }
    return out;
  };
  const red = body.deliveryStatus.offTrack.flatMap((r) => check(r, 'off_track'));
  const amber = body.deliveryStatus.atRisk.flatMap((r) => check(r, 'at_risk'));
  return { status: red.length ? 'off_track' : amber.length ? 'at_risk' : 'on_track', reasons: [...red, ...amber] };
}

/** The highest escalation level a missed deadline has reached at `now` (0: not missed, or no level yet). */
export function escalationLevelOf(
  d: Pick<DeadlineSpec, 'dueAt' | 'policy'>,
  timeZone: string,
  calendar: BusinessCalendar,
  now: Date,
): number {
  const due = new Date(d.dueAt);
  if (now.getTime() <= due.getTime()) return 0;
  let level = 0;
  for (const l of d.policy.escalation) {
    if (applyDuration(due, l.after, timeZone, calendar).getTime() <= now.getTime()) level = Math.max(level, l.level);
  }
  return level;
}

/** The end of a calendar date (23:59:59.999) on the office's wall clock. */
export function endOfDay(date: LocalDate, timeZone: string): Date {
  const [year, month, day] = date.split('-').map(Number);
  return instantOfWallClock({ year, month, day, hour: 23, minute: 59, second: 59, millisecond: 999 }, timeZone);
}

export function trajectoryOf(m: Pick<Matter, 'progress' | 'implementationStartedAt'>, t: Target, timeZone: string, now: Date): Trajectory {
  const reports = m.progress
    .filter((p) => p.targetId === t.id)
    .slice()
    .sort((a, b) => (a.asOf === b.asOf ? a.reportedAt.localeCompare(b.reportedAt) : a.asOf.localeCompare(b.asOf)));
  const startValue = t.baseline ?? reports[0]?.value ?? null;
  const start = m.implementationStartedAt ? Date.parse(m.implementationStartedAt) : null;
  const end = endOfDay(t.byDate, timeZone).getTime();
  const line = start !== null && startValue !== null && end > start ? { start, end, from: startValue, to: t.targetValue } : null;
  const plannedAt = (at: number): number | null => {
    if (!line) return null;
    const f = Math.min(1, Math.max(0, (at - line.start) / (line.end - line.start)));
    return round(line.from + (line.to - line.from) * f);
  };
  const reported = reports.map((p) => {
    const at = endOfDay(p.asOf, timeZone).getTime();
    return { at: new Date(at).toISOString(), asOf: p.asOf, value: p.value, planned: plannedAt(at) };
  });
  const latest = reported.at(-1);
  let behindBy: number | null = null;
  if (line && latest && latest.planned !== null && line.to !== line.from) {
    behindBy = round(((latest.planned - latest.value) / (line.to - line.from)) * 100);
  }
  return {
    targetId: t.id,
    planned: line
      ? [
          { at: new Date(line.start).toISOString(), value: line.from },
          { at: new Date(line.end).toISOString(), value: line.to },
        ]
      : [],
    reported,
    plannedNow: plannedAt(now.getTime()),
    behindBy,
  };
}

const round = (x: number): number => Math.round(x * 100) / 100;

/** Whether an actual value reaches its target by the target's comparison; null when nothing was measured. */
export function targetMet(comparison: Target['comparison'], target: number, actual: number | null): boolean | null {
  if (actual === null) return null;
  switch (comparison) {
    case 'at_least':
      return actual >= target;
    case 'above':
      return actual > target;
    case 'at_most':
      return actual <= target;
    case 'below':
      return actual < target;
  }
}
