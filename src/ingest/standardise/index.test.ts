import { describe, expect, it } from 'vitest';
import { FIELD_TYPES, type FieldType } from '../contract.js';
import { makeCreditCode, makeResidentId } from '../../platform/ids/index.js';
import type { RejectReason, StdResult, StdValue } from './index.js';
import { standardiserFor } from './test-context.js';

const ENUM_VALUES = ['男', '女', 'Active'];
const forType = (type: FieldType) => standardiserFor(type, type === 'enum' ? ENUM_VALUES : undefined);

/** Inputs for every type: each listed format and some dirt around it. */
const SAMPLES: Record<FieldType, string[]> = {
  text: ['hello', ' 备注：第一行\n第二行 ', 'ＡＢ１２', "'; DROP TABLE t;--", '=cmd|x'],
  person_name: ['张 三', '張偉', '阿依古丽・买买提', 'John  Smith', '於乾', ' 王\u200B伟 '],
  address: ['浙江省杭州市臨安區  於潛鎮 1號', '天目山镇（一都村）１２号'],
  resident_id: [makeResidentId('330112', '19900101', '123'), '330112900101123', makeResidentId('330112', '20300101', '123'), '330112199001011230'],
  credit_code: [makeCreditCode('91', '330112', 'MA2B3C4D'), ' 91330112ma2b3c4d1n ', '91330112MA2B3C4D10'],
  phone: ['13812345678', '+86 138 1234 5678', '(0571)63712345'],
  date: ['2023/5/1', '2023年05月01号', '20230501', '45047', '1985.03', '2030-01-01', '2023-04-30T16:30:00Z'],
  datetime: ['2023/5/1 8:30', '2023年5月1日 8时30分15秒', '2023-05-01', '45047.5', '2023-05-01T08:30:00+08:00'],
  integer: ['1,234', '１２３４', '12.0', '-3', '1e3'],
  number: ['-1,234.5', '.5', '1.5e3', '−2', '0.1'],
  count: ['3人', '0', '12'],
  money: ['1,230.00', '¥1230', '0.123万元', '1.2亿元', '壹仟贰佰叁拾肆元伍角陆分', '1.005', '0.1'],
  area_mu: ['3.5亩', '2000㎡', '1公顷', '3.123456', '0.0015'],
  enum: [' 男 ', 'ACTIVE'],
  village_code: ['一都村', '临安区天目山镇一都村委会', '锦天社区', '330112116217'],
  geo_point: ['POINT(119.45 30.30)', '30.30,119.45', '[119.4512345678, 30.3]'],
};

/** How a standardised value is written back into a file. */
function asText(v: StdValue): string {
  return Array.isArray(v) ? `${v[0]},${v[1]}` : String(v);
}

describe('compileStandardiser', () => {
  it.each(FIELD_TYPES)('gives null for an empty or blank %s', (type) => {
    const std = forType(type);
    for (const blank of ['', '   ', '\u3000', '\u200B', '\uFEFF\u00A0\t']) expect(std(blank)).toEqual({ ok: true, value: null });
  });

  it('treats null and undefined from a non-CSV source as empty', () => {
    const std = forType('text');
    expect(std(null as unknown as string)).toEqual({ ok: true, value: null });
    expect(std(undefined as unknown as string)).toEqual({ ok: true, value: null });
  });

  it('refuses an enum field without values', () => {
    expect(() => standardiserFor('enum', [])).toThrow(/no values/);
  });

  it('can reach every reject reason', () => {
    const cases: Array<[FieldType, string, RejectReason]> = [
      ['date', '2023-02-30', 'unparseable_date'],
      ['datetime', '2023-05-01 25:00', 'unparseable_datetime'],
      ['number', '12%', 'unparseable_number'],
      ['integer', '12.5', 'unparseable_integer'],
      ['money', '一二三', 'unparseable_money'],
      ['area_mu', '3英亩', 'unparseable_area'],
      ['resident_id', '12345', 'unparseable_resident_id'],
      ['credit_code', 'ABC', 'unparseable_credit_code'],
      ['phone', '12345', 'unparseable_phone'],
      ['enum', '未知', 'unknown_enum'],
      ['geo_point', '0,0', 'unparseable_geo_point'],
      ['village_code', '330112116', 'unknown_village_code'],
      ['text', 'x'.repeat(10_001), 'value_too_long'],
    ];
    for (const [type, raw, reason] of cases) {
      const r = forType(type)(raw);
      expect(r, `${type} ${raw.slice(0, 20)}`).toMatchObject({ ok: false, reason });
      if (!r.ok) expect(r.detail.length).toBeGreaterThan(0);
    }
  });

  it.each(FIELD_TYPES)('is idempotent for %s: standardising the standard form changes nothing', (type) => {
    const std = forType(type);
    for (const raw of SAMPLES[type]) {
      const once = std(raw);
      expect(once.ok, `${type} ${raw}`).toBe(true);
      if (!once.ok || once.value === null) continue;
      expect(std(asText(once.value)), `${type} ${raw}`).toMatchObject({ ok: true, value: once.value });
    }
  });

  it.each(FIELD_TYPES)('never throws on mutated inputs for %s, and what it accepts is idempotent', (type) => {
    const std = forType(type);
    const next = rng(FIELD_TYPES.indexOf(type) + 1);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)];
    const junk = [...'0123456789０１２３４５６７８９ .,-/:年月日号时分秒元万亿亩㎡·・Xx张張臨区一都村太平镇()[]%¥\u200B\u00A0\u3000\t\n'];
    let accepted = 0;
    for (let i = 0; i < 2000; i++) {
      // Near-misses of real values find more edge cases than uniform noise, which is almost all rejected.
      let raw = pick(SAMPLES[type]);
      for (let edits = Math.floor(next() * 4); edits > 0; edits--) {
        const at = Math.floor(next() * (raw.length + 1));
        const r = next();
        if (r < 0.4) raw = raw.slice(0, at) + pick(junk) + raw.slice(at);
        else if (r < 0.7) raw = raw.slice(0, at) + raw.slice(at + 1);
        else raw = raw.slice(0, at) + raw.slice(at + 1, at + 2) + raw.slice(at, at + 1) + raw.slice(at + 2);
      }
      let once: StdResult;
      try {
        once = std(raw);
      } catch (e) {
        throw new Error(`${type} threw on ${JSON.stringify(raw)}: ${String(e)}`);
      }
      if (!once.ok) {
        expect(once.detail, JSON.stringify(raw)).toBeTypeOf('string');
        continue;
      }
      if (once.value === null) continue;
      accepted++;
      const twice = std(asText(once.value));
      expect(twice, `${type} ${JSON.stringify(raw)}`).toMatchObject({ ok: true, value: once.value });
    }
    expect(accepted).toBeGreaterThan(100);
  });
});

/** A small seeded generator (mulberry32), so a failure is reproducible. */
function rng(seed: number): () => number {
  let a = seed * 0x9e3779b9;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
