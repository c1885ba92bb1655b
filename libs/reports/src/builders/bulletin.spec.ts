import type { MatterRef, UnitRef } from '../model.js';
import { policyAreaRef } from '../policy-areas.js';
import { buildBulletin } from './bulletin.js';
import { reportChecksum } from './checksum.js';
import type { DeadlineFact, ReportFacts, SupervisionOrderFact } from './facts.js';

/**
 * Three units over one week (period [16th 16:00Z, 23rd 16:00Z), judged at the 21st 04:00Z), every
 * figure of the bulletin worked out by hand: A is behind (an overdue milestone, a missing report),
 * B kept every deadline, C has nothing due (neither praised nor named) except a participating
 * unit's part it is late on, which names C and not the leading unit.
 */
const A: UnitRef = { id: 'ua', code: 'SZ-A', name: { zh: '甲局' } };
const B: UnitRef = { id: 'ub', code: 'SZ-B', name: { zh: '乙局' } };
const C: UnitRef = { id: 'uc', code: 'SZ-C', name: { zh: '丙局' } };
const matter = (id: string, unit: UnitRef, stage: MatterRef['stage']): MatterRef => ({
  id,
  code: `SZ-${id.toUpperCase()}`,
  title: { zh: `事项${id}` },
  batch: { code: 'B1', title: { zh: '第一批' } },
  leadingUnit: unit,
  kind: 'innovation_experiment',
  policyArea: policyAreaRef('science_technology'),
  stage,
  deliveryStatus: stage === 'closed' ? null : 'on_track',
  url: `http://localhost/matters/${id}`,
});
const d = (
  matterId: string,
  kind: DeadlineFact['kind'],
  key: string,
  dueAt: string,
  status: DeadlineFact['status'],
  closedAt: string | null = null,
  extra: Partial<DeadlineFact> = {},
): DeadlineFact => ({ matterId, kind, key, title: { zh: key }, dueAt, status, closedAt, escalationLevel: 0, ...extra });

const facts: ReportFacts = {
  matters: [
    matter('a1', A, 'in_implementation'),
    matter('b1', B, 'in_evaluation'),
    matter('b2', B, 'in_implementation'),
    matter('c1', C, 'approved'),
  ],
  deadlines: [
    // A: a milestone due on the 18th and still open: 3 days overdue at asOf, level 1
    d('a1', 'milestone', 'milestone:m1', '2026-11-18T04:00:00.000Z', 'open', null, { escalationLevel: 1 }),
    // A: a progress report due on the 19th and not filed: missing
    d('a1', 'progress_report', 'progress:p1', '2026-11-19T04:00:00.000Z', 'open'),
    // B: a milestone met early
    d('b2', 'milestone', 'milestone:m2', '2026-11-19T00:00:00.000Z', 'met', '2026-11-18T00:00:00.000Z'),
    // a part of b2 given to C, due on the 20th and still open: C is named, B is not
    d('b2', 'part', 'part:x', '2026-11-20T00:00:00.000Z', 'open', null, { unit: C }),
  ],
  milestones: [],
  urgeNotices: [],
  implementationsCompleted: [
    // b1's implementation ended on the 20th: completed in the period
    { matterId: 'b1', at: '2026-11-20T02:00:00.000Z' },
    // before the period, and after asOf: neither counts
    { matterId: 'b2', at: '2026-11-10T00:00:00.000Z' },
    { matterId: 'a1', at: '2026-11-22T00:00:00.000Z' },
  ],
};

const bulletin = buildBulletin(facts, {
  title: { zh: '情况通报（第1期）' },
  number: 1,
  issuedAt: '2026-11-21T04:00:00.000Z',
  issuedBy: null,
  period: { from: '2026-11-16T16:00:00.000Z', to: '2026-11-23T16:00:00.000Z' },
  asOf: '2026-11-21T04:00:00.000Z',
  generatedAt: '2026-11-21T04:00:00.000Z',
  timeZone: 'Asia/Shanghai',
});

