import { type LocalizedText, daysOverdue } from '#domain';
import type { Bulletin, BulletinOverdue, BulletinRedOrder, UnitRef } from '../model.js';
import { withChecksum } from './checksum.js';
import { type ReportFacts, type ReportWindow, byUnitCode, ms, openAt, rate } from './facts.js';
import { buildProgressReport, buildScorecard } from './progress.js';

export interface BulletinOptions extends ReportWindow {
  title: LocalizedText;
  number: number | null;
  issuedAt: string | null;
  issuedBy: Bulletin['issuedBy'];
}

/**
 * 情况通报 from the same facts as the progress report and the scorecard, so a bulletin never
 * disagrees with them: the scorecard's per-unit figures (exempted matters left out, 容错免责)
 * decide who kept to schedule; the overdue deadlines are named under the unit that answers for
 * them (a participating unit for its part); "completed" is a matter whose implementation ended
 * within the period, i.e. it moved on to evaluation (inferred: the documents give no stricter
 * rule for 完成).
 */
export function buildBulletin(facts: ReportFacts, o: BulletinOptions): Bulletin {
  const asOf = ms(o.asOf);
  const from = ms(o.period.from);
  const to = ms(o.period.to);
  const window: ReportWindow = { period: o.period, asOf: o.asOf, generatedAt: o.generatedAt, timeZone: o.timeZone };
  const progress = buildProgressReport(facts, { ...window, title: o.title, unit: null, upcomingWindowDays: 0 });
  const scorecard = buildScorecard(facts, { ...window, title: o.title });

  const exempt = new Set((facts.exemptions ?? []).filter((x) => ms(x.recordedAt) <= asOf).map((x) => x.matterId));
  const matterById = new Map(facts.matters.map((m) => [m.id, m]));
  const completed = (facts.implementationsCompleted ?? [])
    .filter((c) => matterById.has(c.matterId) && ms(c.at) >= from && ms(c.at) < to && ms(c.at) <= asOf)
    .map((c) => ({ matter: matterById.get(c.matterId)!, completedAt: c.at }))
    .sort((a, b) => ms(a.completedAt) - ms(b.completedAt) || a.matter.code.localeCompare(b.matter.code));

  const overdueByUnit = new Map<string, { unit: UnitRef; items: BulletinOverdue[] }>();
  for (const d of facts.deadlines) {
    const m = matterById.get(d.matterId);
    if (!m || exempt.has(m.id) || !openAt(d, asOf) || ms(d.dueAt) >= asOf) continue;
    const unit = d.kind === 'part' || d.kind === 'acceptance' ? d.unit : m.leadingUnit;
    if (!unit) continue;
    // an approval step or an urge notice is named under the leading unit too: it is the matter's unit that is behind
    const entry = overdueByUnit.get(unit.id) ?? { unit, items: [] };
    entry.items.push({
      matter: m,
      deadline: { kind: d.kind, title: d.title, dueAt: d.dueAt },
      daysOverdue: daysOverdue(ms(d.dueAt), asOf),
      escalationLevel: d.escalationLevel,
    });
    overdueByUnit.set(unit.id, entry);
  }
  const overdueUnits = [...overdueByUnit.values()].sort(byUnitCode);
  for (const u of overdueUnits)
    u.items.sort((a, b) => ms(a.deadline.dueAt) - ms(b.deadline.dueAt) || a.matter.code.localeCompare(b.matter.code));

  // 三色督办单: a red order issued by asOf and not closed by then names its unit (exempted matters name no one)
  const redByUnit = new Map<string, { unit: UnitRef; items: BulletinRedOrder[] }>();
  for (const o of facts.supervisionOrders ?? []) {
    const m = matterById.get(o.matterId);
    if (!m || exempt.has(m.id) || o.colour !== 'red' || ms(o.issuedAt) > asOf) continue;
    if (o.closedAt !== null && ms(o.closedAt) <= asOf) continue;
    const entry = redByUnit.get(o.unit.id) ?? { unit: o.unit, items: [] };
    entry.items.push({
      matter: m,
      requirement: o.requirement,
      issuedAt: o.issuedAt,
      dueAt: o.dueAt,
      acknowledged: o.acknowledgedAt !== null && ms(o.acknowledgedAt) <= asOf,
    });
    redByUnit.set(o.unit.id, entry);
  }
  const redOrders = [...redByUnit.values()].sort(byUnitCode);
  for (const u of redOrders) u.items.sort((a, b) => ms(a.issuedAt) - ms(b.issuedAt) || a.matter.code.localeCompare(b.matter.code));

  const missing = scorecard.missingReports ?? [];
  const behind = new Set([...overdueUnits.map((u) => u.unit.id), ...missing.map((u) => u.unit.id), ...redOrders.map((u) => u.unit.id)]);
  const onSchedule = scorecard.rows
    .filter((r) => r.deadlinesDue > 0 && r.metOnTime === r.deadlinesDue && !behind.has(r.unit.id))
    .map((r) => r.unit);
  const deadlinesDue = scorecard.rows.reduce((n, r) => n + r.deadlinesDue, 0);
  const metOnTime = scorecard.rows.reduce((n, r) => n + r.metOnTime, 0);

  return withChecksum<Bulletin>({
    kind: 'bulletin',
    number: o.number,
    issuedAt: o.issuedAt,
    issuedBy: o.issuedBy,
    title: o.title,
    generatedAt: o.generatedAt,
    timeZone: o.timeZone,
    period: o.period,
    asOf: o.asOf,
    summary: {
      matters: progress.totals.matters,
      byStatus: progress.totals.byStatus,
      deadlinesDue,
      metOnTime,
      onScheduleRate: rate(metOnTime, deadlinesDue),
      completed: completed.length,
      overdue: overdueUnits.reduce((n, u) => n + u.items.length, 0),
      missingReports: missing.reduce((n, u) => n + u.reports.length, 0),
    },
    completed,
    onSchedule,
    overdueUnits,
    missingReports: missing,
    redOrders,
  });
}
