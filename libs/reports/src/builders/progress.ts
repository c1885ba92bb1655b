import { type LocalizedText, STAGES, type Stage, daysOverdue, leadingUnitOwns } from '#domain';
import {
  DELIVERY_STATUSES,
  type DeliveryStatus,
  type MissingReportsByUnit,
  type ProgressReport,
  type UnitRef,
  type UnitScorecard,
} from '../model.js';
import { withChecksum } from './checksum.js';
import {
  type DeadlineFact,
  type ReportFacts,
  type ReportWindow,
  byUnitCode,
  days,
  dueInPeriod,
  metOnTime,
  ms,
  openAt,
  rate,
  round2,
} from './facts.js';

export interface ProgressOptions extends ReportWindow {
  title: LocalizedText;
  /** Null: every unit; otherwise the report covers the matters this unit leads (facts already filtered). */
  unit: UnitRef | null;
  upcomingWindowDays: number;
}

const zeroStatuses = (): Record<DeliveryStatus, number> =>
  Object.fromEntries(DELIVERY_STATUSES.map((s) => [s, 0])) as Record<DeliveryStatus, number>;

const zeroStages = (): Record<Stage, number> => Object.fromEntries(STAGES.map((s) => [s, 0])) as Record<Stage, number>;

interface UnitTally {
  unit: UnitRef;
  matters: number;
  open: number;
  byStatus: Record<DeliveryStatus, number>;
  deadlinesDue: number;
  metOnTime: number;
  daysLate: number[];
}

/** Per leading unit: its matters, their statuses, and the deadlines it answered for in the period. */
function tallyUnits(facts: ReportFacts, w: ReportWindow): Map<string, UnitTally> {
  const units = new Map<string, UnitTally>();
  const matterById = new Map(facts.matters.map((m) => [m.id, m]));
  const tallyOf = (unit: UnitRef): UnitTally => {
    let t = units.get(unit.id);
    if (!t) {
      t = { unit, matters: 0, open: 0, byStatus: zeroStatuses(), deadlinesDue: 0, metOnTime: 0, daysLate: [] };
      units.set(unit.id, t);
    }
    return t;
  };
  for (const m of facts.matters) {
    const t = tallyOf(m.leadingUnit);
    t.matters += 1;
    if (m.deliveryStatus !== null) {
      t.open += 1;
      t.byStatus[m.deliveryStatus] += 1;
    }
  }
  const asOf = ms(w.asOf);
  for (const d of facts.deadlines) {
    // a part or an acceptance (签收) counts for the unit that answers for it (a row of its own if it leads nothing),
    // the rest for the leading unit
    const m = matterById.get(d.matterId);
    const unit = d.kind === 'part' || d.kind === 'acceptance' ? d.unit : m && leadingUnitOwns(d) ? m.leadingUnit : undefined;
    if (!unit || !dueInPeriod(d, w)) continue;
    const t = tallyOf(unit);
    t.deadlinesDue += 1;
    if (metOnTime(d, w)) {
      t.metOnTime += 1;
    } else if (d.status === 'met' && d.closedAt !== null && ms(d.closedAt) <= asOf) {
      t.daysLate.push(days(ms(d.dueAt), ms(d.closedAt)));
    } else if (openAt(d, asOf)) {
      t.daysLate.push(days(ms(d.dueAt), asOf));
    }
  }
  return units;
}

/**
 * The narrative progress reports not in on time, per leading unit and period: each
 * progress_report deadline due in the judged part of the period that was not met by its
 * due time — filed late by `asOf`, or still missing then ("missing reports listed per unit").
 */
