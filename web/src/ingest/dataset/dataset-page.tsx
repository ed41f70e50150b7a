import { Breadcrumb, Button, Card, Skeleton, Space, Tabs, Typography } from 'antd';
import { CloudUploadOutlined, ReloadOutlined } from '@ant-design/icons';
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { apiGet } from '../../api/client';
import { ErrorAlert } from '../../api/error-alert';
import { useRequest } from '../../api/use-request';
import { useSession } from '../../auth/session-context';
import { AccessTab } from '../access/access-tab';
import { DATASET_TABS, datasetPath, type DatasetTab } from '../dataset-path';
import { LevelTag } from '../ingest-labels';
import type { DatasetDetail } from '../ingest-types';
import { RowsTab } from '../rows/rows-tab';
import { UploadModal } from '../upload/upload-modal';
import { BatchesTab } from './batches-tab';
import { LineageTab } from './lineage-tab';
import { QualityTab } from './quality-tab';
import { QuarantineTab } from './quarantine-tab';
import { SchemaTab } from './schema-tab';

/** One dataset: its contract, quality, batches, rows, quarantine, lineage and access, as tabs. */
export default function DatasetPage() {
  const { t } = useTranslation();
  const { can } = useSession();
  const navigate = useNavigate();
  const params = useParams();
  const name = params.name ?? '';
  const tab: DatasetTab = (DATASET_TABS as readonly string[]).includes(params.tab ?? '') ? (params.tab as DatasetTab) : 'schema';
  const detail = useRequest((s) => apiGet<DatasetDetail>(`/api/datasets/${encodeURIComponent(name)}`, undefined, s), [name]);
  // Tabs that load their own data (rows, quarantine, grants) watch this to refetch after a change.
  const [version, setVersion] = useState(0);
  const [uploading, setUploading] = useState<'new' | 'resubmit' | null>(null);
  const { reload } = detail;
  const refresh = useCallback(() => {
    reload();
    setVersion((n) => n + 1);
  }, [reload]);
  const d = detail.data;
  const go = (key: DatasetTab, search = '') => navigate(datasetPath(name, key) + search);

  const tabs = d && [
    { key: 'schema', label: t('ingest.tabs.schema'), children: <SchemaTab detail={d} /> },
    { key: 'quality', label: t('ingest.tabs.quality'), children: <QualityTab detail={d} /> },
    { key: 'batches', label: t('ingest.tabs.batches'), children: <BatchesTab detail={d} onChanged={refresh} /> },
    { key: 'rows', label: t('ingest.tabs.rows'), children: <RowsTab name={name} version={version} onRequestAccess={() => go('access', '?request=1')} /> },
    { key: 'quarantine', label: t('ingest.tabs.quarantine'), children: <QuarantineTab detail={d} version={version} onResubmit={() => setUploading('resubmit')} onRequestAccess={() => go('access', '?request=1')} /> },
    { key: 'lineage', label: t('ingest.tabs.lineage'), children: <LineageTab detail={d} /> },
    { key: 'access', label: t('ingest.tabs.access'), children: <AccessTab detail={d} version={version} /> },
  ];

  return (
    <>
      <Breadcrumb style={{ marginBottom: 8 }} items={[{ title: <Link to="/datasets">{t('nav.datasets')}</Link> }, { title: name }]} />
      <Space style={{ width: '100%', justifyContent: 'space-between' }} align="start" wrap>
        <div>
          <Typography.Title level={3} className="page-title" style={{ marginBottom: 4 }} data-testid="dataset-title">
            {d ? d.title : name}
          </Typography.Title>
          {d && (
            <Space wrap size={[8, 4]} style={{ marginBottom: 12 }}>
              <Typography.Text code>{d.name}</Typography.Text>
              <LevelTag level={d.level} />
              <Typography.Text type="secondary">
                {d.departmentName ?? d.department} · {t(`ingestCodes.modes.${d.mode}`)} · {t('ingest.schema.versionValue', { version: d.version })}
              </Typography.Text>
            </Space>
          )}
        </div>
        <Space>
          <Button icon={<ReloadOutlined />} onClick={refresh} aria-label={t('ingest.refresh')} />
          {d && can('ingest.write') && (
            <Button type="primary" icon={<CloudUploadOutlined />} onClick={() => setUploading('new')} data-testid="open-upload">
              {t('ingest.upload.open')}
            </Button>
          )}
        </Space>
      </Space>
      <ErrorAlert error={detail.error} />
      <Card size="small">
        {tabs ? (
          <Tabs activeKey={tab} onChange={(k) => go(k as DatasetTab)} items={tabs} data-testid="dataset-tabs" />
        ) : detail.loading ? (
          <Skeleton active />
        ) : null}
      </Card>
      {d && can('ingest.write') && (
        <>
          <UploadModal dataset={name} open={uploading === 'new'} resubmit={false} onClose={() => setUploading(null)} onFinished={refresh} />
          <UploadModal dataset={name} open={uploading === 'resubmit'} resubmit onClose={() => setUploading(null)} onFinished={refresh} />
        </>
      )}
    </>
  );
}
