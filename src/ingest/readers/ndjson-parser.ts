import type { Batcher } from './batcher.js';
import type { TextSink } from './text-reader.js';
import { checkHeader, exceedsBytes, SourceFileError, truncateRaw, type Limits, type ReadErrorReason, type SourceItem } from './types.js';

/** Keys seen in this many lines make the header; later unknown keys are an error, not a new column. */
export const HEADER_SAMPLE_LINES = 1000;
/** The sample also stops at this much text, so a file of huge lines cannot fill memory before the header. */
const HEADER_SAMPLE_CHARS = 32 * 1024 * 1024;

type Pending = { line: number; text: string; value: Record<string, unknown> } | { line: number; item: SourceItem };

/**
 * One JSON object per line. The header is the union of the keys of the first 1000 lines, in the
 * order first seen, because NDJSON has no header line and later objects may omit empty keys.
 */
export class NdjsonParser implements TextSink {
  header: string[] | null = null;
  flagSubstitutes = false;
  private buf = '';
  private pos = 0;
  private line = 1;
  private skipping = false;
  private pending: Pending[] = [];
  private sampleChars = 0;
  private keys = new Map<string, number>();
  private parked: string[] = [];
  private parkedLength = 0;

  constructor(
    private readonly out: Batcher,
    private readonly limits: Limits,
  ) {}

  push(text: string): void {
    // Park text without a newline rather than re-joining a long line on every chunk (quadratic).
    if (!text.includes('\n') && this.buf.length - this.pos + this.parkedLength + text.length <= this.limits.maxRecordBytes) {
      this.parked.push(text);
      this.parkedLength += text.length;
      return;
    }
    this.append(text);
    this.run(false);
  }

  end(): void {
    this.append('');
    this.run(true);
    this.buf = '';
    if (!this.header) this.fixHeader();
  }

  private append(text: string): void {
    if (this.parked.length) text = this.parked.join('') + text;
    this.parked = [];
    this.parkedLength = 0;
    this.buf = this.pos >= this.buf.length ? text : this.buf.slice(this.pos) + text;
    this.pos = 0;
  }

  private run(final: boolean): void {
    const { buf } = this;
    const len = buf.length;
    let pos = this.pos;
    while (pos < len) {
      const nl = buf.indexOf('\n', pos);
      if (this.skipping) {
        pos = nl === -1 ? len : nl + 1;
        if (nl !== -1) {
          this.line++;
          this.skipping = false;
        }
        continue;
      }
      if (nl === -1 && !final) {
        if (len - pos > this.limits.maxRecordBytes) {
          this.error(this.line, 'record_too_large', `the line is larger than ${this.limits.maxRecordBytes} bytes`, buf.slice(pos));
          this.skipping = true;
          pos = len;
        }
        break;
      }
      const lineEnd = nl === -1 ? len : nl;
      let text = buf.slice(pos, lineEnd);
      if (text.charCodeAt(text.length - 1) === 13) text = text.slice(0, -1);
      if (this.line === 1 && text.charCodeAt(0) === 0xfeff) text = text.slice(1);
      if (text.trim() !== '') this.handle(text);
      pos = nl === -1 ? len : nl + 1;
      this.line++;
    }
    this.pos = pos;
  }

