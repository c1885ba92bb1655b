import { DEFINITION_BODY, UNITS } from '../testing/fixtures.js';
import { World } from '../testing/world.js';
import { WEEKENDS_ONLY } from '../time/business-calendar.js';
import { closingOf, deadlinesOf, planTimers, autoOrderOfLabel, autoOrderRequirement, policyOf, recipientsOf } from './deadlines.js';

const keysOf = (w: World) =>
  deadlinesOf(w.matter, DEFINITION_BODY, WEEKENDS_ONLY).map((d) => d.key.split(':')[0] + (d.suspended ? '(suspended)' : ''));
const DAY = 86_400_000;

describe(deadlinesOf.name, () => {
  it('follows a matter: the stage, the current step, open milestones, expected progress reports', () => {
    const w = new World();
    w.do('office', { type: 'add_milestone', milestone: { title: { en: 'M1' }, due: { in: 'P60D' } } });
    expect(keysOf(w)).toEqual(['stage']); // a draft's milestones are a plan, not yet a clock
    w.do('office', { type: 'submit' });
    expect(keysOf(w)).toEqual(['stage', 'step', 'milestone']);
    w.do('sticApprover', { type: 'approve_step' });
    w.do('office', { type: 'approve_step' });
    w.do('sticManager', { type: 'start_implementation' });
    expect(keysOf(w)).toEqual(['stage', 'milestone', 'progress']);
    const progress = deadlinesOf(w.matter, DEFINITION_BODY, WEEKENDS_ONLY).find((d) => d.kind === 'progress_report')!;
    expect(progress.dueAt).toBe('2026-02-05T01:00:00.000Z'); // P1M after implementation started
  });

  it('gives each deadline the policy policyOf reads back from its kind and key', () => {
    const w = new World();
    w.do('office', { type: 'add_milestone', milestone: { title: { en: 'M1' }, due: { in: 'P60D' } } });
    const seen = new Set<string>();
    const check = () => {
      for (const d of deadlinesOf(w.matter, DEFINITION_BODY, WEEKENDS_ONLY)) {
        expect(policyOf(DEFINITION_BODY, d.kind, d.key)).toEqual(d.policy);
        seen.add(d.kind);
      }
    };
    check();
    w.do('office', { type: 'submit' });
    check();
    w.do('sticApprover', { type: 'approve_step' });
    w.do('office', { type: 'approve_step' });
    check();
    w.do('sticManager', { type: 'start_implementation' });
    check();
    expect([...seen].sort()).toEqual(['approval_step', 'milestone', 'progress_report', 'stage']);
  });

  it('gives an approval step to its unit and role, and a matter deadline to the responsible manager', () => {
    const w = new World();
    w.do('office', { type: 'submit' });
    const [stage, step] = deadlinesOf(w.matter, DEFINITION_BODY, WEEKENDS_ONLY);
    expect(stage.responsible).toEqual({ kind: 'user', userId: 'stic-manager' });
    expect(step.responsible).toEqual({ kind: 'unit_role', unitId: UNITS.stic, role: 'approver' });
  });

  it('suspends milestone clocks while legal authorization is awaited, and resumes them with the time that was left', () => {
    const w = new World(new Date('2026-01-05T01:00:00Z'), { requiresLegalAuthorization: true });
    w.do('office', { type: 'add_milestone', milestone: { title: { en: 'M1' }, due: { at: new Date('2026-03-05T01:00:00Z') } } });
    w.do('office', { type: 'submit' });
    w.do('sticApprover', { type: 'approve_step' });
    w.advance(2 * DAY);
    w.do('office', { type: 'approve_step' }); // the legal step begins on 7 January: 57 days were left
    expect(w.matter.approvalSteps[2]).toMatchObject({ key: 'legal', startedAt: '2026-01-07T01:00:00.000Z' });
    expect(keysOf(w)).toEqual(['stage', 'step', 'milestone(suspended)']);
    expect(planTimers(deadlinesOf(w.matter, DEFINITION_BODY, WEEKENDS_ONLY)[2], 'Asia/Shanghai', WEEKENDS_ONLY, w.now)).toEqual([]);
    w.advance(40 * DAY); // forty days waiting for the NPC Standing Committee
    w.do('nationApprover', { type: 'approve_step' });
    const left = Date.parse(w.matter.milestones[0].dueAt) - w.now.getTime();
    expect(left).toBe(57 * DAY);
    expect(w.matter.milestones[0].dueAt).toBe('2026-04-14T01:00:00.000Z');
  });
});

describe(closingOf.name, () => {
  it('calls a deadline met when its subject was done, cancelled when it went away', () => {
    const w = new World();
    w.do('office', { type: 'add_milestone', milestone: { title: { en: 'M1' }, due: { in: 'P60D' } } });
    w.do('office', { type: 'submit' });
    const before = deadlinesOf(w.matter, DEFINITION_BODY, WEEKENDS_ONLY).map((d) => d.key);
    w.do('sticApprover', { type: 'approve_step' });
    expect(closingOf(before[1], w.matter)).toBe('met'); // the step was approved
    expect(closingOf(before[0], w.matter)).toBe('cancelled'); // still in approval: the stage deadline stands
    w.do('office', { type: 'reject_step', comment: 'no' });
    expect(closingOf(before[0], w.matter)).toBe('cancelled'); // rejected back to draft
    expect(closingOf(before[2], w.matter)).toBe('cancelled');
  });
});

