import type { MatterRef, UnitRef } from '../model.js';
import { policyAreaRef } from '../policy-areas.js';
import { reportChecksum } from './checksum.js';
import type { DeadlineFact, MilestoneFact, ReportFacts, UrgeNoticeFact } from './facts.js';
import { buildProgressReport, buildScorecard } from './progress.js';
import { targetMet } from '#domain';
import { type ExperienceFact, buildReplicationReport } from './replication.js';

/**
 * A week of two leading units, with every figure of the progress report and the
 * scorecard worked out by hand in the comments. Period: Monday 2026-11-16 to Monday
 * 2026-11-23 in Shanghai ([15th 16:00Z, 22nd 16:00Z)); judged at Friday noon (20th 04:00Z).
 */
const unitA: UnitRef = { id: 'ua', code: 'SZ-A', name: { zh: '甲局' } };
const unitB: UnitRef = { id: 'ub', code: 'SZ-B', name: { zh: '乙局' } };
const matter = (id: string, unit: UnitRef, stage: MatterRef['stage'], deliveryStatus: MatterRef['deliveryStatus']): MatterRef => ({
  id,
  code: `SZ-${id.toUpperCase()}`,
  title: { zh: `事项${id}` },
  batch: { code: 'B1', title: { zh: '第一批' } },
  leadingUnit: unit,
  kind: 'innovation_experiment',
  policyArea: policyAreaRef('science_technology'),
  stage,
  deliveryStatus,
  url: `http://localhost/matters/${id}`,
});
const m1 = matter('m1', unitA, 'in_implementation', 'off_track');
const m2 = matter('m2', unitA, 'in_implementation', 'at_risk');
const m3 = matter('m3', unitA, 'closed', null);
const m4 = matter('m4', unitB, 'approved', 'on_track');
const m5 = matter('m5', unitB, 'draft', 'on_track');

const d = (
  matterId: string,
  kind: DeadlineFact['kind'],
  key: string,
  dueAt: string,
  status: DeadlineFact['status'],
  closedAt: string | null = null,
  escalationLevel = 0,
): DeadlineFact => ({ matterId, kind, key, title: { zh: key }, dueAt, status, closedAt, escalationLevel });

const deadlines: DeadlineFact[] = [
  // A, counted, missed and still open: 4 d 2 h overdue at asOf, level 2
  d('m1', 'milestone', 'milestone:a1', '2026-11-16T02:00:00.000Z', 'open', null, 2),
  // A, counted, met an hour early
  d('m1', 'progress_report', 'progress:x', '2026-11-17T02:00:00.000Z', 'met', '2026-11-17T01:00:00.000Z'),
  // A, counted, met 1.5 days late
  d('m2', 'milestone', 'milestone:b1', '2026-11-18T04:00:00.000Z', 'met', '2026-11-19T16:00:00.000Z'),
  // the evaluator's stage, not the unit's: not counted, but overdue 1 day at level 1
  d('m2', 'stage', 'stage:in_evaluation:t', '2026-11-19T04:00:00.000Z', 'open', null, 1),
  // B, due after asOf: not judged yet; upcoming in 1 day
  d('m4', 'stage', 'stage:approved:t', '2026-11-21T04:00:00.000Z', 'open'),
  // B, beyond the 14-day window: neither
  d('m5', 'stage', 'stage:draft:t', '2026-12-10T04:00:00.000Z', 'open'),
  // an approving unit's step: upcoming in 4 days 20 h → 4
  d('m4', 'approval_step', 'step:s1', '2026-11-25T00:00:00.000Z', 'open'),
  // cancelled: counts for nothing
  d('m3', 'milestone', 'milestone:c1', '2026-11-16T06:00:00.000Z', 'cancelled', '2026-11-16T05:00:00.000Z'),
  // before the period
  d('m4', 'milestone', 'milestone:d1', '2026-11-10T00:00:00.000Z', 'met', '2026-11-12T00:00:00.000Z'),
  // B, counted; met only after asOf, so at asOf it was open and 1 d 4 h overdue
  d('m5', 'milestone', 'milestone:e1', '2026-11-19T00:00:00.000Z', 'met', '2026-11-21T00:00:00.000Z'),
];

