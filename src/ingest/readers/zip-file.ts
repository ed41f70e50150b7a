import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { createInflateRaw } from 'node:zlib';
import { SourceFileError } from './types.js';

export interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  size: number;
  localOffset: number;
}

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

const truncated = (why: string) => new SourceFileError('truncated_file', `the .xlsx file is cut short or damaged: ${why}`);

/**
 * Random-access reader of a ZIP on disk: the central directory at the end gives every entry's size
 * and offset, so parts can be read in any order (sheets often come before sharedStrings.xml).
 */
export class ZipFile {
  private read = 0;

  private constructor(
    private readonly path: string,
    private readonly fileSize: number,
    readonly entries: Map<string, ZipEntry>,
  ) {}

  static async open(path: string): Promise<ZipFile> {
    const handle = await open(path, 'r');
    try {
      const { size } = await handle.stat();
      const tailLength = Math.min(size, 22 + 0xffff);
      const tail = Buffer.alloc(tailLength);
      await handle.read(tail, 0, tailLength, size - tailLength);
      let eocd = -1;
      for (let i = tailLength - 22; i >= 0; i--) {
        if (tail.readUInt32LE(i) === EOCD) {
          eocd = i;
          break;
        }
      }
      if (eocd < 0) throw truncated('the ZIP directory at its end is missing');
      const count = tail.readUInt16LE(eocd + 10);
      const dirSize = tail.readUInt32LE(eocd + 12);
      const dirOffset = tail.readUInt32LE(eocd + 16);
      if (dirOffset === 0xffffffff || count === 0xffff) throw new SourceFileError('unsupported_format', 'ZIP64 workbooks (over 4 GB) are not read');
      if (dirOffset + dirSize > size) throw truncated('the ZIP directory points past the end of the file');
      const dir = Buffer.alloc(dirSize);
      await handle.read(dir, 0, dirSize, dirOffset);
      const entries = new Map<string, ZipEntry>();
      for (let p = 0, n = 0; n < count; n++) {
        if (p + 46 > dir.length || dir.readUInt32LE(p) !== CENTRAL) throw truncated('the ZIP directory is damaged');
        const nameLength = dir.readUInt16LE(p + 28);
        const name = dir.toString('utf8', p + 46, p + 46 + nameLength);
        entries.set(name, {
          name,
          method: dir.readUInt16LE(p + 10),
          compressedSize: dir.readUInt32LE(p + 20),
          size: dir.readUInt32LE(p + 24),
          localOffset: dir.readUInt32LE(p + 42),
        });
        p += 46 + nameLength + dir.readUInt16LE(p + 30) + dir.readUInt16LE(p + 32);
      }
      return new ZipFile(path, size, entries);
    } finally {
      await handle.close();
    }
  }

  /** Compressed bytes read so far, for progress. */
  bytesRead(): number {
    return this.read;
  }

  /** The entry's uncompressed bytes, streamed; damage shows as SourceFileError('truncated_file'). */
  async *stream(entry: ZipEntry): AsyncGenerator<Buffer> {
    const handle = await open(this.path, 'r');
    const header = Buffer.alloc(30);
    try {
      await handle.read(header, 0, 30, entry.localOffset);
    } finally {
      await handle.close();
    }
    if (header.readUInt32LE(0) !== LOCAL) throw truncated(`the entry ${entry.name} is damaged`);
    const start = entry.localOffset + 30 + header.readUInt16LE(26) + header.readUInt16LE(28);
    if (start + entry.compressedSize > this.fileSize) throw truncated(`the entry ${entry.name} runs past the end of the file`);
    if (entry.method !== 0 && entry.method !== 8) throw new SourceFileError('unsupported_format', `the entry ${entry.name} uses ZIP compression method ${entry.method}`);
    if (entry.compressedSize === 0) return;
    const raw = createReadStream(this.path, { start, end: start + entry.compressedSize - 1, highWaterMark: 256 * 1024 });
    const inflate = entry.method === 8 ? createInflateRaw() : null;
    const body = inflate ? raw.pipe(inflate) : raw;
    if (inflate) raw.on('error', (err) => inflate.destroy(err));
    const readBefore = this.read;
    let produced = 0;
    try {
      for await (const chunk of body) {
        produced += (chunk as Buffer).length;
        // zlib counts the compressed bytes it has taken in, which is what progress is measured against.
        this.read = readBefore + (inflate ? inflate.bytesWritten : produced);
        yield chunk as Buffer;
      }
    } catch (err) {
      if (err instanceof SourceFileError) throw err;
      throw truncated(`the entry ${entry.name} cannot be inflated (${(err as Error).message})`);
    } finally {
      raw.destroy();
      body.destroy();
    }
    if (produced !== entry.size) throw truncated(`the entry ${entry.name} holds ${produced} bytes instead of ${entry.size}`);
  }

  /** A small part (workbook, relationships, styles) as text. */
  async text(entry: ZipEntry): Promise<string> {
    const chunks: Buffer[] = [];
    for await (const chunk of this.stream(entry)) chunks.push(chunk);
    return Buffer.concat(chunks).toString('utf8');
  }
}