describe('buildBulletin (情况通报)', () => {
  it('lists the matters whose implementation ended in the period', () => {
    expect(bulletin.completed).toEqual([{ matter: expect.objectContaining({ code: 'SZ-B1' }), completedAt: '2026-11-20T02:00:00.000Z' }]);
  });

  it('names each unit with overdue deadlines, a part under its participating unit', () => {
    expect(
      bulletin.overdueUnits.map((u) => [
        u.unit.code,
        u.items.map((i) => [i.matter.code, i.deadline.kind, i.daysOverdue, i.escalationLevel]),
      ]),
    ).toEqual([
      [
        'SZ-A',
        [
          ['SZ-A1', 'milestone', 3, 1],
          ['SZ-A1', 'progress_report', 2, 0],
        ],
      ],
      ['SZ-C', [['SZ-B2', 'part', 1, 0]]],
    ]);
  });

  it('names the units with missing progress reports', () => {
    expect(bulletin.missingReports.map((u) => [u.unit.code, u.reports.map((r) => r.filedAt)])).toEqual([['SZ-A', [null]]]);
  });

  it('praises only units that had deadlines due, met them all on time and are named nowhere', () => {
    // B: its milestone due on the 19th met early (the part is C's); C is named; A is behind
    expect(bulletin.onSchedule.map((u) => u.code)).toEqual(['SZ-B']);
  });

  it('sums the figures it shows', () => {
    expect(bulletin.summary).toEqual({
      matters: 4,
      byStatus: { on_track: 4, at_risk: 0, off_track: 0 },
      // A: milestone and report (both missed); B: the milestone (met); C: the part (missed)
      deadlinesDue: 4,
      metOnTime: 1,
      onScheduleRate: 0.25,
      completed: 1,
      overdue: 3,
      missingReports: 1,
    });
    expect(bulletin.checksum).toBe(reportChecksum(bulletin));
  });

  it('leaves an exempted matter (容错免责) out of what names its unit', () => {
    const exempted = buildBulletin(
      { ...facts, exemptions: [{ matterId: 'a1', reason: 'r', basis: 'b', recordedAt: '2026-11-20T00:00:00.000Z' }] },
      { ...bulletinOptions() },
    );
    expect(exempted.overdueUnits.map((u) => u.unit.code)).toEqual(['SZ-C']);
    expect(exempted.missingReports).toEqual([]);
  });

  it('names by name the units with red supervision orders open at asOf, and praises none of them', () => {
    const order = (over: Partial<SupervisionOrderFact>): SupervisionOrderFact => ({
      matterId: 'b2',
      colour: 'red',
      unit: B,
      requirement: '限期整改',
      dueAt: '2026-11-25T00:00:00.000Z',
      issuedAt: '2026-11-19T00:00:00.000Z',
      acknowledgedAt: null,
      closedAt: null,
      ...over,
    });
    const withOrders = buildBulletin(
      {
        ...facts,
        supervisionOrders: [
          // B: open at asOf (acknowledged on the 20th), and a second one issued earlier
          order({ acknowledgedAt: '2026-11-20T00:00:00.000Z' }),
          order({ issuedAt: '2026-11-17T00:00:00.000Z', requirement: '先行整改' }),
          // closed (销号) before asOf, yellow, or issued after asOf: none names anyone
          order({ unit: C, matterId: 'c1', closedAt: '2026-11-20T00:00:00.000Z', acknowledgedAt: '2026-11-19T12:00:00.000Z' }),
          order({ unit: C, matterId: 'c1', colour: 'yellow' }),
          order({ unit: C, matterId: 'c1', issuedAt: '2026-11-22T00:00:00.000Z' }),
          // on an exempted matter: left out
          order({ unit: A, matterId: 'a1' }),
        ],
        exemptions: [{ matterId: 'a1', reason: 'r', basis: 'b', recordedAt: '2026-11-20T00:00:00.000Z' }],
      },
      bulletinOptions(),
    );
    expect(withOrders.redOrders?.map((u) => [u.unit.code, u.items.map((i) => [i.matter.code, i.requirement, i.acknowledged])])).toEqual([
      [
        'SZ-B',
        [
          ['SZ-B2', '先行整改', false],
          ['SZ-B2', '限期整改', true],
        ],
      ],
    ]);
    // B kept every deadline, but an open red order keeps it out of the praise
    expect(withOrders.onSchedule).toEqual([]);
    expect(bulletin.redOrders).toEqual([]);
  });
});

function bulletinOptions() {
  return {
    title: { zh: '情况通报' },
    number: null,
    issuedAt: null,
    issuedBy: null,
    period: { from: '2026-11-16T16:00:00.000Z', to: '2026-11-23T16:00:00.000Z' },
    asOf: '2026-11-21T04:00:00.000Z',
    generatedAt: '2026-11-21T04:00:00.000Z',
    timeZone: 'Asia/Shanghai',
  };
}