const ms = (matterId: string, title: string, dueAt: string, completedAt: string | null): MilestoneFact => ({
  matterId,
  title: { zh: title },
  dueAt,
  completedAt,
});
const milestones: MilestoneFact[] = [
  ms('m1', 'A1', '2026-11-16T02:00:00.000Z', null),
  ms('m2', 'B1', '2026-11-18T04:00:00.000Z', '2026-11-19T16:00:00.000Z'),
  ms('m4', 'D1', '2026-11-10T00:00:00.000Z', '2026-11-12T00:00:00.000Z'),
  ms('m1', 'A2', '2026-11-30T00:00:00.000Z', '2026-11-17T01:00:00.000Z'),
];

const urge = (matterId: string, sentAt: string, dueAt: string, acknowledgedAt: string | null): UrgeNoticeFact => ({
  matterId,
  sentAt,
  dueAt,
  acknowledgedAt,
});
const urgeNotices: UrgeNoticeFact[] = [
  urge('m1', '2026-11-16T03:00:00.000Z', '2026-11-17T03:00:00.000Z', '2026-11-16T10:00:00.000Z'), // A in time
  urge('m2', '2026-11-17T00:00:00.000Z', '2026-11-18T00:00:00.000Z', '2026-11-18T05:00:00.000Z'), // A late
  urge('m1', '2026-11-19T00:00:00.000Z', '2026-11-20T00:00:00.000Z', null), // A unanswered
  urge('m4', '2026-11-10T00:00:00.000Z', '2026-11-11T00:00:00.000Z', '2026-11-10T05:00:00.000Z'), // before the period
  urge('m5', '2026-11-19T12:00:00.000Z', '2026-11-20T12:00:00.000Z', '2026-11-21T00:00:00.000Z'), // B, unanswered at asOf
];

const facts: ReportFacts = { matters: [m1, m2, m3, m4, m5], deadlines, milestones, urgeNotices };
const window = {
  period: { from: '2026-11-15T16:00:00.000Z', to: '2026-11-22T16:00:00.000Z' },
  asOf: '2026-11-20T04:00:00.000Z',
  generatedAt: '2026-11-20T04:00:00.000Z',
  timeZone: 'Asia/Shanghai',
};

describe('progress report', () => {
  const report = buildProgressReport(facts, { ...window, title: { zh: '推进情况' }, unit: null, upcomingWindowDays: 14 });

  it('counts matters by stage (every stage present) and open matters by status', () => {
    expect(report.totals).toEqual({
      matters: 5,
      byStage: { draft: 1, in_approval: 0, approved: 1, in_implementation: 2, in_evaluation: 0, closed: 1, withdrawn: 0, terminated: 0 },
      byStatus: { on_track: 2, at_risk: 1, off_track: 1 },
    });
  });

  it('gives each leading unit its on-schedule rate over the deadlines it answered for', () => {
    expect(report.units).toEqual([
      // d(a1) missed, progress met, b1 late: 1 of 3
      {
        unit: unitA,
        matters: 3,
        byStatus: { on_track: 0, at_risk: 1, off_track: 1 },
        deadlinesDue: 3,
        metOnTime: 1,
        onScheduleRate: 0.3333,
      },
      // e1 not met by asOf; the approved-stage deadline is not due yet: 0 of 1
      { unit: unitB, matters: 2, byStatus: { on_track: 2, at_risk: 0, off_track: 0 }, deadlinesDue: 1, metOnTime: 0, onScheduleRate: 0 },
    ]);
  });

  it('lists what is overdue at asOf, most overdue first, with whole days and the level reached', () => {
    expect(report.overdue.map((o) => [o.matter.code, o.deadline.kind, o.daysOverdue, o.escalationLevel])).toEqual([
      ['SZ-M1', 'milestone', 4, 2],
      ['SZ-M5', 'milestone', 1, 0],
      ['SZ-M2', 'stage', 1, 1],
    ]);
  });

  it('lists deadlines coming due within the window, soonest first', () => {
    expect(report.upcoming.map((u) => [u.matter.code, u.deadline.kind, u.daysLeft])).toEqual([
      ['SZ-M4', 'stage', 1],
      ['SZ-M4', 'approval_step', 4],
    ]);
  });

  it('lists the milestones completed in the period, in the order they were completed, on time or not', () => {
    expect(report.milestonesCompleted.map((x) => [x.matter.code, x.milestone.title.zh, x.milestone.onTime])).toEqual([
      ['SZ-M1', 'A2', true],
      ['SZ-M2', 'B1', false],
    ]);
  });

  it('carries the checksum of its own figures', () => {
    expect(report.checksum).toMatch(/^[0-9a-f]{64}$/);
    expect(reportChecksum(report)).toBe(report.checksum);
    const changed = buildProgressReport(
      { ...facts, matters: facts.matters.slice(0, 4) },
      { ...window, title: { zh: '推进情况' }, unit: null, upcomingWindowDays: 14 },
    );
    expect(changed.checksum).not.toBe(report.checksum);
  });

  it('judges only the part of the period already past when asOf falls inside it', () => {
    const early = buildProgressReport(facts, {
      ...window,
      asOf: '2026-11-17T00:00:00.000Z',
      title: {},
      unit: null,
      upcomingWindowDays: 14,
    });
    // by Tuesday 08:00 only a1 (missed, open) was due for A; progress:x falls due later that day
    expect(early.units[0]).toMatchObject({ deadlinesDue: 1, metOnTime: 0, onScheduleRate: 0 });
  });
});

