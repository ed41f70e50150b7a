import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { KeyTable } from './key-table.js';

const hash = () => randomBytes(24).toString('base64url');

describe('the key table', () => {
  it('finds every key it holds, with its record, through many growths, and no key it does not', () => {
    const t = new KeyTable(4);
    const keys = Array.from({ length: 50_000 }, hash);
    const contents = keys.map(hash);
    keys.forEach((k, i) => {
      const e = t.add(k, i + 1, contents[i]);
      t.lines[e] = i + 2;
    });
    expect(t.size).toBe(keys.length);
    // One expectation over all of them: 100,000 separate ones took seconds.
    const wrong = keys.filter((k, i) => {
      const e = t.find(k);
      return e !== i || t.ids[e] !== i + 1 || t.lines[e] !== i + 2 || !t.sameContent(e, contents[i]) || t.sameContent(e, contents[(i + 1) % keys.length]);
    });
    expect(wrong).toEqual([]);
    for (let i = 0; i < 1000; i++) expect(t.find(hash())).toBe(-1);
  });

  it('tells keys apart that share their first bytes (the slot hash)', () => {
    const t = new KeyTable();
    const a = Buffer.alloc(24, 1);
    const b = Buffer.from(a);
    b[23] = 2;
    t.add(a.toString('base64url'));
    expect(t.find(b.toString('base64url'))).toBe(-1);
    expect(t.add(b.toString('base64url'))).toBe(1);
    expect(t.find(b.toString('base64url'))).toBe(1);
  });

  it('refuses text that is not a row hash', () => {
    expect(() => new KeyTable().find('stale')).toThrow(/not a row hash/);
  });
});
