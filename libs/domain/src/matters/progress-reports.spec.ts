import { closingOf, deadlinesOf } from '../deadlines/deadlines.js';
import { DEFINITION_BODY, context } from '../testing/fixtures.js';
import { World } from '../testing/world.js';
import { availableActions } from './actions.js';
import { decide } from './decide.js';
import { assessDelivery } from './delivery-status.js';
import type { MatterEvent } from './events.js';
import { evolve, evolveAll } from './evolve.js';
import type { Matter } from './matter.js';
import { currentReportPeriod, reportCadence } from './reporting.js';
import { ACTORS } from '../testing/fixtures.js';

const DAY = 86_400_000;
const calendar = context('office', new Date()).calendar;

/** A matter in implementation with no numeric target, as 89 of the 91 seeded matters are. */
function implementing(overrides: ConstructorParameters<typeof World>[1] = {}): World {
  const w = new World(new Date('2026-01-05T01:00:00Z'), { targets: [], ...overrides });
  w.approveAll();
  w.do('sticManager', { type: 'start_implementation' });
  return w;
}

const progressDeadline = (m: Matter) => deadlinesOf(m, DEFINITION_BODY, calendar).find((d) => d.kind === 'progress_report');

const report = {
  type: 'file_progress_report',
  done: '印发实施方案，完成首批企业申报受理',
  problems: '申报材料要求不一',
  nextSteps: '统一申报清单',
} as const;

