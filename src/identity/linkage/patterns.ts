/**
 * Candidate pairs collapsed to their distinct comparison patterns with counts. Ten million pairs
 * usually show a few thousand patterns, so every EM iteration runs over those, not the pairs.
 */
import { rulesSatisfied, type CandidatePairs } from './blocking.js';

export interface Patterns {
  readonly size: number;
  /** levels[p * fields + f] */
  readonly levels: Uint8Array;
  readonly counts: Float64Array;
  /** Bit q set when the pattern's pairs share the key of (usable) rule q. */
  readonly masks: Int32Array;
}

export function collectPatterns(pairs: CandidatePairs, levels: Uint8Array, fields: number, radix: readonly number[]): Patterns {
  const n = pairs.count;
  const ruleBits = pairs.rules.length;
  let space = 2 ** ruleBits;
  for (const r of radix) space *= r;
  const numeric = space < 2 ** 52;
  const index = new Map<number | string, number>();
  const levelRows: number[] = [];
  const counts: number[] = [];
  const masks: number[] = [];
  for (let i = 0; i < n; i++) {
    const mask = rulesSatisfied(pairs, i);
    let key: number | string;
    if (numeric) {
      let k = 0;
      for (let f = 0; f < fields; f++) k = k * radix[f] + levels[f * n + i];
      key = k * 2 ** ruleBits + mask;
    } else {
      let k = `${mask}`;
      for (let f = 0; f < fields; f++) k += `,${levels[f * n + i]}`;
      key = k;
    }
    const at = index.get(key);
    if (at !== undefined) {
      counts[at]++;
      continue;
    }
    index.set(key, counts.length);
    counts.push(1);
    masks.push(mask);
    for (let f = 0; f < fields; f++) levelRows.push(levels[f * n + i]);
  }
  return { size: counts.length, levels: Uint8Array.from(levelRows), counts: Float64Array.from(counts), masks: Int32Array.from(masks) };
}
