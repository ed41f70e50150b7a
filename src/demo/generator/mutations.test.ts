import { pinyin } from 'pinyin-pro';
import { describe, expect, it } from 'vitest';
import { parseResidentId, makeResidentId } from '../../platform/ids/index.js';
import { Planter } from './dirt.js';
import { loadFixture } from './fixtures.js';
import { dayOf } from './dates.js';
import { Homophones, makeTraditionalizer, mistypedYear, straySpace, toFullWidth, toId15, wrongDigit, wrongDigit15, zeroWidth } from './mutations.js';
import { Rng, rngFor } from './rng.js';

const readings = (c: string) => new Set(pinyin(c, { toneType: 'none', multiple: true, type: 'array' }));

describe('demo generator mutations', () => {
  it('has homophone groups whose characters really share a reading', () => {
    const file = loadFixture<{ given: string[]; surname: string[] }>('homophones.json');
    for (const group of [...file.given, ...file.surname]) {
      const [first, ...rest] = [...group];
      const base = readings(first);
      for (const c of rest) expect([...readings(c)].some((r) => base.has(r)), `${c} in ${group}`).toBe(true);
    }
  });

  it('swaps exactly one character of a name for a homophone', () => {
    const h = new Homophones();
    const rng = new Rng(1);
    for (const name of ['王伟', '李丽娜', '陈建国', '张秀英']) {
      const t = h.typo(rng, name)!;
      expect([...t].filter((c, k) => c !== [...name][k])).toHaveLength(1);
    }
    expect(h.typo(rng, '马水')).toBeUndefined();
  });

  it('turns an 18-digit ID into its 15-digit form, which converts back', () => {
    const id = makeResidentId('330124', '19650412', '233');
    expect(toId15(id)).toBe('330124650412233');
    expect(parseResidentId(toId15(id))).toMatchObject({ ok: true, id, converted15: true });
  });

  it('changes one ID digit so that only the check digit fails', () => {
    const rng = rngFor(3, 'test');
    const id = makeResidentId('330185', '19991231', '101');
    for (let k = 0; k < 300; k++) {
      const bad = wrongDigit(rng, id);
      expect([...bad].filter((c, i) => c !== id[i])).toHaveLength(1);
      expect(parseResidentId(bad)).toMatchObject({ ok: false, reason: 'check_digit' });
    }
  });

  it('makes text dirty in ways the platform clean-up undoes', () => {
    const rng = new Rng(5);
    expect(toFullWidth('13812345678')).toBe('１３８１２３４５６７８');
    for (let k = 0; k < 50; k++) {
      expect(straySpace(rng, '王伟').replace(/ /g, '')).toBe('王伟');
      const z = zeroWidth(rng, '330112');
      expect(z).toContain('\u200B');
      expect(z.replace('\u200B', '')).toBe('330112');
    }
    const trad = makeTraditionalizer();
    expect(trad('张丽华')).toBe('張麗華');
    expect(trad('李娜')).toBeUndefined();
  });

  it('plants at the requested rate even when some rows cannot take the mutation', () => {
    const rng = new Rng(9);
    const planter = new Planter(() => rng.next(), 0.05);
    let planted = 0;
    for (let k = 0; k < 40_000; k++) {
      if (!planter.draw()) continue;
      if (k % 3 === 0) planter.defer();
      else planted++;
    }
    expect(planted / 40_000).toBeGreaterThan(0.045);
    expect(planted / 40_000).toBeLessThan(0.055);
  });

  it('draws the same numbers for the same seed and label, different ones otherwise', () => {
    const a = rngFor(1, 'x');
    const b = rngFor(1, 'x');
    const c = rngFor(1, 'y');
    const seq = (r: Rng) => Array.from({ length: 5 }, () => r.u32());
    const sa = seq(a);
    expect(seq(b)).toEqual(sa);
    expect(seq(c)).not.toEqual(sa);
  });

  it('changes one digit of a 15-digit ID and keeps its birth date a real day', () => {
    const rng = rngFor(5, 'id15');
    const id15 = toId15(makeResidentId('330124', '19620228', '042'));
    for (let k = 0; k < 500; k++) {
      const out = wrongDigit15(rng, id15);
      expect([...out].filter((c, i) => c !== id15[i])).toHaveLength(1);
      expect(out.slice(0, 2)).toBe('33');
      expect(parseResidentId(out).ok, out).toBe(true);
    }
  });

  it('dates a mistyped divorce before the marriage it ends', () => {
    const married = dayOf(2004, 3, 1);
    for (const divorce of [dayOf(2010, 12, 31), dayOf(2004, 9, 30), dayOf(2005, 2, 1)]) expect(mistypedYear(divorce, married)).toBeLessThan(married);
  });
});
