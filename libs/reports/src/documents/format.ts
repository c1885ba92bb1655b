/**
 * How a report writes its values: times in the report's zone (Intl.DateTimeFormat), counts,
 * rates as percentages, texts in the reader's language. A value that cannot be shown
 * faithfully (a malformed instant, a NaN) is refused with its name rather than printed:
 * a report that fails to render is noticed, one that says "NaN" is not.
 */
import type { DeliveryStatus, Instant, Locale, LocalizedText, Stage } from '#domain';
import type { ReportPeriod, UnitRef } from '../model.js';
import { type Labels, labelsFor } from './labels.js';
import type { Inline } from './outline.js';

export const DEFAULT_TIME_ZONE = 'Asia/Shanghai';

export class ReportRenderError extends Error {
  override name = 'ReportRenderError';
}

interface WallClock {
  date: string;
  time: string;
}

const clockFormats = new Map<string, Intl.DateTimeFormat>();

/** One formatter per zone for the process: creating one costs far more than using it. */
function clockFormat(timeZone: string): Intl.DateTimeFormat {
  let f = clockFormats.get(timeZone);
  if (!f) {
    try {
      f = new Intl.DateTimeFormat('en-US', {
        timeZone,
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
        hour: '2-digit',
        minute: '2-digit',
        hourCycle: 'h23',
      });
    } catch {
      throw new ReportRenderError(`timeZone: expected an IANA time zone such as Asia/Shanghai, got ${JSON.stringify(timeZone)}`);
    }
    clockFormats.set(timeZone, f);
  }
  return f;
}

const BEIJING_TIME = new Set(['Asia/Shanghai', 'Asia/Chongqing', 'Asia/Chungking', 'Asia/Harbin', 'PRC']);
const LOCAL_DATE = /^\d{4}-\d{2}-\d{2}$/;
const DAY_MS = 86_400_000;

export class ReportFormat {
  readonly labels: Labels;
  readonly timeZone: string;
  private readonly clock: Intl.DateTimeFormat;
  private readonly integer: Intl.NumberFormat;
  private readonly decimal: Intl.NumberFormat;
  private readonly percentage: Intl.NumberFormat;

  constructor(
    readonly locale: Locale,
    timeZone: string | undefined | null,
  ) {
    this.labels = labelsFor(locale);
    this.timeZone = timeZone?.trim() ? timeZone : DEFAULT_TIME_ZONE;
    this.clock = clockFormat(this.timeZone);
    this.integer = new Intl.NumberFormat(locale, { maximumFractionDigits: 0 });
    this.decimal = new Intl.NumberFormat(locale, { minimumFractionDigits: 0, maximumFractionDigits: 2 });
    this.percentage = new Intl.NumberFormat(locale, { style: 'percent', minimumFractionDigits: 0, maximumFractionDigits: 1 });
  }

  /** `北京时间（Asia/Shanghai）`, `Europe/Berlin`: the zone every time in the document is in, named once. */
  zoneName(): string {
    return BEIJING_TIME.has(this.timeZone) ? this.labels.beijingTime(this.timeZone) : this.timeZone;
  }

  private wallClock(instant: Instant, what: string): WallClock {
    const ms = typeof instant === 'string' ? Date.parse(instant) : NaN;
    if (Number.isNaN(ms)) throw new ReportRenderError(`${what}: expected an ISO-8601 instant, got ${JSON.stringify(instant)}`);
    return this.wallClockAt(ms);
  }

  private wallClockAt(ms: number): WallClock {
    const p: Record<string, string> = {};
    for (const part of this.clock.formatToParts(ms)) p[part.type] = part.value;
    return { date: `${p.year}-${p.month}-${p.day}`, time: `${p.hour}:${p.minute}` };
  }

  /** `2026-11-23 17:30` in the report's zone. */
  time(instant: Instant, what = 'time'): string {
    const c = this.wallClock(instant, what);
    return `${c.date} ${c.time}`;
  }

