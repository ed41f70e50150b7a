import { App, Button, Popconfirm, Space, Table, Typography } from 'antd';
import { CheckOutlined, DeleteOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { apiPost } from '../../api/client';
import { errorText } from '../../api/error-alert';
import { useSession } from '../../auth/session-context';
import { formatTime } from '../../lib/format-time';
import { BatchStatusTag, CodeCounts, holdText, QualityText, reasonLabel } from '../ingest-labels';
import type { Batch, DatasetDetail } from '../ingest-types';

const small = { fontSize: 12 };

/** Numbers stacked as "label value" lines, so four counts fit one narrow cell. */
function Counts({ b, keys }: { b: Batch; keys: Array<'read' | 'accepted' | 'rejected' | 'flagged' | 'inserted' | 'changed' | 'unchanged' | 'deleted'> }) {
  const { t } = useTranslation();
  return (
    <div style={{ ...small, lineHeight: 1.6, whiteSpace: 'nowrap' }}>
      {keys.map((k) => (
        <div key={k}>
          <Typography.Text type="secondary" style={small}>{t(`ingest.counts.${k}`)}</Typography.Text>{' '}
          <Typography.Text style={small} type={k === 'rejected' && b[k] ? 'danger' : k === 'flagged' && b[k] ? 'warning' : undefined}>{b[k].toLocaleString()}</Typography.Text>
        </div>
      ))}
    </div>
  );
}

/** Every batch of the dataset, newest first; held ones can be published or discarded here. */
export function BatchesTab({ detail: d, onChanged }: { detail: DatasetDetail; onChanged: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { can } = useSession();
  const [busy, setBusy] = useState<number | null>(null);
  const write = can('ingest.write');
  const threshold = d.spec.qualityThreshold ?? 0.9;

  const decide = async (b: Batch, action: 'publish' | 'discard') => {
    setBusy(b.id);
    try {
      await apiPost(`/api/batches/${b.id}/${action}`);
      message.success(t(action === 'publish' ? 'ingest.batches.publishedDone' : 'ingest.batches.discardedDone', { batch: b.id }));
      onChanged();
    } catch (e) {
      message.error(errorText(e, t('error.unknown')));
    } finally {
      setBusy(null);
    }
  };

  return (
    <Table<Batch>
      data-testid="batches-table"
      rowKey="id"
      size="small"
      dataSource={d.batches}
      scroll={{ x: 'max-content' }}
      pagination={{ pageSize: 20, hideOnSinglePage: true }}
      expandable={{
        rowExpandable: (b) => Object.keys(b.rejectedByReason ?? {}).length > 0,
        expandedRowRender: (b) => <CodeCounts counts={b.rejectedByReason} label={(c) => reasonLabel(t, c)} color="red" />,
      }}
      columns={[
        { title: t('ingest.batches.id'), dataIndex: 'id', render: (v: number) => `#${v}` },
        {
          title: t('ingest.batches.status'), dataIndex: 'status',
          render: (s: Batch['status'], b) => (
            <Space orientation="vertical" size={2}>
              <BatchStatusTag status={s} />
              {b.hold && (
                <Typography.Text type={s === 'held' ? 'warning' : 'secondary'} style={{ ...small, display: 'block', maxWidth: 240 }} data-testid={`hold-${b.id}`}>
                  {holdText(t, b.hold)}
                </Typography.Text>
              )}
            </Space>
          ),
        },
        {
          title: t('ingest.batches.file'), dataIndex: 'fileName',
          render: (v: string | null, b) => (
            <Space orientation="vertical" size={0}>
              <span>{v ?? '—'}</span>
              <Typography.Text type="secondary" style={small}>
                {[b.format, b.encoding].filter(Boolean).join(' / ') || '—'} · {t(`ingestCodes.sources.${b.source}`, { defaultValue: b.source })}
              </Typography.Text>
            </Space>
          ),
        },
        { title: t('ingest.batches.rows'), key: 'rows', render: (_, b) => <Counts b={b} keys={['read', 'accepted', 'rejected', 'flagged']} /> },
        { title: t('ingest.batches.changes'), key: 'changes', render: (_, b) => <Counts b={b} keys={['inserted', 'changed', 'unchanged', 'deleted']} /> },
        { title: t('ingest.batches.quality'), dataIndex: 'qualityScore', align: 'right', render: (s: number | null) => <QualityText score={s} threshold={threshold} /> },
        {
          title: t('ingest.batches.times'), key: 'times',
          render: (_, b) => (
            <div style={{ ...small, lineHeight: 1.6, whiteSpace: 'nowrap' }}>
              <div><Typography.Text type="secondary" style={small}>{t('ingest.batches.started')}</Typography.Text> {formatTime(b.startedAt)}</div>
              {b.finishedAt && <div><Typography.Text type="secondary" style={small}>{t('ingest.batches.finished')}</Typography.Text> {formatTime(b.finishedAt)}</div>}
            </div>
          ),
        },
        {
          title: t('ingest.batches.error'), dataIndex: 'error',
          render: (v: string | null) => (v ? <Typography.Paragraph type="danger" style={{ ...small, maxWidth: 320, marginBottom: 0 }} ellipsis={{ rows: 3, tooltip: v }}>{v}</Typography.Paragraph> : '—'),
        },
        ...(write
          ? [{
              title: t('common.actions'), key: 'actions', fixed: 'right' as const,
              render: (_: unknown, b: Batch) => b.status === 'held' && (
                <Space size={0}>
                  <Popconfirm title={b.hold?.deleting ? t('ingest.batches.publishConfirmDeletes', { batch: b.id, deleting: b.hold.deleting.toLocaleString() }) : t('ingest.batches.publishConfirm', { batch: b.id })} okText={t('common.ok')} cancelText={t('common.cancel')} onConfirm={() => decide(b, 'publish')}>
                    <Button type="link" size="small" icon={<CheckOutlined />} loading={busy === b.id} data-testid={`publish-${b.id}`}>{t('ingest.batches.publish')}</Button>
                  </Popconfirm>
                  <Popconfirm title={t('ingest.batches.discardConfirm', { batch: b.id })} okText={t('common.ok')} cancelText={t('common.cancel')} onConfirm={() => decide(b, 'discard')}>
                    <Button type="link" size="small" danger icon={<DeleteOutlined />} disabled={busy === b.id} data-testid={`discard-${b.id}`}>{t('ingest.batches.discard')}</Button>
                  </Popconfirm>
                </Space>
              ),
            }]
          : []),
      ]}
    />
  );
}
