import type { UnitScorecard } from '../model.js';
import type { ReportFormat } from './format.js';
import { closingMeta, note, paragraph } from './layout-common.js';
import type { Block, DocumentOutline, Rich } from './outline.js';

/** 牵头单位评分卡: one row per leading unit with every figure the scorecard holds, and what the figures mean. */
export function layoutScorecard(r: UnitScorecard, f: ReportFormat): DocumentOutline {
  const L = f.labels.scorecard;
  const M = f.labels.meta;
  const period = f.period(r.period);
  const blocks: Block[] = [
    {
      kind: 'fields',
      items: [{ label: M.period, value: [period] }, { label: M.asOf, value: [f.time(r.asOf, 'asOf')] }, ...closingMeta(r, f)],
    },
  ];
  if (r.rows.length === 0) blocks.push(note(L.noRows));
  else
    blocks.push(paragraph(L.unitsText(r.rows.length)), {
      kind: 'table',
      columns: [
        { header: L.unit, weight: 4 },
        { header: L.matters, weight: 1, align: 'right' },
        { header: L.open, weight: 1, align: 'right' },
        { header: L.deadlinesDue, weight: 1.2, align: 'right' },
        { header: L.metOnTime, weight: 1.1, align: 'right' },
        { header: L.onScheduleRate, weight: 1.2, align: 'right' },
        { header: L.averageDaysOverdue, weight: 1.2, align: 'right' },
        { header: L.urgeReceived, weight: 1.1, align: 'right' },
        { header: L.acknowledgedInTime, weight: 1.2, align: 'right' },
        { header: L.acknowledgedLate, weight: 1.2, align: 'right' },
        { header: L.unanswered, weight: 1.1, align: 'right' },
      ],
      rows: r.rows.map((u): Rich[] => [
        [f.unit(u.unit)],
        [f.count(u.matters)],
        [f.count(u.open)],
        [f.count(u.deadlinesDue)],
        [f.count(u.metOnTime)],
        [f.percent(u.onScheduleRate, 'onScheduleRate')],
        [f.optionalNumber(u.averageDaysOverdue === null ? null : Math.round(u.averageDaysOverdue * 10) / 10, 'averageDaysOverdue')],
        [f.count(u.urgeNotices.received)],
        [f.count(u.urgeNotices.acknowledgedInTime)],
        [f.count(u.urgeNotices.acknowledgedLate)],
        [f.count(u.urgeNotices.unanswered)],
      ]),
    });
  const exempted = r.rows.flatMap((u) => (u.exempted ?? []).map((x) => ({ unit: u.unit, ...x })));
  if (exempted.length) {
    blocks.push(paragraph(L.exemptedText));
    for (const x of exempted) blocks.push(paragraph(L.exempted(f.unit(x.unit), `${x.matter.code} ${f.text(x.matter.title)}`, x.basis)));
  }
  blocks.push(note(L.legend));
  return {
    locale: f.locale,
    title: f.text(r.title),
    subtitle: period,
    orientation: 'landscape',
    labelSeparator: f.labels.labelSeparator,
    pageOf: f.labels.pageOf,
    blocks,
  };
}
