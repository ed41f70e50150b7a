import type { Batcher } from './batcher.js';
import type { TextSink } from './text-reader.js';
import { checkHeader, exceedsBytes, SourceFileError, truncateRaw, type Limits } from './types.js';
import { cellValue } from './xlsx-cells.js';
import type { WorkbookParts } from './xlsx-parts.js';
import { attr, decodeXml, XmlScanner } from './xml-scanner.js';

const MAX_COLUMNS = 16_384;

/**
 * Rows of one worksheet's XML, fed as text. The header is the first row with a filled cell;
 * `line` is the sheet's row number. Excel stores no trailing empty cells, so short rows are padded.
 */
export class SheetParser implements TextSink {
  header: string[] | null = null;
  flagSubstitutes = false;
  private readonly scanner: XmlScanner;
  private rowNumber = 0;
  private cells: string[] = [];
  private col = 0;
  private type: string | undefined;
  private isDate = false;
  private parts: string[] = [];
  private partsLength = 0;
  private collecting = false;
  private inCell = false;
  private inPhonetic = false;
  private cellTooLarge = 0;

  constructor(
    private readonly out: Batcher,
    private readonly limits: Limits,
    private readonly book: WorkbookParts,
  ) {
    this.scanner = new XmlScanner({ open: (n, t, s) => this.open(n, t, s), close: (n) => this.close(n), text: (raw) => this.text(raw) });
  }

  push(text: string): void {
    this.scanner.write(text);
  }

  end(): void {
    if (!this.header) throw new SourceFileError('empty_file', 'the first worksheet has no filled row');
  }

  private open(name: string, tag: string, selfClosing: boolean): void {
    switch (name) {
      case 'row': {
        const r = Number(attr(tag, 'r'));
        this.rowNumber = Number.isInteger(r) && r > 0 ? r : this.rowNumber + 1;
        this.cells = [];
        this.col = 0;
        this.cellTooLarge = 0;
        break;
      }
      case 'c': {
        const ref = attr(tag, 'r');
        this.col = ref ? columnIndex(ref) : this.col + 1;
        this.type = attr(tag, 't');
        const style = attr(tag, 's');
        this.isDate = style !== undefined && this.book.dateStyles[Number(style)] === true;
        this.parts = [];
        this.partsLength = 0;
        this.inCell = !selfClosing;
        break;
      }
      case 'v':
      case 't':
        this.collecting = this.inCell && !this.inPhonetic && !selfClosing;
        break;
      case 'rPh':
        this.inPhonetic = true;
        break;
    }
  }

  private close(name: string): void {
    switch (name) {
      case 'v':
      case 't':
        this.collecting = false;
        break;
      case 'rPh':
        this.inPhonetic = false;
        break;
      case 'c':
        if (this.inCell && this.col >= 1 && this.col <= MAX_COLUMNS) {
          const text = decodeXml(this.parts.join(''));
          const value = cellValue(this.type, text, this.isDate, this.book.date1904, this.book.sharedStrings);
          while (this.cells.length < this.col - 1) this.cells.push('');
          this.cells[this.col - 1] = value;
          if (!this.cellTooLarge && exceedsBytes(value, this.limits.maxCellBytes)) this.cellTooLarge = this.col;
        }
        this.inCell = false;
        break;
      case 'row':
        this.row();
        break;
    }
  }

  private text(raw: string): void {
    if (!this.collecting) return;
    // Stop keeping text past the cell limit; the cell is reported, not stored.
    if (this.partsLength > this.limits.maxCellBytes) {
      this.cellTooLarge ||= this.col;
      return;
    }
    this.parts.push(raw);
    this.partsLength += raw.length;
  }

  private row(): void {
    const { cells } = this;
    if (!cells.some((c) => c !== '')) return;
    const line = this.rowNumber;
    if (!this.header) {
      this.header = checkHeader(cells);
      return;
    }
    const width = this.header.length;
    const raw = () => truncateRaw(cells.join('\t'));
    if (this.cellTooLarge) {
      this.out.add({ kind: 'error', line, reason: 'cell_too_large', detail: `cell ${this.cellTooLarge} is larger than ${this.limits.maxCellBytes} bytes`, raw: raw() });
    } else if (cells.length > width && cells.slice(width).some((c) => c !== '')) {
      this.out.add({ kind: 'error', line, reason: 'column_count', detail: `filled cells beyond the ${width} header columns`, raw: raw() });
    } else {
      while (cells.length < width) cells.push('');
      cells.length = width;
      this.out.add({ kind: 'row', line, cells });
    }
  }
}

/** A1-style reference to a 1-based column number (AB12 -> 28). */
function columnIndex(ref: string): number {
  let n = 0;
  for (let i = 0; i < ref.length; i++) {
    const c = ref.charCodeAt(i);
    if (c < 65 || c > 90) break;
    n = n * 26 + (c - 64);
  }
  return n;
}
