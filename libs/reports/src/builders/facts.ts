/**
 * What the progress report and the unit scorecard are computed from: plain rows, as the
 * loader reads them from PostgreSQL, with nothing derived yet. The builders are pure
 * functions of these facts, so a hand-computed fixture checks every figure.
 */
import type { DeadlineKind, Instant, LocalizedText } from '#domain';
import type { MatterRef, ReportPeriod, UnitRef } from '../model.js';

export interface DeadlineFact {
  matterId: string;
  kind: DeadlineKind;
  /** `stage:<stage>:<entered at>`, `milestone:<id>`, `progress:<basis>`, `step:<id>`, `urge:<id>`. */
  key: string;
  title: LocalizedText;
  dueAt: Instant;
  status: 'open' | 'suspended' | 'met' | 'cancelled';
  /** When it was met or cancelled; null while open or suspended. */
  closedAt: Instant | null;
  /** Highest escalation level whose timer fired by `asOf` (0: none). */
  escalationLevel: number;
  /** For a participating unit's part: that unit, which it counts for (not the leading unit). */
  unit?: UnitRef;
}

export interface MilestoneFact {
  matterId: string;
  title: LocalizedText;
  dueAt: Instant;
  completedAt: Instant | null;
}

export interface UrgeNoticeFact {
  matterId: string;
  sentAt: Instant;
  dueAt: Instant;
  acknowledgedAt: Instant | null;
}

/** A supervision order (三色督办单) as a bulletin reads it: read for bulletins only. */
export interface SupervisionOrderFact {
  matterId: string;
  colour: 'blue' | 'yellow' | 'red';
  /** The unit the order names. */
  unit: UnitRef;
  requirement: string;
  dueAt: Instant;
  issuedAt: Instant;
  acknowledgedAt: Instant | null;
  closedAt: Instant | null;
}

export interface ReportFacts {
  /** Every matter in scope, with its delivery status judged at `asOf` (null when not open). */
  matters: MatterRef[];
  deadlines: DeadlineFact[];
  milestones: MilestoneFact[];
  urgeNotices: UrgeNoticeFact[];
  /** Matters exempted under the fault-tolerance guidelines (容错免责): they do not count against their leading unit. */
  exemptions?: ExemptionFact[];
  /** When a matter's implementation ended (evaluation requested) within the period: read for bulletins only. */
  implementationsCompleted?: Array<{ matterId: string; at: Instant }>;
  /** Supervision orders issued by `asOf`: read for bulletins only. */
  supervisionOrders?: SupervisionOrderFact[];
}

/** The reform office's finding that a matter closed ineffective or terminated is exempted, and on what basis. */
export interface ExemptionFact {
  matterId: string;
  reason: string;
  basis: string;
  recordedAt: Instant;
}

export interface ReportWindow {
  period: ReportPeriod;
  /** The moment statuses and "overdue" are judged at: the period's end, or now if earlier. */
  asOf: Instant;
  generatedAt: Instant;
  timeZone: string;
}

/** The reform office's own figures stop at units that lead matters: a unit with none has no row. */
export type UnitsOf = (matters: readonly MatterRef[]) => UnitRef[];

const DAY_MS = 24 * 3600 * 1000;
export const ms = (instant: Instant): number => Date.parse(instant);
export const days = (fromMs: number, toMs: number): number => (toMs - fromMs) / DAY_MS;

/** Due within the part of the period already judged: [from, min(to, asOf)). Cancelled ones count for nothing. */
export function dueInPeriod(d: DeadlineFact, w: ReportWindow): boolean {
  const due = ms(d.dueAt);
  return d.status !== 'cancelled' && due >= ms(w.period.from) && due < Math.min(ms(w.period.to), ms(w.asOf) + 1);
}

/** Met on or before its due time, and by `asOf`. */
export function metOnTime(d: DeadlineFact, w: ReportWindow): boolean {
  return d.status === 'met' && d.closedAt !== null && ms(d.closedAt) <= ms(d.dueAt) && ms(d.closedAt) <= ms(w.asOf);
}

/** Still open at `asOf`: not yet closed then (suspended clocks excluded: they are stopped). */
export function openAt(d: DeadlineFact, asOfMs: number): boolean {
  if (d.status === 'suspended') return false;
  return d.closedAt === null || ms(d.closedAt) > asOfMs;
}

/** `part / whole` rounded to 4 places, null when whole is 0. */
export const rate = (part: number, whole: number): number | null => (whole === 0 ? null : Math.round((part / whole) * 10_000) / 10_000);
export const round2 = (x: number): number => Math.round(x * 100) / 100;

export const byUnitCode = (a: { unit: UnitRef }, b: { unit: UnitRef }): number => a.unit.code.localeCompare(b.unit.code);
