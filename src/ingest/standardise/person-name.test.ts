import { describe, expect, it } from 'vitest';
import { standardiserFor, valueOf } from './test-context.js';

const name = standardiserFor('person_name');

describe('person_name', () => {
  it('removes spaces typed between Chinese characters', () => {
    expect(valueOf(name('张 三'))).toBe('张三');
    expect(valueOf(name(' 王  小 明 '))).toBe('王小明');
  });

  it('keeps single spaces between words of a Latin-script name', () => {
    expect(valueOf(name('John  Smith'))).toBe('John Smith');
  });

  it('converts traditional characters and flags it', () => {
    expect(name('張偉')).toEqual({ ok: true, value: '张伟', flags: ['traditional_converted'] });
    expect(name('张伟')).toEqual({ ok: true, value: '张伟' });
  });

  it('keeps 於 and 乾 in names', () => {
    expect(name('於乾')).toEqual({ ok: true, value: '於乾' });
  });

  it('normalises the middle dot of minority and foreign names', () => {
    for (const s of ['阿依古丽·买买提', '阿依古丽・买买提', '阿依古丽•买买提', '阿依古丽‧买买提', '阿依古丽 · 买买提', '阿依古丽.买买提', '阿依古丽．买买提']) {
      expect(valueOf(name(s))).toBe('阿依古丽·买买提');
    }
  });

  it('rejects a cell far too long to be a name', () => {
    expect(name('张'.repeat(201))).toMatchObject({ ok: false, reason: 'value_too_long' });
  });
});
