import { BarChart } from 'echarts/charts';
import { AriaComponent, GridComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';

// Only what this chart draws: ECharts stays out of every page that does not show it.
echarts.use([BarChart, GridComponent, TooltipComponent, AriaComponent, SVGRenderer]);

export interface UnitRate {
  id: string;
  name: string;
  /** 0..1, or null when nothing was due. */
  rate: number | null;
  detail: string;
}

const colourOf = (rate: number) => (rate >= 0.9 ? '#52c41a' : rate >= 0.6 ? '#faad14' : '#ff4d4f');

/**
 * On-schedule rate per leading unit as horizontal bars (unit names are long Chinese names).
 * A click on a bar calls onSelect with the unit's id; the table beside it offers the same links by keyboard.
 */
export function UnitRateChart({
  data,
  label,
  rateName,
  onSelect,
}: {
  data: UnitRate[];
  label: string;
  rateName: string;
  onSelect?: (id: string) => void;
}) {
  const el = useRef<HTMLDivElement>(null);
  const select = useRef(onSelect);
  select.current = onSelect;

  useEffect(() => {
    if (!el.current) return;
    const chart = echarts.init(el.current, undefined, { renderer: 'svg' });
    const rows = [...data].reverse();
    chart.setOption({
      aria: { enabled: true, label: { description: label } },
      grid: { left: 8, right: 48, top: 8, bottom: 8, containLabel: true },
      tooltip: {
        trigger: 'item',
        formatter: (p: { dataIndex: number }) => {
          const r = rows[p.dataIndex];
          return `${r.name}<br/>${rateName}：${r.rate === null ? '—' : `${Math.round(r.rate * 100)}%`}<br/>${r.detail}`;
        },
      },
      xAxis: { type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value}%' } },
      yAxis: { type: 'category', data: rows.map((r) => r.name), axisLabel: { width: 150, overflow: 'truncate' } },
      series: [
        {
          type: 'bar',
          barMaxWidth: 18,
          cursor: 'pointer',
          data: rows.map((r) => ({
            value: r.rate === null ? 0 : Math.round(r.rate * 1000) / 10,
            itemStyle: { color: r.rate === null ? '#d9d9d9' : colourOf(r.rate) },
          })),
          label: {
            show: true,
            position: 'right',
            formatter: (p: { dataIndex: number }) =>
              rows[p.dataIndex].rate === null ? '—' : `${Math.round(rows[p.dataIndex].rate! * 100)}%`,
          },
        },
      ],
    });
    chart.on('click', (p) => {
      const r = rows[p.dataIndex];
      if (r) select.current?.(r.id);
    });
    const resize = new ResizeObserver(() => chart.resize());
    resize.observe(el.current);
    return () => {
      resize.disconnect();
      chart.dispose();
    };
  }, [data, label, rateName]);

  return <div ref={el} role="img" aria-label={label} style={{ width: '100%', height: Math.max(160, data.length * 36 + 40) }} />;
}
