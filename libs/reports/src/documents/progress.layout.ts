import { DELIVERY_STATUSES, STAGES } from '#domain';
import type { DeadlineRef, MissingReport, ProgressReport, UnitRef } from '../model.js';
import type { ReportFormat } from './format.js';
import { byCode, closingMeta, heading, matterCode, note, paragraph } from './layout-common.js';
import type { Block, Column, DocumentOutline, Inline, Rich } from './outline.js';

type Unit = ProgressReport['units'][number];
type Overdue = ProgressReport['overdue'][number];
type Upcoming = ProgressReport['upcoming'][number];
type Milestone = ProgressReport['milestonesCompleted'][number];

interface UnitGroup {
  unit: UnitRef;
  summary: Unit | null;
  overdue: Overdue[];
  upcoming: Upcoming[];
  milestones: Milestone[];
  missing: MissingReport[];
}

/**
 * 推进情况报告: the period and the moment statuses are judged at, the totals, one row per
 * leading unit with its on-schedule rate, then per leading unit what is overdue (most overdue
 * first), what falls due soon and which milestones were completed: the list a unit's head
 * works through.
 */
export function layoutProgress(r: ProgressReport, f: ReportFormat): DocumentOutline {
  const L = f.labels.progress;
  const M = f.labels.meta;
  const blocks: Block[] = [];
  const period = f.period(r.period);

  blocks.push({
    kind: 'fields',
    items: [
      { label: M.scope, value: [r.unit ? f.unit(r.unit) : M.allUnits] },
      { label: M.period, value: [period] },
      { label: M.asOf, value: [f.time(r.asOf, 'asOf')] },
      ...closingMeta(r, f),
    ],
  });

  const open = DELIVERY_STATUSES.reduce((n, s) => n + (r.totals.byStatus[s] ?? 0), 0);
  blocks.push(
    heading(2, `${f.labels.section(1)}${L.overview}`),
    r.totals.matters === 0
      ? note(L.noMatters)
      : paragraph(
          L.overviewText({
            matters: r.totals.matters,
            open,
            overdue: r.overdue.length,
            upcoming: r.upcoming.length,
            days: r.upcomingWindowDays,
            milestones: r.milestonesCompleted.length,
          }),
        ),
    heading(3, L.byStage),
    {
      kind: 'table',
      columns: [
        { header: L.stage, weight: 3 },
        { header: L.matters, weight: 1, align: 'right' },
      ],
      rows: STAGES.map((s) => [[f.stage(s)], [f.count(r.totals.byStage[s] ?? 0, `totals.byStage.${s}`)]]),
    },
    heading(3, L.byStatus),
    {
      kind: 'table',
      columns: [
        { header: L.status, weight: 3 },
        { header: L.matters, weight: 1, align: 'right' },
      ],
      rows: DELIVERY_STATUSES.map((s) => [[f.status(s)], [f.count(r.totals.byStatus[s] ?? 0, `totals.byStatus.${s}`)]]),
    },
  );

  blocks.push(heading(2, `${f.labels.section(2)}${L.units}`));
  if (r.units.length === 0) blocks.push(note(L.noUnits));
  else
    blocks.push(
      {
        kind: 'table',
        columns: [
          { header: L.unit, weight: 4 },
          { header: L.matters, weight: 1.2, align: 'right' },
          ...DELIVERY_STATUSES.map((s): Column => ({ header: f.labels.statuses[s], weight: 1.2, align: 'right' })),
          { header: L.deadlinesDue, weight: 1.4, align: 'right' },
          { header: L.metOnTime, weight: 1.3, align: 'right' },
          { header: L.onScheduleRate, weight: 1.4, align: 'right' },
        ],
        rows: r.units.map((u): Rich[] => [
          [f.unit(u.unit)],
          [f.count(u.matters)],
          ...DELIVERY_STATUSES.map((s): Rich => [f.count(u.byStatus[s] ?? 0)]),
          [f.count(u.deadlinesDue)],
          [f.count(u.metOnTime)],
          [f.percent(u.onScheduleRate, 'onScheduleRate')],
        ]),
      },
      note(L.rateLegend),
    );

  const groups = groupByUnit(r);
  blocks.push(heading(2, `${f.labels.section(3)}${L.detail}`));
  if (groups.length === 0) blocks.push(note(L.noUnits));
  for (const g of groups) blocks.push(...unitSection(g, r.upcomingWindowDays, f, r.missingReports !== undefined));

  return {
    locale: f.locale,
    title: f.text(r.title),
    subtitle: r.unit ? `${period} · ${f.text(r.unit.name)}` : period,
    orientation: 'portrait',
    labelSeparator: f.labels.labelSeparator,
    pageOf: f.labels.pageOf,
    blocks,
  };
}

/** Units in the report's order (by code), plus any unit a listed deadline names that the units list lacks. */
function groupByUnit(r: ProgressReport): UnitGroup[] {
  const groups = new Map<string, UnitGroup>();
  const group = (unit: UnitRef): UnitGroup => {
    let g = groups.get(unit.id);
    if (!g) groups.set(unit.id, (g = { unit, summary: null, overdue: [], upcoming: [], milestones: [], missing: [] }));
    return g;
  };
  for (const u of r.units) group(u.unit).summary = u;
  for (const o of r.overdue) group(o.matter.leadingUnit).overdue.push(o);
  for (const u of r.upcoming) group(u.matter.leadingUnit).upcoming.push(u);
  for (const m of r.milestonesCompleted) group(m.matter.leadingUnit).milestones.push(m);
  for (const x of r.missingReports ?? []) group(x.unit).missing.push(...x.reports);
  return [...groups.values()].sort(byCode((g) => g.unit.code));
}

