import { describe, expect, it } from 'vitest';
import { isValidResidentId, makeResidentId, parseResidentId, residentIdCheckChar } from './resident-id.js';

const today = new Date('2026-06-15T04:00:00Z');

describe('residentIdCheckChar', () => {
  it('computes the GB 11643 example check character X', () => {
    expect(residentIdCheckChar('11010519491231002')).toBe('X');
  });

  it('refuses input that is not 17 digits', () => {
    expect(() => residentIdCheckChar('1101051949123100')).toThrow(/17 digits/);
  });
});

describe('parseResidentId', () => {
  it('accepts the example from GB 11643 and reads its parts', () => {
    expect(parseResidentId('11010519491231002X', { today })).toEqual({
      ok: true,
      id: '11010519491231002X',
      birthDate: '1949-12-31',
      sex: 'F',
      regionCode: '110105',
      converted15: false,
    });
  });

  it('reads an odd sequence digit as male', () => {
    const id = makeResidentId('330112', '19900101', '123');
    expect(parseResidentId(id, { today })).toMatchObject({ ok: true, sex: 'M', birthDate: '1990-01-01' });
  });

  // 440524188001010014 is the other widely published example; its check digit is right but its
  // birth year 1880 falls before the 1890 floor, which wins: no living resident was born then.
  it('rejects the published 1880 example on its birth date, not its check digit', () => {
    expect(residentIdCheckChar('44052418800101001')).toBe('4');
    expect(parseResidentId('440524188001010014', { today })).toMatchObject({ ok: false, reason: 'birth_date' });
    expect(parseResidentId(makeResidentId('440524', '18900101', '001'), { today }).ok).toBe(true);
    expect(parseResidentId(makeResidentId('440524', '18891231', '001'), { today }).ok).toBe(false);
  });

  it('converts a 15-digit ID by inserting 19 and computing the check character', () => {
    expect(parseResidentId('110105491231002', { today })).toEqual({
      ok: true,
      id: '11010519491231002X',
      birthDate: '1949-12-31',
      sex: 'F',
      regionCode: '110105',
      converted15: true,
    });
  });

  it('rejects a 15-digit ID with a bad birth date', () => {
    expect(parseResidentId('110105490231002', { today })).toMatchObject({ ok: false, reason: 'birth_date' });
  });

  it('normalises lower-case x, full-width characters, spaces and invisible characters', () => {
    for (const raw of [
      '11010519491231002x',
      '１１０１０５１９４９１２３１００２Ｘ',
      ' 110105 19491231 002X ',
      '\u200B11010519491231002X\uFEFF',
      '110105\u00A019491231\u3000002X',
    ]) {
      expect(parseResidentId(raw, { today })).toMatchObject({ ok: true, id: '11010519491231002X' });
    }
  });

  it('accepts 29 February in a leap year and rejects it otherwise', () => {
    expect(parseResidentId(makeResidentId('330112', '20000229', '001'), { today }).ok).toBe(true);
    expect(parseResidentId(makeResidentId('330112', '19880229', '001'), { today }).ok).toBe(true);
    expect(parseResidentId(makeResidentId('330112', '19000229', '001'), { today })).toMatchObject({
      ok: false,
      reason: 'birth_date',
    });
    expect(parseResidentId(makeResidentId('330112', '20230229', '001'), { today })).toMatchObject({
      ok: false,
      reason: 'birth_date',
    });
  });

  it('rejects impossible months and days', () => {
    for (const birth of ['19901301', '19900431', '19900100', '19900001']) {
      expect(parseResidentId(makeResidentId('330112', birth, '001'), { today }).ok).toBe(false);
    }
  });

  it('rejects a birth date in the future, judged by the day in China', () => {
    const id = makeResidentId('330112', '20260616', '001');
    expect(parseResidentId(id, { today })).toMatchObject({ ok: false, reason: 'birth_date' });
    // 16:30 UTC on the 15th is already the 16th in Shanghai.
    expect(parseResidentId(id, { today: new Date('2026-06-15T16:30:00Z') }).ok).toBe(true);
  });

  it('keeps the normalised ID when only the check digit is wrong', () => {
    expect(parseResidentId('110105194912310021', { today })).toEqual({
      ok: false,
      reason: 'check_digit',
      detail: 'check character is 1, expected X',
      id: '110105194912310021',
    });
  });

  it('rejects a region that does not start with a province code', () => {
    const id = makeResidentId('990105', '19491231', '002');
    expect(parseResidentId(id, { today })).toMatchObject({ ok: false, reason: 'region' });
    expect(parseResidentId(makeResidentId('810000', '19800101', '002'), { today }).ok).toBe(true);
  });

  it('rejects wrong lengths, letters and a misplaced X as format errors', () => {
    for (const raw of ['11010519491231002', '11010519491231002XX', '1101051949123100AX', '110105194912X1002X', 'abc']) {
      const r = parseResidentId(raw, { today });
      expect(r).toMatchObject({ ok: false, reason: 'format' });
      expect(r.ok ? undefined : r.id).toBeUndefined();
    }
    expect(parseResidentId('11010519491231002', { today })).toMatchObject({ detail: expect.stringMatching(/17 characters/) });
  });

  it('reports empty input as empty', () => {
    expect(parseResidentId('  \u200B ')).toMatchObject({ ok: false, reason: 'empty' });
    expect(parseResidentId(undefined as unknown as string)).toMatchObject({ ok: false, reason: 'empty' });
  });
});

describe('isValidResidentId and makeResidentId', () => {
  it('agrees with parseResidentId', () => {
    expect(isValidResidentId('11010519491231002X')).toBe(true);
    expect(isValidResidentId('110105194912310021')).toBe(false);
  });

  it('builds IDs that validate, and refuses malformed parts', () => {
    expect(makeResidentId('110105', '19491231', '002')).toBe('11010519491231002X');
    expect(() => makeResidentId('11010', '19491231', '002')).toThrow(/region/);
    expect(() => makeResidentId('110105', '1949-12-31', '002')).toThrow(/YYYYMMDD/);
    expect(() => makeResidentId('110105', '19491231', '2')).toThrow(/sequence/);
  });
});
