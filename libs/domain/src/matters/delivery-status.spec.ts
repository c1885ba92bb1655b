import { deadlinesOf } from '../deadlines/deadlines.js';
import { DEFINITION_BODY } from '../testing/fixtures.js';
import { World } from '../testing/world.js';
import { WEEKENDS_ONLY } from '../time/business-calendar.js';
import { assessDelivery, escalationLevelOf, trajectoryOf } from './delivery-status.js';

const DAY = 86_400_000;

function assess(w: World) {
  return assessDelivery(w.matter, deadlinesOf(w.matter, DEFINITION_BODY, WEEKENDS_ONLY), DEFINITION_BODY, WEEKENDS_ONLY, w.now);
}

/** In implementation with one milestone due in 90 days and a target of 10 by 2026-12-31, from 0. */
function implementing(): World {
  const w = new World(new Date('2026-01-05T01:00:00Z'));
  w.approveAll();
  w.do('sticManager', { type: 'start_implementation' });
  return w;
}

describe(assessDelivery.name, () => {
  it('moves green → amber → red as a deadline comes near, passes, and stays missed', () => {
    const w = implementing();
    const milestoneDue = Date.parse(w.matter.milestones[0].dueAt);
    // progress reports are due monthly; file every period's so that only the milestone drives the status
    const report = () => {
      while (Date.parse(w.matter.reportPeriod!.startsAt) <= w.now.getTime())
        w.do('sticManager', { type: 'file_progress_report', done: 'on plan' });
    };
    w.now = new Date(milestoneDue - 10 * DAY);
    report();
    expect(assess(w)).toEqual({ status: 'on_track', reasons: [] });

    w.now = new Date(milestoneDue - 2 * DAY); // due within 3 days
    expect(assess(w)).toMatchObject({ status: 'at_risk', reasons: [{ rule: 'dueWithin', subject: { kind: 'deadline' } }] });

    w.now = new Date(milestoneDue + 1000); // missed
    expect(assess(w)).toMatchObject({ status: 'at_risk', reasons: [{ rule: 'overdueBy' }] });

    w.now = new Date(milestoneDue + 15 * DAY); // missed by more than 14 days
    const red = assess(w);
    expect(red.status).toBe('off_track');
    expect(red.reasons.filter((r) => r.status === 'off_track').map((r) => r.rule)).toContain('overdueBy');
  });

  it('turns red when a target lags its planned line by a quarter of the way, amber by a tenth', () => {
    const w = implementing();
    const target = w.matter.targets[0]; // 0 → 10 by 2026-12-31
    w.now = new Date('2026-07-02T04:00:00Z'); // about half way
    w.do('sticManager', { type: 'report_progress', targetId: target.id, value: 4, asOf: '2026-07-02' });
    const t = trajectoryOf(w.matter, w.matter.targets[0], 'Asia/Shanghai', w.now);
    expect(t.reported[0].planned).toBeCloseTo(4.95, 1);
    expect(t.behindBy).toBeGreaterThan(9);
    expect(t.behindBy).toBeLessThan(10);
    w.do('sticManager', { type: 'report_progress', targetId: target.id, value: 2, asOf: '2026-07-02' });
    expect(trajectoryOf(w.matter, w.matter.targets[0], 'Asia/Shanghai', w.now).behindBy).toBeGreaterThan(25);
    const assessed = assess(w);
    expect(assessed.status).toBe('off_track');
    expect(assessed.reasons).toContainEqual({ status: 'off_track', rule: 'behindPlanBy', subject: { kind: 'target', id: target.id } });
  });

  it('is amber while an urge notice waits for an answer, and null once the matter is closed', () => {
    const w = implementing();
    w.now = new Date(Date.parse(w.matter.milestones[0].dueAt) + 1000);
    w.do('office', { type: 'send_urge_notice', message: 'Report on the milestone' });
    expect(assess(w).reasons.map((r) => r.rule)).toEqual(expect.arrayContaining(['overdueBy', 'urgeNoticeOpen']));
    w.do('office', { type: 'terminate', reason: 'Superseded' });
    expect(assess(w)).toEqual({ status: null, reasons: [] });
  });

  it('ignores suspended clocks while legal authorization is pending', () => {
    const w = new World(new Date('2026-01-05T01:00:00Z'), { requiresLegalAuthorization: true });
    w.do('office', { type: 'add_milestone', milestone: { title: { en: 'Soon' }, due: { in: 'P2D' } } });
    w.do('office', { type: 'submit' });
    const approve = (who: 'sticApprover' | 'office') => w.do(who, { type: 'approve_step' });
    approve('sticApprover');
    approve('office');
    expect(w.matter.approvalSteps.find((s) => s.status === 'pending')?.legalAuthorization).toBe(true);
    w.now = new Date(w.now.getTime() + 5 * DAY); // the milestone's original time has passed, but its clock is stopped
    const reasons = assess(w).reasons.filter((r) => r.subject?.kind === 'deadline' && r.subject.key.startsWith('milestone:'));
    expect(reasons).toEqual([]);
  });
});

describe(escalationLevelOf.name, () => {
  it('counts the levels whose time has come after the missed due time', () => {
    const d = {
      dueAt: '2026-01-05T01:00:00.000Z',
      policy: {
        reminders: [],
        escalation: [
          { level: 1, notify: ['responsible_manager'] as const, after: 'P1D' },
          { level: 2, notify: ['leading_unit_head'] as const, after: 'P3D' },
        ],
      },
    };
    const at = (ms: number) => escalationLevelOf(d, 'Asia/Shanghai', WEEKENDS_ONLY, new Date(Date.parse(d.dueAt) + ms));
    expect([at(-1), at(1), at(DAY), at(3 * DAY - 1), at(3 * DAY)]).toEqual([0, 0, 1, 1, 2]);
  });
});

describe(trajectoryOf.name, () => {
  it('has no line before implementation starts, and starts from the first report without a baseline', () => {
    const w = new World(new Date('2026-01-05T01:00:00Z'), {
      targets: [{ indicator: { en: 'Share' }, baseline: null, targetValue: 77, unit: '%', byDate: '2026-12-31' }],
    });
    expect(trajectoryOf(w.matter, w.matter.targets[0], 'Asia/Shanghai', w.now)).toMatchObject({
      planned: [],
      plannedNow: null,
      behindBy: null,
    });
    w.approveAll();
    w.do('sticManager', { type: 'start_implementation' });
    w.do('sticManager', { type: 'report_progress', targetId: w.matter.targets[0].id, value: 70, asOf: '2026-01-05' });
    const t = trajectoryOf(w.matter, w.matter.targets[0], 'Asia/Shanghai', w.now);
    expect(t.planned.map((p) => p.value)).toEqual([70, 77]);
    expect(t.planned[1].at).toBe('2026-12-31T15:59:59.999Z');
  });
});
