import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { init, use, type EChartsCoreOption } from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';

// Only the parts of ECharts these charts draw, so the chunk stays small.
use([BarChart, LineChart, GridComponent, TooltipComponent, LegendComponent, CanvasRenderer]);

export interface Series {
  name: string;
  type: 'bar' | 'line';
  data: Array<number | null>;
  color: string;
  /** On the right-hand axis, in percent (on-time rates). */
  percent?: boolean;
  stack?: string;
}

interface Props {
  labels: string[];
  series: Series[];
  height?: number;
  testId: string;
  horizontal?: boolean;
  /** Room for category names on a horizontal chart (long ones are cut with an ellipsis). */
  labelWidth?: number;
}

/** A bar/line chart of grouped statistics; rates go on a second axis from 0 to 100 %. */
export default function StatsChart({ labels, series, height = 300, testId, horizontal, labelWidth = 96 }: Props) {
  const box = useRef<HTMLDivElement>(null);
  // Parents rebuild the arrays on every render; redraw only when what they hold changed.
  const signature = JSON.stringify([labels, series, horizontal, labelWidth]);

  useEffect(() => {
    const chart = init(box.current!, undefined, { renderer: 'canvas' });
    const hasPercent = series.some((s) => s.percent);
    const cat = { type: 'category', data: labels, axisLabel: { interval: 0, rotate: horizontal || labels.length <= 6 ? 0 : 30, width: labelWidth, overflow: 'truncate' } };
    const values = [{ type: 'value', minInterval: 1 }, ...(hasPercent ? [{ type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value}%' } }] : [])];
    const option: EChartsCoreOption = {
      grid: { left: horizontal ? labelWidth + 24 : 48, right: hasPercent ? 56 : 24, top: 36, bottom: 24, containLabel: !horizontal },
      legend: { top: 0 },
      tooltip: { trigger: 'axis' },
      xAxis: horizontal ? values[0] : cat,
      yAxis: horizontal ? cat : values,
      series: series.map((s) => ({
        name: s.name,
        type: s.type,
        stack: s.stack,
        yAxisIndex: s.percent && !horizontal ? 1 : 0,
        itemStyle: { color: s.color },
        lineStyle: { color: s.color },
        barMaxWidth: 28,
        connectNulls: true,
        data: s.percent ? s.data.map((v) => (v == null ? null : Math.round(v * 1000) / 10)) : s.data,
      })),
    };
    chart.setOption(option);
    // The tab or the sider may be laid out after the chart is created: follow the box.
    const ro = new ResizeObserver(() => chart.resize());
    ro.observe(box.current!);
    return () => {
      ro.disconnect();
      chart.dispose();
    };
  }, [signature]);

  return <div ref={box} style={{ height, width: '100%' }} data-testid={testId} />;
}