describe('unit scorecard', () => {
  const card = buildScorecard(facts, { ...window, title: { zh: '评分表' } });

  it('gives each unit its matters, rate, mean days late and how it answered urge notices', () => {
    expect(card.rows).toEqual([
      {
        unit: unitA,
        matters: 3,
        open: 2,
        deadlinesDue: 3,
        metOnTime: 1,
        onScheduleRate: 0.3333,
        // a1: 4 d 2 h = 4.0833 (still open); b1: 1.5 (met late) → 2.79
        averageDaysOverdue: 2.79,
        urgeNotices: { received: 3, acknowledgedInTime: 1, acknowledgedLate: 1, unanswered: 1 },
        missingReports: 0,
      },
      {
        unit: unitB,
        matters: 2,
        open: 2,
        deadlinesDue: 1,
        metOnTime: 0,
        onScheduleRate: 0,
        // e1: open at asOf, 1 d 4 h = 1.1667 → 1.17
        averageDaysOverdue: 1.17,
        urgeNotices: { received: 1, acknowledgedInTime: 0, acknowledgedLate: 0, unanswered: 1 },
        missingReports: 0,
      },
    ]);
  });
});

describe("unit scorecard with participating units' parts (分工)", () => {
  // unit C leads nothing; it has a part of A's matter m1, missed and open (1 d 4 h at asOf); B has a part of m2, met on time
  const unitC: UnitRef = { id: 'uc', code: 'SZ-C', name: { zh: '丙局' } };
  const part = (matterId: string, unit: UnitRef, dueAt: string, status: DeadlineFact['status'], closedAt: string | null = null) => ({
    ...d(matterId, 'part', `part:${unit.id}-${matterId}`, dueAt, status, closedAt),
    unit,
  });
  const withParts: ReportFacts = {
    ...facts,
    deadlines: [
      ...deadlines,
      part('m1', unitC, '2026-11-19T00:00:00.000Z', 'open'),
      part('m2', unitB, '2026-11-17T00:00:00.000Z', 'met', '2026-11-16T12:00:00.000Z'),
    ],
  };
  const plain = buildScorecard(facts, { ...window, title: { zh: '评分卡' } });
  const card = buildScorecard(withParts, { ...window, title: { zh: '评分卡' } });

  it('counts a missed part for its participating unit, which gets a row of its own, and not for the leading unit', () => {
    expect(card.rows.find((r) => r.unit.id === unitA.id)).toEqual(plain.rows.find((r) => r.unit.id === unitA.id));
    expect(card.rows.find((r) => r.unit.id === unitC.id)).toMatchObject({
      unit: unitC,
      matters: 0,
      open: 0,
      deadlinesDue: 1,
      metOnTime: 0,
      onScheduleRate: 0,
      averageDaysOverdue: 1.17,
    });
    // B met its part on time: two deadlines due, one met (its own e1 was late)
    expect(card.rows.find((r) => r.unit.id === unitB.id)).toMatchObject({ deadlinesDue: 2, metOnTime: 1, onScheduleRate: 0.5 });
  });

  it('counts an acceptance (签收) for the unit that must accept, as a part', () => {
    const acceptance = { ...part('m1', unitC, '2026-11-19T00:00:00.000Z', 'open'), kind: 'acceptance' as const, key: 'acceptance:m1:x' };
    const accepting = buildScorecard({ ...facts, deadlines: [...deadlines, acceptance] }, { ...window, title: { zh: '评分卡' } });
    expect(accepting.rows.find((r) => r.unit.id === unitA.id)).toEqual(plain.rows.find((r) => r.unit.id === unitA.id));
    expect(accepting.rows.find((r) => r.unit.id === unitC.id)).toMatchObject({ deadlinesDue: 1, metOnTime: 0, averageDaysOverdue: 1.17 });
  });
});

