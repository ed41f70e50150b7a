import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { parse } from 'csv-parse/sync';
import { neutraliseFormula, toSafeCsv } from './csv-safe.js';

async function render(rows: Iterable<string[]> | AsyncIterable<string[]>, opts?: { bom?: boolean }): Promise<string> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  await toSafeCsv(rows, out, opts);
  return Buffer.concat(chunks).toString('utf8');
}

describe('neutraliseFormula', () => {
  it.each([
    ["=cmd|' /C calc'!A0", "'=cmd|' /C calc'!A0"],
    ['+1+1', "'+1+1"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['-2+3', "'-2+3"],
    ['\t=1', "'\t=1"],
    ['\r=1', "'\r=1"],
    ['＝1+1', "'＝1+1"],
  ])('neutralises %j', (cell, expected) => {
    expect(neutraliseFormula(cell)).toBe(expected);
  });

  it.each(['-12.5', '+86', '-0.5e3', '12', '', '张三', 'a=b', '330112199001011234'])('leaves %j as it is', (cell) => {
    expect(neutraliseFormula(cell)).toBe(cell);
  });
});

describe('toSafeCsv', () => {
  it('writes a UTF-8 BOM, CRLF rows, quoting and neutralised cells', async () => {
    const text = await render([
      ['姓名', '备注', '金额'],
      ['张三', "=cmd|' /C calc'!A0", '-12.5'],
      ['李四', 'a, "b"\nc', '@SUM(A1)'],
    ]);
    expect(text.startsWith('\uFEFF')).toBe(true);
    expect(text).toBe('\uFEFF姓名,备注,金额\r\n' + "张三,'=cmd|' /C calc'!A0,-12.5\r\n" + '李四,"a, ""b""\nc",\'@SUM(A1)\r\n');
    expect(parse(text.slice(1), { record_delimiter: '\r\n' })).toEqual([
      ['姓名', '备注', '金额'],
      ['张三', "'=cmd|' /C calc'!A0", '-12.5'],
      ['李四', 'a, "b"\nc', "'@SUM(A1)"],
    ]);
  });

  it('takes async rows and can leave out the BOM', async () => {
    async function* rows() {
      yield ['a', '+1+1'];
      yield ['b', '-2+3'];
    }
    expect(await render(rows(), { bom: false })).toBe("a,'+1+1\r\nb,'-2+3\r\n");
  });
});
