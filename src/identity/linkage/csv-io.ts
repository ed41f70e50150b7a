/**
 * CSV in and out for `tianmu link`. Reading goes through the ingest readers (encoding sniffing,
 * GBK, broken quotes reported with line numbers); a malformed record stops the run with its line,
 * because linking around a silently dropped record would give it no cluster at all.
 */
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { finished } from 'node:stream/promises';
import { basename } from 'node:path';
import { openSource, SourceFileError } from '../../ingest/readers/index.js';
import { Invalid } from '../../platform/errors.js';
import { checkColumns, requiredColumns, type LinkConfig } from './config.js';
import { TableBuilder, type RecordTable } from './table.js';

/** Reads one file (dedupe) or two (link) into one table; the second file's records are source 1. */
export async function readCsvTable(files: readonly string[], config: LinkConfig): Promise<RecordTable> {
  const columns = requiredColumns(config);
  const builder = new TableBuilder(columns, config.id, { encodeId: (config.blocking ?? []).some((rule) => rule.includes(config.id)) });
  for (let s = 0; s < files.length; s++) {
    const file = files[s];
    const name = basename(file);
    let reader;
    try {
      reader = await openSource({ path: file }, { format: 'csv' });
    } catch (e) {
      if (e instanceof SourceFileError) throw new Invalid(`${name}: ${e.message}`, { [name]: e.code }, 'malformed_csv');
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') throw new Invalid(`${name}: no such file`, { [name]: 'not found' }, 'file_not_found');
      throw e;
    }
    const header = reader.header.columns;
    try {
      checkColumns(config, header, name);
    } catch (e) {
      await reader.close?.();
      throw e;
    }
    const at = columns.map((c) => header.indexOf(c));
    const cells = new Array<string>(columns.length);
    try {
      for await (const batch of reader.batches()) {
        for (const item of batch) {
          if (item.kind === 'error') throw new Invalid(`${name} line ${item.line}: ${item.reason}: ${item.detail}`, { [name]: `line ${item.line}: ${item.reason}` }, 'malformed_csv');
          for (let c = 0; c < at.length; c++) cells[c] = item.cells[at[c]];
          builder.add(cells, s as 0 | 1, `${name} line ${item.line}`);
        }
      }
    } catch (e) {
      if (e instanceof SourceFileError) throw new Invalid(`${name}: ${e.message}`, { [name]: e.code }, 'malformed_csv');
      throw e;
    }
  }
  return builder.build();
}

// Quoting by hand rather than through csv-stringify: two to four plain columns per row, a million
// rows, and only ids can hold a comma or quote.
function cell(v: string): string {
  return /[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

/** Writes rows of cells as CSV, in chunks, respecting back-pressure. */
export async function writeCsv(path: string, header: readonly string[], rows: Iterable<readonly (string | number)[]>): Promise<void> {
  const out = createWriteStream(path);
  let chunk = `${header.map(cell).join(',')}\n`;
  for (const row of rows) {
    chunk += `${row.map((v) => (typeof v === 'number' ? String(v) : cell(v))).join(',')}\n`;
    if (chunk.length > 1 << 16) {
      if (!out.write(chunk)) await once(out, 'drain');
      chunk = '';
    }
  }
  out.end(chunk);
  await finished(out);
}
