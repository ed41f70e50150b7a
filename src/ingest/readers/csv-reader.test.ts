import { PassThrough, Readable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { openSource, SourceFileError } from './index.js';
import { readAll, tempDir } from './test-support.js';

const dir = tempDir();
afterAll(() => dir.remove());

const goodRows = (from: number, count: number) => Array.from({ length: count }, (_, i) => `${from + i},名${from + i},${(from + i) * 2}`).join('\n');

describe('CSV reader', () => {
  it('reads a comma-separated UTF-8 file with line numbers from 1 at the header', async () => {
    const { header, rows, errors } = await readAll(dir.write('a.csv', '姓名,年龄,村\n张三,30,青山村\n李四,41,锦南村\n'));
    expect(header).toEqual({ format: 'csv', encoding: 'utf8', encodingDetected: true, columns: ['姓名', '年龄', '村'] });
    expect(rows).toEqual([
      { kind: 'row', line: 2, cells: ['张三', '30', '青山村'] },
      { kind: 'row', line: 3, cells: ['李四', '41', '锦南村'] },
    ]);
    expect(errors).toEqual([]);
  });

  it('detects tab, semicolon and pipe delimiters from the header', async () => {
    for (const [d, name] of [['\t', 'tab.txt'], [';', 'semi.csv'], ['|', 'pipe.csv']] as const) {
      const { rows } = await readAll(dir.write(name, `a${d}b${d}c\n1${d}2,5${d}3\n`));
      expect(rows[0].cells).toEqual(['1', '2,5', '3']);
    }
  });

  it('handles CRLF line ends and a last line without a newline', async () => {
    const { header, rows } = await readAll(dir.write('crlf.csv', 'a,b\r\n1,2\r\n3,4'));
    expect(header.columns).toEqual(['a', 'b']);
    expect(rows.map((r) => [r.line, ...r.cells])).toEqual([[2, '1', '2'], [3, '3', '4']]);
  });

  it('trims header names and strips the BOM', async () => {
    const { header } = await readAll(dir.write('bom.csv', '\uFEFF 姓名 ,"  年龄"\n张三,3\n'));
    expect(header.columns).toEqual(['姓名', '年龄']);
  });

  it('keeps commas, quotes and newlines inside quoted fields and still numbers the following rows', async () => {
    const csv = 'id,note,n\n1,"a, b",x\n2,"line one\r\nline two\nline three",y\n3,"say ""hi""",z\n4,plain,w\n';
    const { rows, errors } = await readAll(dir.write('quoted.csv', csv));
    expect(errors).toEqual([]);
    expect(rows.map((r) => [r.line, r.cells[1]])).toEqual([
      [2, 'a, b'],
      [3, 'line one\r\nline two\nline three'],
      [6, 'say "hi"'],
      [7, 'plain'],
    ]);
  });

  it('skips blank lines without shifting line numbers', async () => {
    const { rows } = await readAll(dir.write('blank.csv', 'a,b\n\n1,2\n\r\n3,4\n\n'));
    expect(rows.map((r) => r.line)).toEqual([3, 5]);
  });

  it('reports an unterminated quote mid-file and reads all 1000 good rows after it', async () => {
    const csv = `id,name,n\n${goodRows(1, 10)}\n11,"broken,22\n${goodRows(12, 1000)}\n`;
    const { rows, errors } = await readAll(dir.write('broken.csv', csv));
    expect(errors).toEqual([{ kind: 'error', line: 12, reason: 'broken_quotes', detail: expect.any(String), raw: '11,"broken,22' }]);
    expect(rows).toHaveLength(1010);
    expect(rows[10]).toEqual({ kind: 'row', line: 13, cells: ['12', '名12', '24'] });
    expect(rows.at(-1)).toEqual({ kind: 'row', line: 1012, cells: ['1011', '名1011', '2022'] });
  });

  it('recovers from a stray quote even when later rows contain quotes', async () => {
    const csv = `id,name,n\n1,"open,2\n${goodRows(2, 5)}\n7,"q",14\n8,ab"c,16\n${goodRows(9, 3)}\n`;
    const { rows, errors } = await readAll(dir.write('stray.csv', csv));
    expect(errors.map((e) => [e.line, e.reason, e.raw])).toEqual([
      [2, 'broken_quotes', '1,"open,2'],
      [9, 'broken_quotes', '8,ab"c,16'],
    ]);
    expect(rows.map((r) => r.cells[0])).toEqual(['2', '3', '4', '5', '6', '7', '9', '10', '11']);
    expect(rows.find((r) => r.cells[0] === '7')).toEqual({ kind: 'row', line: 8, cells: ['7', 'q', '14'] });
  });

  it('gives up on a quote still open after maxRecordBytes and resumes on the next line', async () => {
    const filler = Array.from({ length: 3000 }, (_, i) => `${i},"ok",${i}`).join('\n');
    const csv = `id,name,n\n0,"never closed,0\n${goodRows(1, 3000)}\n${filler}\n`;
    const { rows, errors } = await readAll(dir.write('open.csv', csv), { maxRecordBytes: 4096 });
    expect(errors[0]).toMatchObject({ line: 2, reason: 'broken_quotes', raw: '0,"never closed,0' });
    expect(rows).toHaveLength(6000);
  });

  it('reports rows with too many or too few cells and keeps their text', async () => {
    const { rows, errors } = await readAll(dir.write('count.csv', 'a,b,c\n1,2,3\n1,2,3,4\n1,2\n5,6,7\n'));
    expect(rows.map((r) => r.line)).toEqual([2, 5]);
    expect(errors).toEqual([
      { kind: 'error', line: 3, reason: 'column_count', detail: 'expected 3 cells, found 4', raw: '1,2,3,4' },
      { kind: 'error', line: 4, reason: 'column_count', detail: 'expected 3 cells, found 2', raw: '1,2' },
    ]);
  });

  it('returns the last record as an error when the file is cut mid-record', async () => {
    const inQuotes = await readAll(dir.write('cut1.csv', 'a,b,c\n1,2,3\n4,"five'));
    expect(inQuotes.errors).toEqual([expect.objectContaining({ line: 3, reason: 'broken_quotes', raw: '4,"five' })]);
    const unquoted = await readAll(dir.write('cut2.csv', 'a,b,c\n1,2,3\n4,fi'));
    expect(unquoted.errors).toEqual([expect.objectContaining({ line: 3, reason: 'column_count', raw: '4,fi' })]);
  });

  it('reads a header-only file as zero rows', async () => {
    const { header, items } = await readAll(dir.write('header.csv', '姓名,年龄\n'));
    expect(header.columns).toEqual(['姓名', '年龄']);
    expect(items).toEqual([]);
  });

  it.each([
    ['empty_file', 'empty.csv', ''],
    ['empty_file', 'blank-lines.csv', '\n\r\n\n'],
    ['duplicate_header', 'dup.csv', '姓名,年龄,姓名\n1,2,3\n'],
    ['duplicate_header', 'dup-trim.csv', 'a, a\n1,2\n'],
    ['no_header', 'no-names.csv', ',,\n1,2,3\n'],
  ])('rejects with %s: %s', async (code, name, content) => {
    await expect(openSource({ path: dir.write(name, content) })).rejects.toMatchObject({ name: 'SourceFileError', code });
  });

  it('allows several blank header names', async () => {
    const { header, rows } = await readAll(dir.write('blank-names.csv', 'a,,b,\n1,2,3,4\n'));
    expect(header.columns).toEqual(['a', '', 'b', '']);
    expect(rows).toHaveLength(1);
  });

  it('yields batches of at most batchSize', async () => {
    const { rows, batchSizes } = await readAll(dir.write('batches.csv', `id,name,n\n${goodRows(1, 2500)}\n`), { batchSize: 1000 });
    expect(rows).toHaveLength(2500);
    expect(batchSizes).toEqual([1000, 1000, 500]);
  });

  it('reads from a stream fed in tiny chunks, records split anywhere', async () => {
    const csv = 'id,note\r\n1,"a ""b""\r\nc"\r\n2,x\r\n';
    const stream = Readable.from([...Buffer.from(csv)].map((b) => Buffer.from([b])), { objectMode: false });
    const reader = await openSource({ stream, name: 'upload.csv' });
    const items = [];
    for await (const batch of reader.batches()) items.push(...batch);
    expect(items).toEqual([
      { kind: 'row', line: 2, cells: ['1', 'a "b"\r\nc'] },
      { kind: 'row', line: 4, cells: ['2', 'x'] },
    ]);
  });

  it('destroys the input stream when the consumer stops early', async () => {
    const stream = new PassThrough();
    stream.write(`id,name,n\n${goodRows(1, 5000)}\n`);
    const reader = await openSource({ stream, name: 'big.csv' }, { batchSize: 10 });
    for await (const batch of reader.batches()) {
      expect(batch).toHaveLength(10);
      break;
    }
    expect(stream.destroyed).toBe(true);
  });

  it('releases the file on close() without iterating', async () => {
    const stream = new PassThrough();
    stream.write(`id,name,n\n${goodRows(1, 5000)}\n`);
    const reader = await openSource({ stream, name: 'x.csv' });
    await reader.close?.();
    expect(stream.destroyed).toBe(true);
  });

  it('raises SourceFileError, not a generic error, for a bad option', async () => {
    const err = await openSource({ path: dir.write('fmt.csv', 'a\n1\n') }, { format: 'xls' as never }).catch((e) => e);
    expect(err).toBeInstanceOf(SourceFileError);
    expect(err.code).toBe('unsupported_format');
  });
});
