import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateInTemp, type Generated } from './test-helpers.js';

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

describe('demo generator file formats', () => {
  let g: Generated;
  beforeAll(async () => {
    g = await generateInTemp(0.005, 31);
  });
  afterAll(() => g.cleanup());
  const file = (dataset: string) => g.manifest.files.find((f) => f.dataset === dataset)!;
  const bytes = (dataset: string) => readFileSync(join(g.dir, file(dataset).file));

  it('writes the GBK files so that they decode as GBK and not as UTF-8', () => {
    for (const [dataset, header, codec] of [
      ['gongan.household_registry', '姓名,身份证号,性别', 'gbk'],
      ['renshe.social_insurance', '姓名,公民身份号码,出生年月', 'gb18030'],
      ['minzheng.marriage_registrations', '业务类型,证字号,登记日期', 'gbk'],
    ] as const) {
      expect(file(dataset).encoding).toBe('gbk');
      const buf = bytes(dataset);
      expect(() => strictUtf8.decode(buf), dataset).toThrow();
      const text = iconv.decode(buf, codec);
      expect(text.startsWith(header)).toBe(true);
      expect(text.split('\r\n').filter(Boolean).length - 1).toBe(file(dataset).rows);
    }
  });

  it('writes UTF-8 files, the 低保 one with a byte-order mark', () => {
    const dibao = bytes('minzheng.dibao_members');
    expect([...dibao.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    // TextDecoder drops the BOM by default.
    expect(strictUtf8.decode(dibao).startsWith('姓名,身份证号')).toBe(true);
    expect(strictUtf8.decode(bytes('weijian.health_records')).startsWith('档案编号,姓名')).toBe(true);
    expect(strictUtf8.decode(bytes('shichang.shareholders')).startsWith('统一社会信用代码')).toBe(true);
    expect(strictUtf8.decode(bytes('danganguan.marriage_archive')).startsWith('档号,类别,登记日期')).toBe(true);
  });

  it('writes the court cases as an xlsx with every date as text', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(join(g.dir, file('fayuan.divorce_judgments').file));
    const ws = wb.worksheets[0];
    expect(ws.getRow(1).values).toEqual([undefined, '案号', '案由', '原告', '原告身份证号', '被告', '被告身份证号', '登记结婚日期', '结案方式', '裁判日期', '生效日期', '审理法院']);
    expect(ws.actualRowCount - 1).toBe(file('fayuan.divorce_judgments').rows);
    expect(ws.getRow(2).getCell(10).value).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it('writes the enterprise register as an xlsx that exceljs opens', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(join(g.dir, file('shichang.enterprises').file));
    const ws = wb.worksheets[0];
    expect(ws.getRow(1).values).toEqual([undefined, '企业名称', '统一社会信用代码', '法定代表人', '法定代表人身份证号', '注册资本(万元)', '成立日期', '经营状态', '住所', '村社区代码']);
    expect(ws.actualRowCount - 1).toBe(file('shichang.enterprises').rows);
    expect(typeof ws.getRow(2).getCell(5).value).toBe('number');
  });
});
