import { useTranslation } from 'react-i18next';
import { useMe } from '../api/hooks/session';

export const DEFAULT_ZONE = 'Asia/Shanghai';

const formatters = new Map<string, Intl.DateTimeFormat>();

/** One formatter per zone, made once: dayjs.tz builds one per call, which a table of 50 rows felt. */
function formatterFor(zone: string): Intl.DateTimeFormat {
  let f = formatters.get(zone);
  if (!f) {
    const options = { year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' } as const;
    try {
      f = new Intl.DateTimeFormat('en-CA', { ...options, timeZone: zone });
    } catch {
      f = new Intl.DateTimeFormat('en-CA', { ...options, timeZone: DEFAULT_ZONE });
    }
    formatters.set(zone, f);
  }
  return f;
}

/** An instant as its wall-clock date and time in `zone`: ['2026-12-02', '18:00'], or null when it is no instant. */
export function wallClock(iso: string, zone: string): [date: string, time: string] | null {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return null;
  const p: Record<string, string> = {};
  for (const part of formatterFor(zone).formatToParts(d)) p[part.type] = part.value;
  return [`${p.year}-${p.month}-${p.day}`, `${p.hour}:${p.minute}`];
}

/** The reader's time zone: their own setting, else Beijing time. */
export function useTimeZone(): string {
  const { data: me } = useMe();
  return me?.timeZone || DEFAULT_ZONE;
}

/** Formats instants in the reader's zone with the zone named: "2026-12-02 18:00（北京时间）". */
export function useFormatDateTime() {
  const { t } = useTranslation('common');
  const zone = useTimeZone();
  const zoneName = t(`zone.${zone}`, { defaultValue: zone });
  return {
    zone,
    zoneName,
    dateTime: (iso: string | null | undefined, withZone = true): string => {
      if (!iso) return '';
      const w = wallClock(iso, zone);
      if (!w) return iso;
      return `${w[0]} ${w[1]}` + (withZone ? t('time.zoneSuffix', { zone: zoneName }) : '');
    },
    date: (iso: string | null | undefined): string => (iso ? (iso.length === 10 ? iso : (wallClock(iso, zone)?.[0] ?? iso)) : ''),
  };
}

/** An instant (ISO date-time) or a local date (YYYY-MM-DD), shown with its zone. */
export function DateTime({
  value,
  withZone = true,
  dateOnly = false,
}: {
  value: string | null | undefined;
  withZone?: boolean;
  dateOnly?: boolean;
}) {
  const f = useFormatDateTime();
  if (!value) return null;
  const text = dateOnly || value.length === 10 ? f.date(value) : f.dateTime(value, withZone);
  return <time dateTime={value}>{text}</time>;
}
