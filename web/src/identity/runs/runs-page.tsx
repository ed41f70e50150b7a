import { Alert, App, Button, Card, Popconfirm, Space, Spin, Table, Tag, Typography } from 'antd';
import { PlayCircleOutlined, ReloadOutlined, ThunderboltOutlined } from '@ant-design/icons';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { apiGet, apiPost } from '../../api/client';
import { ErrorAlert, errorText } from '../../api/error-alert';
import type { Job } from '../../api/types';
import { useRequest } from '../../api/use-request';
import { isFinished, JobWatcher } from '../../ingest/upload/job-watcher';
import { formatTime } from '../../lib/format-time';
import type { IdentityRun, RunStats } from '../identity-types';

const STATUS_COLOR: Record<string, string> = { queued: 'default', running: 'processing', succeeded: 'success', failed: 'error', cancelled: 'warning' };
const small = { fontSize: 12 };

/** A count from the run's stats; a run still going (or failed early) has none yet. */
const n = (v: number | undefined) => (v == null ? <Typography.Text type="secondary">—</Typography.Text> : v.toLocaleString());

type RunJob = Job & { result?: RunStats | null };

/**
 * While running, the stage the job reports ("link", "golden"…; per-dataset sync lines as sent);
 * once done, what the run did.
 */
function Stage({ job }: { job: RunJob }) {
  const { t } = useTranslation();
  const msg = isFinished(job) ? '' : job.message ?? '';
  const r = job.status === 'succeeded' ? job.result : null;
  return (
    <Space wrap data-testid="run-job" data-status={job.status}>
      <Tag color={STATUS_COLOR[job.status]}>{t(`identityCodes.jobStatus.${job.status}`, { defaultValue: job.status })}</Tag>
      {!isFinished(job) && <Spin size="small" />}
      {msg && <Typography.Text type="secondary">{t('identity.runs.stage', { stage: t(`identityCodes.stages.${msg}`, { defaultValue: msg }) })}</Typography.Text>}
      {r?.entities && (
        <Typography.Text type="secondary" data-testid="run-summary">
          {t('identity.runs.summary', { created: r.entities.created, merged: r.entities.merged, split: r.entities.split, queued: r.review?.queued ?? 0, seconds: r.seconds ?? 0 })}
        </Typography.Text>
      )}
      {job.error && <Typography.Text type="danger">{job.error}</Typography.Text>}
    </Space>
  );
}

