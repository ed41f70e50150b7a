import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../platform/random.js';
import { JsonObjectText, jsonValue } from './json-text.js';

// Characters JSON treats specially, and some that it does not, for random strings.
const ALPHABET = ['a', '王', '"', '\\', '\n', '\t', '\u0000', '\u001f', '\u007f', '\u2028', '\ud83d\ude00', '\ud800', '\udc00', '𠀀', ' ', '/', "'", '<'];

describe('JSON text built member by member', () => {
  it('writes every value as JSON.stringify does', () => {
    const rand = seededRandom(3);
    const strings = Array.from({ length: 5000 }, () => Array.from({ length: Math.floor(rand() * 6) }, () => ALPHABET[Math.floor(rand() * ALPHABET.length)]).join(''));
    const others = [null, 0, -0, 1.5, -1234.56, 1e21, 1e-7, 2 ** 53, NaN, Infinity, true, false, [1, 'a"', null], ['116.5', '30.2'], { a: 1 }];
    const wrong = [...strings, ...others].filter((v) => jsonValue(v) !== JSON.stringify(v));
    expect(wrong).toEqual([]);
  });

  it('writes an object as JSON.stringify writes one built in the same order', () => {
    const o = new JsonObjectText();
    expect(o.toString()).toBe('{}');
    expect(o.empty).toBe(true);
    const plain: Record<string, unknown> = {};
    for (const [k, v] of [['name', '张"三'], ['id_number', 'abc'], ['amount', 12.5], ['gone', null], ['点', ['1', '2']]] as const) {
      o.add(jsonValue(k), jsonValue(v));
      plain[k] = v;
    }
    expect(o.empty).toBe(false);
    expect(o.toString()).toBe(JSON.stringify(plain));
  });
});
