import { ACTORS, evaluationOf } from '../testing/fixtures.js';
import { World } from '../testing/world.js';
import { evolve } from './evolve.js';
import { decideFaultTolerance, faultToleranceApplies, isExempted } from './fault-tolerance.js';

const GUIDELINE = '《广东省高等院校和科研机构科技成果转化尽职免责指引》（004 所引）';
const input = { exempted: true, reason: '已按方案尽职推进，未达预期系客观原因', basis: GUIDELINE };
const now = new Date('2026-06-01T02:00:00Z');

function terminated(): World {
  const w = new World();
  w.approveAll();
  w.do('sticManager', { type: 'start_implementation' });
  w.do('office', { type: 'terminate', reason: '国家政策调整，试点不再具备条件' });
  return w;
}

function closedIneffective(): World {
  const w = new World();
  w.approveAll();
  w.do('sticManager', { type: 'start_implementation' });
  w.do('office', { type: 'request_evaluation' });
  w.do('office', { type: 'assign_evaluator', evaluatorId: ACTORS.justiceEvaluator.userId });
  w.do('justiceEvaluator', evaluationOf(w.matter, 'ineffective'));
  return w;
}

describe(decideFaultTolerance.name, () => {
  it('records the reform office finding on a terminated matter: exempted, with reason and basis, who and when', () => {
    const w = terminated();
    const e = decideFaultTolerance(w.matter, input, ACTORS.office, now);
    expect(e).toMatchObject({
      type: 'fault_tolerance.recorded',
      actorId: ACTORS.office.userId,
      finding: { ...input, recordedBy: ACTORS.office.userId, recordedAt: now.toISOString() },
      previous: null,
    });
    const after = evolve(w.matter, e);
    expect(isExempted(after)).toBe(true);
    expect(after.version).toBe(w.matter.version + 1);
  });

  it('applies to a matter closed as ineffective, and a later finding replaces the earlier one (纠错), keeping it in the event', () => {
    const w = closedIneffective();
    expect(faultToleranceApplies(w.matter)).toBe(true);
    const first = evolve(w.matter, decideFaultTolerance(w.matter, input, ACTORS.office, now));
    const second = decideFaultTolerance(first, { ...input, exempted: false, reason: '未履行尽职程序' }, ACTORS.office, now);
    expect(second).toMatchObject({ previous: { exempted: true }, finding: { exempted: false } });
    expect(isExempted(evolve(first, second))).toBe(false);
  });

  it('is the reform office alone (403), only on a matter closed ineffective or terminated (409), with reason and basis named (400)', () => {
    const w = terminated();
    expect(() => decideFaultTolerance(w.matter, input, ACTORS.sticManager, now)).toThrow(expect.objectContaining({ kind: 'forbidden' }));
    const open = new World();
    open.approveAll();
    expect(() => decideFaultTolerance(open.matter, input, ACTORS.office, now)).toThrow(
      expect.objectContaining({ kind: 'conflict', code: 'fault_tolerance.not_applicable' }),
    );
    expect(() => decideFaultTolerance(w.matter, { ...input, reason: '  ' }, ACTORS.office, now)).toThrow(
      expect.objectContaining({ kind: 'invalid', field: 'reason' }),
    );
    expect(() => decideFaultTolerance(w.matter, { ...input, basis: '' }, ACTORS.office, now)).toThrow(
      expect.objectContaining({ kind: 'invalid', field: 'basis' }),
    );
  });
});
