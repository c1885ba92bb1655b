/// <reference types="jest" />
import { deputyCandidates, deputyState, effectiveEnd, sortPeriods } from './deputyPeriods';

const now = new Date('2026-12-03T12:00:00Z');
const period = (startsAt: string, endsAt: string, endedAt: string | null = null, id = startsAt) => ({ id, startsAt, endsAt, endedAt });

describe('deputyState', () => {
  it('is planned before the start, in force from it, ended at its end', () => {
    expect(deputyState(period('2026-12-04T00:00:00Z', '2026-12-05T00:00:00Z'), now)).toBe('planned');
    expect(deputyState(period('2026-12-03T12:00:00Z', '2026-12-05T00:00:00Z'), now)).toBe('in_force');
    expect(deputyState(period('2026-12-01T00:00:00Z', '2026-12-03T12:00:00Z'), now)).toBe('ended');
  });

  it('is ended once ended early, and an end after the planned one changes nothing', () => {
    expect(deputyState(period('2026-12-01T00:00:00Z', '2026-12-05T00:00:00Z', '2026-12-02T00:00:00Z'), now)).toBe('ended');
    const late = period('2026-12-01T00:00:00Z', '2026-12-02T00:00:00Z', '2026-12-04T00:00:00Z');
    expect(effectiveEnd(late)).toBe('2026-12-02T00:00:00Z');
    expect(deputyState(late, now)).toBe('ended');
  });
});

describe('sortPeriods', () => {
  it('lists in force first, then planned by start, then ended with the latest first', () => {
    const ended1 = period('2026-11-01T00:00:00Z', '2026-11-02T00:00:00Z');
    const ended2 = period('2026-11-10T00:00:00Z', '2026-11-12T00:00:00Z');
    const planned1 = period('2026-12-10T00:00:00Z', '2026-12-12T00:00:00Z');
    const planned2 = period('2026-12-05T00:00:00Z', '2026-12-06T00:00:00Z');
    const live = period('2026-12-03T00:00:00Z', '2026-12-04T00:00:00Z');
    expect(sortPeriods([ended1, planned1, live, ended2, planned2], now).map((p) => p.id)).toEqual([
      live.id,
      planned2.id,
      planned1.id,
      ended2.id,
      ended1.id,
    ]);
  });
});

describe('deputyCandidates', () => {
  const approver = { id: 'a', unitId: 'u1', roles: ['approver'] };
  it('offers people of the same unit who hold every deputised role of the person away, never themselves', () => {
    const people = [
      approver,
      { id: 'b', unitId: 'u1', roles: ['approver', 'evaluator'] },
      { id: 'c', unitId: 'u1', roles: ['manager'] },
      { id: 'd', unitId: 'u2', roles: ['approver'] },
    ];
    expect(deputyCandidates(approver, people).map((p) => p.id)).toEqual(['b']);
  });

  it('does not ask a deputy for the admin role, which is no one’s tasks', () => {
    const adminManager = { id: 'a', unitId: 'u1', roles: ['admin', 'manager'] };
    expect(deputyCandidates(adminManager, [adminManager, { id: 'b', unitId: 'u1', roles: ['manager'] }]).map((p) => p.id)).toEqual(['b']);
  });
});
