import { describe, expect, it } from 'vitest';
import { standardiserFor } from './test-context.js';

const std = standardiserFor('phone');

describe('phone', () => {
  it('normalises mobiles to 11 digits', () => {
    for (const s of ['13812345678', '138 1234 5678', '+86 138-1234-5678', '１３８１２３４５６７８', '8613812345678']) {
      expect(std(s)).toEqual({ ok: true, value: '13812345678' });
    }
  });

  it('normalises landlines to area code and number, flagged landline', () => {
    expect(std('0571-63712345')).toEqual({ ok: true, value: '0571-63712345', flags: ['landline'] });
    expect(std('(0571)63712345')).toEqual({ ok: true, value: '0571-63712345', flags: ['landline'] });
  });

  it('rejects what is not a phone number', () => {
    expect(std('12345')).toMatchObject({ ok: false, reason: 'unparseable_phone' });
    expect(std('电话未知')).toMatchObject({ ok: false, reason: 'unparseable_phone' });
  });
});
