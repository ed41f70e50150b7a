/**
 * The three marriage files and the registry's 婚姻状况 against the truth: each row names the
 * marriage and both parties in truth/source-records.csv, every unlabelled value is the truth's,
 * every labelled one really is dirty, and each recorded event is in exactly one file.
 */
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import * as OpenCC from 'opencc-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseResidentId } from '../../platform/ids/index.js';
import { DIRT } from './dirt.js';
import { toId15 } from './mutations.js';
import { byKey, generateInTemp, readCsv, readSources, type Generated, type SourceRecord } from './test-helpers.js';

type Row = Record<string, string>;
const toSimplified = OpenCC.Converter({ from: 'tw', to: 'cn' });
const oneCharOff = (a: string, b: string) => a.length === b.length && [...a].filter((c, k) => c !== b[k]).length === 1;
/** 1987年5月1日 and 1987.5.1 as ISO; ISO stays. */
const iso = (s: string) => s.replace(/^(\d{4})[年.](\d{1,2})[月.](\d{1,2})日?$/, (_, y, m, d) => `${y}-${m.padStart(2, '0')}-${d.padStart(2, '0')}`);

function expectRate(label: string, hits: number, n: number, p: number): void {
  const tolerance = 4 * Math.sqrt((p * (1 - p)) / n) + 2 / n;
  expect(Math.abs(hits / n - p), `${label}: ${hits}/${n} vs ${p}`).toBeLessThanOrEqual(tolerance);
}

