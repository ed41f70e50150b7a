import { extname } from 'node:path';
import { SourceFileError, type SourceEncoding, type SourceFormat } from './types.js';

const FORMATS: readonly SourceFormat[] = ['csv', 'xlsx', 'ndjson'];
const EXTENSIONS: Record<string, SourceFormat> = { '.csv': 'csv', '.txt': 'csv', '.tsv': 'csv', '.xlsx': 'xlsx', '.ndjson': 'ndjson', '.jsonl': 'ndjson' };
const OLD_OFFICE = Buffer.from([0xd0, 0xcf, 0x11, 0xe0]);
const ZIP = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
const UTF8_BOM = Buffer.from([0xef, 0xbb, 0xbf]);

/** opts.format, else the extension, else the first bytes. */
export function detectFormat(explicit: string | undefined, name: string | undefined, head: Buffer): SourceFormat {
  if (explicit !== undefined) {
    if (!FORMATS.includes(explicit as SourceFormat)) throw new SourceFileError('unsupported_format', `unknown format "${explicit}"; use csv, xlsx or ndjson`);
    return explicit as SourceFormat;
  }
  const ext = name ? extname(name).toLowerCase() : '';
  if (ext === '.xls' || ext === '.et') throw new SourceFileError('unsupported_format', 'old binary Excel/WPS files are not read; save the sheet as .xlsx or .csv');
  const byExt = EXTENSIONS[ext];
  if (byExt) return byExt;
  if (head.subarray(0, 4).equals(ZIP)) return 'xlsx';
  if (head.subarray(0, 4).equals(OLD_OFFICE)) throw new SourceFileError('unsupported_format', 'this is an old binary Office file; save it as .xlsx or .csv');
  const start = head.subarray(0, 3).equals(UTF8_BOM) ? 3 : 0;
  for (let i = start; i < head.length; i++) {
    const c = head[i];
    if (c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d) continue;
    return c === 0x7b ? 'ndjson' : 'csv';
  }
  return 'csv';
}

/** Rejects what cannot be a text table: NUL bytes, many control characters, UTF-16, a zip. */
export function checkTextHead(head: Buffer, format: SourceFormat): void {
  if ((head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff)) {
    throw new SourceFileError('decode_error', 'UTF-16 text is not read; save the file as UTF-8 (or GBK) instead');
  }
  if (head.subarray(0, 4).equals(ZIP)) {
    throw new SourceFileError('binary_file', `the file was given as ${format} but is a ZIP archive (an .xlsx?)`);
  }
  let controls = 0;
  for (let i = 0; i < head.length; i++) {
    const c = head[i];
    if (c === 0) throw new SourceFileError('binary_file', `the file was given as ${format} but contains NUL bytes (byte ${i}); it is not text`);
    // Tab, LF, FF and CR occur in real text; other C0 controls and DEL almost never do.
    if ((c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0c && c !== 0x0d) || c === 0x7f) controls++;
  }
  if (controls >= 2 && controls > head.length * 0.02) {
    throw new SourceFileError('binary_file', `the file was given as ${format} but ${controls} of its first ${head.length} bytes are control characters; it is not text`);
  }
}

/**
 * opts.encoding wins (after a check that it is not plainly wrong); else a UTF-8 BOM or strictly valid
 * UTF-8 in the head means utf8, anything else gb18030, which covers GBK and GB2312 as subsets.
 */
export function detectEncoding(head: Buffer, complete: boolean, explicit?: SourceEncoding): { encoding: SourceEncoding; detected: boolean } {
  const bom = head.subarray(0, 3).equals(UTF8_BOM);
  // A head cut mid-file may end inside a character: that is not an error, so stop at the last boundary.
  const invalidAt = firstInvalidUtf8(head, !complete);
  if (explicit === 'utf8') {
    if (invalidAt >= 0) throw utf8Error(invalidAt, 'utf8 was given');
    return { encoding: 'utf8', detected: false };
  }
  if (explicit === 'gbk' || explicit === 'gb18030') {
    if (bom) throw new SourceFileError('decode_error', `the file starts with a UTF-8 byte-order mark but ${explicit} was given; leave the encoding to detection or give utf8`);
    if (invalidAt < 0 && countMultibyte(head) >= 3) {
      throw new SourceFileError('decode_error', `the file is valid UTF-8 text with Chinese characters but ${explicit} was given; it would be stored garbled`);
    }
    return { encoding: explicit, detected: false };
  }
  if (explicit !== undefined) throw new SourceFileError('unsupported_format', `unknown encoding "${explicit}"; use utf8, gbk or gb18030`);
  if (bom || invalidAt < 0) return { encoding: 'utf8', detected: true };
  return { encoding: 'gb18030', detected: true };
}

export function utf8Error(offset: number, why: string): SourceFileError {
  return new SourceFileError('decode_error', `the file is not valid UTF-8 at byte ${offset} (${why}); it may be GBK/GB18030: give that encoding or re-save the file as UTF-8`);
}

/**
 * Index of the first byte that breaks UTF-8, or -1. Written out (rather than TextDecoder fatal)
 * because the error message must name the byte offset.
 */
export function firstInvalidUtf8(b: Uint8Array, allowCutEnd: boolean): number {
  const n = b.length;
  let i = 0;
  while (i < n) {
    const c = b[i];
    if (c < 0x80) {
      i++;
      continue;
    }
    const need = c >= 0xc2 && c <= 0xdf ? 1 : c >= 0xe0 && c <= 0xef ? 2 : c >= 0xf0 && c <= 0xf4 ? 3 : 0;
    if (need === 0) return i;
    const lo = c === 0xe0 ? 0xa0 : c === 0xf0 ? 0x90 : 0x80;
    const hi = c === 0xed ? 0x9f : c === 0xf4 ? 0x8f : 0xbf;
    for (let k = 1; k <= need; k++) {
      if (i + k >= n) return allowCutEnd ? -1 : i;
      const t = b[i + k];
      if (k === 1 ? t < lo || t > hi : t < 0x80 || t > 0xbf) return i;
    }
    i += need + 1;
  }
  return -1;
}

function countMultibyte(b: Buffer): number {
  let count = 0;
  for (let i = 0; i < b.length; i++) if (b[i] >= 0xc2 && b[i] <= 0xf4) count++;
  return count;
}
