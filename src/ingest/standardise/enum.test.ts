import { describe, expect, it } from 'vitest';
import { standardiserFor } from './test-context.js';

const std = standardiserFor('enum', ['男', '女', 'Active', '已婚', 'A类']);

describe('enum', () => {
  it('returns the contract’s own spelling of a value', () => {
    expect(std(' 男 ')).toEqual({ ok: true, value: '男' });
    expect(std('ACTIVE')).toEqual({ ok: true, value: 'Active' });
    expect(std('ａｃｔｉｖｅ')).toEqual({ ok: true, value: 'Active' });
    expect(std('已 婚')).toEqual({ ok: true, value: '已婚' });
    expect(std('ａ類')).toEqual({ ok: true, value: 'A类' });
  });

  it('rejects an unknown value and lists the allowed ones', () => {
    expect(std('未知')).toEqual({ ok: false, reason: 'unknown_enum', detail: '"未知" is not allowed; allowed: 男, 女, Active, 已婚, A类' });
  });

  it('truncates a long list of allowed values in the detail', () => {
    const many = Array.from({ length: 300 }, (_, i) => `选项${i}`);
    const r = standardiserFor('enum', many)('x');
    expect(r).toMatchObject({ ok: false, reason: 'unknown_enum', detail: expect.stringContaining('and 288 more') });
    if (!r.ok) expect(r.detail.length).toBeLessThan(300);
  });

  it('refuses to choose between two values that differ only in case', () => {
    const cased = standardiserFor('enum', ['a', 'A']);
    expect(cased('a')).toEqual({ ok: true, value: 'a' });
    expect(cased('Ａ')).toEqual({ ok: true, value: 'A' });
    expect(cased('ａ')).toEqual({ ok: true, value: 'a' });
    expect(standardiserFor('enum', ['ab', 'AB'])('Ab')).toMatchObject({ ok: false, reason: 'unknown_enum' });
  });
});
