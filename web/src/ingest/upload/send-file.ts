import { ApiError, withQuery } from '../../api/client';
import type { UploadStarted } from '../ingest-types';

export const UPLOAD_ACCEPT = '.csv,.txt,.xlsx,.ndjson,.jsonl';
export const ENCODINGS = ['auto', 'utf8', 'gbk', 'gb18030'] as const;
export type EncodingChoice = (typeof ENCODINGS)[number];

/** The request's content type from the file name: the server parses the body by it. */
export function contentTypeFor(fileName: string): string {
  const ext = fileName.toLowerCase().split('.').pop() ?? '';
  if (ext === 'csv' || ext === 'txt') return 'text/csv';
  if (ext === 'xlsx') return 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
  if (ext === 'ndjson' || ext === 'jsonl') return 'application/x-ndjson';
  return 'application/octet-stream';
}

function errorOf(xhr: XMLHttpRequest): ApiError {
  let err: { code?: unknown; message?: unknown; fields?: unknown } | undefined;
  try {
    err = (JSON.parse(xhr.responseText) as { error?: typeof err }).error;
  } catch {
    // A proxy's HTML error page: the status line below says enough.
  }
  const code = typeof err?.code === 'string' ? err.code : `http_${xhr.status}`;
  const message = typeof err?.message === 'string' && err.message ? err.message : `${xhr.status} ${xhr.statusText}`.trim();
  const fields = err?.fields && typeof err.fields === 'object' ? (err.fields as Record<string, string>) : undefined;
  return new ApiError(xhr.status, code, message, fields);
}

export interface SendOptions {
  dataset: string;
  file: File;
  encoding: EncodingChoice;
  resubmit: boolean;
  onProgress: (percent: number) => void;
  signal: AbortSignal;
}

/**
 * Sends a file as the raw request body of a new batch. XMLHttpRequest rather than fetch because
 * only it reports upload progress; the body streams to the server's disk without multipart.
 */
export function sendFile(o: SendOptions): Promise<UploadStarted> {
  const url = withQuery(`/api/datasets/${encodeURIComponent(o.dataset)}/batches`, {
    filename: o.file.name,
    encoding: o.encoding === 'auto' ? undefined : o.encoding,
    resubmit: o.resubmit ? 'true' : undefined,
  });
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', url);
    xhr.withCredentials = true;
    xhr.setRequestHeader('content-type', contentTypeFor(o.file.name));
    xhr.setRequestHeader('x-tianmu-csrf', '1'); // the server demands it on cookie-authenticated writes
    xhr.setRequestHeader('accept', 'application/json');
    xhr.upload.onprogress = (ev) => {
      if (ev.lengthComputable && ev.total > 0) o.onProgress(Math.min(100, Math.floor((ev.loaded / ev.total) * 100)));
    };
    xhr.onload = () => {
      if (xhr.status >= 200 && xhr.status < 300) {
        try {
          resolve(JSON.parse(xhr.responseText) as UploadStarted);
        } catch (e) {
          reject(e);
        }
      } else {
        reject(errorOf(xhr));
      }
    };
    xhr.onerror = () => reject(new ApiError(0, 'network', 'network error'));
    xhr.onabort = () => reject(new DOMException('aborted', 'AbortError'));
    o.signal.addEventListener('abort', () => xhr.abort(), { once: true });
    xhr.send(o.file);
  });
}

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  const units = ['KB', 'MB', 'GB', 'TB'];
  let v = n / 1024;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${v.toFixed(v < 10 ? 1 : 0)} ${units[i]}`;
}
