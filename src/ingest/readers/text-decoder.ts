import iconv from 'iconv-lite';
import { firstInvalidUtf8, utf8Error } from './sniff.js';
import type { SourceEncoding } from './types.js';

interface ChunkDecoder {
  write(chunk: Buffer): string;
  end(): string | undefined;
}

/**
 * Streaming bytes-to-text. UTF-8 is decoded strictly, so a wrong guess is an error and never
 * mojibake. A sniffed utf8 whose bytes were pure ASCII so far switches to gb18030 at the first
 * invalid byte (both agree on ASCII, so nothing decoded before changes); `encoding` tells the switch.
 */
export class TextChunkDecoder {
  encoding: SourceEncoding;
  /** Only GBK/GB18030 decoding substitutes U+FFFD for bad bytes; the parser then flags that record. */
  substitutes: boolean;
  private inner: ChunkDecoder;
  private offset = 0;
  private asciiSoFar = true;

  constructor(
    encoding: SourceEncoding,
    private readonly detected: boolean,
  ) {
    this.encoding = encoding;
    this.substitutes = encoding !== 'utf8';
    this.inner = encoding === 'utf8' ? utf8Decoder() : iconv.getDecoder(encoding);
  }

  write(chunk: Buffer): string {
    let text: string;
    try {
      text = this.inner.write(chunk);
    } catch {
      const at = firstInvalidUtf8(chunk, true);
      // Switching is only safe if no UTF-8 character was decoded, in earlier chunks or before `at` here.
      if (this.detected && this.asciiSoFar && chunk.subarray(0, Math.max(at, 0)).every((b) => b < 0x80)) {
        this.encoding = 'gb18030';
        this.substitutes = true;
        this.inner = iconv.getDecoder('gb18030');
        text = this.inner.write(chunk);
      } else {
        throw utf8Error(this.offset + Math.max(at, 0), this.detected ? 'the start of the file was UTF-8' : 'utf8 was given');
      }
    }
    if (this.asciiSoFar && this.encoding === 'utf8' && text.length !== chunk.length) this.asciiSoFar = false;
    this.offset += chunk.length;
    return text;
  }

  end(): string {
    try {
      return this.inner.end() ?? '';
    } catch {
      throw utf8Error(this.offset, 'the file ends inside a character');
    }
  }
}

function utf8Decoder(): ChunkDecoder {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  return {
    write: (chunk) => decoder.decode(chunk, { stream: true }),
    end: () => decoder.decode(),
  };
}