describe('narrative progress reports', () => {
  it('opens the first reporting period when implementation starts, due a month later for a medium-risk matter', () => {
    const w = implementing();
    expect(w.matter.reportPeriod).toEqual({ number: 1, startsAt: '2026-01-05T01:00:00.000Z', dueAt: '2026-02-05T01:00:00.000Z' });
    expect(progressDeadline(w.matter)).toMatchObject({
      key: 'progress:2026-01-05T01:00:00.000Z',
      dueAt: '2026-02-05T01:00:00.000Z',
      title: { zh: '报送第1期进展报告' },
    });
  });

  it('lets a matter with no numeric target file a narrative report that meets its period and opens the next one', () => {
    const w = implementing();
    w.advance(20 * DAY);
    const before = w.matter;
    const [e] = w.do('sticManager', { ...report, evidenceLinks: ['https://fgw.sz.gov.cn/notice/2026-01'] });
    expect(e).toMatchObject({
      type: 'progress.report_filed',
      report: {
        period: { number: 1, dueAt: '2026-02-05T01:00:00.000Z' },
        done: report.done,
        problems: report.problems,
        nextSteps: report.nextSteps,
        evidenceLinks: ['https://fgw.sz.gov.cn/notice/2026-01'],
        values: [],
        late: false,
      },
      readings: [],
      nextPeriod: { number: 2, startsAt: '2026-02-05T01:00:00.000Z', dueAt: '2026-03-05T01:00:00.000Z' },
    });
    // the period's deadline went as met; the next period's is due a month after the first was
    expect(closingOf(progressDeadline(before)!.key, w.matter)).toBe('met');
    expect(progressDeadline(w.matter)).toMatchObject({ dueAt: '2026-03-05T01:00:00.000Z', title: { en: 'File progress report 2' } });
    expect(w.matter.progressReports).toHaveLength(1);
  });

  it('keeps a matter with no numeric target on track while it reports, and never judges it on a reading it cannot have', () => {
    const w = implementing();
    for (let i = 0; i < 3; i++) {
      w.advance(25 * DAY);
      w.do('sticManager', report);
      const deadlines = deadlinesOf(w.matter, DEFINITION_BODY, calendar);
      expect(assessDelivery(w.matter, deadlines, DEFINITION_BODY, calendar, w.now)).toEqual({ status: 'on_track', reasons: [] });
    }
    expect(w.matter.progressReports.map((r) => r.period?.number)).toEqual([1, 2, 3]);
  });

  it('records a report filed after its period was due as late, and the missed period as overdue until then', () => {
    const w = implementing();
    w.advance(40 * DAY); // the first period was due on day 31
    const deadlines = deadlinesOf(w.matter, DEFINITION_BODY, calendar);
    expect(assessDelivery(w.matter, deadlines, DEFINITION_BODY, calendar, w.now).reasons).toContainEqual(
      expect.objectContaining({ rule: 'overdueBy', subject: expect.objectContaining({ key: progressDeadline(w.matter)!.key }) }),
    );
    const [e] = w.do('sticManager', report);
    expect(e).toMatchObject({ report: { late: true, period: { number: 1 } } });
    // the next period runs on from the missed due time, not from the late filing
    expect(w.matter.reportPeriod).toMatchObject({ number: 2, startsAt: '2026-02-05T01:00:00.000Z' });
  });

  it('refuses a second report before the next period opens, and does not offer it', () => {
    const w = implementing();
    w.advance(3 * DAY);
    w.do('sticManager', report);
    expect(w.refuse('sticManager', report)).toMatchObject({ code: 'progress_report.period_not_started', kind: 'conflict' });
    const { actions, blocked } = availableActions(ACTORS.sticManager, w.matter, DEFINITION_BODY, w.now);
    expect(actions.map((a) => a.type)).not.toContain('file_progress_report');
    expect(blocked).toContainEqual(expect.objectContaining({ type: 'file_progress_report', code: 'progress_report.period_not_started' }));
    w.now = new Date(w.matter.reportPeriod!.startsAt);
    w.advance(1);
    expect(w.do('sticManager', report)[0]).toMatchObject({ report: { period: { number: 2 }, late: false } });
  });

  it('takes optional values for numeric targets as readings that feed the trajectory', () => {
    const w = implementing({
      targets: [{ indicator: { zh: '新型研发机构' }, baseline: 0, targetValue: 10, unit: '家', byDate: '2026-12-31' }],
    });
    w.advance(10 * DAY);
    const targetId = w.matter.targets[0].id;
    const [e] = w.do('sticManager', { ...report, values: [{ targetId, value: 3 }] });
    expect(e).toMatchObject({ readings: [{ targetId, value: 3, asOf: '2026-01-15' }] });
    expect(w.matter.progress).toEqual([expect.objectContaining({ targetId, value: 3 })]);
    expect(w.matter.progressReports[0].values).toEqual([{ targetId, value: 3 }]);
  });

  it('names the field of what it refuses', () => {
    const w = implementing();
    expect(w.refuse('sticManager', { ...report, done: '  ' })).toMatchObject({ code: 'text.required', field: 'done' });
    expect(w.refuse('sticManager', { ...report, evidenceLinks: ['ftp://x'] })).toMatchObject({
      code: 'url.invalid',
      field: 'evidenceLinks[0]',
    });
    expect(w.refuse('sticManager', { ...report, values: [{ targetId: 'nope', value: 1 }] })).toMatchObject({
      code: 'progress.unknown_target',
      field: 'values[0].targetId',
    });
    expect(w.refuse('commerceManager', report)).toMatchObject({ kind: 'forbidden' });
  });

  it('is refused before implementation', () => {
    const w = new World();
    expect(w.refuse('office', report)).toMatchObject({ code: 'stage.action_not_allowed' });
  });

  it('replays old progress.reported events, and derives a period for matters started before periods were recorded', () => {
    const w = implementing({
      targets: [{ indicator: { en: 'Institutes' }, baseline: 0, targetValue: 10, unit: '家', byDate: '2026-12-31' }],
    });
    // the trail as it was written before: implementation_started without a period, a reading on its own
    const legacy: MatterEvent[] = w.log.map((e) => {
      if (e.type !== 'matter.implementation_started') return e;
      const { reportPeriod: _dropped, ...old } = e;
      return old;
    });
    const reading: MatterEvent = {
      type: 'progress.reported',
      at: '2026-01-20T01:00:00.000Z',
      actorId: ACTORS.sticManager.userId,
      entry: {
        id: 'p-1',
        targetId: w.matter.targets[0].id,
        value: 2,
        asOf: '2026-01-20',
        note: null,
        reportedBy: ACTORS.sticManager.userId,
        reportedAt: '2026-01-20T01:00:00.000Z',
      },
    };
    const m = evolveAll(null, [...legacy, reading]);
    expect(m).toMatchObject({ reportPeriod: null, progressReports: [], progress: [expect.objectContaining({ id: 'p-1' })] });
    // as before: the report is due a period after the last reading
    expect(currentReportPeriod(m, DEFINITION_BODY, calendar)).toMatchObject({
      startsAt: '2026-01-20T01:00:00.000Z',
      dueAt: '2026-02-20T01:00:00.000Z',
    });
    const key = progressDeadline(m)!.key;
    const events = decide(m, report, context('sticManager', new Date('2026-02-01T01:00:00Z')));
    const after = evolveAll(m, events);
    expect(closingOf(key, after)).toBe('met');
    expect(after.reportPeriod).toMatchObject({ startsAt: '2026-02-20T01:00:00.000Z' });
  });
});

