import { describe, expect, it } from 'vitest';
import { creditCodeCheckChar, isValidCreditCode, makeCreditCode, orgCodeCheckChar, parseCreditCode } from './credit-code.js';

// Published codes of well-known companies; each passes both the mod-31 and the GB 11714 check.
const REAL_CODES = [
  '91350100M000100Y43',
  '91110000600037341L',
  '914403001922038216',
  '91440300708461136T',
  '91110108551385082Q',
];

describe('parseCreditCode', () => {
  it.each(REAL_CODES)('accepts the published code %s', (code) => {
    expect(parseCreditCode(code).ok).toBe(true);
  });

  it('splits a code into its segments', () => {
    expect(parseCreditCode('91350100M000100Y43')).toEqual({
      ok: true,
      code: '91350100M000100Y43',
      registrationAuthority: '9',
      entityType: '1',
      regionCode: '350100',
      orgCode: 'M000100Y4',
    });
  });

  it('normalises spaces, full-width characters and lower case', () => {
    expect(parseCreditCode(' 91350100m000100y43 ')).toMatchObject({ ok: true, code: '91350100M000100Y43' });
    expect(parseCreditCode('９１３５０１００Ｍ０００１００Ｙ４３')).toMatchObject({ ok: true, code: '91350100M000100Y43' });
  });

  it('keeps the normalised code when the check character is wrong', () => {
    expect(parseCreditCode('91350100m000100y44')).toEqual({
      ok: false,
      reason: 'check_char',
      detail: 'check character is 4, expected 3',
      code: '91350100M000100Y44',
    });
  });

  it('flags a code whose organisation code check fails even when the mod-31 check passes', () => {
    const first17 = '91350100M000100Y5';
    const code = first17 + creditCodeCheckChar(first17);
    expect(parseCreditCode(code)).toMatchObject({ ok: false, reason: 'org_code', code });
  });

  it('rejects letters GB 32100 leaves out and wrong lengths', () => {
    for (const raw of ['91350100M000100Y4', '91350100M000100Y433', '91350100O000100Y43', '9135010IM000100Y43']) {
      expect(parseCreditCode(raw)).toMatchObject({ ok: false, reason: 'format' });
    }
    expect(parseCreditCode('91350100O000100Y43')).toMatchObject({ detail: expect.stringMatching(/: O$/) });
  });

  it('reports empty input as empty', () => {
    expect(parseCreditCode(' ')).toMatchObject({ ok: false, reason: 'empty' });
  });
});

describe('check characters', () => {
  it('computes the GB 11714 check including the X and 0 cases', () => {
    expect(orgCodeCheckChar('M000100Y')).toBe('4');
    expect(orgCodeCheckChar('60003734')).toBe('1');
    // 4×3 = 12 ≡ 1 (mod 11) gives 10 → X; a zero sum gives 11 → 0.
    expect(orgCodeCheckChar('40000000')).toBe('X');
    expect(orgCodeCheckChar('00000000')).toBe('0');
    expect(orgCodeCheckChar('0000000A')).toBe('2');
  });

  it('throws on characters outside the charset', () => {
    expect(() => creditCodeCheckChar('91350100O000100Y4')).toThrow(/not allowed/);
    expect(() => creditCodeCheckChar('9135')).toThrow(/17/);
  });
});

describe('makeCreditCode', () => {
  it('computes both check characters', () => {
    expect(makeCreditCode('91', '350100', 'M000100Y')).toBe('91350100M000100Y43');
    for (const body of ['12345678', 'MA2GXY01', '00000000', 'ABCDEFGH']) {
      expect(isValidCreditCode(makeCreditCode('92', '330112', body))).toBe(true);
    }
  });

  it('refuses parts outside the charset', () => {
    expect(() => makeCreditCode('9S', '330112', '12345678')).toThrow(/prefix/);
    expect(() => makeCreditCode('91', '33011', '12345678')).toThrow(/region/);
    expect(() => makeCreditCode('91', '330112', '1234567O')).toThrow(/charset/);
  });
});
