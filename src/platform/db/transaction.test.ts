import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { inlineSql } from './transaction.js';

const one = (v: unknown) => inlineSql({ sql: 'SELECT $1', parameters: [v] }).slice('SELECT '.length);

/** Values written into SQL text for the simple query protocol: every string must come back as sent. */
describe('inlineSql', () => {
  it('quotes strings exactly as node-postgres does', () => {
    const chars = ["'", '\\', '"', 'a', '中', '\n', '$1', '{', '}', ',', ' E'];
    let seed = 7;
    const rand = (n: number) => (seed = (seed * 16807) % 2147483647) % n;
    for (let i = 0; i < 5000; i++) {
      const s = Array.from({ length: rand(12) }, () => chars[rand(chars.length)]).join('');
      expect(one(s)).toBe(pg.escapeLiteral(s));
    }
  });

  it('replaces each placeholder once, so a value holding $2 stays a value', () => {
    expect(inlineSql({ sql: 'SELECT $1, $2, $10', parameters: ['$2', 'b', 3, 4, 5, 6, 7, 8, 9, 'j'] })).toBe("SELECT '$2', 'b', 'j'");
  });

  it('writes text arrays, dates, numbers and null, and refuses anything else', () => {
    expect(one(['a', 'b"c', 'd\\e', "f'g"])).toBe(` E'{"a","b\\\\"c","d\\\\\\\\e","f''g"}'`);
    expect(one([])).toBe("'{}'");
    expect(one(new Date(Date.UTC(2026, 10, 29, 1, 2, 3)))).toBe("'2026-11-29T01:02:03.000Z'");
    expect(one(-5)).toBe('(-5)');
    expect(one(null)).toBe('NULL');
    expect(() => one({ a: 1 })).toThrow(/cannot write/);
    expect(() => one(Number.NaN)).toThrow(/cannot write/);
  });
});
