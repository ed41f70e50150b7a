/**
 * Match weights: log2 of the prior odds plus, per field, log2(m / u) of the level the pair reached
 * (log2 Bayes factors add up because Fellegi–Sunter takes fields as independent given the match
 * status). An exact agreement on a term-frequency field uses the value's own share as u.
 */
import { Invalid } from '../../platform/errors.js';
import type { PairList } from './compare-pairs.js';
import type { LinkModel } from './model.js';
import type { PreparedTable } from './prepare.js';
import { compareField } from './prepare.js';

export interface Weights {
  /** log2 prior odds. */
  readonly prior: number;
  /** Per field, weight by stored level (0 for missing). */
  readonly levels: readonly Float64Array[];
  /** Per field, the exact-level weight per value code, or null when the field has no term frequencies. */
  readonly exact: readonly (Float64Array | null)[];
}

/** Per-field weight tables of `model` for the values of `p` (which must use the model's fields). */
export function weightTables(model: LinkModel, p: PreparedTable): Weights {
  if (model.fields.length !== p.fields.length) throw new Invalid('the model and the records have different fields', { model: 'fields' }, 'model_mismatch');
  const levels = model.fields.map((fm, f) => {
    const field = p.fields[f];
    if (fm.column !== field.spec.column || fm.labels.join() !== field.comparison.labels.join()) {
      throw new Invalid(`the model’s field ${fm.column} (${fm.labels.join('/')}) does not match ${field.spec.column} (${field.comparison.labels.join('/')}); train again`, { model: fm.column }, 'model_mismatch');
    }
    return Float64Array.from(fm.m, (m, l) => (l === 0 ? 0 : Math.log2(Math.max(m, 1e-12) / Math.max(fm.u[l], 1e-12))));
  });
  const exact = model.fields.map((fm, f) => {
    if (!fm.tf) return null;
    const tf = new Map(Object.entries(fm.tf.values));
    const unseen = fm.tf.unseen;
    return Float64Array.from(p.fields[f].values, (v) => Math.log2(Math.max(fm.m[1], 1e-12) / Math.max(tf.get(v) ?? unseen, 1e-12)));
  });
  return { prior: Math.log2(model.prior / (1 - model.prior)), levels, exact };
}

/** Match weight of every pair; `levels` from comparePairs when already computed. */
export function scorePairs(w: Weights, p: PreparedTable, pairs: PairList, levels?: Uint8Array): Float64Array {
  const n = pairs.count;
  const out = new Float64Array(n).fill(w.prior);
  p.fields.forEach((field, f) => {
    const table = w.levels[f];
    const exact = w.exact[f];
    for (let i = 0; i < n; i++) {
      const l = levels ? levels[f * n + i] : compareField(field, pairs.a[i], pairs.b[i]);
      out[i] += l === 1 && exact ? exact[field.codes[pairs.a[i]]] : table[l];
    }
  });
  return out;
}

/** Match weight of one pair of records. */
export function scoreRecords(w: Weights, p: PreparedTable, a: number, b: number): number {
  let s = w.prior;
  for (let f = 0; f < p.fields.length; f++) {
    const l = compareField(p.fields[f], a, b);
    const exact = w.exact[f];
    s += l === 1 && exact ? exact[p.fields[f].codes[a]] : w.levels[f][l];
  }
  return s;
}

/** Probability from a match weight: 2^w / (1 + 2^w). */
export function matchProbability(weight: number): number {
  return 1 / (1 + 2 ** -weight);
}

/** The weight at which a pair reaches match probability `p`. */
export function weightForProbability(p: number): number {
  return Math.log2(p / (1 - p));
}
