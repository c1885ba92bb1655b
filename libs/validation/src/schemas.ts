import { z } from 'zod';
import { LIMITS, isDuration, isLocalDate, isTimeZone } from '#domain';

/** Building blocks shared by request bodies, definition files and imports. */

/** A custom refinement whose rule name `fieldErrors` reports. */
export const rule = (name: string, message: string) => ({ message, params: { rule: name } });

export const isoDuration = z
  .string()
  .max(64)
  .refine(isDuration, rule('duration', 'must be an ISO-8601 duration such as P30D, P2W, PT12H or PT5S'));

export const localDate = z.string().refine(isLocalDate, rule('date', 'must be a calendar date written YYYY-MM-DD'));

/** An instant with an explicit offset (`2026-03-01T18:00:00+08:00`) or a date (`2026-03-01`). */
export const instantText = z
  .string()
  .max(40)
  .refine(
    // Date.parse rolls 2027-02-30 over to 2 March: the date part must be a real calendar date
    (s) =>
      /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:\d{2})$/.test(s) &&
      isLocalDate(s.slice(0, 10)) &&
      !Number.isNaN(Date.parse(s)),
    rule('date_time', 'must be an ISO-8601 date-time with an offset, such as 2026-03-01T18:00:00+08:00'),
  );

export const timeZone = z.string().max(64).refine(isTimeZone, rule('time_zone', 'must be an IANA time zone such as Asia/Shanghai'));

export const text = (max: number) => z.string().trim().min(1).max(max);

/** Chinese, English or both; at least one. */
export const localizedText = (max: number = LIMITS.title) =>
  z
    .strictObject({ zh: text(max).optional(), en: text(max).optional() })
    .refine((t) => t.zh !== undefined || t.en !== undefined, rule('zh_or_en', 'give the text in Chinese (zh), English (en) or both'));

export const uuid = z.uuid({ message: 'must be a UUID' });
