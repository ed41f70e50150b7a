import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Batcher } from './batcher.js';
import type { ByteSource } from './byte-source.js';
import { readText } from './text-reader.js';
import { SourceFileError, type Limits, type SourceReader } from './types.js';
import { readWorkbookParts } from './xlsx-parts.js';
import { SheetParser } from './xlsx-sheet.js';
import { ZipFile } from './zip-file.js';

/**
 * Streams the first worksheet (in workbook order) of an .xlsx file.
 *
 * Not exceljs's streaming WorkbookReader, though exceljs is installed: in 4.4 it decodes every
 * inflated chunk separately, so Chinese characters split across chunks come out as U+FFFD (about
 * 1 row in 500 on a 20k-row sheet of Chinese names), and it crashes now and then when a worksheet
 * precedes xl/workbook.xml in the zip. Here the zip's central directory is read with node:zlib and
 * the sheet XML goes through one streaming UTF-8 decoder.
 */
export async function readXlsx(bytes: ByteSource, limits: Limits, batchSize: number): Promise<SourceReader> {
  if (bytes.head.length < 4 || bytes.head.readUInt32LE(0) !== 0x04034b50) {
    bytes.destroy();
    throw new SourceFileError('truncated_file', 'the file does not start like a ZIP archive, so it is no readable .xlsx (damaged, or another format renamed)');
  }
  let spoolDir: string | null = null;
  let path = bytes.path;
  if (path) {
    bytes.destroy();
  } else {
    // A zip is read from its end: a stream or gzip upload goes to a temp file first.
    spoolDir = await mkdtemp(join(tmpdir(), 'tianmu-xlsx-'));
    path = join(spoolDir, 'upload.xlsx');
    await pipeline(Readable.from(bytes.chunks()), createWriteStream(path));
  }
  const cleanup = async () => {
    if (spoolDir) await rm(spoolDir, { recursive: true, force: true });
    spoolDir = null;
  };
  try {
    const zip = await ZipFile.open(path);
    const book = await readWorkbookParts(zip);
    const batcher = new Batcher(batchSize);
    const sheetBytes = {
      chunks: () => zip.stream(book.sheet),
      bytesRead: () => zip.bytesRead(),
      totalBytes: bytes.totalBytes,
      destroy: () => void cleanup(),
    };
    return await readText(sheetBytes, 'xlsx', null, new SheetParser(batcher, limits, book), batcher);
  } catch (err) {
    await cleanup();
    throw err;
  }
}
