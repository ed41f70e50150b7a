import { Alert, Button, Form, Progress, Select, Space, Typography, Upload } from 'antd';
import { CloudUploadOutlined, InboxOutlined, StopOutlined } from '@ant-design/icons';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../api/error-alert';
import type { IngestJob, UploadStarted } from '../ingest-types';
import { BatchSummaryView } from './batch-summary-view';
import { isFinished, JobWatcher, newerJob } from './job-watcher';
import { ENCODINGS, formatBytes, sendFile, UPLOAD_ACCEPT, type EncodingChoice } from './send-file';

type Phase = 'idle' | 'uploading' | 'processing' | 'done' | 'failed';

interface Props {
  dataset: string;
  /** A corrected quarantine file: merged into the dataset, closing the rejects it fixes. */
  resubmit: boolean;
  /** Called once the batch has finished either way, so the dataset page can refresh. */
  onFinished: () => void;
}

/** Choose a file, send it with upload progress, then follow its ingest job to the batch summary. */
export function UploadPanel({ dataset, resubmit, onFinished }: Props) {
  const { t } = useTranslation();
  const [file, setFile] = useState<File | null>(null);
  const [encoding, setEncoding] = useState<EncodingChoice>('auto');
  const [phase, setPhase] = useState<Phase>('idle');
  const [sent, setSent] = useState(0);
  const [started, setStarted] = useState<UploadStarted | null>(null);
  const [job, setJob] = useState<IngestJob | null>(null);
  const [error, setError] = useState<string>();
  const abort = useRef<AbortController | null>(null);
  const onFinishedRef = useRef(onFinished);
  onFinishedRef.current = onFinished;
  const busy = phase === 'uploading' || phase === 'processing';

  const start = async () => {
    if (!file) return;
    const ctl = new AbortController();
    abort.current = ctl;
    setPhase('uploading');
    setSent(0);
    setStarted(null);
    setJob(null);
    setError(undefined);
    try {
      const s = await sendFile({ dataset, file, encoding, resubmit, onProgress: setSent, signal: ctl.signal });
      setSent(100);
      setStarted(s);
      setPhase('processing');
    } catch (e) {
      setPhase(ctl.signal.aborted ? 'idle' : 'failed');
      if (!ctl.signal.aborted) setError(errorText(e, t('error.unknown')));
    }
  };

  const onJob = useCallback((j: IngestJob) => setJob((prev) => newerJob(prev, j)), []);

  useEffect(() => {
    if (phase !== 'processing' || !isFinished(job)) return;
    if (job!.status === 'succeeded') {
      setPhase('done');
    } else {
      setPhase('failed');
      setError(job!.error ?? t(`jobs.statuses.${job!.status}`));
    }
    onFinishedRef.current();
  }, [job, phase, t]);

  const processed = job?.total ? Math.min(100, Math.floor((job.done / job.total) * 100)) : 0;

  return (
    <div data-testid={resubmit ? 'resubmit-panel' : 'upload-panel'}>
      {resubmit && <Alert type="info" showIcon style={{ marginBottom: 12 }} title={t('ingest.upload.resubmitHint')} />}
      <Upload.Dragger
        className="upload-drop"
        accept={UPLOAD_ACCEPT}
        multiple={false}
        disabled={busy}
        fileList={file ? [{ uid: 'chosen', name: `${file.name} (${formatBytes(file.size)})`, status: 'done' }] : []}
        beforeUpload={(f) => {
          setFile(f);
          setPhase('idle');
          setError(undefined);
          return false; // sent by sendFile, not by AntD's multipart uploader
        }}
        onRemove={() => setFile(null)}
      >
        <p className="ant-upload-drag-icon"><InboxOutlined /></p>
        <p className="ant-upload-text">{t('ingest.upload.drop')}</p>
        <p className="ant-upload-hint">{t('ingest.upload.formats')}</p>
      </Upload.Dragger>
      <Form layout="inline" style={{ marginTop: 12, rowGap: 8 }}>
        <Form.Item label={t('ingest.upload.encoding')}>
          <Select<EncodingChoice>
            value={encoding}
            onChange={setEncoding}
            disabled={busy}
            style={{ width: 160 }}
            data-testid="upload-encoding"
            options={ENCODINGS.map((e) => ({ value: e, label: t(`ingest.upload.encodings.${e}`) }))}
          />
        </Form.Item>
        <Form.Item>
          <Space>
            <Button type="primary" icon={<CloudUploadOutlined />} disabled={!file || busy} loading={busy} onClick={start} data-testid="upload-start">
              {t(resubmit ? 'ingest.upload.startResubmit' : 'ingest.upload.start')}
            </Button>
            {phase === 'uploading' && (
              <Button icon={<StopOutlined />} onClick={() => abort.current?.abort()}>{t('ingest.upload.cancel')}</Button>
            )}
          </Space>
        </Form.Item>
      </Form>
      {phase !== 'idle' && (
        <div style={{ marginTop: 16 }}>
          <Typography.Text type="secondary">{t('ingest.upload.sending')}</Typography.Text>
          <Progress percent={sent} status={phase === 'failed' && !started ? 'exception' : sent < 100 ? 'active' : 'success'} data-testid="upload-percent" />
          {started && (
            <>
              <Typography.Text type="secondary">
                {t('ingest.upload.processing', { batch: started.batch })}
                {job?.total ? ` · ${formatBytes(job.done)} / ${formatBytes(job.total)}` : ''}
              </Typography.Text>
              <Progress
                percent={phase === 'done' ? 100 : processed}
                status={phase === 'failed' ? 'exception' : phase === 'done' ? 'success' : 'active'}
                data-testid="upload-processing"
              />
            </>
          )}
        </div>
      )}
      {started && phase === 'processing' && <JobWatcher jobId={started.job} onJob={onJob} />}
      {error && <Alert type="error" showIcon style={{ marginTop: 12 }} title={t('ingest.upload.failed')} description={error} data-testid="upload-error" />}
      {phase === 'done' && job?.result && (
        <div style={{ marginTop: 16 }}>
          <BatchSummaryView summary={job.result} />
        </div>
      )}
    </div>
  );
}
