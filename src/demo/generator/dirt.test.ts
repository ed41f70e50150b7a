/**
 * Checks the planted dirt against truth/source-records.csv: every labelled mutation is really in
 * the file, every unlabelled value equals the truth, and the rates match dirt.ts.
 */
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import * as OpenCC from 'opencc-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compactIdentifier, parseResidentId, stripInvisible, toHalfWidth } from '../../platform/ids/index.js';
import { DIRT } from './dirt.js';
import { loadDivisions, loadFixture } from './fixtures.js';
import { toId15 } from './mutations.js';
import { byKey, generateInTemp, readCsv, readSources, type Generated, type SourceRecord } from './test-helpers.js';

type Row = Record<string, string>;

/** Within four standard deviations of the binomial rate, plus a little slack for small counts. */
function expectRate(label: string, hits: number, n: number, p: number): void {
  const tolerance = 4 * Math.sqrt((p * (1 - p)) / n) + 2 / n;
  expect(Math.abs(hits / n - p), `${label}: ${hits}/${n} vs ${p}`).toBeLessThanOrEqual(tolerance);
}

const homophonePairs = new Set<string>();
for (const g of [...loadFixture<{ given: string[]; surname: string[] }>('homophones.json').given, ...loadFixture<{ surname: string[] }>('homophones.json').surname]) {
  for (const a of g) for (const b of g) if (a !== b) homophonePairs.add(a + b);
}
function isHomophoneSlip(typed: string, real: string): boolean {
  const a = [...typed];
  const b = [...real];
  const diff = a.map((c, k) => (c === b[k] ? -1 : k)).filter((k) => k >= 0);
  return a.length === b.length && diff.length === 1 && homophonePairs.has(b[diff[0]] + a[diff[0]]);
}

