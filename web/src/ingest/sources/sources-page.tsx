import { App, Button, Card, Space, Switch, Table, Typography } from 'antd';
import { PlayCircleOutlined, PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { apiGet, apiPatch, apiPost } from '../../api/client';
import { ErrorAlert, errorText } from '../../api/error-alert';
import type { Items } from '../../api/types';
import { useRequest } from '../../api/use-request';
import { formatTime } from '../../lib/format-time';
import { datasetPath } from '../dataset-path';
import { BatchStatusTag } from '../ingest-labels';
import type { Source } from '../ingest-types';
import { isFinished, JobWatcher } from '../upload/job-watcher';
import { NewSourceModal } from './new-source-modal';

const small = { fontSize: 12 };

/**
 * 数据源: scheduled pulls from departments' PostgreSQL databases, with each one's last batch and
 * error; a pull can be started now and is followed to its end. The server shows a department only
 * its own sources and never a connection URL.
 */
export default function SourcesPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const list = useRequest((s) => apiGet<Items<Source>>('/api/sources', undefined, s), []);
  const [adding, setAdding] = useState(false);
  // Pulls started here, by source, until their job ends.
  const [running, setRunning] = useState<Record<number, string>>({});

  const run = async (s: Source) => {
    try {
      const { job } = await apiPost<{ job: string }>(`/api/sources/${s.id}/run`);
      setRunning((r) => ({ ...r, [s.id]: job }));
      message.info(t('ingest.sources.started', { name: s.name }));
    } catch (e) {
      message.error(errorText(e, t('error.unknown')));
    }
  };
  const { reload } = list;
  const setEnabled = async (s: Source, enabled: boolean) => {
    try {
      await apiPatch(`/api/sources/${s.id}`, { enabled });
      message.success(t(enabled ? 'ingest.sources.resumed' : 'ingest.sources.paused', { name: s.name }));
      reload();
    } catch (e) {
      message.error(errorText(e, t('error.unknown')));
    }
  };
  const ended = useCallback((sourceId: number) => {
    setRunning((r) => Object.fromEntries(Object.entries(r).filter(([k]) => Number(k) !== sourceId)));
    reload();
  }, [reload]);

  return (
    <>
      <Typography.Title level={3} className="page-title">{t('ingest.sources.title')}</Typography.Title>
      <Typography.Paragraph type="secondary">{t('ingest.sources.intro')}</Typography.Paragraph>
      <Card size="small">
        <Space style={{ marginBottom: 12 }}>
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)} data-testid="add-source">{t('ingest.sources.add')}</Button>
          <Button icon={<ReloadOutlined />} onClick={reload} aria-label={t('ingest.refresh')} />
        </Space>
        <ErrorAlert error={list.error} />
        <Table<Source>
          data-testid="sources-table"
          rowKey="id"
          size="small"
          loading={list.loading}
          dataSource={list.data?.items ?? []}
          scroll={{ x: 'max-content' }}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          columns={[
            { title: t('ingest.sources.name'), dataIndex: 'name', render: (v: string) => <Typography.Text code>{v}</Typography.Text> },
            { title: t('ingest.sources.dataset'), dataIndex: 'dataset', render: (v: string) => <Link to={datasetPath(v, 'batches')}>{v}</Link> },
            {
              title: t('ingest.sources.query'), dataIndex: 'query',
              render: (v: string) => <Typography.Paragraph code style={{ ...small, maxWidth: 320, marginBottom: 0 }} ellipsis={{ rows: 2, tooltip: v }}>{v}</Typography.Paragraph>,
            },
            {
              title: t('ingest.sources.every'), dataIndex: 'everyMinutes',
              render: (n: number, s) => (
                <Space size={8}>
                  <Switch size="small" checked={s.enabled} onChange={(on) => setEnabled(s, on)} aria-label={t('ingest.sources.scheduled')} data-testid={`enabled-${s.name}`} />
                  <Typography.Text type={s.enabled ? undefined : 'secondary'}>{t('ingest.sources.everyValue', { count: n })}</Typography.Text>
                </Space>
              ),
            },
            {
              title: t('ingest.sources.runs'), key: 'runs',
              render: (_, s) => (
                <div style={{ ...small, lineHeight: 1.6, whiteSpace: 'nowrap' }}>
                  <div><Typography.Text type="secondary" style={small}>{t('ingest.sources.next')}</Typography.Text> {s.enabled ? formatTime(s.nextRunAt) : t('ingest.sources.disabled')}</div>
                  <div><Typography.Text type="secondary" style={small}>{t('ingest.sources.last')}</Typography.Text> {formatTime(s.lastRunAt)}</div>
                </div>
              ),
            },
            {
              title: t('ingest.sources.lastBatch'), key: 'lastBatch',
              render: (_, s) => (s.lastBatchId == null ? '—' : (
                <Space size={4} data-testid={`source-batch-${s.name}`}>
                  <Link to={datasetPath(s.dataset, 'batches')}>#{s.lastBatchId}</Link>
                  {s.lastBatchStatus && <BatchStatusTag status={s.lastBatchStatus} />}
                </Space>
              )),
            },
            {
              title: t('ingest.sources.error'), dataIndex: 'lastError',
              render: (v: string | null) => (v ? <Typography.Paragraph type="danger" style={{ ...small, maxWidth: 280, marginBottom: 0 }} ellipsis={{ rows: 2, tooltip: v }}>{v}</Typography.Paragraph> : '—'),
            },
            {
              title: t('common.actions'), key: 'actions', fixed: 'right' as const,
              render: (_, s) => (
                <Button type="link" size="small" icon={<PlayCircleOutlined />} loading={running[s.id] !== undefined} onClick={() => run(s)} data-testid={`run-${s.name}`}>
                  {t('ingest.sources.runNow')}
                </Button>
              ),
            },
          ]}
        />
      </Card>
      {Object.entries(running).map(([id, job]) => (
        <JobWatcher key={job} jobId={job} onJob={(j) => isFinished(j) && ended(Number(id))} />
      ))}
      <NewSourceModal
        open={adding}
        onClose={(saved) => {
          setAdding(false);
          if (saved) reload();
        }}
      />
    </>
  );
}
