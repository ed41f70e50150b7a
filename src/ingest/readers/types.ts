/** Shared types of the source readers; `index.ts` re-exports them. */

export type SourceFormat = 'csv' | 'xlsx' | 'ndjson';
export type SourceEncoding = 'utf8' | 'gbk' | 'gb18030';

export interface ReadOptions {
  format?: SourceFormat;
  encoding?: SourceEncoding;
  /** Largest cell, in UTF-8 bytes of the decoded text; default 1 MiB. */
  maxCellBytes?: number;
  /** Largest record, in UTF-8 bytes of the decoded text; default 4 MiB. */
  maxRecordBytes?: number;
  /** Items per batch; default 1000. */
  batchSize?: number;
}

export interface SourceHeader {
  format: SourceFormat;
  /** null for xlsx. A sniffed utf8 may turn into gb18030 mid-file, see text-decoder.ts. */
  encoding: SourceEncoding | null;
  encodingDetected: boolean;
  /** Trimmed, BOM removed. */
  columns: string[];
}

export type ReadErrorReason =
  | 'broken_quotes'
  | 'column_count'
  | 'cell_too_large'
  | 'record_too_large'
  | 'invalid_json'
  | 'not_an_object'
  | 'decode_error';

/**
 * `line` is the 1-based physical line (CSV/NDJSON) or sheet row number (XLSX) where the record
 * starts; in CSV the header is line 1, NDJSON has no header line so its first object is line 1.
 */
export type SourceItem =
  | { kind: 'row'; line: number; cells: string[] }
  | { kind: 'error'; line: number; reason: ReadErrorReason; detail: string; raw: string };

export type SourceFileErrorCode =
  | 'empty_file'
  | 'binary_file'
  | 'truncated_file'
  | 'no_header'
  | 'unsupported_format'
  | 'decode_error'
  | 'duplicate_header';

/** The whole file cannot be read; `code` is stable for the API and the console. */
export class SourceFileError extends Error {
  constructor(
    readonly code: SourceFileErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'SourceFileError';
  }
}

export interface SourceReader {
  header: SourceHeader;
  batches(): AsyncGenerator<SourceItem[]>;
  /** Bytes taken from the input so far (compressed bytes for .gz), for progress against totalBytes. */
  bytesRead(): number;
  totalBytes: number | null;
  /** Releases the file when the caller gives up before or without iterating batches(). */
  close?(): Promise<void>;
}

export interface Limits {
  maxCellBytes: number;
  maxRecordBytes: number;
}

/** Raw text kept on an error item is cut here (UTF-8 bytes) so one bad record cannot bloat the quarantine. */
export const MAX_RAW_BYTES = 64 * 1024;

export function truncateRaw(raw: string): string {
  if (!exceedsBytes(raw, MAX_RAW_BYTES)) return raw;
  const bytes = Buffer.from(raw.slice(0, MAX_RAW_BYTES), 'utf8');
  let end = Math.min(bytes.length, MAX_RAW_BYTES);
  // Step back over continuation bytes so the cut never splits a character.
  while (end > 0 && end < bytes.length && (bytes[end] & 0xc0) === 0x80) end--;
  return bytes.subarray(0, end).toString('utf8');
}

/** UTF-8 byte length, skipping the exact count when even 3 bytes per char stays within `limit`. */
export function exceedsBytes(text: string, limit: number): boolean {
  if (text.length * 3 <= limit) return false;
  if (text.length > limit) return true;
  return Buffer.byteLength(text, 'utf8') > limit;
}

export function checkHeader(columns: string[]): string[] {
  const cleaned = columns.map((c, i) => (i === 0 ? c.replace(/^\uFEFF/, '') : c).trim());
  if (!cleaned.some((c) => c !== '')) throw new SourceFileError('no_header', 'the first row has no column names');
  const seen = new Set<string>();
  for (const c of cleaned) {
    // Blank names (trailing delimiters, unlabelled Excel columns) repeat legitimately; the mapping ignores them.
    if (c === '') continue;
    if (seen.has(c)) throw new SourceFileError('duplicate_header', `the column "${c}" appears more than once in the header`);
    seen.add(c);
  }
  return cleaned;
}
