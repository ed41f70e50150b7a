import { ApiError, withQuery } from '../api/client';

export interface Uploaded { sha256: string; contentType: string; bytes: number }

export const attachmentUrl = (sha256: string) => `/api/events/attachments/${encodeURIComponent(sha256)}`;

/**
 * Sends one photo as the raw body of POST /api/events/attachments: the server judges the file by its
 * first bytes, so there is no multipart wrapper and the declared type is only a hint.
 */
export async function uploadAttachment(file: File): Promise<Uploaded> {
  const res = await fetch(withQuery('/api/events/attachments', { filename: file.name }), {
    method: 'POST',
    headers: { 'content-type': file.type || 'application/octet-stream', 'x-tianmu-csrf': '1', accept: 'application/json' },
    body: file,
    credentials: 'include',
  });
  if (!res.ok) {
    let err: { code?: string; message?: string } | undefined;
    try {
      err = ((await res.json()) as { error?: typeof err }).error;
    } catch {
      // A proxy's HTML error page: the status line is enough.
    }
    throw new ApiError(res.status, err?.code ?? `http_${res.status}`, err?.message ?? `${res.status} ${res.statusText}`);
  }
  return (await res.json()) as Uploaded;
}
