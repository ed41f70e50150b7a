/**
 * Why two records were (or were not) linked: the prior and each field's level and log2 Bayes
 * factor, which add up to the match weight (a waterfall chart reads straight off this).
 */
import { Invalid } from '../../platform/errors.js';
import type { LinkModel } from './model.js';
import { compareField, type PreparedTable } from './prepare.js';
import { matchProbability, type Weights } from './score.js';

export interface FieldContribution {
  readonly column: string;
  readonly type: string;
  /** Trimmed raw values of the two records ('' when empty). */
  readonly valueA: string;
  readonly valueB: string;
  /** 'missing' when either value is missing (weight 0). */
  readonly level: string;
  readonly m: number | null;
  readonly u: number | null;
  /** log2(m / u), with u the value's term frequency on an exact agreement of an adjusted field. */
  readonly weight: number;
  readonly termFrequencyAdjusted: boolean;
}

export interface Explanation {
  readonly a: string;
  readonly b: string;
  /** log2 prior odds that two random records match. */
  readonly prior: number;
  readonly fields: readonly FieldContribution[];
  /** prior + Σ field weights. */
  readonly weight: number;
  readonly probability: number;
}

/** Explains the pair of records at indices `a` and `b` of `p`. */
export function explainPair(model: LinkModel, w: Weights, p: PreparedTable, a: number, b: number): Explanation {
  const fields = p.fields.map((field, f): FieldContribution => {
    const fm = model.fields[f];
    const col = p.table.columns.get(field.spec.column)!;
    const raw = (r: number) => (col.codes[r] < 0 ? '' : col.values[col.codes[r]]);
    const level = compareField(field, a, b);
    const tf = level === 1 && w.exact[f] !== null;
    const weight = tf ? w.exact[f]![field.codes[a]] : w.levels[f][level];
    return {
      column: field.spec.column,
      type: field.spec.type,
      valueA: raw(a),
      valueB: raw(b),
      level: level === 0 ? 'missing' : fm.labels[level - 1],
      m: level === 0 ? null : fm.m[level],
      u: level === 0 ? null : tf ? fm.m[level] / 2 ** weight : fm.u[level],
      weight,
      termFrequencyAdjusted: tf,
    };
  });
  const weight = fields.reduce((s, f) => s + f.weight, w.prior);
  return { a: p.table.ids[a], b: p.table.ids[b], prior: w.prior, fields, weight, probability: matchProbability(weight) };
}

/**
 * Explains two records named by id (in a two-file run the first record with that id, unless
 * `source` 0 or 1 says which file's). Throws Invalid for an unknown id.
 */
export function explainIds(run: { model: LinkModel; weights: Weights; prepared: PreparedTable }, idA: string, idB: string, source?: { a?: 0 | 1; b?: 0 | 1 }): Explanation {
  const { ids, source: src } = run.prepared.table;
  const find = (id: string, s: 0 | 1 | undefined) => {
    for (let i = 0; i < ids.length; i++) if (ids[i] === id && (s === undefined || src[i] === s)) return i;
    throw new Invalid(`no record with id "${id}"`, { id: 'unknown id' }, 'unknown_id');
  };
  return explainPair(run.model, run.weights, run.prepared, find(idA, source?.a), find(idB, source?.b));
}
