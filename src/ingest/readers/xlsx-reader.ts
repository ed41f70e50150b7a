import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { Batcher } from './batcher.js';
import type { ByteSource } from './byte-source.js';
import { cellText } from './xlsx-cells.js';
import { checkHeader, exceedsBytes, SourceFileError, truncateRaw, type Limits, type SourceItem, type SourceReader } from './types.js';

/**
 * Built-in number formats whose code depends on the Excel locale; files saved by Chinese Excel/WPS
 * reference them by id only, and exceljs leaves them undefined, so their dates would come out as
 * serial numbers. Filled with the zh-CN codes.
 */
const ZH_CN_DATE_FORMATS: Record<number, string> = {
  27: 'yyyy"年"m"月"', 28: 'm"月"d"日"', 29: 'm"月"d"日"', 30: 'm-d-yy', 31: 'yyyy"年"m"月"d"日"',
  32: 'h"时"mm"分"', 33: 'h"时"mm"分"ss"秒"', 34: '上午/下午 h"时"mm"分"', 35: '上午/下午 h"时"mm"分"ss"秒"', 36: 'yyyy"年"m"月"',
  50: 'yyyy"年"m"月"', 51: 'm"月"d"日"', 52: 'yyyy"年"m"月"', 53: 'm"月"d"日"', 54: 'm"月"d"日"',
  55: '上午/下午 h"时"mm"分"', 56: '上午/下午 h"时"mm"分"ss"秒"', 57: 'yyyy"年"m"月"', 58: 'm"月"d"日"',
};

// exceljs 4.4 internals used below (pinned in package.json): the reader's styles manager and parsed workbook model.
interface ReaderInternals {
  _parseStyles(entry: unknown): Promise<void>;
  styles: { index?: { numFmt?: Record<number, string> } };
  model?: { sheets?: Array<{ name: string }> };
  properties?: { model?: { date1904?: boolean } };
}
type Row = { number: number; eachCell(opts: { includeEmpty: boolean }, cb: (cell: { value: unknown; numFmt?: string }, col: number) => void): void };

/** Streams the first worksheet (in workbook order); the header is its first non-empty row. */
export async function readXlsx(bytes: ByteSource, limits: Limits, batchSize: number): Promise<SourceReader> {
  const input = Readable.from(bytes.chunks(), { objectMode: false });
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(input, { styles: 'cache', sharedStrings: 'cache', hyperlinks: 'ignore', worksheets: 'emit', entries: 'ignore' });
  const internals = reader as unknown as ReaderInternals;
  const parseStyles = internals._parseStyles.bind(reader);
  internals._parseStyles = async (entry) => {
    await parseStyles(entry);
    const numFmt = internals.styles.index?.numFmt;
    if (numFmt) for (const [id, code] of Object.entries(ZH_CN_DATE_FORMATS)) numFmt[Number(id)] ??= code;
  };

  // exceljs reads these when a worksheet entry precedes xl/workbook.xml in the zip and crashes if unset.
  internals.model ??= { sheets: [] };
  internals.properties ??= {};
  const rows = firstSheetRows(reader, internals);
  const close = async () => {
    await rows.return(undefined).catch(() => undefined);
    input.destroy();
    bytes.destroy();
  };
  const date1904 = () => Boolean(internals.properties?.model?.date1904);

  let columns: string[] | null = null;
  let headerLine = 0;
  try {
    for (;;) {
      const next = await rows.next();
      if (next.done) throw new SourceFileError('empty_file', 'the first worksheet has no filled row');
      const cells = rowCells(next.value, date1904());
      if (cells.some((c) => c !== '')) {
        columns = checkHeader(cells);
        headerLine = next.value.number;
        break;
      }
    }
  } catch (err) {
    await close();
    throw asFileError(err);
  }
  const width = columns.length;
  const header = { format: 'xlsx' as const, encoding: null, encodingDetected: false, columns };

  const toItem = (row: Row): SourceItem | null => {
    const cells = rowCells(row, date1904());
    if (!cells.some((c) => c !== '')) return null;
    const line = row.number;
    const raw = () => truncateRaw(cells.join('\t'));
    const big = cells.findIndex((c) => exceedsBytes(c, limits.maxCellBytes));
    if (big >= 0) return { kind: 'error', line, reason: 'cell_too_large', detail: `cell ${big + 1} is larger than ${limits.maxCellBytes} bytes`, raw: raw() };
    // Excel stores no trailing empty cells, so short rows are padded; filled cells past the header are an error.
    if (cells.length > width && cells.slice(width).some((c) => c !== '')) {
      return { kind: 'error', line, reason: 'column_count', detail: `filled cells beyond the ${width} header columns`, raw: raw() };
    }
    while (cells.length < width) cells.push('');
    cells.length = width;
    return { kind: 'row', line, cells };
  };

  return {
    header,
    totalBytes: bytes.totalBytes,
    bytesRead: bytes.bytesRead,
    close,
    async *batches() {
      const batcher = new Batcher(batchSize);
      try {
        for (;;) {
          let next: IteratorResult<Row>;
          try {
            next = await rows.next();
          } catch (err) {
            throw asFileError(err);
          }
          if (next.done) break;
          if (next.value.number <= headerLine) continue;
          const item = toItem(next.value);
          if (item) batcher.add(item);
          for (const batch of batcher.takeFull()) yield batch;
        }
        for (const batch of batcher.takeAll()) yield batch;
      } finally {
        await close();
      }
    },
  };
}

async function* firstSheetRows(reader: InstanceType<typeof ExcelJS.stream.xlsx.WorkbookReader>, internals: ReaderInternals): AsyncGenerator<Row> {
  let sheets = 0;
  for await (const sheet of reader) {
    sheets++;
    const first = internals.model?.sheets?.[0]?.name;
    // Other sheets are skipped unread; exceljs drains their zip entries.
    if (first !== undefined && (sheet as unknown as { name: string }).name !== first) continue;
    for await (const row of sheet as unknown as AsyncIterable<Row>) yield row;
    return;
  }
  if (sheets === 0) throw new SourceFileError('unsupported_format', 'the ZIP archive holds no worksheet; is it really an .xlsx file?');
}

function rowCells(row: Row, date1904: boolean): string[] {
  const cells: string[] = [];
  row.eachCell({ includeEmpty: false }, (cell, col) => {
    while (cells.length < col - 1) cells.push('');
    cells[col - 1] = cellText(cell.value, cell.numFmt, date1904);
  });
  return cells;
}

/** exceljs and its unzipper fail with assorted messages (FILE_ENDED, invalid signature) on a cut or damaged file. */
function asFileError(err: unknown): unknown {
  if (err instanceof SourceFileError) return err;
  return new SourceFileError('truncated_file', `the .xlsx file is cut short or damaged (${(err as Error)?.message ?? String(err)})`);
}