/** 实体解析: recent resolution runs with their counts, and starting a new one with its progress. */
export default function RunsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const runs = useRequest((s) => apiGet<{ items: IdentityRun[] }>('/api/identity/runs', undefined, s), []);
  const [jobId, setJobId] = useState<string | null>(null);
  const [job, setJob] = useState<RunJob | null>(null);
  const [starting, setStarting] = useState(false);
  // As in ingest's newerJob: a late "running" event never undoes a finished state.
  const onJob = useCallback((j: Job) => setJob((prev) => (prev?.id === j.id && isFinished(prev) && !isFinished(j) ? prev : (j as RunJob))), []);
  const running = !!jobId && !isFinished(job);
  const { reload } = runs;

  // The run's row appears as soon as the job starts it, and gets its counts when it ends.
  useEffect(() => {
    if (job?.status === 'running' || isFinished(job)) reload();
  }, [job?.status, reload]);

  const start = async (mode: 'full' | 'incremental') => {
    setStarting(true);
    try {
      const r = await apiPost<{ job: string }>('/api/identity/runs', { mode });
      setJob(null);
      setJobId(r.job);
      message.info(t('identity.runs.started'));
    } catch (e) {
      message.error(errorText(e, t('error.unknown')));
    } finally {
      setStarting(false);
    }
  };

  return (
    <>
      <Typography.Title level={3} className="page-title">{t('identity.runs.title')}</Typography.Title>
      <Typography.Paragraph type="secondary">{t('identity.runs.intro')}</Typography.Paragraph>
      <Card size="small" style={{ marginBottom: 16 }}>
        <Space wrap>
          <Button type="primary" icon={<ThunderboltOutlined />} loading={starting} disabled={running} onClick={() => start('incremental')} data-testid="run-incremental">
            {t('identity.runs.startIncremental')}
          </Button>
          <Popconfirm title={t('identity.runs.confirmFull')} okText={t('common.ok')} cancelText={t('common.cancel')} onConfirm={() => start('full')}>
            <Button icon={<PlayCircleOutlined />} disabled={running || starting} data-testid="run-full">{t('identity.runs.startFull')}</Button>
          </Popconfirm>
          <Button icon={<ReloadOutlined />} onClick={reload} aria-label={t('identity.refresh')} />
          {job && <Stage job={job} />}
          {jobId && !job && <Spin size="small" />}
        </Space>
        {jobId && <JobWatcher jobId={jobId} onJob={onJob} />}
      </Card>
      <ErrorAlert error={runs.error} />
      <Card size="small">
        <Table<IdentityRun>
          data-testid="runs-table"
          rowKey="id"
          size="small"
          loading={runs.loading}
          dataSource={runs.data?.items}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: t('identity.runs.empty') }}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          // Only failed runs have something to unfold; without one the empty expander column is left out.
          expandable={runs.data?.items.some((r) => r.error) ? {
            rowExpandable: (r) => !!r.error,
            expandedRowRender: (r) => <Alert type="error" showIcon title={t('identity.runs.error')} description={r.error} />,
          } : undefined}
          columns={[
            { title: t('identity.runs.id'), dataIndex: 'id', render: (v: number) => `#${v}` },
            { title: t('identity.runs.mode'), dataIndex: 'mode', render: (m: string) => <Tag color={m === 'full' ? 'blue' : 'cyan'}>{t(`identityCodes.modes.${m}`, { defaultValue: m })}</Tag> },
            { title: t('identity.runs.status'), dataIndex: 'status', render: (s: string) => <Tag color={STATUS_COLOR[s]}>{t(`identityCodes.jobStatus.${s}`, { defaultValue: s })}</Tag> },
            { title: t('identity.runs.recordsLinked'), key: 'linked', align: 'right', render: (_, r) => n(r.stats?.records?.linked) },
            { title: t('identity.runs.filesCreated'), key: 'created', align: 'right', render: (_, r) => n(r.stats?.entities?.created) },
            { title: t('identity.runs.filesMerged'), key: 'merged', align: 'right', render: (_, r) => n(r.stats?.entities?.merged) },
            { title: t('identity.runs.filesSplit'), key: 'split', align: 'right', render: (_, r) => n(r.stats?.entities?.split) },
            { title: t('identity.runs.filesActive'), key: 'active', align: 'right', render: (_, r) => n(r.stats?.entities?.active) },
            { title: t('identity.runs.reviewQueued'), key: 'queued', align: 'right', render: (_, r) => n(r.stats?.review?.queued) },
            { title: t('identity.runs.conflictsFound'), key: 'conflicts', align: 'right', render: (_, r) => n(r.stats?.products?.marriage?.found) },
            { title: t('identity.runs.seconds'), key: 'seconds', align: 'right', render: (_, r) => n(r.stats?.seconds) },
            {
              title: t('identity.runs.times'), key: 'times',
              render: (_, r) => (
                <div style={{ ...small, lineHeight: 1.6, whiteSpace: 'nowrap' }}>
                  <div><Typography.Text type="secondary" style={small}>{t('identity.runs.started_at')}</Typography.Text> {formatTime(r.started_at)}</div>
                  {r.finished_at && <div><Typography.Text type="secondary" style={small}>{t('identity.runs.finished_at')}</Typography.Text> {formatTime(r.finished_at)}</div>}
                </div>
              ),
            },
          ]}
        />
      </Card>
    </>
  );
}
