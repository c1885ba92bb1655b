import { daysOverdue } from './days-overdue.js';

describe(daysOverdue.name, () => {
  const due = Date.parse('2026-12-01T10:00:00+08:00');
  const at = (iso: string) => Date.parse(iso);

  it('is 0 until the deadline has passed', () => {
    expect(daysOverdue(due, due)).toBe(0);
    expect(daysOverdue(due, at('2026-11-30T10:00:00+08:00'))).toBe(0);
  });

  it('counts whole days late: an hour is 0, a day is 1, four days and two hours is 4', () => {
    expect(daysOverdue(due, at('2026-12-01T11:00:00+08:00'))).toBe(0);
    expect(daysOverdue(due, at('2026-12-02T10:00:00+08:00'))).toBe(1);
    expect(daysOverdue(new Date(due), new Date(at('2026-12-05T12:00:00+08:00')))).toBe(4);
  });
});