export function missingReports(facts: ReportFacts, w: ReportWindow): MissingReportsByUnit {
  const asOf = ms(w.asOf);
  const matterById = new Map(facts.matters.map((m) => [m.id, m]));
  const byUnit = new Map<string, MissingReportsByUnit[number]>();
  for (const d of facts.deadlines) {
    const m = matterById.get(d.matterId);
    if (!m || d.kind !== 'progress_report' || !dueInPeriod(d, w) || metOnTime(d, w)) continue;
    const filedAt = d.status === 'met' && d.closedAt !== null && ms(d.closedAt) <= asOf ? d.closedAt : null;
    if (filedAt === null && !openAt(d, asOf)) continue;
    const entry = byUnit.get(m.leadingUnit.id) ?? { unit: m.leadingUnit, reports: [] };
    entry.reports.push({
      matter: m,
      deadline: { kind: d.kind, title: d.title, dueAt: d.dueAt },
      filedAt,
      daysOverdue: daysOverdue(ms(d.dueAt), filedAt === null ? asOf : ms(filedAt)),
    });
    byUnit.set(m.leadingUnit.id, entry);
  }
  for (const e of byUnit.values()) {
    e.reports.sort((a, b) => ms(a.deadline.dueAt) - ms(b.deadline.dueAt) || a.matter.code.localeCompare(b.matter.code));
  }
  return [...byUnit.values()].sort(byUnitCode);
}

/**
 * The progress report (推进情况报告): matters by stage and by delivery status; the
 * on-schedule rate of each leading unit over the deadlines it answered for in the
 * period; what is overdue at `asOf` (days and escalation level); what comes due in
 * the next `upcomingWindowDays`; the milestones completed in the period; the
 * narrative progress reports missing or late, per unit and period.
 */
export function buildProgressReport(facts: ReportFacts, o: ProgressOptions): ProgressReport {
  const asOf = ms(o.asOf);
  const matterById = new Map(facts.matters.map((m) => [m.id, m]));
  const byStage = zeroStages();
  const byStatus = zeroStatuses();
  for (const m of facts.matters) {
    byStage[m.stage] += 1;
    if (m.deliveryStatus !== null) byStatus[m.deliveryStatus] += 1;
  }
  const units = [...tallyUnits(facts, o).values()]
    .map((t) => ({
      unit: t.unit,
      matters: t.matters,
      byStatus: t.byStatus,
      deadlinesDue: t.deadlinesDue,
      metOnTime: t.metOnTime,
      onScheduleRate: rate(t.metOnTime, t.deadlinesDue),
    }))
    .sort(byUnitCode);

  const deadlineRef = (d: DeadlineFact) => ({ kind: d.kind, title: d.title, dueAt: d.dueAt });
  const live = facts.deadlines.filter((d) => matterById.has(d.matterId) && openAt(d, asOf));
  const overdue = live
    .filter((d) => ms(d.dueAt) < asOf)
    .map((d) => ({
      matter: matterById.get(d.matterId)!,
      deadline: deadlineRef(d),
      daysOverdue: daysOverdue(ms(d.dueAt), asOf),
      escalationLevel: d.escalationLevel,
    }))
    .sort((a, b) => ms(a.deadline.dueAt) - ms(b.deadline.dueAt) || a.matter.code.localeCompare(b.matter.code));
  const horizon = asOf + o.upcomingWindowDays * 24 * 3600 * 1000;
  const upcoming = live
    .filter((d) => ms(d.dueAt) >= asOf && ms(d.dueAt) < horizon)
    .map((d) => ({ matter: matterById.get(d.matterId)!, deadline: deadlineRef(d), daysLeft: Math.floor(days(asOf, ms(d.dueAt))) }))
    .sort((a, b) => ms(a.deadline.dueAt) - ms(b.deadline.dueAt) || a.matter.code.localeCompare(b.matter.code));
  const from = ms(o.period.from);
  const to = ms(o.period.to);
  const milestonesCompleted = facts.milestones
    .filter((x) => matterById.has(x.matterId) && x.completedAt !== null && ms(x.completedAt) >= from && ms(x.completedAt) < to)
    .map((x) => ({
      matter: matterById.get(x.matterId)!,
      milestone: { title: x.title, dueAt: x.dueAt, completedAt: x.completedAt!, onTime: ms(x.completedAt!) <= ms(x.dueAt) },
    }))
    .sort((a, b) => ms(a.milestone.completedAt) - ms(b.milestone.completedAt) || a.matter.code.localeCompare(b.matter.code));

  return withChecksum<ProgressReport>({
    kind: 'progress',
    title: o.title,
    generatedAt: o.generatedAt,
    timeZone: o.timeZone,
    period: o.period,
    asOf: o.asOf,
    unit: o.unit,
    totals: { matters: facts.matters.length, byStage, byStatus },
    units,
    overdue,
    upcoming,
    upcomingWindowDays: o.upcomingWindowDays,
    milestonesCompleted,
    missingReports: missingReports(facts, o),
  });
}

