import { describe, expect, it } from 'vitest';
import { standardiserFor } from './test-context.js';

const area = standardiserFor('area_mu');

describe('area_mu', () => {
  it('reads mu with or without the unit', () => {
    expect(area('3.5亩')).toEqual({ ok: true, value: 3.5 });
    expect(area('3.5')).toEqual({ ok: true, value: 3.5 });
    expect(area('1,200.5 亩')).toEqual({ ok: true, value: 1200.5 });
    expect(area('3.123456')).toEqual({ ok: true, value: 3.1235 });
  });

  it.each([['2000平方米', 3], ['2000m²', 3], ['2000㎡', 3], ['2000 m2', 3], ['2000平米', 3], ['1公顷', 15], ['1 ha', 15], ['0.01km²', 15], ['1平方米', 0.0015]])(
    'converts %s to %d mu, flagged unit_converted', (raw, value) => {
      expect(area(raw)).toEqual({ ok: true, value, flags: ['unit_converted'] });
    },
  );

  it.each(['-1', '-2000㎡', 'abc', '3.5英亩', '3亩5分', '12 34'])('rejects %s', (raw) => {
    expect(area(raw)).toMatchObject({ ok: false, reason: 'unparseable_area' });
  });
});
