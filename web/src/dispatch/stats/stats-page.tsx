import { Card, Col, DatePicker, Row, Segmented, Space, Spin, Statistic, Table, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { lazy, Suspense, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { apiGet } from '../../api/client';
import { ErrorAlert } from '../../api/error-alert';
import { useRequest } from '../../api/use-request';
import { shanghaiDayEnd, shanghaiDayStart } from '../../lib/format-time';
import { useCategories, useDuration, useUnitNames } from '../dispatch-labels';
import type { Stats, StatsGroup, StatsRow } from '../dispatch-types';
import type { Series } from './stats-chart';

const StatsChart = lazy(() => import('./stats-chart'));
const pct = (v: number | null | undefined) => (v == null ? '—' : `${(v * 100).toFixed(1)}%`);
type Period = 'day' | 'week' | 'month';

/** Figures of the closed loop: cases by category and town, on-time rates and handling time per unit and over time. */
export default function StatsPage() {
  const { t } = useTranslation();
  const [range, setRange] = useState<[Dayjs, Dayjs]>(() => [dayjs().subtract(29, 'day'), dayjs()]);
  const [period, setPeriod] = useState<Period>('day');
  const { label } = useCategories();
  const unitName = useUnitNames();
  const duration = useDuration();
  // `to` is exclusive on the server: the end of the last picked day.
  const span = { from: shanghaiDayStart(range[0]), to: shanghaiDayEnd(range[1]) };
  const load = (groupBy: StatsGroup) => (s: AbortSignal) => apiGet<Stats>('/api/dispatch/stats', { groupBy, ...span }, s);
  const byCategory = useRequest(load('category'), [span.from, span.to]);
  const byTown = useRequest(load('town'), [span.from, span.to]);
  const byUnit = useRequest(load('unit'), [span.from, span.to]);
  const overTime = useRequest(load(period), [span.from, span.to, period]);
  const totals = byCategory.data?.totals;

  const countSeries = (rows: StatsRow[]): Series[] => [
    { name: t('dispatch.stats.closed'), type: 'bar', stack: 'n', color: '#52c41a', data: rows.map((r) => r.closed) },
    { name: t('dispatch.stats.open'), type: 'bar', stack: 'n', color: '#1677ff', data: rows.map((r) => r.open) },
  ];
  const rateSeries = (rows: StatsRow[], type: 'bar' | 'line'): Series[] => [
    { name: t('dispatch.stats.acceptRate'), type, percent: true, color: '#13c2c2', data: rows.map((r) => r.onTimeAcceptanceRate) },
    { name: t('dispatch.stats.closeRate'), type, percent: true, color: '#722ed1', data: rows.map((r) => r.onTimeClosureRate) },
  ];
  const cat = byCategory.data?.items ?? [];
  const town = byTown.data?.items ?? [];
  const unit = byUnit.data?.items ?? [];
  const time = overTime.data?.items ?? [];
  const catLabels = useMemo(() => cat.map((r) => label(r.key)), [cat, label]);

  return (
    <>
      <Space style={{ width: '100%', justifyContent: 'space-between' }} align="baseline" wrap>
        <Typography.Title level={3} className="page-title">{t('dispatch.stats.title')}</Typography.Title>
        <DatePicker.RangePicker
          value={range}
          allowClear={false}
          onChange={(v) => v?.[0] && v[1] && setRange([v[0], v[1]])}
          presets={[
            { label: t('dispatch.stats.last7'), value: [dayjs().subtract(6, 'day'), dayjs()] },
            { label: t('dispatch.stats.last30'), value: [dayjs().subtract(29, 'day'), dayjs()] },
            { label: t('dispatch.stats.last90'), value: [dayjs().subtract(89, 'day'), dayjs()] },
          ]}
          data-testid="stats-range"
        />
      </Space>
      <ErrorAlert error={byCategory.error ?? byTown.error ?? byUnit.error ?? overTime.error} />
      <Card size="small" style={{ marginBottom: 16 }} data-testid="stats-totals">
        <Space size={40} wrap>
          <Statistic title={t('dispatch.stats.cases')} value={totals?.cases ?? 0} />
          <Statistic title={t('dispatch.stats.open')} value={totals?.open ?? 0} />
          <Statistic title={t('dispatch.stats.closed')} value={totals?.closed ?? 0} />
          <Statistic title={t('dispatch.stats.overdue')} value={totals?.overdue ?? 0} />
          <Statistic title={t('dispatch.stats.acceptRate')} value={pct(totals?.onTimeAcceptanceRate)} />
          <Statistic title={t('dispatch.stats.closeRate')} value={pct(totals?.onTimeClosureRate)} />
        </Space>
      </Card>
      <Suspense fallback={<Spin />}>
        <Row gutter={[16, 16]}>
          <Col xs={24} xl={12}>
            <Card size="small" title={t('dispatch.stats.byCategory')}>
              <StatsChart testId="stats-by-category" labels={catLabels} series={countSeries(cat)} />
            </Card>
          </Col>
          <Col xs={24} xl={12}>
            <Card size="small" title={t('dispatch.stats.byTown')}>
              <StatsChart testId="stats-by-town" labels={town.map((r) => (r.key ? unitName(r.key) : t('dispatch.stats.noTown')))} series={countSeries(town)} />
            </Card>
          </Col>
          <Col xs={24}>
            <Card
              size="small"
              title={t('dispatch.stats.overTime')}
              extra={<Segmented<Period> size="small" value={period} onChange={setPeriod} options={(['day', 'week', 'month'] as const).map((p) => ({ value: p, label: t(`dispatch.stats.period.${p}`) }))} />}
            >
              <StatsChart testId="stats-over-time" labels={time.map((r) => r.key)} series={[{ name: t('dispatch.stats.cases'), type: 'bar', color: '#1f4e8c', data: time.map((r) => r.cases) }, ...rateSeries(time, 'line')]} />
            </Card>
          </Col>
          <Col xs={24}>
            <Card size="small" title={t('dispatch.stats.byUnit')}>
              <StatsChart testId="stats-by-unit" labels={unit.map((r) => unitName(r.key))} series={rateSeries(unit, 'bar')} />
              <Table<StatsRow>
                data-testid="stats-unit-table"
                rowKey="key"
                size="small"
                pagination={false}
                dataSource={unit}
                scroll={{ x: 'max-content' }}
                columns={[
                  { title: t('dispatch.col.unit'), dataIndex: 'key', render: (k: string) => unitName(k) },
                  { title: t('dispatch.stats.cases'), dataIndex: 'cases' },
                  { title: t('dispatch.stats.open'), dataIndex: 'open' },
                  { title: t('dispatch.stats.overdue'), dataIndex: 'overdue' },
                  { title: t('dispatch.stats.acceptRate'), dataIndex: 'onTimeAcceptanceRate', render: pct },
                  { title: t('dispatch.stats.closeRate'), dataIndex: 'onTimeClosureRate', render: pct },
                  { title: t('dispatch.stats.median'), dataIndex: 'medianHandlingMinutes', render: (m: number | null) => duration(m) },
                ]}
              />
            </Card>
          </Col>
        </Row>
      </Suspense>
    </>
  );
}
