import { describe, expect, it } from 'vitest';
import { FIELD_TYPES } from '../contract.js';
import { MAX_TEXT_LENGTH } from './text.js';
import { standardiserFor, valueOf } from './test-context.js';

const text = standardiserFor('text');
const address = standardiserFor('address');

describe('text', () => {
  it('cleans and trims, keeping inner layout and Chinese punctuation', () => {
    expect(valueOf(text('  备注：\u200B第一行\n第二行 '))).toBe('备注：第一行\n第二行');
    expect(valueOf(text('ＡＢＣ１２３'))).toBe('ABC123');
  });

  it('gives null for empty and blank cells', () => {
    expect(text('')).toEqual({ ok: true, value: null });
    expect(text(' \u3000\u200B ')).toEqual({ ok: true, value: null });
  });

  it('passes SQL, scripts and formulas through as plain text', () => {
    for (const s of ["'; DROP TABLE people;--", '<script>alert(1)</script>', '=cmd|\' /C calc\'!A0', '${jndi:ldap://x}', '@SUM(1+1)']) {
      expect(valueOf(text(s))).toBe(s);
    }
  });

  it(`rejects a value over ${MAX_TEXT_LENGTH} characters`, () => {
    expect(valueOf(text('字'.repeat(MAX_TEXT_LENGTH)))).toHaveLength(MAX_TEXT_LENGTH);
    expect(text('字'.repeat(MAX_TEXT_LENGTH + 1))).toMatchObject({ ok: false, reason: 'value_too_long' });
  });

  it('rejects a 10 MB cell of any type quickly, without scanning it', () => {
    const huge = 'x'.repeat(10 * 1024 * 1024);
    for (const type of FIELD_TYPES) {
      const std = standardiserFor(type, ['a']);
      // Best of three, so a scheduling hiccup on a busy machine does not fail the test; one scan of
      // 10 MB takes several milliseconds.
      let best = Infinity;
      for (let round = 0; round < 3; round++) {
        const started = performance.now();
        const r = std(huge);
        best = Math.min(best, performance.now() - started);
        expect(r.ok, type).toBe(false);
        if (!r.ok) expect(r.detail.length).toBeLessThan(300);
      }
      expect(best, type).toBeLessThan(2);
    }
  });
});

describe('address', () => {
  it('collapses whitespace and converts traditional characters, flagging the conversion', () => {
    expect(address('  浙江省杭州市臨安區  於潛鎮\t1號 ')).toEqual({
      ok: true, value: '浙江省杭州市临安区 於潜镇 1号', flags: ['traditional_converted'],
    });
    expect(address('天目山镇（一都村）１２号')).toEqual({ ok: true, value: '天目山镇(一都村)12号' });
  });
});
