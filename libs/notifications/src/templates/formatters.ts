import { type Locale, type LocalizedText, isZeroDuration, parseDuration, textFor, wallClockAt } from '#domain';

/**
 * How a mail writes times, dates, offsets and lists: the words come from the catalog
 * (`translate`), the arithmetic from the domain. Each function refuses a value it cannot
 * show faithfully (undefined, null, malformed) rather than print it: a mail that does not
 * render is noticed, one that says "undefined" is not.
 */
export interface Words {
  locale: Locale;
  timeZone: string;
  translate(key: string, params?: Record<string, unknown>): string;
  has(key: string): boolean;
}

export class TemplateValueError extends Error {
  override name = 'TemplateValueError';
}

const shown = (v: unknown): string => (v === undefined ? 'undefined (a missing field?)' : (JSON.stringify(v) ?? typeof v));

/** tzdata links to Asia/Shanghai: the zone Chinese readers call 北京时间. */
const BEIJING_TIME = new Set(['Asia/Shanghai', 'Asia/Chongqing', 'Asia/Chungking', 'Asia/Harbin', 'PRC']);

const pad = (n: number) => String(n).padStart(2, '0');

/** `2026-03-01 18:00（北京时间）`, `2026-03-01 11:00 (Europe/Berlin)`: the recipient's wall clock, its zone named once. */
export function formatInstant(instant: unknown, w: Words): string {
  if (typeof instant !== 'string' || Number.isNaN(Date.parse(instant)))
    throw new TemplateValueError(`time: expected an ISO instant, got ${shown(instant)}`);
  const c = wallClockAt(new Date(instant), w.timeZone);
  const clock = `${c.year}-${pad(c.month)}-${pad(c.day)} ${pad(c.hour)}:${pad(c.minute)}`;
  const zone = BEIJING_TIME.has(w.timeZone) ? w.translate('zone.beijing') : w.timeZone;
  return w.translate('format.time', { clock, zone });
}

const LOCAL_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const dateFormats: Record<Locale, Intl.DateTimeFormat> = {
  'zh-CN': new Intl.DateTimeFormat('zh-CN', { dateStyle: 'long', timeZone: 'UTC' }),
  en: new Intl.DateTimeFormat('en-GB', { dateStyle: 'long', timeZone: 'UTC' }),
};

/** A calendar date as prose: `2026年3月1日`, `1 March 2026`. */
export function formatLocalDate(date: unknown, w: Words): string {
  const m = typeof date === 'string' ? LOCAL_DATE.exec(date) : null;
  const at = m ? new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))) : null;
  if (!m || !at || at.getUTCDate() !== Number(m[3])) throw new TemplateValueError(`date: expected YYYY-MM-DD, got ${shown(date)}`);
  return dateFormats[w.locale].format(at);
}

const WORKING_DAYS = /^(\d+)\s*(?:wd|working days?)$/;
const UNITS = ['years', 'months', 'weeks', 'days', 'hours', 'minutes', 'seconds'] as const;

type Offset = { workingDays: number } | { iso: ReturnType<typeof parseDuration> };

/** An offset as definitions and timers write it: ISO-8601 (`P7D`), `3 working days`, `3wd` or `{ workingDays: 3 }`. */
function parseOffset(offset: unknown): Offset {
  if (typeof offset === 'object' && offset !== null && Number.isInteger((offset as { workingDays?: unknown }).workingDays))
    return { workingDays: (offset as { workingDays: number }).workingDays };
  if (typeof offset === 'string') {
    const wd = WORKING_DAYS.exec(offset.trim());
    if (wd) return { workingDays: Number(wd[1]) };
    try {
      return { iso: parseDuration(offset) };
    } catch {
      // reported below with the value
    }
  }
  throw new TemplateValueError(`duration: expected P7D, PT0S, "3 working days" or { workingDays: 3 }, got ${shown(offset)}`);
}

export function isAtDueTime(offset: unknown): boolean {
  const o = parseOffset(offset);
  return 'iso' in o ? isZeroDuration(o.iso) : o.workingDays === 0;
}

/** `7天` / `7 days`, `3个工作日` / `3 working days`, `1天12小时` / `1 day 12 hours`; zero is `到期当时` / `at the due time`. */
export function formatOffset(offset: unknown, w: Words): string {
  const o = parseOffset(offset);
  if (isAtDueTime(offset)) return w.translate('duration.atDueTime');
  if ('workingDays' in o) return w.translate('duration.workingDays', { count: o.workingDays });
  return UNITS.filter((u) => o.iso[u] !== 0)
    .map((u) => w.translate(`duration.${u}`, { count: o.iso[u] }))
    .join(w.translate('duration.separator'));
}

const nonBlank = (s: unknown): string | undefined => (typeof s === 'string' && s.trim() ? s.trim() : undefined);

/** The text in the reader's language, else the other one (as textFor, also past a blank one); never empty. */
export function formatLocalized(text: unknown, w: Words): string {
  const t = (typeof text === 'object' && text !== null ? text : {}) as LocalizedText;
  const s = nonBlank(textFor(t, w.locale)) ?? nonBlank(t.zh) ?? nonBlank(t.en);
  if (!s) throw new TemplateValueError(`text: expected { zh, en } with at least one of them, got ${shown(text)}`);
  return s;
}

/** `A、B和C` / `A, B and C`. */
export function formatList(items: readonly string[], w: Words): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(w.translate('format.listSeparator'))}${w.translate('format.listLastSeparator')}${items[items.length - 1]}`;
}
