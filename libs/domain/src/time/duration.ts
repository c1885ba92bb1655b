/**
 * ISO-8601 durations (`P30D`, `PT5S`, `P1Y2M`, `P2W`) and zone-aware arithmetic.
 *
 * Calendar parts (years, months, weeks, days) move the wall clock in the given time
 * zone, so `P1D` from 09:00 is 09:00 the next day; clock parts (hours, minutes,
 * seconds) are exact elapsed time. This is the rule of RFC 5545 and of Temporal's
 * ZonedDateTime.add, and is what a clerk means by "due in 30 days".
 */
export interface IsoDuration {
  readonly years: number;
  readonly months: number;
  readonly weeks: number;
  readonly days: number;
  readonly hours: number;
  readonly minutes: number;
  readonly seconds: number;
}

export class DurationError extends Error {
  constructor(
    readonly input: string,
    readonly rule: string,
  ) {
    super(`"${input}" is not an ISO-8601 duration (${rule}); examples: P30D, P2W, PT12H, PT5S`);
    this.name = 'DurationError';
  }
}

/** No workflow needs more; the bound keeps every computed due time a valid date. */
const MAX_DAYS = 100 * 366;

const PATTERN = /^P(?!$)(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?(?:T(?=\d)(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:[.,]\d{1,3})?)S)?)?$/;

export function parseDuration(input: string): IsoDuration {
  if (typeof input !== 'string') throw new DurationError(String(input), 'must be a string');
  if (input.length > 64) throw new DurationError(input.slice(0, 64), 'longer than 64 characters');
  const m = PATTERN.exec(input);
  if (!m) throw new DurationError(input, 'expected P[nY][nM][nW][nD][T[nH][nM][nS]]');
  const n = (s: string | undefined): number => (s === undefined ? 0 : Number(s.replace(',', '.')));
  const d: IsoDuration = {
    years: n(m[1]),
    months: n(m[2]),
    weeks: n(m[3]),
    days: n(m[4]),
    hours: n(m[5]),
    minutes: n(m[6]),
    seconds: n(m[7]),
  };
  const approxDays = d.years * 366 + d.months * 31 + d.weeks * 7 + d.days + (d.hours + (d.minutes + d.seconds / 60) / 60) / 24;
  if (approxDays > MAX_DAYS) throw new DurationError(input, 'longer than 100 years');
  return d;
}

export function isDuration(input: string): boolean {
  try {
    parseDuration(input);
    return true;
  } catch {
    return false;
  }
}

export function formatDuration(d: IsoDuration): string {
  const date = `${d.years ? `${d.years}Y` : ''}${d.months ? `${d.months}M` : ''}${d.weeks ? `${d.weeks}W` : ''}${d.days ? `${d.days}D` : ''}`;
  const time = `${d.hours ? `${d.hours}H` : ''}${d.minutes ? `${d.minutes}M` : ''}${d.seconds ? `${d.seconds}S` : ''}`;
  if (!date && !time) return 'PT0S';
  return `P${date}${time ? `T${time}` : ''}`;
}

export const isZeroDuration = (d: IsoDuration): boolean => Object.values(d).every((v) => v === 0);

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

export function isTimeZone(timeZone: string): boolean {
  try {
    formatterFor(timeZone);
    return true;
  } catch {
    return false;
  }
}

export interface WallClock {
  year: number;
  month: number; // 1-12
  day: number;
  hour: number;
  minute: number;
  second: number;
  millisecond: number;
}

/** The calendar date (YYYY-MM-DD) on `timeZone`'s wall clock at `instant`. */
export function localDateAt(instant: Date, timeZone: string): string {
  const w = wallClockAt(instant, timeZone);
  return `${String(w.year).padStart(4, '0')}-${String(w.month).padStart(2, '0')}-${String(w.day).padStart(2, '0')}`;
}

/** The wall-clock reading of `instant` in `timeZone`, read from the zone's offset (cached per quarter hour). */
export function wallClockAt(instant: Date, timeZone: string): WallClock {
  const local = new Date(instant.getTime() + utcOffsetMs(instant, timeZone));
  if (Number.isNaN(local.getTime())) throw new RangeError(`invalid instant for ${timeZone}`);
  return {
    year: local.getUTCFullYear(),
    month: local.getUTCMonth() + 1,
    day: local.getUTCDate(),
    hour: local.getUTCHours(),
    minute: local.getUTCMinutes(),
    second: local.getUTCSeconds(),
    millisecond: local.getUTCMilliseconds(),
  };
}

