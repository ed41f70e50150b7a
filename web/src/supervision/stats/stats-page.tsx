import { Card, Col, DatePicker, Row, Segmented, Space, Spin, Statistic, Table, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { lazy, Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { apiGet } from '../../api/client';
import { ErrorAlert } from '../../api/error-alert';
import { useRequest } from '../../api/use-request';
import type { Series } from '../../dispatch/stats/stats-chart';
import { pct, SEVERITY_COLOR, useModelNames, useTowns, wan } from '../supervision-labels';
import { STAT_DIMENSIONS, type StatDimension, type StatRow, type Stats } from '../supervision-types';
import '../supervision.css';

const StatsChart = lazy(() => import('../../dispatch/stats/stats-chart'));

/**
 * 监督统计: the article's figures (warnings issued, dispatched, confirmed rate, money recovered,
 * rules improved) and the same by domain, model, town or month.
 */
export default function SupervisionStatsPage() {
  const { t } = useTranslation();
  const [by, setBy] = useState<StatDimension>('domain');
  const [range, setRange] = useState<[Dayjs, Dayjs] | null>(null);
  const { name: modelName } = useModelNames();
  const { name: townName } = useTowns();
  // The server reads whole Shanghai days (`to` inclusive), so the picked dates go as they are.
  const from = range?.[0].format('YYYY-MM-DD');
  const to = range?.[1].format('YYYY-MM-DD');
  const stats = useRequest((s) => apiGet<Stats>('/api/supervision/stats', { by, from, to }, s), [by, from, to]);
  const total = stats.data?.total;
  const rows = stats.data?.rows ?? [];

  const keyLabel = (k: string | null) => {
    if (k == null) return t('supervision.stats.unknownKey');
    if (by === 'domain') return t(`supervision.domain.${k}`, { defaultValue: k });
    if (by === 'model') return modelName(k);
    if (by === 'town') return townName(k);
    return k;
  };
  const labels = rows.map((r) => keyLabel(r.key));
  const horizontal = by === 'model';
  const counts: Series[] = [
    { name: t('supervision.stats.issued'), type: 'bar', color: '#1f4e8c', data: rows.map((r) => r.issued) },
    { name: t('supervision.stats.dispatched'), type: 'bar', color: '#13c2c2', data: rows.map((r) => r.dispatched) },
    { name: t('supervision.stats.confirmed'), type: 'bar', color: SEVERITY_COLOR.red, data: rows.map((r) => r.confirmed) },
    { name: t('supervision.stats.falsePositive'), type: 'bar', color: '#bfbfbf', data: rows.map((r) => r.falsePositive) },
    // A second axis in percent cannot sit beside a horizontal chart's categories: rates go in the table then.
    ...(horizontal ? [] : [{ name: t('supervision.stats.confirmedRate'), type: 'line' as const, percent: true, color: '#722ed1', data: rows.map((r) => r.confirmedRate) }]),
  ];
  const money: Series[] = [{ name: t('supervision.stats.recoveredWan'), type: 'bar', color: '#d48806', data: rows.map((r) => Math.round(r.recoveredYuan / 100) / 100) }];
  const chartHeight = horizontal ? Math.max(300, rows.length * 34 + 60) : 320;

  const headline: Array<[string, string | number, string]> = [
    ['issued', total?.issued ?? 0, 'stat-issued'],
    ['dispatched', total?.dispatched ?? 0, 'stat-dispatched'],
    ['confirmedRate', pct(total?.confirmedRate), 'stat-confirmed-rate'],
    ['recoveredWan', wan(total?.recoveredYuan ?? 0), 'stat-recovered'],
    ['ruleImprovements', total?.ruleImprovements ?? 0, 'stat-rules'],
  ];

  return (
    <>
      <Space style={{ width: '100%', justifyContent: 'space-between' }} align="baseline" wrap>
        <Typography.Title level={3} className="page-title">{t('supervision.stats.title')}</Typography.Title>
        <DatePicker.RangePicker value={range} onChange={(v) => setRange(v?.[0] && v[1] ? [v[0], v[1]] : null)} data-testid="stats-range" />
      </Space>
      <ErrorAlert error={stats.error} />
      <Row gutter={[16, 16]} style={{ marginBottom: 16 }} data-testid="stats-headline">
        {headline.map(([key, value, testId]) => (
          <Col key={key} xs={12} md={8} xl={{ flex: '20%' }}>
            <Card size="small" className="supervision-headline">
              <Statistic title={t(`supervision.stats.${key}`)} value={value} data-testid={testId} />
            </Card>
          </Col>
        ))}
      </Row>
      <Card
        size="small"
        title={t('supervision.stats.byTitle', { dimension: t(`supervision.stats.by.${by}`) })}
        extra={
          <Segmented<StatDimension>
            size="small"
            value={by}
            onChange={setBy}
            options={STAT_DIMENSIONS.map((d) => ({ value: d, label: t(`supervision.stats.by.${d}`) }))}
            data-testid="stats-dimension"
          />
        }
      >
        <Suspense fallback={<Spin />}>
          <Row gutter={[16, 16]}>
            {/* Model names are long: their charts take the full width, one above the other. */}
            <Col xs={24} xl={horizontal ? 24 : 14}>
              <Typography.Text strong>{t('supervision.stats.countsChart')}</Typography.Text>
              <StatsChart testId="stats-counts" labels={labels} series={counts} horizontal={horizontal} height={chartHeight} labelWidth={260} />
            </Col>
            <Col xs={24} xl={horizontal ? 24 : 10}>
              <Typography.Text strong>{t('supervision.stats.moneyChart')}</Typography.Text>
              <StatsChart testId="stats-money" labels={labels} series={money} horizontal={horizontal} height={chartHeight} labelWidth={260} />
            </Col>
          </Row>
        </Suspense>
        <Table<StatRow>
          data-testid="stats-table"
          rowKey={(r) => r.key ?? '—'}
          size="small"
          loading={stats.loading}
          pagination={false}
          dataSource={rows}
          scroll={{ x: 'max-content' }}
          style={{ marginTop: 16 }}
          columns={[
            { title: t(`supervision.stats.by.${by}`), dataIndex: 'key', render: (k: string | null) => keyLabel(k) },
            { title: t('supervision.stats.issued'), dataIndex: 'issued', align: 'right' },
            { title: t('supervision.stats.dispatched'), dataIndex: 'dispatched', align: 'right' },
            { title: t('supervision.stats.open'), dataIndex: 'open', align: 'right' },
            { title: t('supervision.stats.confirmed'), dataIndex: 'confirmed', align: 'right' },
            { title: t('supervision.stats.falsePositive'), dataIndex: 'falsePositive', align: 'right' },
            { title: t('supervision.stats.confirmedRate'), dataIndex: 'confirmedRate', align: 'right', render: pct },
            { title: t('supervision.stats.recoveredWan'), dataIndex: 'recoveredYuan', align: 'right', render: (v: number) => wan(v) },
            { title: t('supervision.stats.ruleImprovements'), dataIndex: 'ruleImprovements', align: 'right' },
          ]}
        />
      </Card>
    </>
  );
}
