import { describe, expect, it } from 'vitest';
import { parseChineseAmount, parseChineseInteger } from './chinese-numerals.js';

describe('parseChineseInteger', () => {
  it.each([['十', 10], ['十二', 12], ['一百零五', 105], ['一万二千三百零五', 12305], ['一亿二千万', 120000000], ['叁拾万', 300000], ['两千', 2000]])(
    'reads %s as %d', (s, n) => {
      expect(parseChineseInteger(s)).toBe(n);
    },
  );

  it.each(['一二三', '百千', '一十十', '万', '一零'])('refuses the malformed %s', (s) => {
    expect(parseChineseInteger(s)).toBeUndefined();
  });
});

describe('parseChineseAmount', () => {
  it('returns fen', () => {
    expect(parseChineseAmount('壹仟贰佰叁拾肆元伍角陆分')).toBe(123456);
    expect(parseChineseAmount('伍角')).toBeUndefined();
  });
});
