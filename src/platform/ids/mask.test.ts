import { describe, expect, it } from 'vitest';
import { maskAddress, maskCreditCode, maskName, maskPhone, maskResidentId } from './mask.js';

describe('masks', () => {
  it('returns an empty string for null, undefined and empty input', () => {
    for (const mask of [maskResidentId, maskPhone, maskCreditCode, maskName, maskAddress]) {
      expect(mask(null)).toBe('');
      expect(mask(undefined)).toBe('');
      expect(mask('')).toBe('');
    }
  });

  it('shows the first 6 and last 4 characters of a resident ID', () => {
    expect(maskResidentId('330112199001011234')).toBe('330112********1234');
    expect(maskResidentId('11010519491231002X')).toBe('110105********002X');
    expect(maskResidentId('110105491231002')).toBe('110105*****1002');
    expect(maskResidentId('1234')).toBe('****');
  });

  it('masks the middle of a mobile and all but the area code and last 2 of a landline', () => {
    expect(maskPhone('13812345678')).toBe('138****5678');
    expect(maskPhone('+86 138 1234 5678')).toBe('138****5678');
    expect(maskPhone('0571-63712345')).toBe('0571-******45');
    expect(maskPhone('010 6234567')).toBe('010-*****67');
  });

  it('still masks a phone value that does not parse', () => {
    expect(maskPhone('6371-2345 转 8')).toBe('*********** 8');
    expect(maskPhone('63712345')).toBe('******45');
  });

  it('shows the first 8 and last 2 characters of a credit code', () => {
    expect(maskCreditCode('91350100M000100Y43')).toBe('91350100********43');
  });

  it('keeps the surname of a Chinese name, both characters of a compound surname', () => {
    expect(maskName('张三丰')).toBe('张**');
    expect(maskName('张三')).toBe('张*');
    expect(maskName('欧阳娜娜')).toBe('欧阳**');
    expect(maskName('司马光')).toBe('司马*');
    expect(maskName('东方')).toBe('东*');
    expect(maskName('张')).toBe('*');
  });

  it('keeps the first letter of Latin names and the separators of transliterated names', () => {
    expect(maskName('John Smith')).toBe('J*** *****');
    expect(maskName('买买提·艾力')).toBe('买**·**');
  });

  it('cuts an address after its town or village', () => {
    expect(maskAddress('浙江省杭州市临安区锦城街道衣锦街100号')).toBe('浙江省杭州市临安区锦城街道****');
    expect(maskAddress('临安区太湖源镇白沙村12号')).toBe('临安区太湖源镇****');
    expect(maskAddress('临安区青山湖街道大园社区5幢')).toBe('临安区青山湖街道****');
    expect(maskAddress('湍口镇迎丰村')).toBe('湍口镇****');
    expect(maskAddress('某某村3组')).toBe('某某村****');
  });

  it('does not take the first character of a city name for a town', () => {
    expect(maskAddress('江苏省镇江市丹徒区辛丰镇某路8号')).toBe('江苏省镇江市丹徒区辛丰镇****');
  });

  it('keeps at most the first 6 characters when there is no town or village', () => {
    expect(maskAddress('杭州市临安区衣锦街100号')).toBe('杭州市临安区****');
    expect(maskAddress('衣锦街1号')).toBe('衣锦****');
  });
});
