import { Descriptions, Empty, Progress, Skeleton, Space, Table, Typography } from 'antd';
import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { formatTime } from '../../lib/format-time';
import { CodeCounts, flagLabel, percent, QualityText, reasonLabel } from '../ingest-labels';
import type { Batch, DatasetDetail } from '../ingest-types';

const QualityChart = lazy(() => import('./quality-chart'));

interface FieldRow { name: string; column: string; present: number; flagged: number; completeness: number; flagRate: number }

/** The latest batch that got as far as scoring; running and failed ones have no field stats. */
function latestScored(batches: Batch[]): Batch | undefined {
  return batches.find((b) => b.fieldStats?.fields && b.qualityScore != null);
}

/** Quality over time, and how complete and clean each field was in the latest batch. */
export function QualityTab({ detail: d }: { detail: DatasetDetail }) {
  const { t } = useTranslation();
  const threshold = d.spec.qualityThreshold ?? 0.9;
  const latest = latestScored(d.batches);
  const stats = latest?.fieldStats?.fields ?? {};
  // Field counts are taken over the rows the batch kept, so that is the base for both rates.
  const base = latest?.accepted ?? 0;
  const rows: FieldRow[] = d.spec.fields.map((f) => {
    const s = stats[f.name] ?? { present: 0, flagged: 0 };
    return {
      name: f.name, column: f.column, present: s.present, flagged: s.flagged,
      completeness: base ? Math.min(1, s.present / base) : 0,
      flagRate: base ? Math.min(1, s.flagged / base) : 0,
    };
  });

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <div>
        <Typography.Title level={5}>{t('ingest.quality.trend')}</Typography.Title>
        {d.qualityTrend.length ? (
          <Suspense fallback={<Skeleton.Node active style={{ width: '100%', height: 280 }} />}>
            <QualityChart trend={d.qualityTrend} threshold={threshold} />
          </Suspense>
        ) : (
          <Empty description={t('ingest.quality.noBatches')} />
        )}
      </div>
      {latest && (
        <div>
          <Typography.Title level={5}>{t('ingest.quality.latest', { batch: latest.id })}</Typography.Title>
          <Descriptions size="small" bordered column={{ xs: 1, md: 2 }} style={{ marginBottom: 12 }}
            items={[
              { key: 'score', label: t('ingest.quality.score'), children: <QualityText score={latest.qualityScore} threshold={threshold} /> },
              { key: 'at', label: t('ingest.batches.finished'), children: formatTime(latest.finishedAt) },
              { key: 'reasons', label: t('ingest.summary.rejectedByReason'), children: <CodeCounts counts={latest.rejectedByReason} label={(c) => reasonLabel(t, c)} color="red" /> },
              { key: 'flags', label: t('ingest.summary.flagsByKind'), children: <CodeCounts counts={latest.flagsByKind} label={(c) => flagLabel(t, c)} color="gold" /> },
              ...(latest.fieldStats?.missingColumns?.length
                ? [{ key: 'missing', label: t('ingest.summary.missingColumns'), children: latest.fieldStats.missingColumns.join('、') }]
                : []),
              ...(latest.fieldStats?.extraColumns?.length
                ? [{ key: 'extra', label: t('ingest.summary.extraColumns'), children: latest.fieldStats.extraColumns.join('、') }]
                : []),
            ]}
          />
          <Table<FieldRow>
            data-testid="field-stats"
            rowKey="name"
            size="small"
            pagination={false}
            dataSource={rows}
            scroll={{ x: 'max-content' }}
            columns={[
              { title: t('ingest.schema.column'), dataIndex: 'column' },
              { title: t('ingest.schema.fieldName'), dataIndex: 'name', render: (v: string) => <Typography.Text code>{v}</Typography.Text> },
              {
                title: t('ingest.quality.completeness'), dataIndex: 'completeness',
                render: (v: number, r) => (
                  <div style={{ minWidth: 200 }} title={`${r.present.toLocaleString()} / ${base.toLocaleString()}`}>
                    <Progress percent={Math.round(v * 1000) / 10} size="small" status={v < 0.5 ? 'exception' : 'normal'} format={() => percent(v)} />
                  </div>
                ),
              },
              {
                title: t('ingest.quality.flagRate'), dataIndex: 'flagRate', align: 'right',
                render: (v: number, r) => (
                  <Typography.Text type={r.flagged ? 'warning' : 'secondary'}>{percent(v)}（{r.flagged.toLocaleString()}）</Typography.Text>
                ),
              },
            ]}
          />
        </div>
      )}
    </Space>
  );
}
