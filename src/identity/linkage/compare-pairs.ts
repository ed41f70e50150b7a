/**
 * Comparison vectors of candidate pairs: one byte per field per pair, field by field so that each
 * field's caches stay warm. A 10-field vector for ten million pairs is 100 MB, not ten million objects.
 */
import type { PreparedTable } from './prepare.js';
import { compareField } from './prepare.js';

export interface PairList {
  readonly count: number;
  readonly a: Int32Array;
  readonly b: Int32Array;
}

/** Levels, field-major: `levels[f * count + i]` is field f of pair i. */
export function comparePairs(p: PreparedTable, pairs: PairList): Uint8Array {
  const n = pairs.count;
  const levels = new Uint8Array(n * p.fields.length);
  p.fields.forEach((field, f) => {
    const base = f * n;
    for (let i = 0; i < n; i++) levels[base + i] = compareField(field, pairs.a[i], pairs.b[i]);
  });
  return levels;
}
