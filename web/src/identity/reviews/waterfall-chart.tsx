import { BarChart } from 'echarts/charts';
import { GridComponent, TooltipComponent } from 'echarts/components';
import { init, use, type EChartsCoreOption } from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { fieldLabel, levelLabel, pct } from '../identity-labels';
import type { Explanation } from '../identity-types';

use([BarChart, GridComponent, TooltipComponent, CanvasRenderer]);

const GREY = '#8c8c8c';
const GREEN = '#389e0d';
const RED = '#cf1322';
const BLUE = '#1f4e8c';
const EMPTY = '-'; // ECharts' marker for "no bar here"

export interface Step { key: string; from: number; to: number; kind: 'prior' | 'field' | 'total' }

/** Prior, then each field's weight added to the running sum, then the total from zero. */
export function waterfallSteps(e: Explanation): Step[] {
  const steps: Step[] = [{ key: 'prior', from: 0, to: e.prior, kind: 'prior' }];
  let sum = e.prior;
  for (const f of e.fields) {
    steps.push({ key: f.column, from: sum, to: sum + f.weight, kind: 'field' });
    sum += f.weight;
  }
  steps.push({ key: 'total', from: 0, to: e.weight, kind: 'total' });
  return steps;
}

/**
 * Each step as stacked bars: an invisible base up to the step's near end, then the visible part.
 * ECharts stacks positive and negative values apart, so a step that crosses zero is drawn as two
 * visible pieces, one on each side, with no base.
 */
export function barsOf(steps: Step[]) {
  return steps.map((s) => {
    const lo = Math.min(s.from, s.to);
    const hi = Math.max(s.from, s.to);
    if (lo >= 0) return { base: lo, up: hi - lo, down: EMPTY };
    if (hi <= 0) return { base: hi, up: EMPTY, down: lo - hi };
    return { base: EMPTY, up: hi, down: lo };
  });
}

const colorOf = (s: Step) => (s.kind === 'prior' ? GREY : s.kind === 'total' ? BLUE : s.to >= s.from ? GREEN : RED);
const signed = (n: number) => `${n >= 0 ? '+' : ''}${n.toFixed(2)}`;

/** Why the model scored the pair as it did: each field's log₂ Bayes factor moving the prior to the total. */
export default function WaterfallChart({ explanation: e }: { explanation: Explanation }) {
  const { t } = useTranslation();
  const box = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const steps = waterfallSteps(e);
    const bars = barsOf(steps);
    const name = (s: Step) => (s.kind === 'prior' ? t('identity.reviews.prior') : s.kind === 'total' ? t('identity.reviews.total') : fieldLabel(t, s.key));
    const item = (v: number | string, s: Step) => ({ value: v, itemStyle: { color: colorOf(s) } });
    // A missing field adds nothing; a row of "+0.00" labels would only crowd the bars that matter.
    const labelOf = (i: number) => (steps[i].kind !== 'field' ? steps[i].to.toFixed(2) : Math.abs(steps[i].to - steps[i].from) < 0.005 ? '' : signed(steps[i].to - steps[i].from));
    const chart = init(box.current!, undefined, { renderer: 'canvas' });
    const option: EChartsCoreOption = {
      grid: { left: 48, right: 16, top: 28, bottom: 8, containLabel: true },
      tooltip: {
        trigger: 'axis',
        axisPointer: { type: 'shadow' },
        formatter: (ps: Array<{ dataIndex: number }>) => {
          const i = ps[0]?.dataIndex ?? 0;
          const s = steps[i];
          if (s.kind !== 'field') return `${name(s)}: <b>${s.to.toFixed(2)}</b>`;
          const f = e.fields[i - 1];
          const mu = f.m == null ? '' : `<br/>${t('identity.reviews.tooltipMu', { m: f.m.toFixed(3), u: (f.u ?? 0).toFixed(3) })}`;
          const tf = f.termFrequencyAdjusted ? `<br/>${t('identity.reviews.tfAdjusted')}` : '';
          return `${name(s)} · ${levelLabel(t, f.level)}<br/>${t('identity.reviews.weight')}: <b>${signed(f.weight)}</b>${mu}${tf}`;
        },
      },
      xAxis: { type: 'category', data: steps.map(name), axisLine: { onZero: false }, axisLabel: { interval: 0, rotate: steps.length > 6 ? 35 : 0 } },
      // Room above and below the extreme bars for their value labels, clear of the axis labels.
      yAxis: { type: 'value', name: t('identity.reviews.weightAxis'), nameTextStyle: { align: 'left' }, min: ({ min }: { min: number }) => Math.floor(Math.min(0, min) - 0.8), max: ({ max }: { max: number }) => Math.ceil(Math.max(0, max) + 0.5) },
      series: [
        { type: 'bar', stack: 'w', silent: true, itemStyle: { color: 'transparent' }, emphasis: { disabled: true }, data: bars.map((b) => b.base) },
        {
          type: 'bar', stack: 'w', barMaxWidth: 40,
          label: { show: true, position: 'top', fontSize: 11, formatter: ({ dataIndex }: { dataIndex: number }) => labelOf(dataIndex) },
          data: bars.map((b, i) => item(b.up, steps[i])),
        },
        {
          type: 'bar', stack: 'w', barMaxWidth: 40,
          // A bar split across zero is labelled once, on its upper piece.
          label: { show: true, position: 'bottom', fontSize: 11, formatter: ({ dataIndex }: { dataIndex: number }) => (bars[dataIndex].up === EMPTY ? labelOf(dataIndex) : '') },
          data: bars.map((b, i) => item(b.down, steps[i])),
        },
      ],
    };
    chart.setOption(option);
    const ro = new ResizeObserver(() => chart.resize());
    ro.observe(box.current!);
    return () => {
      ro.disconnect();
      chart.dispose();
    };
  }, [e, t]);

  return (
    <div data-testid="waterfall">
      <div style={{ fontSize: 13, marginBottom: 4 }} data-testid="waterfall-probability">
        {t('identity.reviews.finalProbability', { weight: e.weight.toFixed(2), probability: pct(e.probability) })}
      </div>
      <div ref={box} style={{ height: 300, width: '100%' }} data-testid="waterfall-chart" />
    </div>
  );
}
