/**
 * Drives one department file: opens the CSV or XLSX sink, writes the header and the rows a
 * writer yields, records each line in truth/source-records.csv, reports progress, and returns the
 * manifest entry. Writers only decide what the rows say.
 */
import { mkdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { CsvSink, type CsvEncoding } from './csv-sink.js';
import type { DemoFile, SourceRow, WriterContext } from './types.js';
import { XlsxSink } from './xlsx-sink.js';

export interface TableSpec {
  dataset: string;
  department: string;
  title: string;
  description: string;
  header: readonly string[];
  format: 'csv' | 'xlsx';
  encoding: CsvEncoding;
  bom?: boolean;
  /** Expected row count, for progress only. */
  expected: number;
}

const PROGRESS_EVERY = 20_000;
const YIELD_EVERY = 2_000;

const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

export async function writeTable(ctx: WriterContext, spec: TableSpec, rows: Iterable<SourceRow>): Promise<DemoFile> {
  const file = `departments/${spec.dataset}.${spec.format}`;
  const path = join(ctx.out, file);
  await mkdir(dirname(path), { recursive: true });
  ctx.progress(spec.dataset, 0, spec.expected);
  let line = 0;
  if (spec.format === 'xlsx') {
    const sink = new XlsxSink(path, spec.title, spec.header, ctx.generatedAt);
    for (const row of rows) {
      sink.row(row.cells);
      ctx.source(spec.dataset, ++line, row);
      // Let the zip stream drain now and then, or everything would buffer until the end.
      if (line % YIELD_EVERY === 0) await yieldToEventLoop();
      if (line % PROGRESS_EVERY === 0) ctx.progress(spec.dataset, line, spec.expected);
    }
    await sink.close();
  } else {
    const sink = new CsvSink(path, spec.header, { encoding: spec.encoding, bom: spec.bom });
    try {
      for (const row of rows) {
        sink.row(row.cells);
        ctx.source(spec.dataset, ++line, row);
        // Generation is CPU-bound; yielding keeps a server that runs it responsive.
        if (line % YIELD_EVERY === 0) await yieldToEventLoop();
        if (line % PROGRESS_EVERY === 0) ctx.progress(spec.dataset, line, spec.expected);
      }
    } finally {
      sink.close();
    }
  }
  ctx.progress(spec.dataset, line, line);
  return {
    dataset: spec.dataset,
    department: spec.department,
    title: spec.title,
    file,
    format: spec.format,
    encoding: spec.encoding === 'utf8' ? 'utf8' : 'gbk',
    rows: line,
    description: spec.description,
  };
}
