import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { KeyTable } from './key-table.js';

const hash = () => randomBytes(24).toString('base64url');

describe('the key table', () => {
  it('finds every key it holds, with its record, through many growths, and no key it does not', () => {
    const t = new KeyTable(4);
    const keys = Array.from({ length: 50_000 }, hash);
    const contents = keys.map(hash);
    // The dataset's current rows first, with their ids and contents; then the batch's new keys.
    const current = 20_000;
    keys.forEach((k, i) => {
      const e = i < current ? t.addCurrent(k, i + 1, contents[i]) : t.add(k);
      t.lines[e] = i + 2;
    });
    expect(t.size).toBe(keys.length);
    // One expectation over all of them: 100,000 separate ones took seconds.
    const wrong = keys.filter((k, i) => {
      const e = t.find(k);
      if (e !== i || t.lines[e] !== i + 2) return true;
      return i < current && (t.id(e) !== i + 1 || !t.sameContent(e, contents[i]) || t.sameContent(e, contents[(i + 1) % current]));
    });
    expect(wrong).toEqual([]);
    for (let i = 0; i < 1000; i++) expect(t.find(hash())).toBe(-1);
  });

  it('tells apart keys that share their first bytes (the slot hash), up to the 16 it keeps', () => {
    const t = new KeyTable();
    const a = Buffer.alloc(24, 1);
    const b = Buffer.from(a);
    b[15] = 2;
    t.add(a.toString('base64url'));
    expect(t.find(b.toString('base64url'))).toBe(-1);
    expect(t.add(b.toString('base64url'))).toBe(1);
    expect(t.find(b.toString('base64url'))).toBe(1);
    // Past the 16th byte two hashes are one key: a chance of 10^-26 at a million keys.
    const c = Buffer.from(b);
    c[20] = 9;
    expect(t.find(c.toString('base64url'))).toBe(1);
  });

  it('refuses text that is not a row hash', () => {
    expect(() => new KeyTable().find('stale')).toThrow(/not a row hash/);
  });
});