describe('report cadence', () => {
  it('comes from the definition and is shorter for high and critical matters', () => {
    expect(reportCadence(DEFINITION_BODY.progressReports, 'low')).toBe('P1M');
    expect(reportCadence(DEFINITION_BODY.progressReports, 'medium')).toBe('P1M');
    expect(reportCadence(DEFINITION_BODY.progressReports, 'high')).toBe('P14D');
    expect(reportCadence(DEFINITION_BODY.progressReports, 'critical')).toBe('P7D');
    expect(reportCadence({ ...DEFINITION_BODY.progressReports, byRisk: undefined }, 'critical')).toBe('P1M');
    expect(reportCadence({ ...DEFINITION_BODY.progressReports, every: null }, 'critical')).toBeNull();
  });

  it('opens no period, and asks for no report, when the definition has no cadence', () => {
    const w = new World(new Date('2026-01-05T01:00:00Z'), { targets: [] }, 'office', {
      definition: {
        id: 'd',
        name: 'none',
        version: 1,
        body: { ...DEFINITION_BODY, progressReports: { ...DEFINITION_BODY.progressReports, every: null } },
      },
    });
    w.approveAll();
    w.do('sticManager', { type: 'start_implementation' });
    expect(w.matter.reportPeriod).toBeNull();
    expect(w.do('sticManager', report)[0]).toMatchObject({ report: { period: null, late: false }, nextPeriod: null });
  });
});

describe('risk register after approval', () => {
  it('records a new level and a new risk, audited with what changed', () => {
    const w = implementing();
    const kept = w.matter.risks[0];
    const [e] = w.do('sticManager', {
      type: 'update_risks',
      riskLevel: 'high',
      risks: [
        { ...kept, mitigation: 'Caps per grade, reviewed quarterly' },
        { description: '企业数据出境合规风险', likelihood: 'medium', impact: 'high', mitigation: '数据出境安全评估' },
      ],
      note: '试点范围扩大',
    });
    expect(e).toMatchObject({
      type: 'risk.register_updated',
      riskLevel: 'high',
      previousRiskLevel: 'medium',
      changed: [kept.id],
      removed: [],
      note: '试点范围扩大',
    });
    if (e.type !== 'risk.register_updated') throw new Error('unexpected event');
    expect(e.added).toHaveLength(1);
    expect(w.matter.riskLevel).toBe('high');
    expect(w.matter.risks.map((r) => r.description)).toEqual(['Salary disparity', '企业数据出境合规风险']);
    expect(evolveAll(null, w.log)).toEqual(w.matter);
  });

  it('tightens the report cadence from the next period, leaving the current one as it was', () => {
    const w = implementing();
    w.advance(5 * DAY);
    w.do('office', { type: 'update_risks', riskLevel: 'critical' });
    // period 1 keeps its month
    expect(w.matter.reportPeriod).toMatchObject({ number: 1, dueAt: '2026-02-05T01:00:00.000Z' });
    w.advance(20 * DAY);
    w.do('sticManager', report);
    // period 2 is a critical matter's week
    expect(w.matter.reportPeriod).toEqual({ number: 2, startsAt: '2026-02-05T01:00:00.000Z', dueAt: '2026-02-12T01:00:00.000Z' });
  });

  it('refuses an update that changes nothing, and one before approval', () => {
    const w = implementing();
    expect(w.refuse('sticManager', { type: 'update_risks', riskLevel: 'medium' })).toMatchObject({
      code: 'risks.unchanged',
      field: 'riskLevel',
    });
    expect(w.refuse('sticManager', { type: 'update_risks' })).toMatchObject({ code: 'edit.empty' });
    expect(w.refuse('commerceManager', { type: 'update_risks', riskLevel: 'high' })).toMatchObject({ kind: 'forbidden' });
    const draft = new World();
    expect(draft.refuse('office', { type: 'update_risks', riskLevel: 'high' })).toMatchObject({ code: 'stage.action_not_allowed' });
  });

  it('is offered to the people who drive the matter once it is approved', () => {
    const w = implementing();
    const types = (who: keyof typeof ACTORS) => availableActions(ACTORS[who], w.matter, DEFINITION_BODY, w.now).actions.map((a) => a.type);
    expect(types('sticManager')).toEqual(expect.arrayContaining(['file_progress_report', 'update_risks']));
    expect(types('office')).toEqual(expect.arrayContaining(['file_progress_report', 'update_risks']));
    expect(types('justiceEvaluator')).not.toContain('update_risks');
    expect(evolve(w.matter, decide(w.matter, { type: 'update_risks', riskLevel: 'low' }, w.ctx('office'))[0]).riskLevel).toBe('low');
  });
});
