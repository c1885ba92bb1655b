import { LineChart, ScatterChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';
import type { Trajectory } from '../../api/hooks/types';

echarts.use([LineChart, ScatterChart, GridComponent, LegendComponent, TooltipComponent, SVGRenderer]);

/** Planned line against reported values for one target; loaded lazily so the inbox bundle stays small. */
export default function TrajectoryChart({
  trajectory,
  labels,
  unit,
  ariaLabel,
}: {
  trajectory: Trajectory;
  labels: { planned: string; reported: string; documents: string };
  unit: string;
  ariaLabel: string;
}) {
  const option = {
    aria: { enabled: true },
    tooltip: { trigger: 'axis' },
    legend: {
      data: [labels.planned, labels.reported, ...(trajectory.documentReadings.length ? [labels.documents] : [])],
      bottom: 0,
    },
    grid: { left: 48, right: 16, top: 16, bottom: 48 },
    xAxis: { type: 'time' },
    yAxis: { type: 'value', name: unit, scale: true },
    series: [
      {
        name: labels.planned,
        type: 'line',
        data: trajectory.planned.map((p) => [p.at, p.value]),
        lineStyle: { type: 'dashed' },
        symbol: 'none',
      },
      {
        name: labels.reported,
        type: 'line',
        data: trajectory.reported.map((p) => [p.at, p.value]),
        symbolSize: 8,
      },
      // what the source documents report for the target, with their date (not a unit's report)
      ...(trajectory.documentReadings.length
        ? [
            {
              name: labels.documents,
              type: 'scatter',
              symbol: 'diamond',
              symbolSize: 11,
              data: trajectory.documentReadings.map((r) => [r.asOf, r.value]),
            },
          ]
        : []),
    ],
  };
  const ref = useRef<HTMLDivElement>(null);
  const json = JSON.stringify(option);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const chart = echarts.init(el, undefined, { renderer: 'svg' });
    chart.setOption(JSON.parse(json) as echarts.EChartsCoreOption, true);
    const observer = new ResizeObserver(() => chart.resize());
    observer.observe(el);
    return () => {
      observer.disconnect();
      chart.dispose();
    };
  }, [json]);
  return <div ref={ref} role="img" aria-label={ariaLabel} style={{ height: 240, width: '100%' }} />;
}