  private handle(text: string): void {
    const { line } = this;
    if (this.flagSubstitutes && text.includes('\uFFFD')) return this.error(line, 'decode_error', 'the line holds bytes that are not valid in the file encoding', text);
    if (exceedsBytes(text, this.limits.maxRecordBytes)) return this.error(line, 'record_too_large', `the line is larger than ${this.limits.maxRecordBytes} bytes`, text);
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (err) {
      return this.error(line, 'invalid_json', (err as Error).message, text);
    }
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
      return this.error(line, 'not_an_object', `the line holds ${Array.isArray(value) ? 'an array' : value === null ? 'null' : `a ${typeof value}`}, not an object`, text);
    }
    const object = value as Record<string, unknown>;
    if (this.header) return this.emit(line, text, object);
    for (const key of Object.keys(object)) if (!this.keys.has(key)) this.keys.set(key, this.keys.size);
    this.pending.push({ line, text, value: object });
    this.sampleChars += text.length;
    if (this.pending.length >= HEADER_SAMPLE_LINES || this.sampleChars > HEADER_SAMPLE_CHARS) this.fixHeader();
  }

  private fixHeader(): void {
    if (this.keys.size === 0) {
      if (this.pending.length === 0) throw new SourceFileError('empty_file', 'the file holds no text');
      throw new SourceFileError('no_header', `no JSON object with keys in the first ${this.pending.length} lines`);
    }
    this.header = checkHeader([...this.keys.keys()]);
    const pending = this.pending;
    this.pending = [];
    for (const p of pending) {
      if ('item' in p) this.out.add(p.item);
      else this.emit(p.line, p.text, p.value);
    }
  }

  private emit(line: number, text: string, object: Record<string, unknown>): void {
    const width = this.keys.size;
    const cells: string[] = new Array(width).fill('');
    let unknown: string[] | undefined;
    let big: Record<string, string> | undefined;
    for (const key in object) {
      const index = this.keys.get(key);
      if (index === undefined) (unknown ??= []).push(key);
      else {
        const v = object[key];
        if (typeof v === 'number' && Number.isInteger(v) && !Number.isSafeInteger(v)) big ??= exactIntegers(text, object);
        cells[index] = big?.[key] ?? toCell(v);
      }
    }
    if (unknown) return this.error(line, 'column_count', `keys not in the header (taken from the first ${HEADER_SAMPLE_LINES} lines): ${unknown.join(', ')}`, text);
    if (exceedsBytes(text, this.limits.maxCellBytes)) {
      const i = cells.findIndex((c) => exceedsBytes(c, this.limits.maxCellBytes));
      if (i >= 0) return this.error(line, 'cell_too_large', `the value of "${this.header![i]}" is larger than ${this.limits.maxCellBytes} bytes`, text);
    }
    this.out.add({ kind: 'row', line, cells });
  }

  private error(line: number, reason: ReadErrorReason, detail: string, raw: string): void {
    const item: SourceItem = { kind: 'error', line, reason, detail, raw: truncateRaw(raw) };
    if (this.header) this.out.add(item);
    else this.pending.push({ line, item });
  }
}

function toCell(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return JSON.stringify(v);
}

/**
 * JSON.parse rounds integers past 2^53, which would corrupt ID numbers written unquoted. Re-reads the
 * line with such numbers quoted and keeps a digit string only where it matches the parsed number.
 */
function exactIntegers(text: string, parsed: Record<string, unknown>): Record<string, string> {
  const exact: Record<string, string> = {};
  let again: Record<string, unknown>;
  try {
    again = JSON.parse(quoteLongIntegers(text)) as Record<string, unknown>;
  } catch {
    return exact;
  }
  for (const [key, v] of Object.entries(parsed)) {
    const s = again[key];
    if (typeof v === 'number' && typeof s === 'string' && /^-?\d+$/.test(s) && Number(s) === v) exact[key] = s;
  }
  return exact;
}

/** Wraps integer literals of 16+ digits outside JSON strings in quotes. */
function quoteLongIntegers(text: string): string {
  let out = '';
  let last = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"') {
      // Skip the string, honouring backslash escapes.
      for (i++; i < text.length && text[i] !== '"'; i++) if (text[i] === '\\') i++;
      continue;
    }
    if (c !== '-' && (c < '0' || c > '9')) continue;
    let j = c === '-' ? i + 1 : i;
    while (j < text.length && text[j] >= '0' && text[j] <= '9') j++;
    const fraction = text[j] === '.' || text[j] === 'e' || text[j] === 'E';
    if (!fraction && j - i >= 16) {
      out += `${text.slice(last, i)}"${text.slice(i, j)}"`;
      last = j;
    }
    i = j - 1;
  }
  return out + text.slice(last);
}
