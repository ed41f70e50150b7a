import { describe, expect, it } from 'vitest';
import { standardiserFor } from './test-context.js';

const std = standardiserFor('geo_point');

describe('geo_point', () => {
  it.each(['119.45,30.30', '119.45 30.30', '119.45, 30.30', '119.45，30.30', 'POINT(119.45 30.30)', 'point (119.45 30.30)', '[119.45, 30.30]', '(119.45;30.30)'])(
    'reads %s as [119.45, 30.3]', (raw) => {
      expect(std(raw)).toEqual({ ok: true, value: [119.45, 30.3] });
    },
  );

  it('swaps a pair written latitude first, and flags it', () => {
    expect(std('30.30,119.45')).toEqual({ ok: true, value: [119.45, 30.3], flags: ['swapped_lat_lon'] });
  });

  it('rounds to 6 decimals', () => {
    expect(std('119.4512345678,30.3000004')).toEqual({ ok: true, value: [119.451235, 30.3] });
  });

  it.each(['0,0', '-119.45,30.30', '119.45,60', '150,30', '119.45', '119.45,30.30,12', 'abc', '119°27′E 30°18′N'])('rejects %s', (raw) => {
    expect(std(raw)).toMatchObject({ ok: false, reason: 'unparseable_geo_point' });
  });
});
