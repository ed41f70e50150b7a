import { useEffect, useRef, useState } from 'react';
import type { FeedItem } from './dispatch-types';

export type StreamState = 'connecting' | 'live' | 'retrying';

const RETRY_MS = 5000;

/**
 * Subscribes to `/api/dispatch/stream` and hands each notification to `onItem`. EventSource resends
 * Last-Event-ID by itself after a dropped connection, and the server replays what was missed; an HTTP
 * error (401, 502) closes the source for good, so that case is retried here from the last id seen.
 */
export function useCaseStream(onItem: (item: FeedItem) => void): StreamState {
  const [state, setState] = useState<StreamState>('connecting');
  const onItemRef = useRef(onItem);
  onItemRef.current = onItem;

  useEffect(() => {
    let source: EventSource | null = null;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let stopped = false;
    let lastId: number | null = null;

    const connect = () => {
      const url = lastId === null ? '/api/dispatch/stream' : `/api/dispatch/stream?lastEventId=${lastId}`;
      source = new EventSource(url, { withCredentials: true });
      source.onopen = () => setState('live');
      source.addEventListener('case', (ev) => {
        try {
          const item = JSON.parse((ev as MessageEvent<string>).data) as FeedItem;
          lastId = item.id;
          onItemRef.current(item);
        } catch (e) {
          console.error('bad case event', e);
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
