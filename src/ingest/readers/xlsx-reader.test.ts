import { readFileSync } from 'node:fs';
import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSource } from './index.js';
import { readAll, tempDir } from './test-support.js';

const dir = tempDir();
let bookPath = '';
afterAll(() => dir.remove());

beforeAll(async () => {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('名单');
  wb.addWorksheet('其他').addRow(['not', 'read']);
  ws.addRow([]);
  ws.getRow(2).values = ['姓名', '出生日期', '登记时间', '金额', '合计', '到期', '备注', '在册'];
  ws.addRow(['张三', new Date(Date.UTC(1990, 0, 15)), new Date(Date.UTC(2024, 2, 1, 8, 30, 5)), 0.1, { formula: 'D3+0.2', result: 0.30000000000000004 }, { formula: 'B3+365', result: 33253 }, { richText: [{ text: '富' }, { font: { bold: true }, text: '文本' }] }, true]);
  ws.addRow(['李四', null, null, 12345678901, { formula: 'D4*2', result: 24691357802 }, null, null, false]);
  ws.addRow([]);
  ws.addRow(['王五', null, null, -12.5, { formula: 'NA()', result: { error: '#N/A' } }]);
  ws.addRow(['赵六', null, null, 1, 2, 3, 4, 5, 'extra']);
  for (const cell of ['B3', 'F3']) ws.getCell(cell).numFmt = 'yyyy-mm-dd';
  ws.getCell('C3').numFmt = 'yyyy-mm-dd hh:mm:ss';
  bookPath = dir.path('book.xlsx');
  await wb.xlsx.writeFile(bookPath);
});

describe('XLSX reader', () => {
  it('reads the first sheet with dates, numbers, formulas, rich text and empty cells as strings', async () => {
    const { header, rows, errors } = await readAll(bookPath);
    expect(header).toEqual({ format: 'xlsx', encoding: null, encodingDetected: false, columns: ['姓名', '出生日期', '登记时间', '金额', '合计', '到期', '备注', '在册'] });
    expect(rows).toEqual([
      { kind: 'row', line: 3, cells: ['张三', '1990-01-15', '2024-03-01T08:30:05', '0.1', '0.3', '1991-01-15', '富文本', 'TRUE'] },
      { kind: 'row', line: 4, cells: ['李四', '', '', '12345678901', '24691357802', '', '', 'FALSE'] },
      { kind: 'row', line: 6, cells: ['王五', '', '', '-12.5', expect.any(String), '', '', ''] },
    ]);
    expect(errors).toEqual([expect.objectContaining({ line: 7, reason: 'column_count', raw: '赵六\t\t\t1\t2\t3\t4\t5\textra' })]);
  });

  it('reads from a stream and sniffs the format without an extension', async () => {
    const stream = Readable.from([readFileSync(bookPath)]);
    const reader = await openSource({ stream, name: 'upload' });
    expect(reader.header.format).toBe('xlsx');
    let count = 0;
    for await (const batch of reader.batches()) count += batch.length;
    expect(count).toBe(4);
  });

  it('rejects a truncated or damaged xlsx as truncated_file', async () => {
    const bytes = readFileSync(bookPath);
    const cut = dir.write('cut.xlsx', bytes.subarray(0, Math.floor(bytes.length / 2)));
    await expect(readAll(cut)).rejects.toMatchObject({ name: 'SourceFileError', code: 'truncated_file' });
    const damaged = Buffer.from(bytes);
    damaged.fill(0x41, 200, bytes.length - 300);
    await expect(readAll(dir.write('damaged.xlsx', damaged))).rejects.toMatchObject({ code: 'truncated_file' });
  });

  it('reads dates under the zh-CN built-in format 31 that exceljs leaves undefined', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('s');
    ws.addRow(['日期']);
    ws.addRow([45352]);
    ws.getCell('A2').numFmt = 'yyyy"年"m"月"d"日"';
    const zip = await JSZip.loadAsync(await wb.xlsx.writeBuffer());
    const styles = await zip.file('xl/styles.xml')!.async('string');
    // Chinese Excel saves this format by its built-in id without a <numFmt> definition.
    const id = /<numFmt numFmtId="(\d+)"/.exec(styles)![1];
    zip.file('xl/styles.xml', styles.replace(/<numFmt numFmtId="\d+"[^>]*\/>/, '').replaceAll(`numFmtId="${id}"`, 'numFmtId="31"'));
    const path = dir.write('zh.xlsx', await zip.generateAsync({ type: 'nodebuffer' }));
    (await import('node:fs')).copyFileSync(path, '/tmp/rb/zh-test.xlsx');
    const { rows } = await readAll(path);
    expect(rows[0].cells).toEqual(['2024-03-01']);
  });

  it('rejects an old binary .xls as unsupported_format', async () => {
    const path = dir.write('old.xls', Buffer.concat([Buffer.from('d0cf11e0a1b11ae1', 'hex'), Buffer.alloc(512)]));
    await expect(openSource({ path })).rejects.toMatchObject({ code: 'unsupported_format' });
  });
});
