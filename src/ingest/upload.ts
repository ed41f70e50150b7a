import { randomUUID } from 'node:crypto';
import { createWriteStream, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { DomainError, Invalid } from '../platform/errors.js';

/**
 * A client's file name made safe to keep in a file name: no directories, no traversal, no control
 * characters; letters of any script stay so Chinese names remain readable.
 */
export function safeFileName(name: string | undefined): string {
  const base = (name ?? '').split(/[\\/]/).pop() ?? '';
  const clean = base.replace(/[\u0000-\u001f\u007f<>:"|?*]/g, '').replace(/^\.+/, '').trim().slice(0, 120);
  return clean || 'upload';
}

/** Streams a request body to the uploads folder, refusing bodies over `limitBytes`. */
export async function saveUpload(body: Readable, dataDir: string, name: string | undefined, limitBytes: number): Promise<{ path: string; fileName: string; bytes: number }> {
  const dir = join(dataDir, 'uploads');
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const fileName = safeFileName(name);
  const path = join(dir, `${randomUUID()}-${fileName}`);
  let bytes = 0;
  const limiter = new Transform({
    transform(chunk: Buffer, _enc, cb) {
      bytes += chunk.length;
      if (bytes > limitBytes) cb(new DomainError(413, 'body_too_large', `文件超过上限 ${Math.round(limitBytes / 2 ** 20)} MB (file too large)`));
      else cb(null, chunk);
    },
  });
  try {
    await pipeline(body, limiter, createWriteStream(path, { mode: 0o600 }));
    if (bytes === 0) throw new Invalid('文件为空 (empty file)', { file: 'empty' }, 'empty_file');
  } catch (err) {
    rmSync(path, { force: true });
    throw err;
  }
  return { path, fileName, bytes };
}