describe('unit scorecard with a fault-tolerance exemption (容错免责)', () => {
  const exemption = {
    matterId: 'm1',
    reason: '尽职推进，未达预期',
    basis: '科技成果转化尽职免责指引',
    recordedAt: '2026-11-19T00:00:00.000Z',
  };

  it("leaves an exempted matter's deadlines and urge notices out of its unit's figures, still counts it as a matter, and names it", () => {
    const card = buildScorecard({ ...facts, exemptions: [exemption] }, { ...window, title: { zh: '评分卡' } });
    // without m1 (a1 missed, two urge notices), A has b1 alone: due 1, met late by 1.5 days; and m2's late acknowledgement
    expect(card.rows[0]).toMatchObject({
      unit: unitA,
      matters: 3,
      open: 2,
      deadlinesDue: 1,
      metOnTime: 0,
      onScheduleRate: 0,
      averageDaysOverdue: 1.5,
      urgeNotices: { received: 1, acknowledgedInTime: 0, acknowledgedLate: 1, unanswered: 0 },
      exempted: [
        { matter: { id: 'm1', code: 'SZ-M1', title: { zh: '事项m1' }, url: 'http://localhost/matters/m1' }, basis: exemption.basis },
      ],
    });
    // unit B has none: its row is as it was
    expect(card.rows[1]).not.toHaveProperty('exempted');
    expect(card.rows[1]).toEqual(buildScorecard(facts, { ...window, title: { zh: '评分卡' } }).rows[1]);
  });

  it('takes no effect before the finding was recorded', () => {
    const later = { ...exemption, recordedAt: '2026-11-21T00:00:00.000Z' }; // after asOf
    const card = buildScorecard({ ...facts, exemptions: [later] }, { ...window, title: { zh: '评分卡' } });
    expect(card.rows).toEqual(buildScorecard(facts, { ...window, title: { zh: '评分卡' } }).rows);
  });
});

describe('replication report', () => {
  const rubric = [
    { key: 'effectiveness', title: { zh: '实施成效' }, min: 1, max: 5 },
    { key: 'replicability', title: { zh: '可复制性' }, min: 1, max: 5 },
  ];
  const experience = (id: string, code: string, area: string, scores: Array<{ criterion: string; score: number }>): ExperienceFact => ({
    id,
    matter: { ...matter(id, unitA, 'closed', null), code, policyArea: policyAreaRef(area) },
    title: { zh: `经验${id}` },
    practice: { zh: '做法' },
    conditions: { zh: '条件' },
    regions: ['粤港澳大湾区'],
    fields: ['科技'],
    contactUnit: unitA,
    recordedAt: '2026-11-18T00:00:00.000Z',
    evaluation: { evaluator: { name: '评估员', unit: unitB }, loggedAt: '2026-11-18T00:00:00.000Z', narrative: '好', scores, results: [] },
  });

  it('groups experiences by policy area (areas by key, experiences by code), scores in rubric order with their mean', () => {
    const report = buildReplicationReport(
      [
        experience('x3', 'SZ-09', 'science_technology', [
          { criterion: 'replicability', score: 5 },
          { criterion: 'effectiveness', score: 4 },
        ]),
        experience('x1', 'SZ-02', 'finance', [{ criterion: 'effectiveness', score: 3 }]),
        experience('x2', 'SZ-01', 'science_technology', [{ criterion: 'effectiveness', score: 2 }]),
      ],
      {
        number: 3,
        issuedAt: null,
        issuedBy: null,
        title: { zh: '第3批' },
        generatedAt: window.generatedAt,
        timeZone: window.timeZone,
        rubric,
      },
    );
    expect(report.total).toBe(3);
    expect(report.groups.map((g) => [g.policyArea.key, g.policyArea.title.zh, g.experiences.map((e) => e.matter.code)])).toEqual([
      ['finance', '金融', ['SZ-02']],
      ['science_technology', '科技创新', ['SZ-01', 'SZ-09']],
    ]);
    expect(report.groups[1].experiences[1].evaluation.scores.map((s) => s.criterion)).toEqual(['effectiveness', 'replicability']);
    expect(report.groups[1].experiences[1].evaluation.averageScore).toBe(4.5);
  });

  it('judges targets by their comparison', () => {
    expect(targetMet('above', 77, 77)).toBe(false);
    expect(targetMet('at_least', 77, 77)).toBe(true);
    expect(targetMet('at_most', 5, 4)).toBe(true);
    expect(targetMet('below', 5, 5)).toBe(false);
    expect(targetMet('above', 40, null)).toBeNull();
  });
});

