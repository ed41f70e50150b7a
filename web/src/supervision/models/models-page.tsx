import { App, Card, Space, Switch, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { apiGet, apiPost } from '../../api/client';
import { ErrorAlert, errorText } from '../../api/error-alert';
import { useRequest } from '../../api/use-request';
import { useSession } from '../../auth/session-context';
import { formatTime } from '../../lib/format-time';
import { DomainTag, modelPath, modelsChanged } from '../supervision-labels';
import type { ModelSummary } from '../supervision-types';
import { RunModels } from './run-models';

/** 预警模型: every model with its current version, the datasets it reads, and running them now. */
export default function ModelsPage() {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const { can } = useSession();
  const list = useRequest((s) => apiGet<{ items: ModelSummary[] }>('/api/supervision/models', undefined, s), []);
  const [selected, setSelected] = useState<string[]>([]);
  const [toggling, setToggling] = useState<string | null>(null);
  const en = i18n.language === 'en';
  const mayEdit = can('supervision.model.edit');
  const mayRun = can('supervision.run');

  const setEnabled = async (m: ModelSummary, enabled: boolean) => {
    setToggling(m.id);
    try {
      await apiPost(`/api/supervision/models/${encodeURIComponent(m.id)}/enabled`, { enabled });
      modelsChanged();
      list.reload();
    } catch (e) {
      message.error(errorText(e, t('error.unknown')));
    } finally {
      setToggling(null);
    }
  };

  return (
    <>
      <Typography.Title level={3} className="page-title">{t('supervision.models.title')}</Typography.Title>
      <Typography.Paragraph type="secondary">{t('supervision.models.intro')}</Typography.Paragraph>
      {mayRun && (
        <Card size="small" style={{ marginBottom: 16 }}>
          <RunModels models={selected} onFinished={list.reload} />
        </Card>
      )}
      <ErrorAlert error={list.error} />
      <Card size="small">
        <Table<ModelSummary>
          data-testid="models-table"
          rowKey="id"
          size="small"
          loading={list.loading}
          dataSource={list.data?.items}
          scroll={{ x: 'max-content' }}
          pagination={{ pageSize: 50, hideOnSinglePage: true }}
          rowSelection={mayRun ? { selectedRowKeys: selected, onChange: (keys) => setSelected(keys as string[]) } : undefined}
          columns={[
            { title: t('supervision.col.domain'), dataIndex: 'domain', render: (d: string) => <DomainTag domain={d} /> },
            {
              title: t('supervision.col.model'), key: 'name',
              render: (_, m) => (
                <div>
                  <Link to={modelPath(m.id)} data-testid={`model-link-${m.id}`}>{en ? m.nameEn : m.name}</Link>
                  <div><Typography.Text type="secondary" style={{ fontSize: 12 }}>{m.id}</Typography.Text></div>
                </div>
              ),
            },
            {
              title: t('supervision.col.version'), key: 'version',
              render: (_, m) => (
                <Space size={4}>
                  {t('supervision.versionValue', { version: m.version })}
                  {m.hasDraft && <Tag color="blue">{t('supervision.models.draft')}</Tag>}
                </Space>
              ),
            },
            {
              title: t('supervision.col.enabled'), dataIndex: 'enabled',
              render: (on: boolean, m) => (mayEdit
                ? <Switch size="small" checked={on} loading={toggling === m.id} onChange={(v) => void setEnabled(m, v)} data-testid={`model-enabled-${m.id}`} />
                : <Tag color={on ? 'green' : 'default'}>{on ? t('supervision.models.enabled') : t('supervision.models.disabled')}</Tag>),
            },
            { title: t('supervision.col.datasets'), dataIndex: 'datasets', render: (ds: string[]) => <Space size={[4, 4]} wrap style={{ maxWidth: 360 }}>{ds.map((d) => <Tag key={d}>{d}</Tag>)}</Space> },
            {
              title: t('supervision.col.updated'), key: 'updated',
              render: (_, m) => <div style={{ fontSize: 12, whiteSpace: 'nowrap' }}>{m.updatedBy === 'system' ? t('supervision.models.builtin') : m.updatedBy}<br />{formatTime(m.updatedAt)}</div>,
            },
          ]}
        />
      </Card>
    </>
  );
}
