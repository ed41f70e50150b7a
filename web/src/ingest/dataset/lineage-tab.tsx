import { Empty, List, Space, Table, Tag, Typography } from 'antd';
import { ApiOutlined, FileTextOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { formatTime } from '../../lib/format-time';
import { BatchStatusTag } from '../ingest-labels';
import type { Batch, DatasetDetail } from '../ingest-types';

/** Where the data came from (each file as a batch) and which modules read it, for what. */
export function LineageTab({ detail: d }: { detail: DatasetDetail }) {
  const { t } = useTranslation();
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <div>
        <Typography.Title level={5}><FileTextOutlined /> {t('ingest.lineage.sources')}</Typography.Title>
        <Table<Batch>
          data-testid="lineage-sources"
          rowKey="id"
          size="small"
          dataSource={d.batches}
          scroll={{ x: 'max-content' }}
          pagination={{ pageSize: 10, hideOnSinglePage: true }}
          locale={{ emptyText: t('ingest.quality.noBatches') }}
          columns={[
            { title: t('ingest.batches.id'), dataIndex: 'id', render: (v: number) => `#${v}` },
            { title: t('ingest.batches.file'), dataIndex: 'fileName', render: (v: string | null) => v ?? '—' },
            {
              title: t('ingest.lineage.sha256'), dataIndex: 'fileSha256',
              render: (v: string | null) => (v ? <Typography.Text code copyable={{ text: v }} title={v}>{v.slice(0, 12)}</Typography.Text> : '—'),
            },
            { title: t('ingest.lineage.lines'), dataIndex: 'read', align: 'right', render: (n: number) => n.toLocaleString() },
            { title: t('ingest.lineage.contractVersion'), dataIndex: 'datasetVersion', render: (v: number) => `v${v}` },
            { title: t('ingest.batches.status'), dataIndex: 'status', render: (s: Batch['status']) => <BatchStatusTag status={s} /> },
            { title: t('ingest.lineage.source'), dataIndex: 'source', render: (v: string) => t(`ingestCodes.sources.${v}`, { defaultValue: v }) },
            { title: t('ingest.lineage.by'), dataIndex: 'createdBy', render: (v: string | null) => v ?? '—' },
            { title: t('ingest.lineage.at'), key: 'at', render: (_, b) => formatTime(b.publishedAt ?? b.finishedAt ?? b.startedAt) },
          ]}
        />
      </div>
      <div>
        <Typography.Title level={5}><ApiOutlined /> {t('ingest.lineage.consumers')}</Typography.Title>
        {d.consumers.length ? (
          <List
            bordered
            size="small"
            data-testid="lineage-consumers"
            dataSource={d.consumers}
            renderItem={(c) => (
              <List.Item>
                <Space>
                  <Tag color="blue">{t(`module.${c.module}`, { defaultValue: c.module })}</Tag>
                  <span>{c.purpose}</span>
                </Space>
              </List.Item>
            )}
          />
        ) : (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('ingest.lineage.noConsumers')} data-testid="lineage-no-consumers" />
        )}
      </div>
    </Space>
  );
}