describe(planTimers.name, () => {
  const policy = {
    reminders: ['PT2S', 'PT1S', 'PT0S'],
    escalation: [
      { level: 1, notify: ['responsible_manager'] as const, after: 'PT1S' },
      { level: 2, notify: ['leading_unit_head'] as const, after: 'PT3S' },
    ],
  };

  it('plans reminders before the due time and escalations after it', () => {
    const now = new Date('2026-03-02T00:00:00Z');
    const timers = planTimers({ dueAt: '2026-03-02T00:00:03.000Z', policy, suspended: false }, 'Asia/Shanghai', WEEKENDS_ONLY, now);
    expect(timers.map((t) => [t.label, t.fireAt.slice(17)])).toEqual([
      ['r-PT2S', '01.000Z'],
      ['r-PT1S', '02.000Z'],
      ['r-PT0S', '03.000Z'],
      ['e1', '04.000Z'],
      ['e2', '06.000Z'],
    ]);
  });

  it('skips reminders whose time has passed', () => {
    const now = new Date('2026-03-02T00:00:01.500Z');
    const timers = planTimers({ dueAt: '2026-03-02T00:00:03.000Z', policy, suspended: false }, 'Asia/Shanghai', WEEKENDS_ONLY, now);
    expect(timers.map((t) => t.label)).toEqual(['r-PT1S', 'r-PT0S', 'e1', 'e2']);
  });

  it('counts working-day offsets on the calendar', () => {
    const timers = planTimers(
      { dueAt: '2026-03-02T01:00:00.000Z', policy: { reminders: [{ workingDays: 1 }], escalation: [] }, suspended: false },
      'Asia/Shanghai',
      WEEKENDS_ONLY,
      new Date('2026-02-01T00:00:00Z'),
    );
    expect(timers).toEqual([expect.objectContaining({ label: 'r-1wd', fireAt: '2026-02-27T01:00:00.000Z' })]); // Monday → the Friday before
  });

  it('plans the definition’s automatic orders (自动督办) on the kinds they watch: red so long after the due time, blue before it while ahead', () => {
    const rules = [
      { colour: 'red' as const, overdueBy: { workingDays: 2 } },
      { colour: 'blue' as const, dueWithin: 'PT2S', kinds: ['milestone' as const, 'stage' as const] },
    ];
    const due = { dueAt: '2026-03-02T00:00:03.000Z', policy: { reminders: [], escalation: [] }, suspended: false };
    const early = new Date('2026-03-02T00:00:00Z');
    const milestone = planTimers({ ...due, kind: 'milestone' }, 'Asia/Shanghai', WEEKENDS_ONLY, early, rules);
    // Monday + 2 working days: Wednesday; 2 s before the due time
    expect(milestone.map((t) => [t.kind, t.label, t.fireAt])).toEqual([
      ['auto_order', 'o-red-late-2wd', '2026-03-04T00:00:03.000Z'],
      ['auto_order', 'o-blue-soon-PT2S', '2026-03-02T00:00:01.000Z'],
    ]);
    // a part is not watched by the blue rule; past its time, a blue order is not issued late, a red one is at once
    const part = planTimers({ ...due, kind: 'part' }, 'Asia/Shanghai', WEEKENDS_ONLY, early, rules);
    expect(part.map((t) => t.label)).toEqual(['o-red-late-2wd']);
    const late = planTimers({ ...due, kind: 'milestone' }, 'Asia/Shanghai', WEEKENDS_ONLY, new Date('2026-03-09T00:00:00Z'), rules);
    expect(late.map((t) => t.label)).toEqual(['o-red-late-2wd']);
    // orders and urge notices are never watched
    expect(planTimers({ ...due, kind: 'order' }, 'Asia/Shanghai', WEEKENDS_ONLY, early, rules)).toEqual([]);
    // the label says all the timer needs to issue it
    expect(autoOrderOfLabel('o-red-late-2wd')).toEqual({ colour: 'red', overdueBy: { workingDays: 2 } });
    expect(autoOrderOfLabel('o-blue-soon-PT2S')).toEqual({ colour: 'blue', dueWithin: 'PT2S' });
    expect(autoOrderOfLabel('e1')).toBeNull();
    expect(autoOrderRequirement(rules[0], { zh: '出台实施细则' })).toBe(
      '「出台实施细则」已逾期超过2个工作日，请立即采取措施抓紧落实，并在督办期限内报告进展和整改情况。（按督办规则自动签发）',
    );
    expect(autoOrderRequirement({ colour: 'yellow', overdueBy: 'PT0S' }, { en: 'Draft rules' })).toMatch(/^「Draft rules」已逾期，/);
    expect(autoOrderRequirement(rules[1], { zh: '出台实施细则' })).toMatch(/^「出台实施细则」将在2秒内到期/);
  });
});

describe(recipientsOf.name, () => {
  it('resolves each escalation target to a recipient reference', () => {
    const d = { responsible: { kind: 'user' as const, userId: 'u1' }, unitId: UNITS.stic };
    expect(
      recipientsOf({ notify: ['responsible_manager', 'leading_unit_head', 'reform_office', 'leading_group'] }, d, {
        reformOfficeUnitId: UNITS.office,
        leadingGroupUnitId: UNITS.group,
      }),
    ).toEqual([
      { kind: 'user', userId: 'u1' },
      { kind: 'unit_head', unitId: UNITS.stic },
      { kind: 'unit_role', unitId: UNITS.office, role: 'reform_office' },
      { kind: 'unit', unitId: UNITS.group },
    ]);
  });
});
