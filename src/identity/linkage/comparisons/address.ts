/**
 * Addresses: overlap of their token sets (Jaccard), or Jaro–Winkler on the whole text for
 * one-letter typos that break a token. Chinese addresses have no spaces, so a run of Chinese
 * characters is cut into overlapping character pairs (天目山镇 → 天目 目山 山镇).
 */
import { jaroWinkler } from '../jaro-winkler.js';
import type { Comparison } from './types.js';

interface Aux {
  values: readonly string[];
  tokenIds: Map<string, number>;
  tokens: (Int32Array | undefined)[];
}

const CJK_RUN = /[\u3400-\u9fff\uf900-\ufaff]+|[a-z0-9]+/g;

export function addressTokens(s: string): string[] {
  const out: string[] = [];
  for (const m of s.matchAll(CJK_RUN)) {
    const run = m[0];
    if (run.charCodeAt(0) < 0x3400 || run.length === 1) out.push(run);
    else for (let i = 0; i + 1 < run.length; i++) out.push(run.slice(i, i + 2));
  }
  return out;
}

function tokensOf(aux: Aux, code: number): Int32Array {
  let t = aux.tokens[code];
  if (t === undefined) {
    const ids = new Set<number>();
    for (const tok of addressTokens(aux.values[code])) {
      let id = aux.tokenIds.get(tok);
      if (id === undefined) aux.tokenIds.set(tok, (id = aux.tokenIds.size));
      ids.add(id);
    }
    aux.tokens[code] = t = Int32Array.from(ids).sort();
  }
  return t;
}

/** Jaccard similarity of two sorted token-id sets. */
export function jaccard(x: Int32Array, y: Int32Array): number {
  if (x.length === 0 && y.length === 0) return 1;
  let i = 0;
  let j = 0;
  let common = 0;
  while (i < x.length && j < y.length) {
    if (x[i] === y[j]) {
      common++;
      i++;
      j++;
    } else if (x[i] < y[j]) i++;
    else j++;
  }
  return common / (x.length + y.length - common);
}

export const addressComparison: Comparison<Aux> = {
  labels: ['exact', 'similar', 'overlapping', 'other'],
  prepare: (values) => ({ values, tokenIds: new Map(), tokens: new Array(values.length) }),
  level(aux, a, b) {
    const overlap = jaccard(tokensOf(aux, a), tokensOf(aux, b));
    if (overlap >= 0.7) return 1;
    const jw = jaroWinkler(aux.values[a], aux.values[b]);
    if (jw >= 0.92) return 1;
    if (overlap >= 0.4 || jw >= 0.85) return 2;
    return 3;
  },
};
