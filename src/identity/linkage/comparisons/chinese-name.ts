/**
 * Chinese names: the same pinyin catches homophones typed with the wrong character (王伟/王玮),
 * the usual mistake of pinyin input methods; pinyin is computed once per distinct name, on demand.
 */
import { pinyin } from 'pinyin-pro';
import { boundedEditDistance } from '../edit-distance.js';
import { jaroWinkler } from '../jaro-winkler.js';
import type { Comparison } from './types.js';

interface Aux {
  values: readonly string[];
  pinyin: (string | undefined)[];
}

// Pinyin per character, not per name: a million records hold a few hundred thousand distinct names
// but only a few thousand characters, and pinyin-pro costs tens of microseconds a call. Reading a
// given-name character without its neighbours loses some polyphone context, but both sides of a
// comparison are read the same way, which is what matching needs.
const SURNAME_READING = new Map<string, string>();
const CHAR_READING = new Map<string, string>();

function reading(cache: Map<string, string>, ch: string, surname: boolean): string {
  let r = cache.get(ch);
  if (r === undefined) {
    r = pinyin(ch, { toneType: 'none', type: 'array', surname: surname ? 'head' : 'off', v: true }).join('').toLowerCase();
    cache.set(ch, r);
  }
  return r;
}

/** Toneless pinyin, the first character read as a surname (单 shàn, not dān). */
export function namePinyin(name: string): string {
  let out = '';
  let first = true;
  for (const ch of name) {
    out += reading(first ? SURNAME_READING : CHAR_READING, ch, first);
    first = false;
  }
  return out;
}

function pinyinOf(aux: Aux, code: number): string {
  let p = aux.pinyin[code];
  if (p === undefined) aux.pinyin[code] = p = namePinyin(aux.values[code]);
  return p;
}

export const chineseNameComparison: Comparison<Aux> = {
  labels: ['exact', 'same_pinyin', 'one_character', 'similar_pinyin', 'other'],
  prepare: (values) => ({ values, pinyin: new Array(values.length) }),
  level(aux, a, b) {
    const pa = pinyinOf(aux, a);
    const pb = pinyinOf(aux, b);
    if (pa === pb) return 1;
    if (boundedEditDistance(aux.values[a], aux.values[b], 1) <= 1) return 2;
    if (jaroWinkler(pa, pb) >= 0.9) return 3;
    return 4;
  },
};
