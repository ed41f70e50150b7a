import { LineChart } from 'echarts/charts';
import { GridComponent, MarkLineComponent, TooltipComponent } from 'echarts/components';
import { init, use, type EChartsCoreOption } from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { formatTime } from '../../lib/format-time';
import type { DatasetDetail } from '../ingest-types';

// Only the parts of ECharts this chart draws, so the chunk stays small.
use([LineChart, GridComponent, TooltipComponent, MarkLineComponent, CanvasRenderer]);

const OK = '#1f4e8c';
// Held batches wait for a decision (amber); discarded or failed ones never reached the data (grey).
const POINT: Record<string, string> = { held: '#d48806', discarded: '#8c8c8c', failed: '#8c8c8c' };

interface Props { trend: DatasetDetail['qualityTrend']; threshold: number }

/** Quality score per batch (oldest first) against the dataset's threshold. */
export default function QualityChart({ trend, threshold }: Props) {
  const { t } = useTranslation();
  const box = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const chart = init(box.current!, undefined, { renderer: 'canvas' });
    const option: EChartsCoreOption = {
      grid: { left: 48, right: 96, top: 24, bottom: 32 },
      tooltip: {
        trigger: 'axis',
        formatter: (ps: Array<{ dataIndex: number }>) => {
          const p = trend[ps[0]?.dataIndex ?? 0];
          if (!p) return '';
          const status = t(`ingestCodes.batchStatus.${p.status}`, { defaultValue: p.status });
          return `${t('ingest.quality.batchLabel', { batch: p.batch })} · ${status}<br/>${formatTime(p.at)}<br/>${t('ingest.quality.score')}: <b>${(p.score * 100).toFixed(1)}%</b>`;
        },
      },
      xAxis: { type: 'category', data: trend.map((p) => `#${p.batch}`), boundaryGap: false },
      yAxis: { type: 'value', min: (v: { min: number }) => Math.max(0, Math.floor(Math.min(v.min, threshold * 100) / 10) * 10 - 10), max: 100, axisLabel: { formatter: '{value}%' } },
      series: [
        {
          type: 'line',
          name: t('ingest.quality.score'),
          smooth: false,
          symbolSize: 8,
          lineStyle: { color: OK },
          data: trend.map((p) => ({ value: Math.round(p.score * 1000) / 10, itemStyle: { color: POINT[p.status] ?? OK } })),
          markLine: {
            symbol: 'none',
            silent: true,
            lineStyle: { color: '#cf1322', type: 'dashed' },
            label: { formatter: t('ingest.quality.thresholdLabel', { value: (threshold * 100).toFixed(0) }), position: 'end' },
            data: [{ yAxis: threshold * 100 }],
          },
        },
      ],
    };
    chart.setOption(option);
    // The tab may be laid out after the chart is created (hidden tab, folding menu): follow the box.
    const ro = new ResizeObserver(() => chart.resize());
    ro.observe(box.current!);
    return () => {
      ro.disconnect();
      chart.dispose();
    };
  }, [trend, threshold, t]);

  return <div ref={box} style={{ height: 280, width: '100%' }} data-testid="quality-chart" />;
}