describe('demo generator dirt', () => {
  let g: Generated;
  let people: Map<string, Row>;
  beforeAll(async () => {
    g = await generateInTemp(0.01, 41);
    people = byKey(readCsv(g.dir, 'truth/persons.csv'), 'person_id');
  });
  afterAll(() => g.cleanup());

  function joined(dataset: string, rows: Row[]): Array<{ row: Row; src: SourceRecord; truth: Row }> {
    const sources = readSources(g.dir, dataset);
    expect(sources.length).toBe(rows.length);
    return rows.map((row, k) => {
      expect(sources[k].line).toBe(k + 1);
      return { row, src: sources[k], truth: people.get(sources[k].person_id)! };
    });
  }
  const count = (all: Array<{ src: SourceRecord }>, ...labels: string[]) => all.filter((r) => labels.some((l) => r.src.dirt.includes(l))).length;

  it('household registry: traditional names and full-width phones, nothing else', () => {
    const rows = joined('gongan.household_registry', readCsv(g.dir, 'departments/gongan.household_registry.csv', 'gbk'));
    const toSimplified = OpenCC.Converter({ from: 'tw', to: 'cn' });
    for (const { row, src, truth } of rows) {
      expect(row['身份证号']).toBe(truth.id_number);
      if (src.dirt.includes('name_traditional')) {
        expect(row['姓名']).not.toBe(truth.name);
        expect(toSimplified(row['姓名'])).toBe(truth.name);
      } else expect(row['姓名']).toBe(truth.name);
      if (src.dirt.includes('phone_fullwidth')) {
        expect(row['联系电话']).not.toBe(truth.phone);
        expect(toHalfWidth(row['联系电话'])).toBe(truth.phone);
      } else expect(row['联系电话']).toBe(truth.phone);
      expect(truth.death_date).toBe('');
    }
    expectRate('name_traditional', count(rows, 'name_traditional'), rows.length, DIRT.householdRegistry.nameTraditional);
    expectRate('phone_fullwidth', count(rows, 'phone_fullwidth'), rows.length, DIRT.householdRegistry.phoneFullWidth);
  });

  it('social insurance: every labelled mutation is in the row, every other value is the truth', () => {
    const rows = joined('renshe.social_insurance', readCsv(g.dir, 'departments/renshe.social_insurance.csv', 'gb18030'));
    let previous: Row | undefined;
    for (const { row, src, truth } of rows) {
      const has = (l: string) => src.dirt.includes(l);
      const name = stripInvisible(row['姓名']).replace(/ /g, '');
      if (has('name_typo')) expect(isHomophoneSlip(name, truth.name), `${name} ${truth.name}`).toBe(true);
      else expect(name).toBe(truth.name);
      expect(row['姓名'] !== name).toBe(has('name_space') || has('name_zero_width'));
      const rawId = row['公民身份号码'];
      const id = compactIdentifier(rawId);
      expect(rawId !== id).toBe(has('id_fullwidth') || has('id_space') || has('id_zero_width'));
      if (has('id_missing')) expect(rawId).toBe('');
      else if (has('id15')) expect(id).toBe(toId15(truth.id_number));
      else if (has('id_digit')) {
        expect([...id].filter((c, k) => c !== truth.id_number[k]).length).toBe(1);
        expect(parseResidentId(id)).toMatchObject({ ok: false, reason: 'check_digit' });
      } else expect(id).toBe(truth.id_number);
      const phone = row['手机号'];
      if (has('phone_missing')) expect(phone === '' && truth.phone !== '').toBe(true);
      else if (has('phone_fullwidth')) expect(phone !== truth.phone && toHalfWidth(phone) === truth.phone).toBe(true);
      else expect(phone).toBe(truth.phone);
      const [y, m] = truth.birth_date.split('-');
      const birth = row['出生年月'];
      if (has('birth_serial')) expect(birth).toBe(String(Date.UTC(+y, +m - 1, 1) / 86_400_000 + 25_569));
      else if (has('birth_chinese')) expect(birth).toBe(`${y}年${Number(m)}月`);
      else expect(birth).toBe(`${y}.${m}`);
      if (has('duplicate')) expect(row).toEqual(previous);
      previous = row;
    }
    const rates = DIRT.socialInsurance;
    const originals = rows.filter((r) => !r.src.dirt.includes('duplicate'));
    const n = originals.length;
    const old = originals.filter((r) => r.truth.birth_date < '2000-01-01').length;
    const withPhone = originals.filter((r) => r.truth.phone !== '').length;
    expectRate('name_typo', count(originals, 'name_typo'), n, rates.nameTypo);
    expectRate('id15', count(originals, 'id15'), old, rates.id15);
    expectRate('id_digit', count(originals, 'id_digit'), n, rates.idDigit);
    expectRate('id_missing', count(originals, 'id_missing'), n, rates.idMissing);
    expectRate('fullwidth', count(originals, 'id_fullwidth', 'phone_fullwidth'), n, rates.fullWidth);
    expectRate('stray space', count(originals, 'id_space', 'name_space'), n, rates.straySpace);
    expectRate('zero width', count(originals, 'id_zero_width', 'name_zero_width'), n, rates.zeroWidth);
    expectRate('phone_missing', count(originals, 'phone_missing'), withPhone, rates.phoneMissing);
    expectRate('birth_chinese', count(originals, 'birth_chinese'), n, rates.birthChinese);
    expectRate('birth_serial', count(originals, 'birth_serial'), n, rates.birthSerial);
    expectRate('duplicate', rows.length - n, n, rates.duplicate);
  });

  it('health records: 15-digit IDs and name slips as labelled', () => {
    const rows = joined('weijian.health_records', readCsv(g.dir, 'departments/weijian.health_records.csv'));
    for (const { row, src, truth } of rows) {
      if (src.dirt.includes('id15')) expect(row['身份证号']).toBe(toId15(truth.id_number));
      else expect(row['身份证号']).toBe(truth.id_number);
      if (src.dirt.includes('name_typo')) expect(isHomophoneSlip(row['姓名'], truth.name)).toBe(true);
      else expect(row['姓名']).toBe(truth.name);
      expect(row['出生日期']).toBe(truth.birth_date);
      expect(row['慢病标签'].includes('高血压')).toBe(truth.hypertension === '1');
    }
    const old = rows.filter((r) => r.truth.birth_date < '2000-01-01').length;
    expectRate('id15', count(rows, 'id15'), old, DIRT.healthRecords.id15);
    expectRate('name_typo', count(rows, 'name_typo'), rows.length, DIRT.healthRecords.nameTypo);
    expect(rows.length / people.size).toBeGreaterThan(0.78);
  });

  it('低保: amounts and village names as labelled', () => {
    const households = byKey(readCsv(g.dir, 'truth/households.csv'), 'household_id');
    const villages = new Map<string, string>();
    for (const t of loadDivisions().towns) for (const v of t.villages) villages.set(v.code, v.name);
    const rows = joined('minzheng.dibao_members', readCsv(g.dir, 'departments/minzheng.dibao_members.csv'));
    expect(rows.length).toBeGreaterThan(0);
    for (const { row, src, truth } of rows) {
      const amount = Number(households.get(truth.household_id)!.dibao_monthly_per_person);
      const money = row['月补助金额'];
      if (src.dirt.includes('amount_wan')) expect(Math.round(parseFloat(money) * 10_000)).toBe(amount);
      else if (src.dirt.includes('amount_comma')) expect(Number(money.replace(/,/g, ''))).toBe(amount);
      else expect(money).toBe(String(amount));
      const official = villages.get(truth.village_code)!;
      if (src.dirt.some((d) => d.startsWith('village_'))) {
        expect(row['村社区']).not.toBe(official);
        expect(official.startsWith(row['村社区'].replace(/村$/, ''))).toBe(true);
      } else expect(row['村社区']).toBe(official);
    }
  });

  it('enterprise register: 成立日期 in the labelled format', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(join(g.dir, 'departments/shichang.enterprises.xlsx'));
    const truth = readCsv(g.dir, 'truth/enterprises.csv');
    const sources = readSources(g.dir, 'shichang.enterprises');
    const formats: Record<string, RegExp> = { date_slash: /^\d{4}\/\d{1,2}\/\d{1,2}$/, date_chinese: /^\d{4}年\d{1,2}月\d{1,2}日$/, date_compact: /^\d{8}$/ };
    const seen: Record<string, number> = {};
    wb.worksheets[0].eachRow((r, n) => {
      if (n === 1) return;
      const src = sources[n - 2];
      const e = truth[n - 2];
      expect(src.enterprise_id).toBe(e.enterprise_id);
      expect(r.getCell(2).value).toBe(e.credit_code);
      const date = String(r.getCell(6).value);
      const label = src.dirt[0] ?? 'iso';
      seen[label] = (seen[label] ?? 0) + 1;
      if (label === 'iso') expect(date).toBe(e.established_date);
      else expect(date).toMatch(formats[label]);
      expect(date.replace(/\D+/g, '-').split('-').filter(Boolean).map(Number)).toEqual(
        label === 'date_compact' ? [Number(e.established_date.replace(/-/g, ''))] : e.established_date.split('-').map(Number),
      );
    });
    const n = sources.length;
    expectRate('date_slash', seen.date_slash ?? 0, n, DIRT.enterprises.dateSlash);
    expectRate('date_chinese', seen.date_chinese ?? 0, n, DIRT.enterprises.dateChinese);
    expectRate('date_compact', seen.date_compact ?? 0, n, DIRT.enterprises.dateCompact);
  });
});
