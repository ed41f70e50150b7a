/** Pairwise precision, recall and F1 of a clustering against known entities (benchmarks, tests). */

export interface PairwiseScores {
  readonly truePairs: number;
  readonly predictedPairs: number;
  readonly correctPairs: number;
  readonly precision: number;
  readonly recall: number;
  readonly f1: number;
}

/** `predicted[r]` and `truth[r]` are cluster labels of record r; pairs are counted, never listed. */
export function pairwiseScores(predicted: ArrayLike<number | string>, truth: ArrayLike<number | string>): PairwiseScores {
  const pairsIn = (counts: Map<string, number>) => [...counts.values()].reduce((s, c) => s + (c * (c - 1)) / 2, 0);
  const pred = new Map<string, number>();
  const real = new Map<string, number>();
  const both = new Map<string, number>();
  for (let r = 0; r < predicted.length; r++) {
    const p = String(predicted[r]);
    const t = String(truth[r]);
    pred.set(p, (pred.get(p) ?? 0) + 1);
    real.set(t, (real.get(t) ?? 0) + 1);
    const k = `${p}\u0000${t}`;
    both.set(k, (both.get(k) ?? 0) + 1);
  }
  const predictedPairs = pairsIn(pred);
  const truePairs = pairsIn(real);
  const correctPairs = pairsIn(both);
  const precision = predictedPairs ? correctPairs / predictedPairs : 1;
  const recall = truePairs ? correctPairs / truePairs : 1;
  const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
  return { truePairs, predictedPairs, correctPairs, precision, recall, f1 };
}
