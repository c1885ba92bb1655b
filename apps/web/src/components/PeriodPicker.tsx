import { DatePicker } from 'antd';
import type { Dayjs } from 'dayjs';
import dayjs from '../dayjs-setup';
import { useCallback, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { DEFAULT_ZONE } from './DateTime';

/** A report period as the report endpoints take it: whole days, both inclusive, read in the report zone. */
export interface Period {
  from: string;
  to: string;
}

export type PeriodPreset = 'thisWeek' | 'lastWeek' | 'thisMonth' | 'thisQuarter';
const DAY = 'YYYY-MM-DD';

/** Weeks start on Monday in both languages (the government calendar), whatever dayjs's locale says. */
function presetRange(preset: PeriodPreset, now: Dayjs): [Dayjs, Dayjs] {
  const monday = now.subtract((now.day() + 6) % 7, 'day').startOf('day');
  switch (preset) {
    case 'thisWeek':
      return [monday, monday.add(6, 'day')];
    case 'lastWeek':
      return [monday.subtract(7, 'day'), monday.subtract(1, 'day')];
    case 'thisMonth':
      return [now.startOf('month'), now.endOf('month').startOf('day')];
    case 'thisQuarter': {
      const start = now.startOf('month').month(Math.floor(now.month() / 3) * 3);
      return [start, start.add(2, 'month').endOf('month').startOf('day')];
    }
  }
}

/** Today in the report zone (Beijing), as a plain calendar date, so presets do not drift with the browser's zone. */
const todayInZone = () => dayjs(dayjs().tz(DEFAULT_ZONE).format(DAY));

export function presetPeriod(preset: PeriodPreset): Period {
  const [a, b] = presetRange(preset, todayInZone());
  return { from: a.format(DAY), to: b.format(DAY) };
}

const isDay = (v: string | null): v is string => !!v && /^\d{4}-\d{2}-\d{2}$/.test(v) && dayjs(v).isValid();

/** The period kept in the URL (?from=&to=), so a view can be shared and the back button works. */
export function usePeriodParam(fallback: PeriodPreset = 'thisMonth'): [Period, (p: Period) => void] {
  const [params, setParams] = useSearchParams();
  const fromParam = params.get('from');
  const toParam = params.get('to');
  const period = useMemo<Period>(
    () => (isDay(fromParam) && isDay(toParam) && fromParam <= toParam ? { from: fromParam, to: toParam } : presetPeriod(fallback)),
    [fromParam, toParam, fallback],
  );
  const setPeriod = useCallback(
    (p: Period) =>
      setParams((prev) => {
        const next = new URLSearchParams(prev);
        next.set('from', p.from);
        next.set('to', p.to);
        return next;
      }),
    [setParams],
  );
  return [period, setPeriod];
}

const PRESETS: PeriodPreset[] = ['thisWeek', 'lastWeek', 'thisMonth', 'thisQuarter'];

/** antd RangePicker with 本周 / 上周 / 本月 / 本季度. */
export function PeriodPicker({ value, onChange, label, id }: { value: Period; onChange: (p: Period) => void; label: string; id?: string }) {
  const { t } = useTranslation('dashboard');
  const presets = PRESETS.map((p) => {
    const range = presetPeriod(p);
    return { label: t(`presets.${p}`), value: [dayjs(range.from), dayjs(range.to)] as [Dayjs, Dayjs] };
  });
  return (
    <DatePicker.RangePicker
      id={id}
      aria-label={label}
      allowClear={false}
      presets={presets}
      value={[dayjs(value.from), dayjs(value.to)]}
      format={DAY}
      onChange={(range) => {
        if (range?.[0] && range[1]) onChange({ from: range[0].format(DAY), to: range[1].format(DAY) });
      }}
    />
  );
}
