import { describe, expect, it } from 'vitest';
import { parsePlainDecimal, plainNumber, readDecimal, scaleAndRound } from './decimal-text.js';

describe('parsePlainDecimal', () => {
  it('gives exactly what Number() gives for plain decimals', () => {
    let seed = 12345;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    for (let i = 0; i < 20_000; i++) {
      const intPart = String(Math.floor(next() * 10 ** Math.floor(next() * 9)));
      const frac = String(Math.floor(next() * 1e9)).slice(0, Math.floor(next() * 7));
      const s = (next() < 0.2 ? '-' : '') + intPart + (frac ? `.${frac}` : '');
      expect(parsePlainDecimal(s), s).toBe(Number(s));
    }
  });

  it('gives NaN for what is not a plain decimal, and plainNumber falls back for long ones', () => {
    for (const s of ['', '-', '.5', '5.', '1e3', '1,234', '1.2.3', ' 1', '12a']) expect(parsePlainDecimal(s), s).toBeNaN();
    expect(parsePlainDecimal('1234567890123456')).toBeNaN();
    expect(plainNumber('1234567890123456')).toBe(1234567890123456);
  });
});

describe('scaleAndRound', () => {
  const round = (s: string, shift: number, places: number) => scaleAndRound(readDecimal(s)!, shift, places);

  it('shifts the decimal point on the digits', () => {
    expect(round('0.123', 4, 2)).toEqual({ value: 1230, rounded: false });
    expect(round('1.2', 8, 2)).toEqual({ value: 120000000, rounded: false });
    expect(round('1.2e3', 0, 2)).toEqual({ value: 1200, rounded: false });
  });

  it('rounds half away from zero, where floating point would not', () => {
    expect(round('1.005', 0, 2)).toEqual({ value: 1.01, rounded: true });
    expect(round('-1.005', 0, 2)).toEqual({ value: -1.01, rounded: true });
    expect(round('0.004', 0, 2)).toEqual({ value: 0, rounded: true });
    expect(round('0.0000001', 0, 2)).toEqual({ value: 0, rounded: true });
  });
});
