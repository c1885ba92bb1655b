import { type DeputyPeriod, type DeputyPerson, authorizeNamingDeputy, checkDeputyPeriod, inForce } from './deputies.js';

const person = (id: string, unitId = 'stic', roles: DeputyPerson['roles'] = ['approver']): DeputyPerson => ({
  id,
  unitId,
  roles,
  active: true,
});
const NOW = new Date('2026-12-01T00:00:00Z');
const period = (over: Partial<DeputyPeriod> = {}): DeputyPeriod => ({
  id: 'p',
  userId: 'away',
  deputyId: 'deputy',
  startsAt: '2026-12-02T00:00:00Z',
  endsAt: '2026-12-10T00:00:00Z',
  reason: '休假',
  keepCopy: true,
  createdBy: 'away',
  createdAt: '2026-11-30T00:00:00Z',
  endedAt: null,
  ...over,
});
const ask = { userId: 'away', deputyId: 'deputy', startsAt: '2026-12-02T00:00:00Z', endsAt: '2026-12-10T00:00:00Z', reason: '休假' };
const check = (over: Partial<typeof ask> = {}, ctx: Partial<Parameters<typeof checkDeputyPeriod>[1]> = {}) =>
  checkDeputyPeriod({ ...ask, ...over }, { absent: person('away'), deputy: person('deputy'), periods: [], now: NOW, ...ctx });

describe(checkDeputyPeriod.name, () => {
  it('accepts a deputy of the same unit holding the same roles', () => {
    expect(check()).toBeNull();
    // more roles than the person away is fine
    expect(check({}, { deputy: person('deputy', 'stic', ['approver', 'manager']) })).toBeNull();
  });

  it.each([
    ['an unknown deputy', {}, { deputy: undefined }, 'deputyId', 'user.unknown'],
    ['oneself', { deputyId: 'away' }, { deputy: person('away') }, 'deputyId', 'deputy.self'],
    ['a deputy of another unit', {}, { deputy: person('deputy', 'commerce') }, 'deputyId', 'deputy.other_unit'],
    ['a deputy without the role', {}, { deputy: person('deputy', 'stic', ['manager']) }, 'deputyId', 'deputy.other_role'],
    ['a period ending before it starts', { endsAt: '2026-12-01T12:00:00Z' }, {}, 'endsAt', 'period.ends_before_start'],
    ['a period already over', { startsAt: '2026-11-01T00:00:00Z', endsAt: '2026-11-20T00:00:00Z' }, {}, 'endsAt', 'period.in_past'],
    [
      'an overlapping period of the same person',
      {},
      { periods: [period({ deputyId: 'other', startsAt: '2026-12-09T00:00:00Z', endsAt: '2026-12-20T00:00:00Z' })] },
      'startsAt',
      'period.overlaps',
    ],
    ['a deputy who is away then', {}, { periods: [period({ userId: 'deputy', deputyId: 'third' })] }, 'deputyId', 'deputy.away'],
    [
      'a person who deputises for someone then',
      {},
      { periods: [period({ userId: 'third', deputyId: 'away' })] },
      'startsAt',
      'deputy.chain',
    ],
  ])('refuses %s', (_what, over, ctx, field, code) => {
    expect(check(over, ctx)).toMatchObject({ kind: 'unprocessable', field, code });
  });

  it('ignores periods that do not overlap, or were ended before this one starts', () => {
    expect(check({}, { periods: [period({ startsAt: '2026-12-10T00:00:00Z', endsAt: '2026-12-12T00:00:00Z' })] })).toBeNull();
    expect(check({}, { periods: [period({ startsAt: '2026-11-25T00:00:00Z', endedAt: '2026-12-01T00:00:00Z' })] })).toBeNull();
  });
});

describe(inForce.name, () => {
  it('holds from the start until the end, or until it was ended', () => {
    const p = period();
    expect(inForce(p, new Date('2026-12-01T23:59:59Z'))).toBe(false);
    expect(inForce(p, new Date('2026-12-02T00:00:00Z'))).toBe(true);
    expect(inForce(p, new Date('2026-12-10T00:00:00Z'))).toBe(false);
    expect(inForce({ ...p, endedAt: '2026-12-05T00:00:00Z' }, new Date('2026-12-06T00:00:00Z'))).toBe(false);
  });
});

describe(authorizeNamingDeputy.name, () => {
  it('lets the person, an admin or the reform office name a deputy, and no one else', () => {
    expect(() => authorizeNamingDeputy({ userId: 'away', unitId: 'stic', roles: ['approver'] }, 'away')).not.toThrow();
    expect(() => authorizeNamingDeputy({ userId: 'o', unitId: 'office', roles: ['reform_office'] }, 'away')).not.toThrow();
    expect(() => authorizeNamingDeputy({ userId: 'x', unitId: 'stic', roles: ['manager'] }, 'away')).toThrow(/only the person/);
  });
});
