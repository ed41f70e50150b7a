import type { Job } from '../../api/types';
import { useEventStream, type StreamState } from '../../api/use-event-stream';

export type { StreamState };

/** Every changed job from `/api/jobs/stream`. */
export function useJobStream(onJob: (job: Job) => void): StreamState {
  return useEventStream<Job>('/api/jobs/stream', 'job', onJob);
}