export interface ScorecardOptions extends ReportWindow {
  title: LocalizedText;
}

/**
 * The unit scorecard (牵头单位评分卡): per leading unit, its matters, how many are open,
 * its on-schedule rate, the mean days late over the deadlines it met late or still
 * misses, and how it answered the urge notices it received in the period.
 */
export function buildScorecard(facts: ReportFacts, o: ScorecardOptions): UnitScorecard {
  const asOf = ms(o.asOf);
  const from = ms(o.period.from);
  const to = ms(o.period.to);
  // an exempted matter (容错免责, recorded by asOf) does not count against its unit: its deadlines and urge notices are left out
  const exemptions = (facts.exemptions ?? []).filter((x) => ms(x.recordedAt) <= asOf);
  const exempt = new Set(exemptions.map((x) => x.matterId));
  const counted: ReportFacts = {
    ...facts,
    deadlines: facts.deadlines.filter((d) => !exempt.has(d.matterId)),
    urgeNotices: facts.urgeNotices.filter((n) => !exempt.has(n.matterId)),
  };
  const tallies = tallyUnits(counted, o);
  const matterById = new Map(facts.matters.map((m) => [m.id, m]));
  const exemptedByUnit = new Map<string, NonNullable<UnitScorecard['rows'][number]['exempted']>>();
  for (const x of exemptions) {
    const m = matterById.get(x.matterId);
    if (!m) continue;
    const list = exemptedByUnit.get(m.leadingUnit.id) ?? [];
    list.push({ matter: { id: m.id, code: m.code, title: m.title, url: m.url }, basis: x.basis });
    exemptedByUnit.set(m.leadingUnit.id, list);
  }
  const urge = new Map<string, { received: number; acknowledgedInTime: number; acknowledgedLate: number; unanswered: number }>();
  for (const n of counted.urgeNotices) {
    const m = matterById.get(n.matterId);
    if (!m || ms(n.sentAt) < from || ms(n.sentAt) >= to || ms(n.sentAt) > asOf) continue;
    const u = urge.get(m.leadingUnit.id) ?? { received: 0, acknowledgedInTime: 0, acknowledgedLate: 0, unanswered: 0 };
    u.received += 1;
    if (n.acknowledgedAt === null || ms(n.acknowledgedAt) > asOf) u.unanswered += 1;
    else if (ms(n.acknowledgedAt) <= ms(n.dueAt)) u.acknowledgedInTime += 1;
    else u.acknowledgedLate += 1;
    urge.set(m.leadingUnit.id, u);
  }
  const missing = missingReports(counted, o);
  const rows = [...tallies.values()]
    .map((t) => ({
      unit: t.unit,
      matters: t.matters,
      open: t.open,
      deadlinesDue: t.deadlinesDue,
      metOnTime: t.metOnTime,
      onScheduleRate: rate(t.metOnTime, t.deadlinesDue),
      averageDaysOverdue: t.daysLate.length ? round2(t.daysLate.reduce((a, b) => a + b, 0) / t.daysLate.length) : null,
      urgeNotices: urge.get(t.unit.id) ?? { received: 0, acknowledgedInTime: 0, acknowledgedLate: 0, unanswered: 0 },
      missingReports: missing.find((x) => x.unit.id === t.unit.id)?.reports.length ?? 0,
      // only where there is one: scorecards of units without exemptions read (and checksum) as before
      ...(exemptedByUnit.has(t.unit.id)
        ? { exempted: exemptedByUnit.get(t.unit.id)!.sort((a, b) => a.matter.code.localeCompare(b.matter.code)) }
        : {}),
    }))
    .sort(byUnitCode);
  return withChecksum<UnitScorecard>({
    kind: 'scorecard',
    title: o.title,
    generatedAt: o.generatedAt,
    timeZone: o.timeZone,
    period: o.period,
    asOf: o.asOf,
    rows,
    missingReports: missing,
  });
}
