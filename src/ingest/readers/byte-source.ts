import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { SourceFileError } from './types.js';

/** How much of the (decompressed) content is looked at before choosing format and encoding. */
export const HEAD_BYTES = 64 * 1024;
const READ_CHUNK = 256 * 1024;

export type SourceInput = { path: string } | { stream: Readable; name?: string; size?: number };

/** The input's bytes, decompressed if gzip, with the head buffered for sniffing. */
export interface ByteSource {
  /** File name without a trailing .gz, for the extension. */
  name: string | undefined;
  /** The file on disk when its bytes are the content as is (not a stream, not gzip); XLSX needs random access. */
  path: string | null;
  head: Buffer;
  /** True when the head is the whole content. */
  complete: boolean;
  /** The head first, then the rest; pulled on demand, so a slow consumer keeps memory flat. */
  chunks(): AsyncGenerator<Buffer>;
  bytesRead(): number;
  totalBytes: number | null;
  destroy(): void;
}

export async function openBytes(input: SourceInput): Promise<ByteSource> {
  let raw: Readable;
  let name: string | undefined;
  let totalBytes: number | null;
  if ('path' in input) {
    totalBytes = (await stat(input.path)).size;
    raw = createReadStream(input.path, { highWaterMark: READ_CHUNK });
    name = basename(input.path);
  } else {
    raw = input.stream;
    name = input.name;
    totalBytes = input.size ?? null;
  }
  let read = 0;
  const counted = (async function* () {
    for await (const chunk of raw) {
      const buf = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
      read += buf.length;
      yield buf;
    }
  })();

  // Enough bytes to see the gzip magic even when a stream arrives in tiny chunks.
  let firstChunk = Buffer.alloc(0);
  try {
    while (firstChunk.length < 4) {
      const next = await counted.next();
      if (next.done) break;
      firstChunk = Buffer.concat([firstChunk, next.value]);
    }
  } catch (err) {
    raw.destroy();
    throw err;
  }
  let content: AsyncIterator<Buffer>;
  let gunzip: ReturnType<typeof createGunzip> | null = null;
  if (firstChunk.length >= 2 && firstChunk[0] === 0x1f && firstChunk[1] === 0x8b) {
    name = name?.replace(/\.gz$/i, '');
    const gz = createGunzip();
    gunzip = gz;
    Readable.from(prepend(firstChunk, counted)).on('error', (err) => gz.destroy(err)).pipe(gz);
    content = gunzipChunks(gz);
  } else {
    content = prepend(firstChunk, counted);
  }

  const destroy = () => {
    gunzip?.destroy();
    raw.destroy();
  };
  const headChunks: Buffer[] = [];
  let headLength = 0;
  let complete = false;
  try {
    while (headLength < HEAD_BYTES) {
      const next = await content.next();
      if (next.done) {
        complete = true;
        break;
      }
      headChunks.push(next.value);
      headLength += next.value.length;
    }
  } catch (err) {
    destroy();
    throw err;
  }
  const head = Buffer.concat(headChunks);
  return {
    name,
    path: 'path' in input && !gunzip ? input.path : null,
    head: head.subarray(0, HEAD_BYTES),
    complete: complete && head.length <= HEAD_BYTES,
    totalBytes,
    bytesRead: () => read,
    destroy,
    async *chunks() {
      try {
        if (head.length) yield head;
        for (;;) {
          const next = await content.next();
          if (next.done) return;
          yield next.value;
        }
      } finally {
        destroy();
      }
    },
  };
}

async function* prepend(first: Buffer, rest: AsyncIterator<Buffer>): AsyncGenerator<Buffer> {
  if (first.length) yield first;
  for (;;) {
    const next = await rest.next();
    if (next.done) return;
    yield next.value;
  }
}

async function* gunzipChunks(gz: Readable): AsyncGenerator<Buffer> {
  try {
    for await (const chunk of gz) yield chunk as Buffer;
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    // zlib reports a cut-off member as Z_BUF_ERROR ("unexpected end of file").
    if (code === 'Z_BUF_ERROR' || code === 'Z_DATA_ERROR') {
      throw new SourceFileError('truncated_file', `the gzip file is cut short or corrupt (${(err as Error).message})`);
    }
    throw err;
  }
}
