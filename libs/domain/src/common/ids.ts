/** ISO-8601 instant in UTC with milliseconds, as `Date.prototype.toISOString` writes it. */
export type Instant = string;
/** ISO-8601 calendar date, `YYYY-MM-DD`. */
export type LocalDate = string;

/** Everything a decision needs from the outside world, passed in so the domain stays pure. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

export const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const isUuid = (value: string): boolean => UUID_PATTERN.test(value);

export const LOCAL_DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/;
/** True for a real calendar date written `YYYY-MM-DD` (rejects 2025-02-30), in years 1000–9999. */
export function isLocalDate(value: string): boolean {
  if (!LOCAL_DATE_PATTERN.test(value) || value < '1000-01-01') return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}
