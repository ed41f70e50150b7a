import { describe, expect, it } from 'vitest';
import { standardiserFor } from './test-context.js';

const integer = standardiserFor('integer');
const count = standardiserFor('count');
const number = standardiserFor('number');

describe('integer', () => {
  it.each([['1,234', 1234], ['１２３４', 1234], [' 12 ', 12], ['12.0', 12], ['-3', -3], ['+7', 7], ['1e3', 1000], ['-0', 0]])(
    'reads %s as %d', (raw, value) => {
      expect(integer(raw)).toEqual({ ok: true, value });
    },
  );

  it.each(['12.5', '1,23', '12 34', 'abc', '12%', '9007199254740993', '330112199001011234'])('rejects %s', (raw) => {
    expect(integer(raw)).toMatchObject({ ok: false, reason: 'unparseable_integer' });
  });
});

describe('count', () => {
  it('reads whole numbers that are not negative, with or without a measure word', () => {
    expect(count('3')).toEqual({ ok: true, value: 3 });
    expect(count('0')).toEqual({ ok: true, value: 0 });
    expect(count('3人')).toEqual({ ok: true, value: 3 });
    expect(count('2 户')).toEqual({ ok: true, value: 2 });
  });

  it('rejects negative and fractional counts', () => {
    expect(count('-1')).toMatchObject({ ok: false, reason: 'unparseable_integer' });
    expect(count('2.5')).toMatchObject({ ok: false, reason: 'unparseable_integer' });
    expect(count('人')).toMatchObject({ ok: false, reason: 'unparseable_integer' });
  });
});

describe('number', () => {
  it.each([['-1,234.5', -1234.5], ['+3', 3], ['.5', 0.5], ['5.', 5], ['1.5e3', 1500], ['−2', -2], ['－２．５', -2.5]])(
    'reads %s as %d', (raw, value) => {
      expect(number(raw)).toEqual({ ok: true, value });
    },
  );

  it('refuses percentages rather than guess 12 or 0.12', () => {
    expect(number('12%')).toMatchObject({ ok: false, reason: 'unparseable_number', detail: expect.stringContaining('percentage') });
  });

  it.each(['abc', '1,2', '12,5', '1.2.3', '--1', '1e999', 'NaN', 'Infinity'])('rejects %s', (raw) => {
    expect(number(raw)).toMatchObject({ ok: false, reason: 'unparseable_number' });
  });
});
