import { describe, expect, it } from 'vitest';
import { jaro, jaroWinkler } from './jaro-winkler.js';

describe('jaroWinkler', () => {
  it('gives the textbook values', () => {
    expect(jaroWinkler('MARTHA', 'MARHTA')).toBeCloseTo(0.9611, 4);
    expect(jaroWinkler('DWAYNE', 'DUANE')).toBeCloseTo(0.84, 4);
    expect(jaroWinkler('DIXON', 'DICKSONX')).toBeCloseTo(0.8133, 4);
    expect(jaro('MARTHA', 'MARHTA')).toBeCloseTo(0.9444, 4);
  });

  it('is 1 for equal strings and 0 with nothing in common', () => {
    expect(jaroWinkler('kayla', 'kayla')).toBe(1);
    expect(jaroWinkler('abc', 'xyz')).toBe(0);
    expect(jaroWinkler('', '')).toBe(1);
    expect(jaroWinkler('a', '')).toBe(0);
  });

  it('handles strings longer than its reused buffers', () => {
    const long = 'x'.repeat(500);
    expect(jaroWinkler(long, `${long}y`)).toBeGreaterThan(0.99);
  });
});
