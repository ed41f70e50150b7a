import { describe, expect, it } from 'vitest';
import { linanDivisions } from '../../platform/regions/divisions.js';
import { standardiserFor, villages } from './test-context.js';

const std = standardiserFor('village_code');

describe('VillageResolver, on the real Lin’an divisions', () => {
  it.each(['330112116217', '一都村', '一都村委会', '一都村民委员会', '一都', '天目山镇一都村', '天目山一都村', '临安区天目山镇一都村委会', '浙江省杭州市临安区天目山镇一都村委会', '临安市天目山镇 一都村'])(
    'resolves %s to 330112116217', (raw) => {
      expect(villages.resolve(raw)).toEqual({ code: '330112116217' });
    },
  );

  it('resolves communities by name', () => {
    expect(villages.resolve('锦天社区')).toEqual({ code: '330112002003' });
    expect(villages.resolve('玲珑街道锦天社区')).toEqual({ code: '330112002003' });
    expect(villages.resolve('锦天社区居委会')).toEqual({ code: '330112002003' });
  });

  it('resolves names whose core already ends in 村 (朱村村委会)', () => {
    expect(villages.resolve('朱村')).toEqual({ code: '330112008208' });
    expect(villages.resolve('朱村村委会')).toEqual({ code: '330112008208' });
  });

  it('resolves every village and community of the district by its official name and by its code', () => {
    for (const town of linanDivisions().towns) {
      for (const v of town.villages) {
        expect(villages.resolve(v.code)).toEqual({ code: v.code });
        expect(villages.resolve(town.name + v.name)).toEqual({ code: v.code });
        expect(villages.resolve(v.name)).toEqual({ code: v.code });
      }
    }
  });

  it('leaves the bare name 太平 unresolved: 青山湖街道 has 太平社区 and 龙岗镇 太平村委会', () => {
    expect(villages.resolve('太平')).toBeNull();
    expect(villages.lookup('太平')).toEqual({
      kind: 'ambiguous',
      candidates: [
        { code: '330112008010', name: '青山湖街道太平社区' },
        { code: '330112117216', name: '龙岗镇太平村委会' },
      ],
    });
    expect(villages.resolve('太平村')).toEqual({ code: '330112117216' });
    expect(villages.resolve('太平社区')).toEqual({ code: '330112008010' });
    expect(villages.resolve('龙岗镇太平')).toEqual({ code: '330112117216' });
  });

  it('does not resolve a town code, an unknown code or an unknown name', () => {
    expect(villages.resolve('330112116')).toBeNull();
    expect(villages.resolve('330112116999')).toBeNull();
    expect(villages.resolve('不存在村')).toBeNull();
  });

  it('says so when the town and the village disagree', () => {
    expect(villages.lookup('於潜镇朱村')).toEqual({
      kind: 'not_found', detail: '於潜镇 has no 朱村; there is 青山湖街道朱村村委会',
    });
  });
});

describe('village_code standardiser', () => {
  it('gives the 12-digit code', () => {
    expect(std('天目山镇一都村')).toEqual({ ok: true, value: '330112116217' });
    expect(std('３３０１１２１１６２１７')).toEqual({ ok: true, value: '330112116217' });
  });

  it('rejects an ambiguous name and names the candidates', () => {
    const r = std('太平');
    expect(r).toMatchObject({ ok: false, reason: 'unknown_village_code' });
    if (!r.ok) expect(r.detail).toContain('青山湖街道太平社区 (330112008010), 龙岗镇太平村委会 (330112117216)');
  });

  it('rejects a town code and unknown values', () => {
    expect(std('330112116')).toMatchObject({ ok: false, reason: 'unknown_village_code', detail: expect.stringContaining('town code') });
    expect(std('330112116999')).toMatchObject({ ok: false, reason: 'unknown_village_code' });
    expect(std('火星村')).toMatchObject({ ok: false, reason: 'unknown_village_code' });
  });
});