describe('demo generator marriage files', () => {
  let g: Generated;
  let people: Map<string, Row>;
  let marriages: Map<string, Row>;
  const person = (id: string) => people.get(id)!;
  beforeAll(async () => {
    g = await generateInTemp(0.01, 83);
    people = byKey([...readCsv(g.dir, 'truth/persons.csv'), ...readCsv(g.dir, 'truth/other-persons.csv')], 'person_id');
    marriages = byKey(readCsv(g.dir, 'truth/marriages.csv'), 'marriage_id');
  });
  afterAll(() => g.cleanup());

  function joined(dataset: string, rows: Row[]): Array<{ row: Row; src: SourceRecord; m: Row; has: (l: string) => boolean }> {
    const sources = readSources(g.dir, dataset);
    expect(sources.length).toBe(rows.length);
    return rows.map((row, k) => ({ row, src: sources[k], m: marriages.get(sources[k].marriage_id)!, has: (l: string) => sources[k].dirt.includes(l) }));
  }

  /** Name and ID columns of party n against the truth, as the labels say. */
  function checkParty(row: Row, src: SourceRecord, n: 1 | 2, nameCol: string, idCol: string, birthCol?: string): void {
    const truth = person(n === 1 ? src.person_id : src.person2_id);
    const has = (l: string) => src.dirt.includes(`${l}:${n}`);
    const name = has('name_traditional') ? toSimplified(row[nameCol]) : row[nameCol];
    if (has('name_traditional')) expect(row[nameCol]).not.toBe(name);
    if (has('name_typo')) expect(oneCharOff(name, truth.name), `${name} ${truth.name}`).toBe(true);
    else expect(name).toBe(truth.name);
    const id = row[idCol];
    if (has('id_missing')) expect(id).toBe('');
    else {
      const expected = has('id15') ? toId15(truth.id_number) : truth.id_number;
      if (has('id_digit')) expect(oneCharOff(id, expected), `${id} ${expected}`).toBe(true);
      else expect(id).toBe(expected);
    }
    if (birthCol) expect(iso(row[birthCol])).toBe(truth.birth_date);
  }

  it('民政 婚姻登记: events since 2000, parties, offices and prior statuses as in the truth', () => {
    const rows = joined('minzheng.marriage_registrations', readCsv(g.dir, 'departments/minzheng.marriage_registrations.csv', 'gbk'));
    for (const { row, src, m, has } of rows) {
      expect([src.person_id, src.person2_id]).toEqual([m.husband_person_id, m.wife_person_id]);
      checkParty(row, src, 1, '男方姓名', '男方身份证号');
      checkParty(row, src, 2, '女方姓名', '女方身份证号');
      const day = row['登记日期'];
      expect(day >= '2000-01-01' || has('date_order')).toBe(true);
      if (row['业务类型'] === '结婚登记') {
        expect([day, m.marriage_in_sources, row['登记机关']]).toEqual([m.married_on, '1', m.registered_office]);
        expect([row['男方婚姻状况'], row['女方婚姻状况']]).toEqual([m.husband_prior_status, m.wife_prior_status]);
      } else if (row['业务类型'] === '离婚登记') {
        expect([m.end_kind, m.divorce_in_sources, row['登记机关']]).toEqual(['divorce_registration', '1', m.divorce_office]);
        if (has('date_order')) expect(day < m.married_on).toBe(true);
        else expect(day).toBe(m.ended_on);
      } else expect(day > m.married_on).toBe(true);
      if (!/^3301(24|85|12)/.test(row['登记机关代码'])) expect(row['登记机关']).toMatch(/^(安徽|江西|贵州|四川|河南|云南|杭州|淳安|建德|慈溪|安吉|诸暨|温岭|兰溪)/);
    }
    const n = rows.length * 2;
    expectRate('name_typo', rows.filter((r) => r.has('name_typo:1')).length + rows.filter((r) => r.has('name_typo:2')).length, n, DIRT.marriageRegistrations.nameTypo);
    expect(new Set(rows.map((r) => r.row['证字号'])).size).toBe(rows.length);
  });

  it('法院 离婚案件: judgments and mediations with both parties, effective on the day the marriage ended', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(join(g.dir, 'departments/fayuan.divorce_judgments.xlsx'));
    const sheet: Row[] = [];
    let header: string[] = [];
    wb.worksheets[0].eachRow((r, k) => {
      const cells = (r.values as unknown[]).slice(1).map((v) => (v == null ? '' : String(v)));
      if (k === 1) header = cells;
      else sheet.push(Object.fromEntries(header.map((h, i) => [h, cells[i] ?? ''])));
    });
    const rows = joined('fayuan.divorce_judgments', sheet);
    expect(rows.length).toBeGreaterThan(0);
    for (const { row, src, m, has } of rows) {
      expect([src.person_id, src.person2_id].sort()).toEqual([m.husband_person_id, m.wife_person_id].sort());
      checkParty(row, src, 1, '原告', '原告身份证号');
      checkParty(row, src, 2, '被告', '被告身份证号');
      expect([m.end_kind, row['登记结婚日期']]).toEqual(['divorce_judgment', m.married_on]);
      if (has('date_order')) expect(row['生效日期'] < row['裁判日期']).toBe(true);
      else expect([row['生效日期'], row['裁判日期'] <= row['生效日期']]).toEqual([m.ended_on, true]);
      expect(row['案号']).toMatch(/^\(\d{4}\)(浙0185民初\d+号|杭临民初字第\d+号)$/);
    }
  });

  it('档案馆 婚姻登记档案: pre-2000 records with old IDs or none, typos, traditional names and swapped dates as labelled', () => {
    const rows = joined('danganguan.marriage_archive', readCsv(g.dir, 'departments/danganguan.marriage_archive.csv'));
    for (const { row, src, m, has } of rows) {
      checkParty(row, src, 1, '男方姓名', '男方身份证号', '男方出生日期');
      checkParty(row, src, 2, '女方姓名', '女方身份证号', '女方出生日期');
      const text = row['登记日期'];
      expect(/年/.test(text)).toBe(has('date_chinese'));
      expect(/^\d{4}\.\d/.test(text)).toBe(has('date_dot'));
      let day = iso(text);
      if (has('date_swapped')) day = `${day.slice(0, 4)}-${day.slice(8, 10)}-${day.slice(5, 7)}`;
      const truth = row['类别'] === '结婚' ? m.married_on : m.ended_on;
      if (has('date_order')) expect(day < m.married_on).toBe(true);
      else expect(day).toBe(truth);
      expect(truth < '2000-01-01').toBe(true);
      if (truth < '1986-01-01') expect([has('id_missing:1'), has('id_missing:2')]).toEqual([true, true]);
      for (const col of ['男方身份证号', '女方身份证号']) if (row[col]) expect(parseResidentId(row[col]).ok || /^\d{15}$/.test(row[col])).toBe(true);
    }
    const from1986 = rows.filter((r) => !r.has('id_missing:1') || !r.has('id_missing:2'));
    expect(from1986.length).toBeGreaterThan(0);
    const parties = rows.length * 2;
    const count = (l: string) => rows.filter((r) => r.has(`${l}:1`)).length + rows.filter((r) => r.has(`${l}:2`)).length;
    const rates = DIRT.marriageArchive;
    expectRate('name_typo', count('name_typo'), parties, rates.nameTypo);
    expectRate('name_traditional', count('name_traditional'), parties, rates.nameTraditional);
    expectRate('id_digit', count('id_digit'), count('id15'), rates.idDigit);
    expectRate('date_swapped', rows.filter((r) => r.has('date_swapped')).length, rows.length, rates.dateSwapped);
    expectRate('date_chinese', rows.filter((r) => r.has('date_chinese')).length, rows.length, rates.dateChinese);
  });

  it('puts each recorded event in exactly one file, and nothing unrecorded in any', () => {
    const seen = new Map<string, number>();
    const note = (key: string) => seen.set(key, (seen.get(key) ?? 0) + 1);
    for (const { row, m } of joined('minzheng.marriage_registrations', readCsv(g.dir, 'departments/minzheng.marriage_registrations.csv', 'gbk'))) {
      if (row['业务类型'] === '结婚登记') note(`${m.marriage_id}:marriage`);
      if (row['业务类型'] === '离婚登记') note(`${m.marriage_id}:divorce`);
    }
    for (const { row, m } of joined('danganguan.marriage_archive', readCsv(g.dir, 'departments/danganguan.marriage_archive.csv'))) {
      note(`${m.marriage_id}:${row['类别'] === '结婚' ? 'marriage' : 'divorce'}`);
    }
    for (const s of readSources(g.dir, 'fayuan.divorce_judgments')) note(`${s.marriage_id}:divorce`);
    for (const m of marriages.values()) {
      expect(seen.get(`${m.marriage_id}:marriage`) ?? 0, m.marriage_id).toBe(Number(m.marriage_in_sources));
      expect(seen.get(`${m.marriage_id}:divorce`) ?? 0, m.marriage_id).toBe(m.divorce_in_sources === '1' ? 1 : 0);
    }
  });

  it('户籍 婚姻状况: the truth, except the stale rows the conflicts list', () => {
    const stale = new Set(readCsv(g.dir, 'truth/marriage-conflicts.csv').filter((c) => c.kind === 'registry_status_stale').map((c) => c.person_id));
    const rows = readCsv(g.dir, 'departments/gongan.household_registry.csv', 'gbk');
    const sources = readSources(g.dir, 'gongan.household_registry');
    let labelled = 0;
    rows.forEach((row, k) => {
      const src = sources[k];
      const isStale = src.dirt.includes('marital_stale');
      expect(stale.has(src.person_id)).toBe(isStale);
      if (isStale) {
        labelled++;
        expect(row['婚姻状况']).not.toBe(person(src.person_id).marital_status);
      } else expect(row['婚姻状况']).toBe(person(src.person_id).marital_status);
    });
    expect(labelled).toBe(stale.size);
    expect(labelled).toBeGreaterThan(0);
  });
});