/** `listsMissing`: the report carries the missing-reports list (documents made before it do not: no section then). */
function unitSection(g: UnitGroup, windowDays: number, f: ReportFormat, listsMissing: boolean): Block[] {
  const L = f.labels.progress;
  const what = (d: DeadlineRef): string => `${f.labels.deadlineKinds[d.kind] ?? d.kind}${f.labels.labelSeparator}${f.text(d.title)}`;
  const out: Block[] = [heading(3, f.unit(g.unit))];
  if (g.summary) {
    const s = g.summary;
    out.push(
      paragraph(
        L.unitText({ matters: s.matters, due: s.deadlinesDue, met: s.metOnTime, rate: f.percent(s.onScheduleRate, 'onScheduleRate') }),
      ),
    );
    out.push(
      paragraph(
        DELIVERY_STATUSES.flatMap((st, i): Inline[] => [...(i > 0 ? ['　'] : []), f.status(st), ` ${f.count(s.byStatus[st] ?? 0)}`]),
      ),
    );
  }

  const matterColumns: Column[] = [
    { header: L.code, weight: 1.6, noWrap: true },
    { header: L.matter, weight: 3.4 },
  ];

  out.push(heading(4, L.overdue(g.overdue.length)));
  if (g.overdue.length === 0) out.push(note(L.noOverdue));
  else
    out.push({
      kind: 'table',
      columns: [
        ...matterColumns,
        { header: L.deadline, weight: 3 },
        { header: L.dueAt, weight: 1.9, noWrap: true },
        { header: L.daysOverdue, weight: 1.4, align: 'right' },
        { header: L.escalation, weight: 1.4 },
        { header: L.status, weight: 1.5, noWrap: true },
      ],
      rows: g.overdue.map((o): Rich[] => [
        [matterCode(o.matter)],
        [f.text(o.matter.title)],
        [what(o.deadline)],
        [f.time(o.deadline.dueAt, 'overdue.deadline.dueAt')],
        [f.count(o.daysOverdue, 'daysOverdue')],
        [L.escalationLevel(o.escalationLevel)],
        [f.matterStatus(o.matter.deliveryStatus)],
      ]),
    });

  out.push(heading(4, L.upcoming(windowDays, g.upcoming.length)));
  if (g.upcoming.length === 0) out.push(note(L.noUpcoming(windowDays)));
  else
    out.push({
      kind: 'table',
      columns: [
        ...matterColumns,
        { header: L.deadline, weight: 3 },
        { header: L.dueAt, weight: 1.9, noWrap: true },
        { header: L.daysLeft, weight: 1.4, align: 'right' },
        { header: L.status, weight: 1.5, noWrap: true },
      ],
      rows: g.upcoming.map((u): Rich[] => [
        [matterCode(u.matter)],
        [f.text(u.matter.title)],
        [what(u.deadline)],
        [f.time(u.deadline.dueAt, 'upcoming.deadline.dueAt')],
        [f.count(u.daysLeft, 'daysLeft')],
        [f.matterStatus(u.matter.deliveryStatus)],
      ]),
    });

  out.push(heading(4, L.milestones(g.milestones.length)));
  if (g.milestones.length === 0) out.push(note(L.noMilestones));
  else
    out.push({
      kind: 'table',
      columns: [
        ...matterColumns,
        { header: L.milestone, weight: 3 },
        { header: L.dueAt, weight: 1.9, noWrap: true },
        { header: L.completedAt, weight: 1.9, noWrap: true },
        { header: L.onTime, weight: 1.2 },
      ],
      rows: g.milestones.map((m): Rich[] => [
        [matterCode(m.matter)],
        [f.text(m.matter.title)],
        [f.text(m.milestone.title)],
        [f.time(m.milestone.dueAt, 'milestone.dueAt')],
        [f.time(m.milestone.completedAt, 'milestone.completedAt')],
        [m.milestone.onTime ? L.onTimeYes : L.onTimeNo],
      ]),
    });

  if (!listsMissing) return out;
  out.push(heading(4, L.missingReports(g.missing.length)));
  if (g.missing.length === 0) out.push(note(L.noMissingReports));
  else
    out.push({
      kind: 'table',
      columns: [
        ...matterColumns,
        { header: L.reportPeriod, weight: 3 },
        { header: L.dueAt, weight: 1.9, noWrap: true },
        { header: L.filedAt, weight: 1.9, noWrap: true },
        { header: L.daysOverdue, weight: 1.4, align: 'right' },
      ],
      rows: g.missing.map((x): Rich[] => [
        [matterCode(x.matter)],
        [f.text(x.matter.title)],
        [f.text(x.deadline.title)],
        [f.time(x.deadline.dueAt, 'missingReports.deadline.dueAt')],
        [x.filedAt ? f.time(x.filedAt, 'missingReports.filedAt') : L.notFiled],
        [f.count(x.daysOverdue, 'daysOverdue')],
      ]),
    });
  return out;
}
