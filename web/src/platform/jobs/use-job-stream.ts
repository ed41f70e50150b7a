import { useEffect, useRef, useState } from 'react';
import type { Job } from '../../api/types';

export type StreamState = 'connecting' | 'live' | 'retrying';

const RETRY_MS = 5000;

/**
 * Subscribes to `/api/jobs/stream` and hands every changed job to `onJob`. EventSource retries
 * by itself after a dropped connection, but gives up for good on an HTTP error (a 401 after the
 * session expired, a 502 while the server restarts), so those are retried here.
 */
export function useJobStream(onJob: (job: Job) => void): StreamState {
  const [state, setState] = useState<StreamState>('connecting');
  const onJobRef = useRef(onJob);
  onJobRef.current = onJob;

  useEffect(() => {
    let source: EventSource | null = null;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let stopped = false;

    const connect = () => {
      source = new EventSource('/api/jobs/stream', { withCredentials: true });
      source.onopen = () => setState('live');
      source.addEventListener('job', (ev) => {
        try {
          onJobRef.current(JSON.parse((ev as MessageEvent<string>).data) as Job);
        } catch (e) {
          console.error('bad job event', e);
        }
      });
      source.onerror = () => {
        setState('retrying');
        if (source?.readyState === EventSource.CLOSED && !stopped) {
          source.close();
          timer = setTimeout(connect, RETRY_MS);
        }
      };
    };
    connect();
    return () => {
      stopped = true;
      clearTimeout(timer);
      source?.close();
    };
  }, []);

  return state;
}
