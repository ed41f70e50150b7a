/**
 * Streaming readers for department files: CSV (UTF-8, UTF-8 BOM, GBK, GB18030), XLSX and NDJSON,
 * optionally gzip-compressed. They only turn bytes into header + rows + error items with line
 * numbers; mapping to a dataset contract and standardising values is the ingest pipeline's job.
 *
 * Rules a caller can rely on:
 * - Every record comes out once, as a row or an error item; nothing is dropped. Blank lines and
 *   empty sheet rows are skipped (they hold no data) but still count for line numbers.
 * - CSV: after a broken quote the reader resumes on the line after the record's first line.
 *   Rows are exactly header-wide; values are not trimmed. Blank header names may repeat.
 * - NDJSON: the header is the union of the keys of the first 1000 lines, in first-seen order; a
 *   later object with a key outside it is a `column_count` error item. Line 1 is the first object.
 * - XLSX: the first worksheet in workbook order; its first filled row is the header and `line` is
 *   the sheet row number. Dates are wall-clock text without a zone (see xlsx-cells.ts).
 * - A sniffed utf8 file whose first non-ASCII byte after the 64 KiB head is not UTF-8 switches to
 *   gb18030 and `header.encoding` changes; any other invalid UTF-8 is SourceFileError('decode_error').
 * - Breaking out of `batches()` or calling `close()` destroys the input stream.
 */
import { Batcher } from './batcher.js';
import { openBytes, type SourceInput } from './byte-source.js';
import { CsvParser } from './csv-parser.js';
import { NdjsonParser } from './ndjson-parser.js';
import { checkTextHead, detectEncoding, detectFormat } from './sniff.js';
import { readText } from './text-reader.js';
import { SourceFileError, type Limits, type ReadOptions, type SourceReader } from './types.js';
import { readXlsx } from './xlsx-reader.js';

export type { ReadErrorReason, ReadOptions, SourceEncoding, SourceFileErrorCode, SourceFormat, SourceHeader, SourceItem, SourceReader } from './types.js';
export { SourceFileError } from './types.js';
export type { SourceInput } from './byte-source.js';

const DEFAULT_MAX_CELL_BYTES = 1024 * 1024;
const DEFAULT_MAX_RECORD_BYTES = 4 * 1024 * 1024;
const DEFAULT_BATCH_SIZE = 1000;

/**
 * Opens a file or stream, sniffs format and encoding, and reads up to the header. Throws
 * SourceFileError when the file as a whole cannot be read; bad records come later as error items.
 */
export async function openSource(input: SourceInput, opts: ReadOptions = {}): Promise<SourceReader> {
  const limits: Limits = {
    maxCellBytes: positive(opts.maxCellBytes, DEFAULT_MAX_CELL_BYTES, 'maxCellBytes'),
    maxRecordBytes: positive(opts.maxRecordBytes, DEFAULT_MAX_RECORD_BYTES, 'maxRecordBytes'),
  };
  const batchSize = positive(opts.batchSize, DEFAULT_BATCH_SIZE, 'batchSize');
  const bytes = await openBytes(input);
  try {
    if (bytes.head.length === 0) throw new SourceFileError('empty_file', 'the file is empty');
    const format = detectFormat(opts.format, bytes.name, bytes.head);
    if (format === 'xlsx') return await readXlsx(bytes, limits, batchSize);
    checkTextHead(bytes.head, format);
    const encoding = detectEncoding(bytes.head, bytes.complete, opts.encoding);
    const batcher = new Batcher(batchSize);
    const sink = format === 'csv' ? new CsvParser(batcher, limits) : new NdjsonParser(batcher, limits);
    return await readText(bytes, format, encoding, sink, batcher);
  } catch (err) {
    bytes.destroy();
    throw err;
  }
}

function positive(value: number | undefined, fallback: number, name: string): number {
  if (value === undefined) return fallback;
  if (!Number.isInteger(value) || value < 1) throw new RangeError(`${name} must be a positive integer`);
  return value;
}
