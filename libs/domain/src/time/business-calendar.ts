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

const yearIn = (instant: Date, timeZone: string): number => wallClockAt(instant, timeZone).year;

/**
 * A working-day count that walks through a year the calendar has no holiday data for is
 * counted on weekends alone there: the result is provisional until that year's holiday
 * arrangement (节假日安排) is published and added. ISO durations never are.
 */
export function isProvisional(start: Date, spec: DurationSpec, timeZone: string, calendar: BusinessCalendar, sign: 1 | -1 = 1): boolean {
  if (typeof spec === 'string' || spec.workingDays === 0) return false;
  const end = addWorkingDays(start, spec.workingDays, timeZone, calendar, sign);
  const [a, b] = [yearIn(start, timeZone), yearIn(end, timeZone)].sort((x, y) => x - y);
  for (let y = a; y <= b; y += 1) if (!calendar.years.has(y)) return true;
  return false;
}

/** What the calendar data says about the coming year, at `now`. */
export interface CalendarOutlook {
  status: 'ok' | 'warning';
  /** The years the data covers, ascending. */
  years: number[];
  currentYear: number;
  nextYear: number;
  /** Of the current and next year, those without data. */
  missing: number[];
  message: string | null;
}

/**
 * From October (the State Council usually publishes the next year's arrangement in
 * October or November) a missing next year is a warning, as is a missing current year
 * at any time: working-day deadlines there are counted on weekends alone.
 */
export function calendarOutlook(calendar: BusinessCalendar, now: Date, timeZone: string): CalendarOutlook {
  const wall = wallClockAt(now, timeZone);
  const currentYear = wall.year;
  const nextYear = currentYear + 1;
  const missing = [currentYear, ...(wall.month >= 10 ? [nextYear] : [])].filter((y) => !calendar.years.has(y));
  return {
    status: missing.length ? 'warning' : 'ok',
    years: [...calendar.years].sort((a, b) => a - b),
    currentYear,
    nextYear,
    missing,
    message: missing.length
      ? `no holiday data for ${missing.join(', ')}: add config/calendars/cn-${missing[0]}.yaml from the State Council's notice; working-day deadlines there are counted on weekends alone (provisional) until then`
      : null,
  };
}
