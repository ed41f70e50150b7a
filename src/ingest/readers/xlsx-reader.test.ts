import { readFileSync } from 'node:fs';
import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSource } from './index.js';
import { readAll, tempDir } from './test-support.js';
import { workbook } from './xlsx-fixture.js';

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
      { kind: 'row', line: 6, cells: ['王五', '', '', '-12.5', '#N/A', '', '', ''] },
    ]);
    expect(errors).toEqual([expect.objectContaining({ line: 7, reason: 'column_count', raw: '赵六\t\t\t1\t2\t3\t4\t5\textra' })]);
  });

  it('keeps Chinese text intact across inflate chunk boundaries on a large sheet', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('s');
    ws.addRow(['姓名', '地址']);
    const expected: string[][] = [];
    for (let i = 0; i < 20_000; i++) {
      expected.push([`张三丰${i}`, `浙江省杭州市临安区锦城街道${i}号 <&> "引号"`]);
      ws.addRow(expected[i]);
    }
    const path = dir.path('big.xlsx');
    await wb.xlsx.writeFile(path);
    const { rows, errors } = await readAll(path);
    expect(errors).toEqual([]);
    expect(rows.map((r) => r.cells)).toEqual(expected);
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
    await expect(readAll(dir.write('renamed.xlsx', 'a,b\n1,2\n'))).rejects.toMatchObject({ code: 'truncated_file' });
  });

  it('reads raw SpreadsheetML: shared, rich, phonetic and inline strings, escapes, formula types, built-in zh-CN dates', async () => {
    const shared = ['<t>姓名</t>', '<t>值</t>', '<t>类</t>', '<r><t>富</t></r><r><rPr><b/></rPr><t xml:space="preserve">文本 </t></r><rPh sb="0" eb="1"><t>fu</t></rPh>', '<t>A&amp;B_x000D_&#10;C</t>'];
    const sheetData = [
      '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c></row>',
      '<row r="2"><c r="A2" t="s"><v>3</v></c><c r="B2" s="1"><v>45352</v></c><c r="C2"><v>0.30000000000000004</v></c></row>',
      '<row r="3"><c r="A3" t="s"><v>4</v></c><c r="B3" s="2"><f>NOW()</f><v>45352.5</v></c><c r="C3" t="b"><f>1&gt;0</f><v>1</v></c></row>',
      '<row r="4"><c r="A4" t="inlineStr"><is><t>行内 &lt;x&gt;</t></is></c><c r="B4" s="3"><v>0.75</v></c><c r="C4" t="e"><f>1/0</f><v>#DIV/0!</v></c></row>',
      '<row r="5"><c t="str"><f>"a"&amp;"b"</f><v>ab</v></c><c s="1"/><c><v>3.30112199001011E+17</v></c></row>',
      '<x:row r="6"><x:c r="A6"><x:v>7</x:v></x:c></x:row>',
    ].join('');
    const path = dir.write('raw.xlsx', workbook({
      sharedStrings: shared,
      numFmts: '<numFmts count="1"><numFmt numFmtId="164" formatCode="yyyy/m/d\\ h:mm;@"/></numFmts>',
      cellXfs: '<xf numFmtId="0"/><xf numFmtId="31"/><xf numFmtId="164"/><xf numFmtId="21"/>',
      sheetData,
    }));
    const { header, rows, errors } = await readAll(path);
    expect(header.columns).toEqual(['姓名', '值', '类']);
    expect(errors).toEqual([]);
    expect(rows.map((r) => r.cells)).toEqual([
      ['富文本 ', '2024-03-01', '0.3'],
      ['A&B\r\nC', '2024-03-01T12:00:00', 'TRUE'],
      ['行内 <x>', '18:00:00', '#DIV/0!'],
      ['ab', '', '330112199001011000'],
      ['7', '', ''],
    ]);
  });

  it('applies the 1904 date system', async () => {
    const path = dir.write('1904.xlsx', workbook({ date1904: true, cellXfs: '<xf numFmtId="0"/><xf numFmtId="14"/>', sheetData: '<row r="1"><c r="A1" t="inlineStr"><is><t>d</t></is></c></row><row r="2"><c r="A2" s="1"><v>0</v></c></row>' }));
    const { rows } = await readAll(path);
    expect(rows[0].cells).toEqual(['1904-01-01']);
  });

  it('rejects an old binary .xls as unsupported_format', async () => {
    const path = dir.write('old.xls', Buffer.concat([Buffer.from('d0cf11e0a1b11ae1', 'hex'), Buffer.alloc(512)]));
    await expect(openSource({ path })).rejects.toMatchObject({ code: 'unsupported_format' });
  });
});
