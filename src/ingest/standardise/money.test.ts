import { describe, expect, it } from 'vitest';
import { standardiserFor } from './test-context.js';

const money = standardiserFor('money');

describe('money', () => {
  it.each([['1,230.00', 1230], ['¥1230', 1230], ['￥ 1,230', 1230], ['1230元', 1230], ['RMB 100', 100], ['-5', -5], ['-¥5.5', -5.5], ['12.3', 12.3]])(
    'reads %s as %d yuan', (raw, value) => {
      expect(money(raw)).toEqual({ ok: true, value });
    },
  );

  it.each([['0.123万元', 1230], ['12万', 120000], ['12 万元', 120000], ['1.2亿元', 120000000], ['12千元', 12000]])(
    'converts %s to %d yuan, flagged unit_converted', (raw, value) => {
      expect(money(raw)).toEqual({ ok: true, value, flags: ['unit_converted'] });
    },
  );

  it('rounds to the fen on the digits, not in floating point, and says so', () => {
    expect(money('1.005')).toEqual({ ok: true, value: 1.01, flags: ['rounded'] });
    expect(money('1230.456')).toEqual({ ok: true, value: 1230.46, flags: ['rounded'] });
    expect(money('0.1234567万元')).toEqual({ ok: true, value: 1234.57, flags: ['unit_converted', 'rounded'] });
    expect(money('1230.4500')).toEqual({ ok: true, value: 1230.45 });
  });

  it.each([['壹万', 10000], ['壹万贰仟叁佰元整', 12300], ['壹仟贰佰叁拾肆元伍角陆分', 1234.56], ['人民币伍拾元零伍分', 50.05], ['十二万', 120000]])(
    'reads the Chinese numerals %s as %d', (raw, value) => {
      expect(money(raw)).toEqual({ ok: true, value });
    },
  );

  it.each(['12 34', '一二三', 'abc', '12%', '1.2.3元', '￥', '--5'])('rejects %s', (raw) => {
    expect(money(raw)).toMatchObject({ ok: false, reason: 'unparseable_money' });
  });
});
