import type { Batcher } from './batcher.js';
import type { ByteSource } from './byte-source.js';
import { TextChunkDecoder } from './text-decoder.js';
import type { SourceEncoding, SourceFormat, SourceHeader, SourceItem, SourceReader } from './types.js';

/** A parser of decoded text that reports its header once it has seen enough. */
export interface TextSink {
  header: string[] | null;
  flagSubstitutes: boolean;
  push(text: string): void;
  end(): void;
}

/**
 * Drives bytes -> decoder -> parser -> batches for the text formats. Input is pulled one chunk at a
 * time and only after the batches it produced were taken, so a 2 GB file never piles up in memory.
 */
export async function readText(
  bytes: Pick<ByteSource, 'chunks' | 'bytesRead' | 'totalBytes' | 'destroy'>,
  format: SourceFormat,
  /** null for XLSX: its XML is UTF-8 and the header reports no encoding. */
  encoding: { encoding: SourceEncoding; detected: boolean } | null,
  sink: TextSink,
  batcher: Batcher,
): Promise<SourceReader> {
  const decoder = new TextChunkDecoder(encoding?.encoding ?? 'utf8', encoding?.detected ?? false);
  const chunks = bytes.chunks();
  let done = false;

  // Returns false once the input is exhausted.
  const pump = async (): Promise<boolean> => {
    if (done) return false;
    const next = await chunks.next();
    sink.flagSubstitutes = decoder.substitutes;
    if (next.done) {
      done = true;
      sink.push(decoder.end());
      sink.end();
      return false;
    }
    const text = decoder.write(next.value);
    sink.flagSubstitutes = decoder.substitutes;
    sink.push(text);
    return true;
  };
  const close = async () => {
    done = true;
    await chunks.return(undefined);
    bytes.destroy();
  };

  try {
    while (!sink.header && (await pump()));
  } catch (err) {
    await close();
    throw err;
  }
  const header: SourceHeader = { format, encoding: encoding && decoder.encoding, encodingDetected: encoding?.detected ?? false, columns: sink.header ?? [] };

  return {
    header,
    totalBytes: bytes.totalBytes,
    bytesRead: bytes.bytesRead,
    close,
    async *batches(): AsyncGenerator<SourceItem[]> {
      try {
        for (;;) {
          for (const batch of batcher.takeFull()) yield batch;
          const more = await pump();
          if (encoding) header.encoding = decoder.encoding;
          if (!more) break;
        }
        for (const batch of batcher.takeAll()) yield batch;
      } finally {
        await close();
      }
    },
  };
}