/** The wall clock as Intl reads it: the source of truth the offset cache is filled from. */
function formattedWallClock(instant: Date, timeZone: string): WallClock {
  const parts: Record<string, number> = {};
  for (const p of formatterFor(timeZone).formatToParts(instant)) {
    if (p.type !== 'literal') parts[p.type] = Number(p.value);
  }
  return {
    year: parts.year,
    month: parts.month,
    day: parts.day,
    hour: parts.hour,
    minute: parts.minute,
    second: parts.second,
    millisecond: instant.getUTCMilliseconds(),
  };
}

const wallAsUtc = (w: WallClock): number => Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second, w.millisecond);

/**
 * Zone offsets by quarter hour of UTC. Offsets change only at transitions, and every
 * transition of the tz database since 1900 falls on a whole quarter hour of UTC, so the
 * offset at a bucket's start holds for the whole bucket. `formatToParts` costs microseconds
 * and deadline arithmetic calls this for every deadline of every matter of a report.
 */
const QUARTER_HOUR_MS = 15 * 60 * 1000;
const offsets = new Map<string, Map<number, number>>();

/** Milliseconds to add to UTC to get the wall clock of `timeZone` at `instant`. */
export function utcOffsetMs(instant: Date, timeZone: string): number {
  const t = instant.getTime();
  if (Number.isNaN(t)) throw new RangeError(`invalid instant for ${timeZone}`);
  const bucket = Math.floor(t / QUARTER_HOUR_MS);
  let zone = offsets.get(timeZone);
  if (!zone) {
    zone = new Map();
    offsets.set(timeZone, zone);
  }
  let offset = zone.get(bucket);
  if (offset === undefined) {
    const start = new Date(bucket * QUARTER_HOUR_MS);
    offset = wallAsUtc(formattedWallClock(start, timeZone)) - start.getTime();
    if (zone.size >= 200_000) zone.clear();
    zone.set(bucket, offset);
  }
  return offset;
}

/** The instant at which `timeZone`'s wall clock reads `wall` (the earlier one in a fold). */
export function instantOfWallClock(wall: WallClock, timeZone: string): Date {
  const guess = wallAsUtc(wall);
  const first = guess - utcOffsetMs(new Date(guess), timeZone);
  const second = guess - utcOffsetMs(new Date(first), timeZone);
  return new Date(Math.min(first, second));
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Adds (sign 1) or subtracts (sign -1) a duration in a time zone. */
export function addDuration(instant: Date, d: IsoDuration, timeZone: string, sign: 1 | -1 = 1): Date {
  let at = instant;
  const calendarMonths = d.years * 12 + d.months;
  const calendarDays = d.weeks * 7 + d.days;
  if (calendarMonths || calendarDays) {
    const w = wallClockAt(instant, timeZone);
    let year = w.year;
    let month = w.month;
    if (calendarMonths) {
      const total = year * 12 + (month - 1) + sign * calendarMonths;
      year = Math.floor(total / 12);
      month = (total % 12) + 1;
    }
    const day = Math.min(w.day, daysInMonth(year, month));
    const shifted = new Date(Date.UTC(year, month - 1, day + sign * calendarDays));
    at = instantOfWallClock(
      { ...w, year: shifted.getUTCFullYear(), month: shifted.getUTCMonth() + 1, day: shifted.getUTCDate() },
      timeZone,
    );
  }
  const clockMs = Math.round(((d.hours * 60 + d.minutes) * 60 + d.seconds) * 1000);
  return new Date(at.getTime() + sign * clockMs);
}

/** Orders two durations by their length measured from a fixed reference instant. */
export function compareDurations(a: IsoDuration, b: IsoDuration, timeZone = 'UTC'): number {
  const ref = new Date(Date.UTC(2001, 0, 1));
  return addDuration(ref, a, timeZone).getTime() - addDuration(ref, b, timeZone).getTime();
}
