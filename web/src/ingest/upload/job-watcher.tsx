import { useEffect, useRef } from 'react';
import { apiGet } from '../../api/client';
import type { Job } from '../../api/types';
import { useJobStream } from '../../platform/jobs/use-job-stream';
import type { IngestJob } from '../ingest-types';

const FINISHED = new Set(['succeeded', 'failed', 'cancelled']);

/** Keeps the newer of two views of a job: a finished state never goes back to running. */
export function newerJob(prev: IngestJob | null, next: IngestJob): IngestJob {
  if (!prev || prev.id !== next.id) return next;
  if (FINISHED.has(prev.status) && !FINISHED.has(next.status)) return prev;
  return next;
}

export function isFinished(job: Job | null): boolean {
  return !!job && FINISHED.has(job.status);
}

/**
 * Follows one job on the shared job stream. The stream has no replay, so once it is connected the
 * job is also fetched once: a small file can finish before the stream opens.
 */
export function JobWatcher({ jobId, onJob }: { jobId: string; onJob: (job: IngestJob) => void }) {
  const onJobRef = useRef(onJob);
  onJobRef.current = onJob;
  const stream = useJobStream((j) => {
    if (j.id === jobId) onJobRef.current(j as IngestJob);
  });
  useEffect(() => {
    if (stream !== 'live') return;
    const ctl = new AbortController();
    apiGet<IngestJob>(`/api/jobs/${encodeURIComponent(jobId)}`, undefined, ctl.signal).then(
      (j) => onJobRef.current(j),
      () => undefined, // the stream still delivers the outcome
    );
    return () => ctl.abort();
  }, [stream, jobId]);
  return null;
}
