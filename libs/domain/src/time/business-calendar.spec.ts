import { type BusinessCalendar, WEEKENDS_ONLY, addWorkingDays, applyDuration, isWorkingDay } from './business-calendar.js';
import { wallClockAt } from './duration.js';

/** The 2026 Spring Festival as the State Council General Office set it: 2月15日–23日 off, 2月14日 and 2月28日 (Saturdays) working. */
const SPRING_2026: BusinessCalendar = {
  years: new Set([2026]),
  holidays: new Map(
    ['2026-02-15', '2026-02-16', '2026-02-17', '2026-02-18', '2026-02-19', '2026-02-20', '2026-02-21', '2026-02-22', '2026-02-23'].map(
      (d) => [d, { zh: '春节' }],
    ),
  ),
  adjustedWorkingDays: new Map([
    ['2026-02-14', { zh: '春节调休上班' }],
    ['2026-02-28', { zh: '春节调休上班' }],
  ]),
};

const tz = 'Asia/Shanghai';
const at = (local: string) => new Date(`${local}+08:00`);
const localDate = (d: Date) => {
  const w = wallClockAt(d, tz);
  return `${w.year}-${String(w.month).padStart(2, '0')}-${String(w.day).padStart(2, '0')} ${String(w.hour).padStart(2, '0')}:${String(w.minute).padStart(2, '0')}`;
};

describe(addWorkingDays.name, () => {
  it('counts the adjusted Saturday before the Spring Festival as a working day', () => {
    expect(isWorkingDay(SPRING_2026, '2026-02-14')).toBe(true);
    expect(localDate(addWorkingDays(at('2026-02-13T09:00:00'), 1, tz, SPRING_2026))).toBe('2026-02-14 09:00');
  });

  it('skips the whole holiday: two working days from Friday 13 February is Tuesday 24 February', () => {
    expect(localDate(addWorkingDays(at('2026-02-13T09:00:00'), 2, tz, SPRING_2026))).toBe('2026-02-24 09:00');
  });

  it('counts the adjusted Saturday after the holiday: five working days from 24 February is 28 February', () => {
    // 25, 26, 27 (Wed–Fri), 28 (Sat, adjusted) → the 4th; the 5th is Monday 2 March
    expect(localDate(addWorkingDays(at('2026-02-24T10:30:00'), 4, tz, SPRING_2026))).toBe('2026-02-28 10:30');
    expect(localDate(addWorkingDays(at('2026-02-24T10:30:00'), 5, tz, SPRING_2026))).toBe('2026-03-02 10:30');
  });

  it('goes backwards for reminders: one working day before Tuesday 24 February is the adjusted Saturday 14 February', () => {
    expect(localDate(addWorkingDays(at('2026-02-24T09:00:00'), 1, tz, SPRING_2026, -1))).toBe('2026-02-14 09:00');
  });

  it('knows nothing but weekends for years it has no data for', () => {
    expect(localDate(addWorkingDays(at('2027-02-12T09:00:00'), 1, tz, SPRING_2026))).toBe('2027-02-15 09:00');
    expect(isWorkingDay(WEEKENDS_ONLY, '2026-02-16')).toBe(true);
  });

  it('takes ISO durations and working-day counts through one function', () => {
    const start = at('2026-02-13T09:00:00');
    expect(localDate(applyDuration(start, 'P2D', tz, SPRING_2026))).toBe('2026-02-15 09:00');
    expect(localDate(applyDuration(start, { workingDays: 2 }, tz, SPRING_2026))).toBe('2026-02-24 09:00');
  });
});
