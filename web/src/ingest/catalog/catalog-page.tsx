import { Badge, Button, Card, Input, Space, Table, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { apiGet } from '../../api/client';
import { ErrorAlert } from '../../api/error-alert';
import type { Items } from '../../api/types';
import { useRequest } from '../../api/use-request';
import { useSession } from '../../auth/session-context';
import { formatTime } from '../../lib/format-time';
import { LevelTag, QualityText } from '../ingest-labels';
import type { DatasetSummary } from '../ingest-types';
import { datasetPath } from '../dataset-path';
import { RegisterDatasetModal } from './register-dataset-modal';

/** 数据目录: every registered dataset with its owner, level, size, quality, open rejects and batches awaiting review. */
export default function CatalogPage() {
  const { t } = useTranslation();
  const { can } = useSession();
  const [q, setQ] = useState('');
  const [registering, setRegistering] = useState(false);
  const list = useRequest((s) => apiGet<Items<DatasetSummary>>('/api/datasets', undefined, s), []);

  // The catalog is small (tens of datasets), so filtering happens here rather than on the server.
  const shown = useMemo(() => {
    const needle = q.trim().toLowerCase();
    const items = list.data?.items ?? [];
    if (!needle) return items;
    return items.filter((d) => [d.name, d.title, d.department].some((v) => v.toLowerCase().includes(needle)));
  }, [list.data, q]);

  return (
    <>
      <Typography.Title level={3} className="page-title">{t('ingest.catalog.title')}</Typography.Title>
      <Card size="small">
        <Space wrap style={{ marginBottom: 12, justifyContent: 'space-between', width: '100%' }}>
          <Input.Search allowClear placeholder={t('ingest.catalog.search')} onSearch={setQ} onChange={(e) => !e.target.value && setQ('')} style={{ width: 300 }} />
          {can('dataset.manage') && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setRegistering(true)} data-testid="register-dataset">
              {t('ingest.catalog.register')}
            </Button>
          )}
        </Space>
        <ErrorAlert error={list.error} />
        <Table<DatasetSummary>
          data-testid="catalog-table"
          rowKey="name"
          size="small"
          loading={list.loading}
          dataSource={shown}
          scroll={{ x: 'max-content' }}
          pagination={{ pageSize: 20, hideOnSinglePage: true, showTotal: (n) => t('common.total', { count: n }) }}
          columns={[
            {
              title: t('ingest.catalog.name'), dataIndex: 'name',
              render: (v: string) => <Link to={datasetPath(v)} data-testid={`dataset-link-${v}`}><Typography.Text code>{v}</Typography.Text></Link>,
            },
            { title: t('ingest.catalog.datasetTitle'), dataIndex: 'title' },
            { title: t('ingest.catalog.department'), dataIndex: 'department' },
            { title: t('ingest.catalog.mode'), dataIndex: 'mode', render: (m: string) => t(`ingestCodes.modes.${m}`, { defaultValue: m }) },
            { title: t('ingest.catalog.level'), dataIndex: 'level', render: (l: DatasetSummary['level']) => <LevelTag level={l} /> },
            { title: t('ingest.catalog.rows'), dataIndex: 'rows', align: 'right', render: (n: number) => n.toLocaleString() },
            { title: t('ingest.catalog.quality'), dataIndex: 'qualityScore', align: 'right', render: (s: number | null) => <QualityText score={s} /> },
            {
              title: t('ingest.catalog.openRejects'), dataIndex: 'openRejects', align: 'right',
              render: (n: number) => (n > 0 ? <Badge count={n} overflowCount={99999} /> : <Typography.Text type="secondary">0</Typography.Text>),
            },
            {
              title: t('ingest.catalog.heldBatches'), dataIndex: 'heldBatches', align: 'right',
              render: (n: number, d) => (n > 0
                ? <Link to={datasetPath(d.name, 'batches')} data-testid={`held-${d.name}`}><Tag color="warning" style={{ marginInlineEnd: 0 }}>{t('ingest.catalog.heldCount', { count: n })}</Tag></Link>
                : <Typography.Text type="secondary">0</Typography.Text>),
            },
            { title: t('ingest.catalog.lastPublished'), dataIndex: 'lastPublishedAt', render: formatTime },
          ]}
        />
      </Card>
      <RegisterDatasetModal
        open={registering}
        onClose={(saved) => {
          setRegistering(false);
          if (saved) list.reload();
        }}
      />
    </>
  );
}
