import { useEffect, useRef, useState } from 'react';

export type StreamState = 'connecting' | 'live' | 'retrying';

const RETRY_MS = 5000;

/**
 * Subscribes to a Server-Sent Events stream and hands each parsed `event` to `onItem`. EventSource
 * reconnects by itself after a dropped connection (resending Last-Event-ID), but gives up for good
 * on an HTTP error (a 401 after the session expired, a 502 while the server restarts), so that case
 * is retried here; with `idOf`, from the last item seen (`?lastEventId=`), so a server that replays
 * sends what was missed.
 */
export function useEventStream<T>(url: string, event: string, onItem: (item: T) => void, idOf?: (item: T) => number): StreamState {
  const [state, setState] = useState<StreamState>('connecting');
  const onItemRef = useRef(onItem);
  onItemRef.current = onItem;
  const idOfRef = useRef(idOf);
  idOfRef.current = idOf;

  useEffect(() => {
    let source: EventSource | null = null;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let stopped = false;
    let lastId: number | null = null;

    const connect = () => {
      source = new EventSource(lastId === null ? url : `${url}?lastEventId=${lastId}`, { withCredentials: true });
      source.onopen = () => setState('live');
      source.addEventListener(event, (ev) => {
        try {
          const item = JSON.parse((ev as MessageEvent<string>).data) as T;
          if (idOfRef.current) lastId = idOfRef.current(item);
          onItemRef.current(item);
        } catch (e) {
          console.error(`bad ${event} event`, e);
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
  }, [url, event]);

  return state;
}
