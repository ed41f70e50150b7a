import { describe, expect, it } from 'vitest';
import { isValidPhone, parsePhone } from './phone.js';

describe('parsePhone', () => {
  it.each([
    '13812345678',
    '138 1234 5678',
    '138-1234-5678',
    '+86 138 1234 5678',
    '+8613812345678',
    '0086 13812345678',
    '86-13812345678',
    '8613812345678',
    '(+86)13812345678',
    '１３８１２３４５６７８',
    '\u200B13812345678\u00A0',
  ])('reads %s as the mobile 13812345678', (raw) => {
    expect(parsePhone(raw)).toEqual({ ok: true, phone: '13812345678', kind: 'mobile' });
  });

  it.each([
    '0571-63712345',
    '0571 63712345',
    '057163712345',
    '(0571)63712345',
    '（0571）63712345',
    '+86 571 63712345',
    '０５７１－６３７１２３４５',
  ])('reads %s as the landline 0571-63712345', (raw) => {
    expect(parsePhone(raw)).toEqual({ ok: true, phone: '0571-63712345', kind: 'landline' });
  });

  it('splits 3-digit area codes for Beijing and the 02x areas', () => {
    expect(parsePhone('01062345678')).toMatchObject({ ok: true, phone: '010-62345678' });
    expect(parsePhone('021-5123456')).toMatchObject({ ok: true, phone: '021-5123456' });
    expect(parsePhone('+86 10 62345678')).toMatchObject({ ok: true, phone: '010-62345678' });
  });

  it('accepts 7-digit local numbers after a 4-digit area code', () => {
    expect(parsePhone('0571-6371234')).toMatchObject({ ok: true, phone: '0571-6371234' });
  });

  it.each([
    ['12812345678', /network prefix/],
    ['1381234567', /11/],
    ['138123456789', /11/],
    ['0571-123', /area code/],
    ['0571-0371234', /area code/],
    ['63712345', /not a mobile/],
    ['138-1234-567a', /only digits/],
    ['0571-63712345 ext 8001', /only digits/],
  ])('rejects %s', (raw, detail) => {
    expect(parsePhone(raw)).toMatchObject({ ok: false, reason: 'format', detail: expect.stringMatching(detail) });
  });

  it('does not read a bare 86 as a country code unless a whole mobile number follows', () => {
    expect(parsePhone('86123456789').ok).toBe(false);
  });

  it('reports empty input as empty', () => {
    expect(parsePhone(' \u3000 ')).toMatchObject({ ok: false, reason: 'empty' });
    expect(isValidPhone('')).toBe(false);
    expect(isValidPhone('13912345678')).toBe(true);
  });
});
