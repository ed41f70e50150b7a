import { Progress, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Job } from '../../api/types';
import { formatTime } from '../../lib/format-time';

const STATUS: Record<Job['status'], 'normal' | 'active' | 'success' | 'exception'> = {
  queued: 'normal',
  running: 'active',
  succeeded: 'success',
  failed: 'exception',
  cancelled: 'exception',
};

/** A bar when the job knows its total; otherwise just the count done so far. */
export function JobProgress({ job }: { job: Job }) {
  const { t } = useTranslation();
  if (job.total === null || job.total <= 0) {
    return <Typography.Text type="secondary">{t('jobs.doneCount', { count: job.done })}</Typography.Text>;
  }
  const percent = Math.min(100, Math.floor((job.done / job.total) * 100));
  return (
    <div style={{ minWidth: 180 }}>
      <Progress percent={job.status === 'succeeded' ? 100 : percent} status={STATUS[job.status]} size="small" />
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {job.done.toLocaleString()} / {job.total.toLocaleString()}
      </Typography.Text>
    </div>
  );
}

/** Created, started and finished stacked in one cell, so the table fits a laptop screen. */
export function JobTimes({ job }: { job: Job }) {
  const { t } = useTranslation();
  const rows: Array<[string, string | null]> = [
    ['jobs.createdAt', job.createdAt],
    ['jobs.startedAt', job.startedAt],
    ['jobs.finishedAt', job.finishedAt],
  ];
  return (
    <div style={{ fontSize: 12, lineHeight: 1.6, whiteSpace: 'nowrap' }}>
      {rows.filter(([, v]) => v).map(([k, v]) => (
        <div key={k}>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t(k)}</Typography.Text> {formatTime(v)}
        </div>
      ))}
    </div>
  );
}