  /** `2026-11-23`: the instant's calendar date in the report's zone. */
  date(instant: Instant, what = 'date'): string {
    return this.wallClock(instant, what).date;
  }

  /** A calendar date as the model carries it (`byDate`), checked. */
  localDate(date: string, what = 'date'): string {
    if (typeof date !== 'string' || !LOCAL_DATE.test(date))
      throw new ReportRenderError(`${what}: expected YYYY-MM-DD, got ${JSON.stringify(date)}`);
    return date;
  }

  /**
   * A period is [from, to). Whole days (both ends at midnight in the zone) read as dates with
   * the last day included: `2026-11-16 至 2026-11-22`; otherwise as times with the end marked exclusive.
   */
  period(p: ReportPeriod): string {
    const from = this.wallClock(p.from, 'period.from');
    const to = this.wallClock(p.to, 'period.to');
    if (from.time === '00:00' && to.time === '00:00') {
      const last = this.wallClockAt(Date.parse(p.to) - DAY_MS / 2).date;
      return last === from.date ? from.date : this.labels.dateRange(from.date, last);
    }
    return this.labels.timeRange(`${from.date} ${from.time}`, `${to.date} ${to.time}`);
  }

  count(n: number, what = 'count'): string {
    return this.integer.format(this.finite(n, what));
  }

  number(n: number, what = 'number'): string {
    return this.decimal.format(this.finite(n, what));
  }

  /** A fraction in [0, 1] as `83.3%`; null (nothing to measure) as the dash the legend explains. */
  percent(rate: number | null, what = 'rate'): string {
    return rate === null ? this.labels.none : this.percentage.format(this.finite(rate, what));
  }

  /** Null as the dash, otherwise a number with up to two decimals. */
  optionalNumber(n: number | null, what = 'number'): string {
    return n === null ? this.labels.none : this.number(n, what);
  }

  /** A measured value with its unit as written: `45%`, `120家` / `120 家`. */
  measure(value: number | null, unit: string, what = 'value'): string {
    if (value === null) return this.labels.none;
    const n = this.number(value, what);
    if (!unit) return n;
    return unit === '%' || this.locale === 'zh-CN' ? `${n}${unit}` : `${n} ${unit}`;
  }

  private finite(n: number, what: string): number {
    if (typeof n !== 'number' || !Number.isFinite(n)) throw new ReportRenderError(`${what}: expected a finite number, got ${String(n)}`);
    return n;
  }

  /** The text in the reader's language, else the other one (also past a blank one); the dash when both are empty. */
  text(t: LocalizedText | null | undefined): string {
    const preferred = this.locale === 'en' ? t?.en : t?.zh;
    const s = [preferred, t?.zh, t?.en].find((x) => typeof x === 'string' && x.trim() !== '');
    return s ? s.trim() : this.labels.none;
  }

  /** A free-text string as written, or the dash when blank. */
  plain(s: string | null | undefined): string {
    return typeof s === 'string' && s.trim() !== '' ? s.trim() : this.labels.none;
  }

  unit(u: UnitRef): string {
    return this.labels.unitWithCode(this.text(u.name), u.code);
  }

  stage(s: Stage): string {
    return this.labels.stages[s] ?? s;
  }

  status(s: DeliveryStatus): Inline {
    return { kind: 'status', status: s, text: this.labels.statuses[s] ?? s };
  }

  /** A matter's delivery status, or `closed` wording for matters no longer open. */
  matterStatus(s: DeliveryStatus | null): Inline {
    return s === null ? this.labels.notOpen : this.status(s);
  }
}

/** Paragraphs of a text: separated by blank lines; single newlines stay inside a paragraph. */
export function paragraphs(text: string): string[] {
  return text
    .replace(/\r\n?/g, '\n')
    .split(/\n[ \t]*\n/)
    .map((p) => p.trim())
    .filter((p) => p !== '');
}
