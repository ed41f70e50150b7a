/**
 * Term frequencies: agreeing on 王伟 is weaker evidence than agreeing on a rare name. For an exact
 * agreement on value v the u probability becomes the share of records holding v, so the level's
 * weight log2(m / u) turns into log2(m / tf(v)) (Splink's adjustment). Only values held by two or
 * more records are kept; any other value gets `unseen`, one record's share.
 */
import type { FieldData } from './prepare.js';

export interface TermFrequencies {
  readonly values: Record<string, number>;
  readonly unseen: number;
}

export function termFrequencies(f: FieldData): TermFrequencies {
  const total = f.nonNull[0] + f.nonNull[1];
  const values: Record<string, number> = Object.create(null);
  if (total === 0) return { values, unseen: 1 };
  for (let v = 0; v < f.values.length; v++) {
    const c = f.counts[0][v] + f.counts[1][v];
    if (c >= 2) values[f.values[v]] = c / total;
  }
  return { values, unseen: 1 / total };
}
