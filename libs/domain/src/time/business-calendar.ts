import type { LocalDate } from '../common/ids.js';
import type { LocalizedText } from '../common/localized-text.js';
import { type IsoDuration, addDuration, instantOfWallClock, parseDuration, wallClockAt } from './duration.js';

/**
 * Which days are working days: Monday to Friday, except public holidays, plus the
 * weekend days declared working days (调休) — as the State Council General Office
 * publishes each year. Outside the years it knows, only weekends are days off.
 */
export interface BusinessCalendar {
  years: ReadonlySet<number>;
  holidays: ReadonlyMap<LocalDate, LocalizedText>;
  adjustedWorkingDays: ReadonlyMap<LocalDate, LocalizedText>;
}

export const WEEKENDS_ONLY: BusinessCalendar = { years: new Set(), holidays: new Map(), adjustedWorkingDays: new Map() };

export function isWorkingDay(calendar: BusinessCalendar, date: LocalDate): boolean {
  if (calendar.adjustedWorkingDays.has(date)) return true;
  if (calendar.holidays.has(date)) return false;
  const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
  return weekday !== 0 && weekday !== 6;
}

export const calendarCovers = (calendar: BusinessCalendar, date: LocalDate): boolean => calendar.years.has(Number(date.slice(0, 4)));

const shiftDate = (date: LocalDate, days: number): LocalDate =>
  new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

/**
 * Moves `n` working days forward (sign 1) or back (sign -1), keeping the wall-clock
 * time in `timeZone`: from Friday 09:00 before a holiday week, one working day is
 * the first working day after it, at 09:00.
 */
export function addWorkingDays(instant: Date, n: number, timeZone: string, calendar: BusinessCalendar, sign: 1 | -1 = 1): Date {
  if (n === 0) return instant;
  const wall = wallClockAt(instant, timeZone);
  let date = `${wall.year}-${String(wall.month).padStart(2, '0')}-${String(wall.day).padStart(2, '0')}`;
  let left = n;
  while (left > 0) {
    date = shiftDate(date, sign);
    if (isWorkingDay(calendar, date)) left -= 1;
  }
  const [year, month, day] = date.split('-').map(Number);
  return instantOfWallClock({ ...wall, year, month, day }, timeZone);
}

/** A duration as definitions write it: ISO-8601 (`P30D`, `PT5S`), or a count of working days. */
export type DurationSpec = string | { workingDays: number };

export const describeDuration = (spec: DurationSpec): string => (typeof spec === 'string' ? spec : `${spec.workingDays} working days`);

/** Adds (or with sign -1 subtracts) a duration spec, counting working days on the calendar. */
export function applyDuration(instant: Date, spec: DurationSpec, timeZone: string, calendar: BusinessCalendar, sign: 1 | -1 = 1): Date {
  if (typeof spec === 'string') return addDuration(instant, parseDuration(spec), timeZone, sign);
  return addWorkingDays(instant, spec.workingDays, timeZone, calendar, sign);
}

export type { IsoDuration };
