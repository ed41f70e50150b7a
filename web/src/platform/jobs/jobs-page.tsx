import { Badge, Card, Space, Table, Tag, Typography } from 'antd';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { apiGet } from '../../api/client';
import { ErrorAlert } from '../../api/error-alert';
import type { Job, Page } from '../../api/types';
import { useRequest } from '../../api/use-request';
import { JobProgress, JobTimes } from './job-progress';
import { useJobStream, type StreamState } from './use-job-stream';

const PAGE_SIZE = 20;
const STATUS_COLOR: Record<Job['status'], string> = {
  queued: 'default', running: 'processing', succeeded: 'success', failed: 'error', cancelled: 'warning',
};
const STREAM_BADGE: Record<StreamState, 'success' | 'processing' | 'warning'> = {
  live: 'success', connecting: 'processing', retrying: 'warning',
};

/** Long-running work (demo generation, ingest, rule runs), kept current by the server's event stream. */
export default function JobsPage() {
  const { t } = useTranslation();
  const [page, setPage] = useState(1);
  const loaded = useRequest((s) => apiGet<Page<Job>>('/api/jobs', { page, pageSize: PAGE_SIZE }, s), [page]);
  const [jobs, setJobs] = useState<Job[]>([]);
  const [total, setTotal] = useState(0);
  // Ids the server has told us about, so a job first seen on the stream counts once in the total.
  const known = useRef(new Set<string>());

  useEffect(() => {
    if (!loaded.data) return;
    known.current = new Set(loaded.data.items.map((j) => j.id));
    setJobs(loaded.data.items);
    setTotal(loaded.data.total);
  }, [loaded.data]);

  const onJob = useCallback(
    (job: Job) => {
      const isNew = !known.current.has(job.id);
      if (isNew) {
        known.current.add(job.id);
        setTotal((n) => n + 1);
      }
      setJobs((prev) => {
        if (prev.some((j) => j.id === job.id)) return prev.map((j) => (j.id === job.id ? job : j));
        // New jobs are the newest, so they belong on the first page only.
        return page === 1 ? [job, ...prev].slice(0, PAGE_SIZE) : prev;
      });
    },
    [page],
  );
  const stream = useJobStream(onJob);
  // The stream has no replay, so changes made while it was down are fetched again once it is back.
  const wasDown = useRef(false);
  const { reload } = loaded;
  useEffect(() => {
    if (stream === 'retrying') wasDown.current = true;
    if (stream === 'live' && wasDown.current) {
      wasDown.current = false;
      reload();
    }
  }, [stream, reload]);

  return (
    <>
      <Space style={{ width: '100%', justifyContent: 'space-between' }} align="baseline" wrap>
        <Typography.Title level={3} className="page-title">{t('jobs.title')}</Typography.Title>
        <Badge status={STREAM_BADGE[stream]} text={t(`jobs.stream.${stream}`)} data-testid="job-stream-state" />
      </Space>
      <Card size="small">
        <ErrorAlert error={loaded.error} />
        <Table<Job>
          data-testid="jobs-table"
          rowKey="id"
          size="small"
          loading={loaded.loading && jobs.length === 0}
          dataSource={jobs}
          scroll={{ x: 'max-content' }}
          pagination={{ current: page, pageSize: PAGE_SIZE, total, showSizeChanger: false, onChange: setPage, showTotal: (n) => t('common.total', { count: n }) }}
          columns={[
            { title: t('jobs.titleCol'), dataIndex: 'title', render: (v: string, j) => <Space orientation="vertical" size={0}><span>{v}</span><Typography.Text type="secondary" style={{ fontSize: 12 }}>{j.kind}</Typography.Text></Space> },
            { title: t('jobs.status'), dataIndex: 'status', render: (s: Job['status']) => <Tag color={STATUS_COLOR[s]}>{t(`jobs.statuses.${s}`)}</Tag> },
            { title: t('jobs.progress'), key: 'progress', render: (_, j) => <JobProgress job={j} /> },
            {
              title: t('jobs.message'), key: 'message',
              render: (_, j) => (j.error ? <Typography.Text type="danger">{j.error}</Typography.Text> : (j.message ?? '—')),
            },
            { title: t('jobs.createdBy'), dataIndex: 'createdBy', render: (v: string | null) => v ?? t('jobs.system') },
            { title: t('jobs.times'), key: 'times', render: (_, j) => <JobTimes job={j} /> },
          ]}
        />
      </Card>
    </>
  );
}
