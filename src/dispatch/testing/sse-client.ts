import { request } from 'node:http';

export interface SseEvent {
  id: string | null;
  event: string;
  data: string;
}

export interface SseConnection {
  events: SseEvent[];
  /** Resolves once the server sent its first bytes (the subscription is in place). */
  ready: Promise<void>;
  onEvent(fn: (e: SseEvent) => void): void;
  close(): void;
}

/** A minimal EventSource over node:http, for tests and the benchmark (Node 20 has no EventSource). */
export function openSse(url: string, headers: Record<string, string>): SseConnection {
  const events: SseEvent[] = [];
  const listeners: Array<(e: SseEvent) => void> = [];
  let markReady: () => void = () => undefined;
  let fail: (e: Error) => void = () => undefined;
  const ready = new Promise<void>((res, rej) => {
    markReady = res;
    fail = rej;
  });
  const req = request(url, { headers: { accept: 'text/event-stream', ...headers } }, (res) => {
    if (res.statusCode !== 200) fail(new Error(`SSE ${url}: HTTP ${res.statusCode}`));
    res.setEncoding('utf8');
    let buf = '';
    res.on('data', (chunk: string) => {
      markReady();
      buf += chunk;
      for (let i = buf.indexOf('\n\n'); i >= 0; i = buf.indexOf('\n\n')) {
        const block = buf.slice(0, i);
        buf = buf.slice(i + 2);
        const e: SseEvent = { id: null, event: 'message', data: '' };
        let hasData = false;
        for (const line of block.split('\n')) {
          if (line.startsWith('id: ')) e.id = line.slice(4);
          else if (line.startsWith('event: ')) e.event = line.slice(7);
          else if (line.startsWith('data: ')) {
            e.data += line.slice(6);
            hasData = true;
          }
        }
        if (!hasData) continue;
        events.push(e);
        for (const l of listeners) l(e);
      }
    });
  });
  req.on('error', (e) => fail(e));
  req.end();
  return { events, ready, onEvent: (fn) => listeners.push(fn), close: () => req.destroy() };
}
