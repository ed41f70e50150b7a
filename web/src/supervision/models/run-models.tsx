import { PlayCircleOutlined } from '@ant-design/icons';
import { Alert, App, Button, Popconfirm, Space, Spin, Tag, Typography } from 'antd';
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { apiPost } from '../../api/client';
import { errorText } from '../../api/error-alert';
import type { Job } from '../../api/types';
import { useSession } from '../../auth/session-context';
import { isFinished, JobWatcher } from '../../ingest/upload/job-watcher';
import { JobProgress } from '../../platform/jobs/job-progress';
import { useModelNames } from '../supervision-labels';
import type { RunResult } from '../supervision-types';

type RunJob = Job & { result?: RunResult | null };
const STATUS_COLOR: Record<string, string> = { queued: 'default', running: 'processing', succeeded: 'success', failed: 'error', cancelled: 'warning' };

/** The job's line "运行模型 <id>" names the model being run; shown with the model's name. */
function useStage(): (job: RunJob) => string {
  const { t } = useTranslation();
  const { name } = useModelNames();
  return (job) => {
    const m = /^运行模型 (\S+)$/.exec(job.message ?? '');
    return m ? t('supervision.run.stage', { model: name(m[1]) }) : '';
  };
}

/** What the run did, once it succeeded: warnings raised, cleared, dispatched, and models skipped. */
function RunSummary({ result }: { result: RunResult }) {
  const { t } = useTranslation();
  const { name } = useModelNames();
  const skipped = result.models.filter((m) => m.skipped);
  return (
    <div data-testid="run-summary">
      <Typography.Text type="secondary">
        {t('supervision.run.summary', { models: result.models.length - skipped.length, ...result.totals, seconds: result.seconds })}
      </Typography.Text>
      {skipped.length > 0 && (
        <Alert
          type="warning"
          showIcon
          style={{ marginTop: 8 }}
          title={t('supervision.run.skipped', { count: skipped.length })}
          description={<ul style={{ margin: 0, paddingInlineStart: 18 }}>{skipped.map((m) => <li key={m.model}>{name(m.model)}：{m.skipped}</li>)}</ul>}
        />
      )}
    </div>
  );
}

/**
 * 运行模型: starts a run of the given models (all enabled ones when none are given) as a job and
 * follows it on the job stream. Without job.read the run still starts; the page says so.
 */
export function RunModels({ models, onFinished }: { models?: string[]; onFinished?: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { can } = useSession();
  const stage = useStage();
  const [jobId, setJobId] = useState<string | null>(null);
  const [job, setJob] = useState<RunJob | null>(null);
  const [starting, setStarting] = useState(false);
  const follow = can('job.read');
  // As in ingest's newerJob: a late "running" event never undoes a finished state.
  const onJob = useCallback((j: Job) => {
    setJob((prev) => (prev?.id === j.id && isFinished(prev) && !isFinished(j) ? prev : (j as RunJob)));
    if (isFinished(j)) onFinished?.();
  }, [onFinished]);
  const running = !!jobId && follow && !isFinished(job);

  const start = async () => {
    setStarting(true);
    try {
      const j = await apiPost<Job>('/api/supervision/runs', models?.length ? { models } : {});
      setJob(follow ? null : (j as RunJob));
      setJobId(j.id);
      message.info(t('supervision.run.started'));
    } catch (e) {
      message.error(errorText(e, t('error.unknown')));
    } finally {
      setStarting(false);
    }
  };

  if (!can('supervision.run')) return null;
  const label = models?.length === 1 ? t('supervision.run.one') : models?.length ? t('supervision.run.selected', { count: models.length }) : t('supervision.run.all');
  return (
    <div data-testid="run-models">
      <Space wrap align="center">
        <Popconfirm title={t('supervision.run.confirm')} okText={t('common.ok')} cancelText={t('common.cancel')} onConfirm={start}>
          <Button type="primary" icon={<PlayCircleOutlined />} loading={starting} disabled={running} data-testid="run-models-button">{label}</Button>
        </Popconfirm>
        {job && follow && (
          <Space wrap data-testid="run-job" data-status={job.status}>
            <Tag color={STATUS_COLOR[job.status]}>{t(`supervision.run.status.${job.status}`, { defaultValue: job.status })}</Tag>
            {!isFinished(job) && <JobProgress job={job} />}
            {!isFinished(job) && stage(job) && <Typography.Text type="secondary">{stage(job)}</Typography.Text>}
            {job.error && <Typography.Text type="danger">{job.error}</Typography.Text>}
          </Space>
        )}
        {jobId && follow && !job && <Spin size="small" />}
        {jobId && !follow && <Typography.Text type="secondary" data-testid="run-queued">{t('supervision.run.noFollow', { id: jobId.slice(0, 8) })}</Typography.Text>}
      </Space>
      {job?.status === 'succeeded' && job.result && <RunSummary result={job.result} />}
      {jobId && follow && <JobWatcher jobId={jobId} onJob={onJob} />}
    </div>
  );
}
