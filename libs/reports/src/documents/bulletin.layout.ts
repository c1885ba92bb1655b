import { DELIVERY_STATUSES } from '#domain';
import type { Bulletin, DeadlineRef } from '../model.js';
import type { ReportFormat } from './format.js';
import { closingMeta, heading, matterCode, note, paragraph, strong } from './layout-common.js';
import type { Block, Column, DocumentOutline, Inline, Rich } from './outline.js';

/**
 * 情况通报 as an office issues one: the number and period, an overview in figures, then 一、
 * the matters completed, 二、 the units that kept to schedule (表扬), 三、 by name the units
 * with overdue deadlines and 四、 with missed progress reports (点名通报), and what is asked of them.
 */
export function layoutBulletin(r: Bulletin, f: ReportFormat): DocumentOutline {
  const L = f.labels.bulletin;
  const P = f.labels.progress;
  const M = f.labels.meta;
  const period = f.period(r.period);
  const numbered = r.number === null ? L.draft : L.numbered(r.number);
  const what = (d: DeadlineRef): string => `${f.labels.deadlineKinds[d.kind] ?? d.kind}${f.labels.labelSeparator}${f.text(d.title)}`;
  const matterColumns: Column[] = [
    { header: P.code, weight: 1.6, noWrap: true },
    { header: P.matter, weight: 3.4 },
  ];
  const blocks: Block[] = [];
  if (r.number === null) blocks.push(note(L.draftNote));
  blocks.push({
    kind: 'fields',
    items: [
      { label: L.number, value: [numbered] },
      { label: M.period, value: [period] },
      { label: M.asOf, value: [f.time(r.asOf, 'asOf')] },
      ...(r.issuedAt ? [{ label: L.issuedAt, value: [f.time(r.issuedAt, 'issuedAt')] }] : []),
      { label: L.issuedBy, value: [r.issuedBy ? f.labels.personInUnit(f.plain(r.issuedBy.name), f.unit(r.issuedBy.unit)) : L.office] },
      ...closingMeta(r, f),
    ],
  });

  const s = r.summary;
  blocks.push(
    heading(2, L.overview, 'overview'),
    paragraph(
      L.overviewText({
        matters: s.matters,
        due: s.deadlinesDue,
        met: s.metOnTime,
        rate: f.percent(s.onScheduleRate, 'summary.onScheduleRate'),
        completed: s.completed,
        overdue: s.overdue,
        overdueUnits: r.overdueUnits.length,
        missing: s.missingReports,
      }),
    ),
    paragraph(DELIVERY_STATUSES.flatMap((st, i): Inline[] => [...(i > 0 ? ['　'] : []), f.status(st), ` ${f.count(s.byStatus[st] ?? 0)}`])),
  );

  blocks.push(heading(2, `${f.labels.section(1)}${L.completed(r.completed.length)}`, 'completed'));
  if (r.completed.length === 0) blocks.push(note(L.noCompleted));
  else
    blocks.push({
      kind: 'table',
      columns: [...matterColumns, { header: P.unit, weight: 3 }, { header: L.completedAt, weight: 1.9, noWrap: true }],
      rows: r.completed.map((c): Rich[] => [
        [matterCode(c.matter)],
        [f.text(c.matter.title)],
        [f.unit(c.matter.leadingUnit)],
        [f.time(c.completedAt, 'completed.completedAt')],
      ]),
    });

  blocks.push(heading(2, `${f.labels.section(2)}${L.onSchedule(r.onSchedule.length)}`, 'on-schedule'));
  if (r.onSchedule.length === 0) blocks.push(note(L.noOnSchedule));
  else
    blocks.push(
      paragraph([L.onScheduleText, ...r.onSchedule.flatMap((u, i): Inline[] => [...(i > 0 ? [f.labels.listSeparator] : []), f.unit(u)])]),
    );

  blocks.push(heading(2, `${f.labels.section(3)}${L.overdueUnits(r.overdueUnits.length)}`, 'overdue'));
  if (r.overdueUnits.length === 0) blocks.push(note(L.noOverdue));
  else {
    blocks.push(paragraph(L.overdueText));
    for (const u of r.overdueUnits) {
      blocks.push(heading(3, [strong(f.unit(u.unit)), L.items(u.items.length)]), {
        kind: 'table',
        columns: [
          ...matterColumns,
          { header: P.deadline, weight: 3 },
          { header: P.dueAt, weight: 1.9, noWrap: true },
          { header: P.daysOverdue, weight: 1.4, align: 'right' },
          { header: P.escalation, weight: 1.4 },
        ],
        rows: u.items.map((o): Rich[] => [
          [matterCode(o.matter)],
          [f.text(o.matter.title)],
          [what(o.deadline)],
          [f.time(o.deadline.dueAt, 'overdue.deadline.dueAt')],
          [f.count(o.daysOverdue, 'daysOverdue')],
          [P.escalationLevel(o.escalationLevel)],
        ]),
      });
    }
  }

  blocks.push(heading(2, `${f.labels.section(4)}${L.missingReports(r.missingReports.length)}`, 'missing-reports'));
  if (r.missingReports.length === 0) blocks.push(note(P.noMissingReports));
  else
    for (const u of r.missingReports)
      blocks.push(heading(3, [strong(f.unit(u.unit)), L.items(u.reports.length)]), {
        kind: 'table',
        columns: [
          ...matterColumns,
          { header: P.reportPeriod, weight: 3 },
          { header: P.dueAt, weight: 1.9, noWrap: true },
          { header: P.filedAt, weight: 1.9, noWrap: true },
          { header: P.daysOverdue, weight: 1.4, align: 'right' },
        ],
        rows: u.reports.map((x): Rich[] => [
          [matterCode(x.matter)],
          [f.text(x.matter.title)],
          [f.text(x.deadline.title)],
          [f.time(x.deadline.dueAt, 'missingReports.deadline.dueAt')],
          [x.filedAt ? f.time(x.filedAt, 'missingReports.filedAt') : P.notFiled],
          [f.count(x.daysOverdue, 'daysOverdue')],
        ]),
      });

  // 五、 red supervision orders still open, by name (a bulletin issued before orders existed has no such section)
  const red = r.redOrders;
  if (red) {
    blocks.push(heading(2, `${f.labels.section(5)}${L.redOrders(red.length)}`, 'red-orders'));
    if (red.length === 0) blocks.push(note(L.noRedOrders));
    else {
      blocks.push(paragraph(L.redOrdersText));
      for (const u of red)
        blocks.push(heading(3, [strong(f.unit(u.unit)), L.items(u.items.length)]), {
          kind: 'table',
          columns: [
            ...matterColumns,
            { header: L.requirement, weight: 3.4 },
            { header: L.orderIssuedAt, weight: 1.9, noWrap: true },
            { header: P.dueAt, weight: 1.9, noWrap: true },
            { header: P.status, weight: 1.4 },
          ],
          rows: u.items.map((o): Rich[] => [
            [matterCode(o.matter)],
            [f.text(o.matter.title)],
            [f.plain(o.requirement)],
            [f.time(o.issuedAt, 'redOrders.issuedAt')],
            [f.time(o.dueAt, 'redOrders.dueAt')],
            [L.acknowledged(o.acknowledged)],
          ]),
        });
    }
  }

  if (r.overdueUnits.length || r.missingReports.length || red?.length) blocks.push(paragraph(L.request));
  return {
    locale: f.locale,
    title: f.text(r.title),
    subtitle: `${numbered} · ${period}`,
    orientation: 'portrait',
    labelSeparator: f.labels.labelSeparator,
    pageOf: f.labels.pageOf,
    blocks,
  };
}
