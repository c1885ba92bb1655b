import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { useMe } from '../api/hooks/session';

export const DEFAULT_ZONE = 'Asia/Shanghai';

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
      const d = dayjs(iso).tz(zone);
      return d.format('YYYY-MM-DD HH:mm') + (withZone ? t('time.zoneSuffix', { zone: zoneName }) : '');
    },
    date: (iso: string | null | undefined): string => (iso ? (iso.length === 10 ? iso : dayjs(iso).tz(zone).format('YYYY-MM-DD')) : ''),
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
