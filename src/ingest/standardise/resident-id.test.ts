import { describe, expect, it } from 'vitest';
import { makeResidentId } from '../../platform/ids/index.js';
import { standardiserFor } from './test-context.js';

const std = standardiserFor('resident_id');
const valid = makeResidentId('330112', '19900101', '123');
const wrongCheck = valid.slice(0, 17) + (valid[17] === '0' ? '1' : '0');

describe('resident_id', () => {
  it('accepts a valid 18-digit ID, cleaned of spaces and full-width digits', () => {
    expect(std(valid)).toEqual({ ok: true, value: valid });
    expect(std(` ${valid.slice(0, 6)} ${valid.slice(6, 14)} ${valid.slice(14)} `)).toEqual({ ok: true, value: valid });
    const fullWidth = [...valid].map((c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0)).join('');
    expect(std(fullWidth)).toEqual({ ok: true, value: valid });
  });

  it('gives the same answer the second time (fast path) as the first (full parser)', () => {
    const fresh = standardiserFor('resident_id');
    const first = fresh(valid);
    expect(fresh(valid)).toEqual(first);
    expect(fresh(wrongCheck)).toEqual({ ok: true, value: wrongCheck, flags: ['check_digit'] });
  });

  it('upper-cases a lower-case check character x', () => {
    const withX = findIdEndingInX();
    expect(std(withX.toLowerCase())).toEqual({ ok: true, value: withX });
  });

  it('converts a 15-digit ID to 18 digits and flags the conversion', () => {
    const id15 = valid.slice(0, 6) + valid.slice(8, 17);
    expect(std(id15)).toEqual({ ok: true, value: valid, flags: ['converted_15'] });
  });

  it('keeps an ID with a wrong check digit and flags it, without correcting it', () => {
    expect(std(wrongCheck)).toEqual({ ok: true, value: wrongCheck, flags: ['check_digit'] });
  });

  it('keeps an ID with an impossible or future birth date and flags it', () => {
    const future = makeResidentId('330112', '20300101', '123');
    expect(std(future)).toEqual({ ok: true, value: future, flags: ['birth_date_implausible'] });
    const feb30 = '33011219900230' + '1234';
    expect(std(feb30)).toEqual({ ok: true, value: feb30, flags: ['birth_date_implausible', 'check_digit'] });
  });

  it('rejects a value of the wrong shape or with no province code', () => {
    expect(std('12345')).toMatchObject({ ok: false, reason: 'unparseable_resident_id' });
    expect(std('33011219900101123A')).toMatchObject({ ok: false, reason: 'unparseable_resident_id' });
    expect(std(makeResidentId('990112', '19900101', '123'))).toMatchObject({ ok: false, reason: 'unparseable_resident_id' });
  });

  it('gives null for an empty cell', () => {
    expect(std('  ')).toEqual({ ok: true, value: null });
  });
});

function findIdEndingInX(): string {
  for (let seq = 100; seq < 999; seq++) {
    const id = makeResidentId('330112', '19800101', String(seq));
    if (id.endsWith('X')) return id;
  }
  throw new Error('no ID ending in X');
}