describe('missing progress reports', () => {
  // the same week and units; only progress_report deadlines of periods due in it count
  const reports: DeadlineFact[] = [
    // A, filed two days late (by asOf): listed with its filing time
    d('m1', 'progress_report', 'progress:p1', '2026-11-16T04:00:00.000Z', 'met', '2026-11-18T04:00:00.000Z'),
    // A, still missing at asOf: 1 d 4 h → 1 whole day
    d('m2', 'progress_report', 'progress:p2', '2026-11-19T00:00:00.000Z', 'open', null, 1),
    // B, filed early: not listed
    d('m4', 'progress_report', 'progress:p3', '2026-11-17T00:00:00.000Z', 'met', '2026-11-16T20:00:00.000Z'),
    // B, due after asOf: not judged yet
    d('m4', 'progress_report', 'progress:p4', '2026-11-21T00:00:00.000Z', 'open'),
    // B, filed only after asOf: missing at asOf, 2 d 4 h → 2
    d('m5', 'progress_report', 'progress:p5', '2026-11-18T00:00:00.000Z', 'met', '2026-11-21T00:00:00.000Z'),
    // A, a period due before this one: another report's business
    d('m1', 'progress_report', 'progress:p0', '2026-11-10T00:00:00.000Z', 'open', null, 3),
    // cancelled (the matter left implementation): counts for nothing
    d('m3', 'progress_report', 'progress:p6', '2026-11-17T00:00:00.000Z', 'cancelled', '2026-11-16T00:00:00.000Z'),
    // a late milestone is not a report
    d('m1', 'milestone', 'milestone:z', '2026-11-16T02:00:00.000Z', 'open', null, 2),
  ];
  const withReports: ReportFacts = { ...facts, deadlines: reports };
  const expected = [
    {
      unit: unitA,
      reports: [
        {
          matter: m1,
          deadline: { kind: 'progress_report', title: { zh: 'progress:p1' }, dueAt: '2026-11-16T04:00:00.000Z' },
          filedAt: '2026-11-18T04:00:00.000Z',
          daysOverdue: 2,
        },
        {
          matter: m2,
          deadline: { kind: 'progress_report', title: { zh: 'progress:p2' }, dueAt: '2026-11-19T00:00:00.000Z' },
          filedAt: null,
          daysOverdue: 1,
        },
      ],
    },
    {
      unit: unitB,
      reports: [
        {
          matter: m5,
          deadline: { kind: 'progress_report', title: { zh: 'progress:p5' }, dueAt: '2026-11-18T00:00:00.000Z' },
          filedAt: null,
          daysOverdue: 2,
        },
      ],
    },
  ];

  it('are listed in the progress report per unit and period, late ones with when they came in, earliest due first', () => {
    const report = buildProgressReport(withReports, { ...window, title: { zh: '推进情况' }, unit: null, upcomingWindowDays: 14 });
    expect(report.missingReports).toEqual(expected);
  });

  it('are counted per unit in the scorecard and listed beside it', () => {
    const card = buildScorecard(withReports, { ...window, title: { zh: '评分卡' } });
    expect(card.rows.map((r) => [r.unit.code, r.missingReports])).toEqual([
      ['SZ-A', 2],
      ['SZ-B', 1],
    ]);
    expect(card.missingReports).toEqual(expected);
  });

  it('lists none when every report was in on time', () => {
    const report = buildProgressReport(facts, { ...window, title: { zh: '推进情况' }, unit: null, upcomingWindowDays: 14 });
    expect(report.missingReports).toEqual([]);
    expect(buildScorecard(facts, { ...window, title: { zh: '评分卡' } }).rows.map((r) => r.missingReports)).toEqual([0, 0]);
  });
});
