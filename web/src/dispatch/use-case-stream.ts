import { useEventStream, type StreamState } from '../api/use-event-stream';
import type { FeedItem } from './dispatch-types';

export type { StreamState };

/** Each dispatch notification from `/api/dispatch/stream`; after an HTTP error it resumes from the last id seen. */
export function useCaseStream(onItem: (item: FeedItem) => void): StreamState {
  return useEventStream<FeedItem>('/api/dispatch/stream', 'case', onItem, (item) => item.id);
}
