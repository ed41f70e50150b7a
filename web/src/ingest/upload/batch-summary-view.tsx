import { Alert, Descriptions, Space, Statistic, Tag, Typography } from 'antd';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { CodeCounts, flagLabel, holdText, wouldDeleteText, percent, QUALITY_COLOR, qualityLevel, reasonLabel } from '../ingest-labels';
import type { BatchSummary } from '../ingest-types';

const COUNTS = ['read', 'accepted', 'rejected', 'flagged'] as const;
const CHANGES = ['inserted', 'changed', 'unchanged', 'deleted'] as const;

/** Why the batch waits for review, and what publishing it would delete. */
function heldHint(t: TFunction, s: BatchSummary): string {
  const h = s.hold;
  // A clause of holdText begins a sentence here: capitalised (English; Chinese is unchanged). A job
  // result from before holds were recorded has no `hold`.
  const sentence = (text: string) => (text ? t('ingest.hold.sentence', { text: text[0].toUpperCase() + text.slice(1) }) : '');
  if (h?.cause === 'deletions') return `${sentence(holdText(t, h))}${t('ingest.summary.reviewHint')}`;
  const would = h ? wouldDeleteText(t, h) : '';
  return `${t('ingest.summary.heldHint', { score: percent(s.qualityScore), threshold: percent(s.threshold) })}${sentence(would)}${t('ingest.summary.reviewHint')}`;
}

/** What one finished batch did: rows read, kept and rejected, what changed, and its quality. */
export function BatchSummaryView({ summary: s }: { summary: BatchSummary }) {
  const { t } = useTranslation();
  const held = s.status === 'held';
  return (
    <div data-testid="batch-summary" data-status={s.status}>
      <Alert
        type={held ? 'warning' : 'success'}
        showIcon
        style={{ marginBottom: 12 }}
        title={t(!held ? 'ingest.summary.published' : s.hold?.cause === 'deletions' ? 'ingest.summary.heldDeletions' : 'ingest.summary.held', { batch: s.batch })}
        description={held ? heldHint(t, s) : undefined}
        data-testid={held ? 'summary-hold' : 'summary-published'}
      />
      <Space size={[32, 12]} wrap style={{ marginBottom: 12 }}>
        {COUNTS.map((k) => (
          <Statistic key={k} title={t(`ingest.counts.${k}`)} value={s[k]} data-testid={`summary-${k}`} />
        ))}
        <Statistic
          title={t('ingest.summary.quality')}
          value={(s.qualityScore * 100).toFixed(1)}
          suffix="%"
          styles={{ content: { color: QUALITY_COLOR[qualityLevel(s.qualityScore, s.threshold)] } }}
          data-testid="summary-quality"
        />
      </Space>
      <Descriptions size="small" column={{ xs: 1, sm: 2 }} bordered
        items={[
          {
            key: 'changes', label: t('ingest.summary.changes'), span: 2,
            children: (
              <Space wrap>
                {CHANGES.map((k) => <Tag key={k}>{t(`ingest.counts.${k}`)} {s[k].toLocaleString()}</Tag>)}
              </Space>
            ),
          },
          { key: 'reasons', label: t('ingest.summary.rejectedByReason'), span: 2, children: <CodeCounts counts={s.rejectedByReason} label={(c) => reasonLabel(t, c)} color="red" /> },
          { key: 'flags', label: t('ingest.summary.flagsByKind'), span: 2, children: <CodeCounts counts={s.flagsByKind} label={(c) => flagLabel(t, c)} color="gold" /> },
          ...(s.superseded?.length
            ? [{ key: 'superseded', label: t('ingest.summary.superseded'), span: 2, children: <Typography.Text type="secondary" data-testid="summary-superseded">{t('ingest.summary.supersededValue', { batches: s.superseded.map((b) => `#${b}`).join('、') })}</Typography.Text> }]
            : []),
          { key: 'format', label: t('ingest.summary.format'), children: `${s.format}${s.encoding ? ` / ${s.encoding}` : ''}` },
          { key: 'seconds', label: t('ingest.summary.seconds'), children: t('ingest.summary.secondsValue', { count: s.seconds }) },
          ...(s.missingColumns.length
            ? [{ key: 'missing', label: t('ingest.summary.missingColumns'), span: 2, children: <Typography.Text type="warning">{s.missingColumns.join('、')}</Typography.Text> }]
            : []),
          ...(s.extraColumns.length
            ? [{ key: 'extra', label: t('ingest.summary.extraColumns'), span: 2, children: <Typography.Text type="secondary">{s.extraColumns.join('、')}</Typography.Text> }]
            : []),
        ]}
      />
    </div>
  );
}
